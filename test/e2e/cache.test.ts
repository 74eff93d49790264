import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { cacheRepoTest as it, hookIn, makeCheckedRepo, readCallFiles, readCalls } from '../helpers/cache-repo.js';
import { statusesOf, waitUntil } from '../helpers/e2e.js';
import { fixtureHook } from '../helpers/paths.js';

const RECORD = fixtureHook('record-check.sh');

describe.concurrent('the result cache', () => {
  it('spawns no hook on a warm run with nothing changed and replays the cold run exactly', async ({ makeRepo }) => {
    const { repo, checkLog, projectLog } = await makeCheckedRepo(makeRepo);

    const cold = await repo.runJson();
    expect(cold.run.code).toBe(1);
    expect(readCalls(checkLog)).toHaveLength(1);
    expect(readCalls(projectLog)).toHaveLength(1);
    expect(hookIn(cold.report, 'check')).toMatchObject({ status: 'failed', cached: false, files: 3, files_cached: 0, files_run: 3, batches: 1 });

    const warm = await repo.runText();

    expect(warm.run.code).toBe(1);
    expect(warm.run.stderr).toBe('');
    expect(readCalls(checkLog)).toHaveLength(1);
    expect(readCalls(projectLog)).toHaveLength(1);
    for (const hook of warm.report.hooks) {
      expect(hook, hook.name).toMatchObject({ cached: true, duration_ms: 0, batches: 0 });
    }
    expect(statusesOf(warm.report)).toEqual(statusesOf(cold.report));
    expect(statusesOf(warm.report)).toEqual({ check: 'failed', project: 'failed' });
    expect(warm.report.diagnostics).toEqual(cold.report.diagnostics);
    expect(warm.report.diagnostics.map((d) => `${d.hook} ${d.file}:${d.line}`)).toEqual(['check b.txt:2', 'project b.txt:2']);
    expect(warm.report.hooks.map((hook) => hook.diagnostics)).toEqual(cold.report.hooks.map((hook) => hook.diagnostics));
    expect(hookIn(warm.report, 'check')).toMatchObject({ files: 3, files_cached: 3, files_run: 0 });
    // A project-level hook answers for each file it matches: 3 + 3 either way.
    expect(warm.report.summary).toMatchObject({ failed: 2, files_cached: 6, files_run: 0, cache_hit_rate: 1 });
    expect(cold.report.summary).toMatchObject({ files_cached: 0, files_run: 6, cache_hit_rate: 0 });
    // The text output says so, and still lists the diagnostics.
    expect(warm.run.stdout).toMatch(/^FAIL {2}check {2}cached {2}1 diagnostic/m);
    expect(warm.run.stdout).toMatch(/^b\.txt:2:1 error BAD found \[check\]$/m);
    expect(warm.run.stdout).toMatch(/^b\.txt:2:1 error BAD found \[project\]$/m);
  });

  it('re-runs a file-level hook on just the file that changed, serving the others from the cache', async ({ makeRepo }) => {
    const { repo, checkLog, projectLog } = await makeCheckedRepo(makeRepo);
    await repo.runJson();

    repo.write('b.txt', 'beta\nfine now\n');
    const { run, report } = await repo.runJson();

    expect(run.code).toBe(0);
    expect(readCallFiles(checkLog)).toEqual([['a.txt', 'b.txt', 'c.txt'], ['b.txt']]);
    expect(hookIn(report, 'check')).toMatchObject({ status: 'passed', cached: false, files: 3, files_cached: 2, files_run: 1, batches: 1, diagnostics: 0 });
    expect(report.diagnostics).toEqual([]);
    // The project-level hook covers every file: any change runs it again.
    expect(readCalls(projectLog)).toHaveLength(2);
    expect(hookIn(report, 'project')).toMatchObject({ status: 'passed', cached: false });
    // The project-level hook ran again, for its 3 files: 2 cached of 6.
    expect(report.summary).toMatchObject({ files_cached: 2, files_run: 4, cache_hit_rate: 0.3333 });
  });

  it('runs everything again with --no-cache, and the results refresh the cache', async ({ makeRepo }) => {
    const { repo, checkLog, projectLog } = await makeCheckedRepo(makeRepo);
    await repo.runJson();
    repo.write('a.txt', 'alpha changed\n');

    const uncached = await repo.runJson(['--no-cache']);

    expect(readCallFiles(checkLog)).toEqual([['a.txt', 'b.txt', 'c.txt'], ['a.txt', 'b.txt', 'c.txt']]);
    expect(readCalls(projectLog)).toHaveLength(2);
    expect(hookIn(uncached.report, 'check')).toMatchObject({ cached: false, files_cached: 0, files_run: 3 });
    expect(uncached.report.summary.cache_hit_rate).toBe(0);

    const warm = await repo.runJson();
    expect(readCalls(checkLog)).toHaveLength(2);
    expect(readCalls(projectLog)).toHaveLength(2);
    expect(warm.report.hooks.every((hook) => hook.cached)).toBe(true);
    expect(warm.report.diagnostics).toEqual(uncached.report.diagnostics);
  });

  it('runs a hook again on every file when one of its cache_inputs appears or changes, and leaves other hooks cached', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const withInput = repo.logDir('with-input');
    const without = repo.logDir('without');
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'b\n');
    repo.writeConfig({
      max_workers: 1,
      hooks: [
        { name: 'configured', command: [RECORD, withInput], files: ['*.txt'], cache_inputs: ['lint.cfg'] },
        { name: 'plain', command: [RECORD, without], files: ['*.txt'] },
      ],
    });
    await repo.runJson();

    repo.write('lint.cfg', 'strict = false\n');
    const created = await repo.runJson();
    expect(readCallFiles(withInput)).toEqual([['a.txt', 'b.txt'], ['a.txt', 'b.txt']]);
    expect(hookIn(created.report, 'configured')).toMatchObject({ cached: false, files_run: 2 });
    expect(readCalls(without)).toHaveLength(1);
    expect(hookIn(created.report, 'plain').cached).toBe(true);

    repo.write('lint.cfg', 'strict = true\n');
    await repo.runJson();
    expect(readCalls(withInput)).toHaveLength(3);

    repo.write('lint.cfg', 'strict = false\n');
    const restored = await repo.runJson();
    // Back to content seen before: those results are still in the cache.
    expect(readCalls(withInput)).toHaveLength(3);
    expect(hookIn(restored.report, 'configured').cached).toBe(true);
    expect(readCalls(without)).toHaveLength(1);
  });

  it("runs a hook again when its command changes, and leaves other hooks' results alone", async ({ makeRepo }) => {
    const { repo, checkLog, projectLog } = await makeCheckedRepo(makeRepo);
    await repo.runJson();

    // The same script, started through sh: the argv differs, the behaviour does not.
    repo.writeConfig({
      max_workers: 1,
      hooks: [
        { name: 'check', command: ['sh', RECORD, checkLog], files: ['*.txt'] },
        { name: 'project', command: [RECORD, projectLog], files: ['*.txt'], pass_files: false },
      ],
    });
    const { report } = await repo.runJson();

    expect(readCallFiles(checkLog)).toEqual([['a.txt', 'b.txt', 'c.txt'], ['a.txt', 'b.txt', 'c.txt']]);
    expect(hookIn(report, 'check')).toMatchObject({ cached: false, files_run: 3, status: 'failed', diagnostics: 1 });
    expect(readCalls(projectLog)).toHaveLength(1);
    expect(hookIn(report, 'project').cached).toBe(true);
  });

  it('runs a hook again when its environment changes', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    repo.write('a.txt', 'a\n');
    const config = (value: string): object => ({ max_workers: 1, hooks: [{ name: 'check', command: [RECORD, log], files: ['*.txt'], env: { SETTING: value } }] });
    repo.writeConfig(config('one'));
    await repo.runJson();
    repo.writeConfig(config('two'));
    const { report } = await repo.runJson();
    expect(readCalls(log)).toHaveLength(2);
    expect(hookIn(report, 'check').cached).toBe(false);
  });

  it('caches a project-level hook on the content of all its files and runs it again when any changes', async ({ makeRepo }) => {
    const { repo, projectLog } = await makeCheckedRepo(makeRepo);
    await repo.runJson();
    expect(readCalls(projectLog)).toEqual([[]]);

    // A file the hook does not match changes: still cached.
    repo.write('notes.md', 'changed notes\n');
    expect(hookIn((await repo.runJson()).report, 'project').cached).toBe(true);
    expect(readCalls(projectLog)).toHaveLength(1);

    repo.write('a.txt', 'alpha 2\n');
    const changed = await repo.runJson();
    expect(readCalls(projectLog)).toHaveLength(2);
    expect(hookIn(changed.report, 'project')).toMatchObject({ cached: false, batches: 1, status: 'failed', files_cached: 0, files_run: 3 });

    repo.write('d.txt', 'a new file\n');
    await repo.runJson();
    expect(readCalls(projectLog)).toHaveLength(3);
  });

  it('keys a project-level hook on every file it matches, even when the run names only some of them', async ({ makeRepo }) => {
    const { repo, projectLog } = await makeCheckedRepo(makeRepo);
    await repo.runJson(['a.txt']);
    await repo.runJson(['a.txt']);
    expect(readCalls(projectLog)).toHaveLength(1);

    // b.txt is not named, but the project-level hook checks it: fixing it must show.
    repo.write('b.txt', 'beta\nfine now\n');
    const { run, report } = await repo.runJson(['a.txt']);

    expect(readCalls(projectLog)).toHaveLength(2);
    expect(hookIn(report, 'project')).toMatchObject({ status: 'passed', cached: false });
    expect(run.code).toBe(0);
  });

  it('caches a failing file-level result with its diagnostics and replays them on the next run', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    repo.write('one.txt', 'BAD\nok\nBAD again\n');
    repo.write('two.txt', 'ok\n');
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'check', command: [RECORD, log], files: ['*.txt'] }] });
    const cold = await repo.runJson();

    const warm = await repo.runJson();

    expect(readCalls(log)).toHaveLength(1);
    expect(warm.run.code).toBe(1);
    expect(hookIn(warm.report, 'check')).toMatchObject({ status: 'failed', cached: true, diagnostics: 2, reason: '1 file failed (cached results)' });
    expect(warm.report.diagnostics).toEqual(cold.report.diagnostics);
    expect(warm.report.diagnostics).toEqual([
      { hook: 'check', file: 'one.txt', line: 1, column: 1, end_line: null, end_column: null, severity: 'error', code: null, message: 'BAD found' },
      { hook: 'check', file: 'one.txt', line: 3, column: 1, end_line: null, end_column: null, severity: 'error', code: null, message: 'BAD found' },
    ]);
  });

  // Bug (engine/coordinate/execute-phase.ts, storeVerdict): a batch's verdict is stored under the
  // content hashes taken while planning, without checking the files still have that content when
  // the hook is done. A file edited while its hook runs gets the verdict on the new content filed
  // under the old one, which is served as soon as the old content is back (undo, stash, checkout).
  it('never files a verdict under content the hook did not see: a file edited while its hook runs', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    const go = path.join(repo.scratch, 'go');
    repo.write('a.txt', 'BAD\n');
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'check', command: [RECORD, log], files: ['*.txt'], env: { HOOK_WAIT_FOR: go } }] });

    const running = repo.runJson();
    // The hook has started, so gauntlet has hashed a.txt; the user saves a fix meanwhile.
    expect(await waitUntil(() => readCalls(log).length === 1, 10_000)).toBe(true);
    repo.write('a.txt', 'fine\n');
    writeFileSync(go, '');
    const first = await running;
    expect(hookIn(first.report, 'check').status).toBe('passed');

    // Back to the content that was hashed: it holds BAD, so the hook must fail.
    repo.write('a.txt', 'BAD\n');
    const { report } = await repo.runJson();
    expect(hookIn(report, 'check').status).toBe('failed');
  });

  it('keeps the results of two runs that ran at once', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const logs = { one: repo.logDir('one'), two: repo.logDir('two') };
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'b\n');
    repo.writeConfig({
      max_workers: 1,
      hooks: Object.entries(logs).map(([name, log]) => ({ name, command: [RECORD, log], files: ['*.txt'], env: { HOOK_SLEEP: '0.3' } })),
    });

    const [one, two] = await Promise.all([repo.runJson(['-t', 'one']), repo.runJson(['-t', 'two'])]);
    expect([one.run.code, two.run.code]).toEqual([0, 0]);

    const { report } = await repo.runJson();
    expect(Object.fromEntries(report.hooks.map((hook) => [hook.name, hook.cached]))).toEqual({ one: true, two: true });
    expect(readCalls(logs.one)).toHaveLength(1);
    expect(readCalls(logs.two)).toHaveLength(1);
  });

  it('caches nothing from a hook that times out', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    repo.write('a.txt', 'a\n');
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'slow', command: [RECORD, log], files: ['*.txt'], timeout: 0.3, env: { HOOK_SLEEP: '10' } }] });

    const first = await repo.runJson();
    const second = await repo.runJson();

    expect(hookIn(first.report, 'slow').status).toBe('timeout');
    expect(hookIn(second.report, 'slow')).toMatchObject({ status: 'timeout', cached: false, files_cached: 0, batches: 1 });
    expect(readCalls(log)).toHaveLength(2);
  });

  it('caches nothing from a hook that crashes on a signal', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    repo.write('a.txt', 'a\n');
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'crashy', command: [RECORD, log], files: ['*.txt'], env: { HOOK_CRASH: '1' } }] });

    const first = await repo.runJson();
    const second = await repo.runJson();

    expect(hookIn(first.report, 'crashy')).toMatchObject({ status: 'failed', reason: expect.stringContaining('SIGSEGV') as string });
    expect(hookIn(second.report, 'crashy')).toMatchObject({ status: 'failed', cached: false, files_cached: 0 });
    expect(readCalls(log)).toHaveLength(2);
  });

});
