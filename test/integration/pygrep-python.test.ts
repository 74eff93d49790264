import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveProgram } from '../../engine/cache/tool-identity.js';
import { hasTool } from '../helpers/external-tools.js';
import { PYGREP_CASES, printCase } from '../helpers/pygrep-cases.js';

const execFileAsync = promisify(execFile);
const HAS_PRE_COMMIT = hasTool('pre-commit');
const folder = mkdtempSync(path.join(tmpdir(), 'gauntlet-pygrep-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The Python that runs pre-commit (its script's `#!` line), which has pre-commit's pygrep module. */
async function findPreCommitPython(): Promise<string> {
  const script = await resolveProgram('pre-commit', process.cwd(), process.env.PATH);
  const shebang = /^#!(\S+)/.exec(readFileSync(script ?? '', 'utf8'))?.[1];
  if (shebang === undefined) throw new Error(`no #! line in ${script ?? 'pre-commit'}`);
  return shebang;
}

/** What pre-commit's own pygrep prints for a case (`python -m pre_commit.languages.pygrep`). */
async function runPythonPygrep(python: string, entry: string, args: readonly string[], file: string): Promise<string> {
  try {
    return (await execFileAsync(python, ['-m', 'pre_commit.languages.pygrep', ...args, entry, file], { cwd: folder, encoding: 'utf8' })).stdout;
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (failed.code !== 1) throw new Error(`pygrep ended with ${String(failed.code)}: ${failed.stderr ?? ''}`, { cause: error });
    return failed.stdout ?? '';
  }
}

describe.runIf(HAS_PRE_COMMIT)('gauntlet\'s pygrep next to pre-commit\'s', () => {
  it.each(PYGREP_CASES)('prints what pre-commit prints: $name', async ({ name, entry, args, content, printed }) => {
    const python = await findPreCommitPython();
    const file = `${PYGREP_CASES.findIndex((row) => row.name === name)}.txt`;
    writeFileSync(path.join(folder, file), content);
    const expected = await runPythonPygrep(python, entry, args ?? [], file);
    expect(printCase(entry, args ?? [], file, Buffer.from(content))).toBe(expected);
    expect(expected).toBe(printed.replaceAll('f.txt', file));
  });
});
