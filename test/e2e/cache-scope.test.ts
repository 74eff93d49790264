import { describe, expect } from 'vitest';
import { cacheRepoTest as it, hookIn, readCallFiles, readCalls } from '../helpers/cache-repo.js';
import { fixtureHook } from '../helpers/paths.js';

const RECORD = fixtureHook('record-check.sh');

describe.concurrent('the `cache:` field of a hook', () => {
  it('runs a hook with `cache: off` on every run, even with nothing changed', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'BAD\n');
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'fresh', command: [RECORD, log], files: ['*.txt'], cache: 'off' }] });

    const runs = [await repo.runJson(), await repo.runJson(), await repo.runJson()];

    expect(readCalls(log)).toHaveLength(3);
    for (const { run, report } of runs) {
      expect(run.code).toBe(1);
      expect(hookIn(report, 'fresh')).toMatchObject({ status: 'failed', cached: false, files_cached: 0, files_run: 2, diagnostics: 1 });
    }
  });

  it('runs a hook with `cache: project` on all its files when any changes, and not at all when none does', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'b\n');
    repo.write('c.txt', 'c\n');
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'whole', command: [RECORD, log], files: ['*.txt'], cache: 'project' }] });
    await repo.runJson();

    const warm = await repo.runJson();
    expect(hookIn(warm.report, 'whole')).toMatchObject({ cached: true, batches: 0 });

    repo.write('b.txt', 'BAD\n');
    const changed = await repo.runJson();

    // It is still given its files, all of them.
    expect(readCallFiles(log)).toEqual([['a.txt', 'b.txt', 'c.txt'], ['a.txt', 'b.txt', 'c.txt']]);
    expect(hookIn(changed.report, 'whole')).toMatchObject({ status: 'failed', cached: false, files_cached: 0, files_run: 3 });
    expect(changed.report.diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual(['b.txt:1']);

    // Back to content seen before: that whole result is served again.
    repo.write('b.txt', 'b\n');
    const restored = await repo.runJson();
    expect(hookIn(restored.report, 'whole')).toMatchObject({ status: 'passed', cached: true });
    expect(readCalls(log)).toHaveLength(2);
  });

  it('never stores a `cache: project` result from a run over some of its files, nor serves one to such a run', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'BAD\n');
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'whole', command: [RECORD, log], files: ['*.txt'], cache: 'project' }] });

    const partial = await repo.runJson(['a.txt']);
    expect(hookIn(partial.report, 'whole')).toMatchObject({ status: 'passed', cached: false });
    expect(readCallFiles(log)).toEqual([['a.txt']]);

    const full = await repo.runJson();
    expect(hookIn(full.report, 'whole')).toMatchObject({ status: 'failed', cached: false, files_run: 2 });

    const partialAgain = await repo.runJson(['a.txt']);
    expect(hookIn(partialAgain.report, 'whole')).toMatchObject({ status: 'passed', cached: false });
    expect(readCallFiles(log)).toEqual([['a.txt'], ['a.txt'], ['a.txt', 'b.txt']]);
  });

  it('rejects an unknown `cache:` value in one line naming the hook field', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('a.txt', 'a\n');
    repo.writeConfig({ hooks: [{ name: 'check', command: [RECORD, repo.logDir('log')], files: ['*.txt'], cache: 'sometimes' }] });

    const { code, stdout, stderr } = await repo.run(['run']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^gauntlet\.yaml:\d+:\d+: hooks\[0\]\.cache: /);
    expect(stderr).toMatch(/file.*project.*off/);
  });
});
