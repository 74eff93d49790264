import { chmodSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { MakeRepo, TempRepo } from './e2e.js';
import { filesPerHook, readRecords } from './external-tools.js';

// The import tests' repository and runs: gauntlet runs a foreign config with every hook recording the files it gets.

/** A repository with something for every kind of selection: lint errors, a symlink, an executable script, binary files. */
export async function makeFixtureRepo(makeRepo: MakeRepo): Promise<TempRepo> {
  const repo = await makeRepo();
  repo.write('a.py', 'import os\n\nprint(os.name)\n');
  repo.write('bad.py', 'import os\n');
  repo.write('src/c.py', 'print("c")\n');
  repo.write('src/sp ace.py', 'print("space")\n');
  repo.write('src/deep/d.py', 'print("d")\n');
  repo.write('docs/conf.py', 'import sys\n');
  repo.write('scripts/ok.sh', '#!/bin/sh\necho "$1"\n');
  repo.write('scripts/bad.sh', '#!/bin/sh\necho $1\n');
  repo.write('bin/tool', '#!/bin/sh\necho tool\n');
  chmodSync(path.join(repo.root, 'bin/tool'), 0o755);
  repo.write('notes.md', 'TODO: write the notes\n');
  repo.write('README.md', '# readme\n');
  repo.write('img.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]));
  repo.write('blob.dat', Buffer.from([0x00, 0x01, 0x02, 0x03]));
  symlinkSync('a.py', path.join(repo.root, 'link.py'));
  return repo;
}

/** The names of the hooks a gauntlet report says failed. */
export function gauntletFailures(stdout: string): string[] {
  const report = JSON.parse(stdout) as { hooks: { name: string; status: string }[] };
  return report.hooks.filter((hook) => hook.status === 'failed').map((hook) => hook.name).sort();
}

export async function runGauntletRecorded(repo: TempRepo, config: string, code = 1): Promise<{ failed: string[]; files: Record<string, string[]>; records: Map<string, string[][]>; stderr: string }> {
  const dir = repo.scratchDir('gauntlet-records');
  const result = await repo.run(['run', '--config', config, '--format', 'json', '--no-cache'], { env: { RECORD_DIR: dir } });
  expect(result.code, result.stderr).toBe(code);
  const records = readRecords(dir);
  return { failed: gauntletFailures(result.stdout), files: filesPerHook(records), records, stderr: result.stderr };
}
