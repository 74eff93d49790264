import { describe, expect } from 'vitest';
import { hookOf, repoTest as it, type TempRepo } from '../helpers/e2e.js';

/** Prints past the 1 MiB output cap, a finding on a.py before the cut and one on b.py after it. */
const CUT_SCRIPT = [
  'for f; do [ "$f" = a.py ] && echo "$f:1:1: error: early"; done',
  "head -c 1200000 /dev/zero | tr '\\0' x",
  'echo',
  'for f; do [ "$f" = b.py ] && echo "$f:1:1: error: late"; done',
  'exit "$STATUS"',
].join('\n');

async function writeCutRepo(repo: TempRepo, status: number, extra: object = {}): Promise<void> {
  repo.writeConfig({ hooks: [{ name: 'cut', command: ['sh', '-c', CUT_SCRIPT, 'cut'], env: { STATUS: String(status) }, files: ['*.py'], ...extra }] });
  for (const file of ['a.py', 'b.py', 'c.py']) repo.write(file, `# ${file}\n`);
  await repo.commitAll();
}

describe.concurrent('a hook whose output passes the cap', () => {
  it('keeps every file of a batch that passed: its exit code alone judged it', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await writeCutRepo(repo, 0);
    const first = await repo.runJson(['--serial']);
    expect(first.result.code).toBe(0);
    const second = await repo.runJson(['--serial']);
    expect(hookOf(second.report, 'cut').files_cached).toBe(3);
    expect(hookOf(second.report, 'cut').files_run).toBe(0);
  });

  it('keeps of a failed batch only the file whose finding it kept, and runs the others again', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await writeCutRepo(repo, 1);
    const first = await repo.runJson(['--serial']);
    expect(first.result.code).toBe(1);
    expect(first.report.diagnostics.map((diagnostic) => diagnostic.file)).toEqual(['a.py']);
    const second = await repo.runJson(['--serial']);
    expect(hookOf(second.report, 'cut').files_cached).toBe(1);
    expect(hookOf(second.report, 'cut').files_run).toBe(2);
    expect(second.report.diagnostics.map((diagnostic) => `${diagnostic.file} ${diagnostic.message}`)).toEqual(['a.py early']);
  });

  it('keeps nothing when the findings decide the verdict (fail_on_diagnostics)', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await writeCutRepo(repo, 0, { fail_on_diagnostics: true });
    await repo.runJson(['--serial']);
    const second = await repo.runJson(['--serial']);
    expect(hookOf(second.report, 'cut').files_cached).toBe(0);
  });
});
