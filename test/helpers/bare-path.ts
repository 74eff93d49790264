import { realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { resolveProgram } from '../../engine/cache/tool-identity.js';
import type { TempRepo } from './e2e.js';

/** A PATH holding only `programs` (git and sh by default): a machine without pre-commit or prek. */
export async function makeBarePath(repo: TempRepo, programs: readonly string[] = ['git', 'sh']): Promise<string> {
  const bin = repo.scratchDir('bare-bin');
  for (const program of programs) {
    const found = await resolveProgram(program, repo.root, process.env.PATH);
    if (found === null) throw new Error(`${program} is not on PATH`);
    symlinkSync(realpathSync(found), path.join(bin, program));
  }
  return bin;
}
