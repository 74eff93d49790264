import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import { CacheRepo, cacheRepoTest as it, hookIn, readCalls } from '../helpers/cache-repo.js';
import { fixtureHook } from '../helpers/paths.js';

const RECORD = fixtureHook('record-check.sh');
const UPCASE = fixtureHook('upcase.sh');
const SHOW = fixtureHook('show-files.sh');
const CACHE_FILE = '.gauntlet/cache.msgpack';

/** What `gauntlet cache stats --format json` prints. */
interface CacheStatsJson {
  schema: string;
  file: string;
  bytes: number;
  entries: number;
  files: number;
  last_run: { lookups: number; hits: number; hit_rate: number | null };
}

/**
 * Three text files, one with a BAD line, checked by a file-level hook and a project-level hook,
 * both recording their invocations.
 */
async function makeCheckedRepo(makeRepo: () => Promise<CacheRepo>): Promise<{ repo: CacheRepo; checkLog: string; projectLog: string }> {
  const repo = await makeRepo();
  const checkLog = repo.logDir('check');
  const projectLog = repo.logDir('project');
  repo.write('a.txt', 'alpha\n');
  repo.write('b.txt', 'beta\nBAD line\n');
  repo.write('c.txt', 'gamma\n');
  repo.write('notes.md', 'not checked\n');
  repo.writeConfig({
    max_workers: 1,
    hooks: [
      { name: 'check', command: [RECORD, checkLog], files: ['*.txt'] },
      { name: 'project', command: [RECORD, projectLog], files: ['*.txt'], pass_files: false },
    ],
  });
  return { repo, checkLog, projectLog };
}

/** The files of every invocation, sorted, one list per invocation. */
function callFiles(log: string): string[][] {
  return readCalls(log)
    .map((argv) => [...argv].sort())
    .sort((a, b) => a.join('\n').localeCompare(b.join('\n')));
}

function statusesOf(report: RunReport): Record<string, string> {
  return Object.fromEntries(report.hooks.map((hook) => [hook.name, hook.status]));
}

async function readStats(repo: CacheRepo): Promise<CacheStatsJson> {
  const result = await repo.run(['cache', 'stats', '--format', 'json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as CacheStatsJson;
}

/** Polls until `check` is true; false when the time is up. */
async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() >= deadline) return false;
    await sleep(20);
  }
  return true;
}

function warningLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('gauntlet: warning:'));
}

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
    expect(callFiles(checkLog)).toEqual([['a.txt', 'b.txt', 'c.txt'], ['b.txt']]);
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

    expect(callFiles(checkLog)).toEqual([['a.txt', 'b.txt', 'c.txt'], ['a.txt', 'b.txt', 'c.txt']]);
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
    expect(callFiles(withInput)).toEqual([['a.txt', 'b.txt'], ['a.txt', 'b.txt']]);
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

    expect(callFiles(checkLog)).toEqual([['a.txt', 'b.txt', 'c.txt'], ['a.txt', 'b.txt', 'c.txt']]);
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

  it('caches nothing from a hook whose worker crashed, and runs it in full next time', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'b\n');
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'check', command: [RECORD, log], files: ['*.txt'] }] });

    const crashed = await repo.runJson([], { GAUNTLET_FAILPOINT_CRASH_WORKER: 'check' });
    expect(hookIn(crashed.report, 'check').status).toBe('error');

    const next = await repo.runJson();
    expect(hookIn(next.report, 'check')).toMatchObject({ status: 'passed', cached: false, files_cached: 0, files_run: 2 });
  });

});

describe.concurrent('gauntlet cache', () => {
  it('stats shows entries, file stamps and the hit rate of the last run, as text and JSON', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    for (const name of ['a', 'b', 'c']) repo.write(`${name}.txt`, `${name}\n`);
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'check', command: [RECORD, log], files: ['*.txt'] }] });

    const empty = await repo.run(['cache', 'stats']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('entries    0 results, 0 file stamps\n');
    expect(empty.stdout).toContain('last run   no lookups\n');

    await repo.runJson();
    const cold = await readStats(repo);
    expect(cold).toMatchObject({ schema: 'gauntlet-cache/1', entries: 3, files: 3, last_run: { lookups: 3, hits: 0, hit_rate: 0 } });
    expect(cold.file).toBe(path.join(repo.root, CACHE_FILE));
    expect(cold.bytes).toBeGreaterThan(0);

    await repo.runJson();
    expect(await readStats(repo)).toMatchObject({ entries: 3, files: 3, last_run: { lookups: 3, hits: 3, hit_rate: 1 } });

    const text = await repo.run(['cache', 'stats']);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(`file       ${path.join(repo.root, CACHE_FILE)}`);
    expect(lines[1]).toMatch(/^size {7}\d+\.\d KiB$/);
    expect(lines[2]).toBe('entries    3 results, 3 file stamps');
    expect(lines[3]).toBe('last run   100.0% hit rate (3 of 3 lookups)');
  });

  it('clear forgets every result, so the next run spawns every hook again', async ({ makeRepo }) => {
    const { repo, checkLog, projectLog } = await makeCheckedRepo(makeRepo);
    await repo.runJson();
    expect(existsSync(path.join(repo.root, CACHE_FILE))).toBe(true);

    const cleared = await repo.run(['cache', 'clear']);

    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toBe(`cache cleared: ${path.join(repo.root, CACHE_FILE)}\n`);
    expect(existsSync(path.join(repo.root, CACHE_FILE))).toBe(false);

    const { report } = await repo.runJson();
    expect(readCalls(checkLog)).toHaveLength(2);
    expect(readCalls(projectLog)).toHaveLength(2);
    expect(report.hooks.every((hook) => !hook.cached)).toBe(true);
  });

  it('treats a corrupted cache file as one warning line and an empty cache, and the run works', async ({ makeRepo }) => {
    const { repo, checkLog } = await makeCheckedRepo(makeRepo);
    const cold = await repo.runJson();
    const file = path.join(repo.root, CACHE_FILE);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));

    const damaged = await repo.runJson();

    expect(damaged.run.code).toBe(1);
    const warnings = warningLines(damaged.run.stderr);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^gauntlet: warning: \.gauntlet\/cache\.msgpack: .*starting with an empty cache$/);
    expect(damaged.run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readCalls(checkLog)).toHaveLength(2);
    expect(damaged.report.diagnostics).toEqual(cold.report.diagnostics);

    // The run rewrote a good cache.
    const after = await repo.runJson();
    expect(after.run.stderr).toBe('');
    expect(readCalls(checkLog)).toHaveLength(2);
    expect(after.report.hooks.every((hook) => hook.cached)).toBe(true);
  });

  it('treats a foreign file in place of the cache as one warning line in stats too', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'check', command: [RECORD, repo.logDir('log')] }] });
    repo.write(CACHE_FILE, 'this is not msgpack at all\n');
    const stats = await repo.run(['cache', 'stats', '--format', 'json']);
    expect(stats.code).toBe(0);
    expect(warningLines(stats.stderr)).toHaveLength(1);
    expect(stats.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(stats.stdout)).toMatchObject({ entries: 0, files: 0 });
  });
});

describe.concurrent('hooks that modify files', () => {
  /** A fixer that uppercases *.txt, and a checker that prints what it reads. */
  function writeFixerConfig(repo: CacheRepo, fixerLog: string, fixer: object = {}): void {
    repo.writeConfig({
      max_workers: 2,
      hooks: [
        { name: 'show', command: [SHOW], files: ['*.txt'], parser: 'none' },
        { name: 'upcase', command: [UPCASE, fixerLog], files: ['*.txt'], modifies_files: true, ...fixer },
      ],
    });
  }

  it('reports the files a fixer rewrote and fails it, and a checker in the same run reads the new content', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const fixerLog = repo.logDir('fixer');
    repo.write('a.txt', 'hello\n');
    repo.write('b.txt', 'ALREADY UPPER\n');
    writeFixerConfig(repo, fixerLog);

    const { run, report } = await repo.runText();

    expect(run.code).toBe(1);
    expect(repo.read('a.txt')).toBe('HELLO\n');
    const fixer = hookIn(report, 'upcase');
    expect(fixer.status).toBe('failed');
    expect(fixer.modified_files).toEqual(['a.txt']);
    expect(fixer.reason).toMatch(/^modified 1 file: a\.txt/);
    expect(run.stdout).toContain('    modified by upcase: 1 file (a.txt)\n');
    const checker = hookIn(report, 'show');
    expect(checker.status).toBe('passed');
    expect(checker.output).toContain('a.txt: HELLO');
    expect(checker.output).not.toContain('hello');
    expect(checker.modified_files).toEqual([]);
    // The fixer's phase comes first, whatever the order in the config.
    expect(checker.start_ms).not.toBeNull();
    expect(fixer.end_ms).not.toBeNull();
    expect(checker.start_ms ?? 0).toBeGreaterThanOrEqual(fixer.end_ms ?? Infinity);
  });

  it('passes the fixer on the next run, which changes nothing, then serves it from the cache', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const fixerLog = repo.logDir('fixer');
    repo.write('a.txt', 'hello\n');
    repo.write('b.txt', 'ALREADY UPPER\n');
    writeFixerConfig(repo, fixerLog);
    await repo.runJson();
    expect(readCalls(fixerLog).flat().sort()).toEqual(['a.txt', 'b.txt']);

    const second = await repo.runJson();

    expect(second.run.code).toBe(0);
    expect(hookIn(second.report, 'upcase')).toMatchObject({ status: 'passed', modified_files: [], reason: null, files_cached: 1, files_run: 1 });
    // What the fixer said of content it then replaced was not cached; b.txt, untouched, was.
    expect(readCalls(fixerLog).flat().sort()).toEqual(['a.txt', 'a.txt', 'b.txt']);
    expect(repo.read('a.txt')).toBe('HELLO\n');
    // The checker's results of the first run were on the fixed content: still good.
    expect(hookIn(second.report, 'show').cached).toBe(true);

    const third = await repo.runJson();
    expect(third.report.hooks.every((hook) => hook.cached)).toBe(true);
    expect(readCalls(fixerLog).flat()).toHaveLength(3);
  });

  it('passes a fixer that rewrote files when fix_ok is set, still listing them', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const fixerLog = repo.logDir('fixer');
    repo.write('a.txt', 'hello\n');
    repo.write('b.txt', 'world\n');
    writeFixerConfig(repo, fixerLog, { fix_ok: true });

    const { run, report } = await repo.runJson();

    expect(run.code).toBe(0);
    expect(hookIn(report, 'upcase')).toMatchObject({ status: 'passed', modified_files: ['a.txt', 'b.txt'], reason: null });
    expect(hookIn(report, 'show').output).toContain('b.txt: WORLD');
  });

  // Bug: a project-level fixer (pass_files: false) is never checked for rewritten files: execute-phase.ts
  // only looks when the job has files (`job.files.length > 0`), so modified_files stays empty, the
  // hook passes without fix_ok, and its result is cached under the key of the content it replaced.
  it('reports and fails a project-level fixer that rewrote files', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const fixerLog = repo.logDir('fixer');
    repo.write('a.txt', 'hello\n');
    repo.write('b.txt', 'UPPER\n');
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'upcase', command: [UPCASE, fixerLog], files: ['*.txt'], pass_files: false, modifies_files: true }] });

    const { run, report } = await repo.runJson();

    expect(repo.read('a.txt')).toBe('HELLO\n');
    expect(hookIn(report, 'upcase').modified_files).toEqual(['a.txt']);
    expect(hookIn(report, 'upcase').reason).toMatch(/^modified/);
    expect(run.code).toBe(1);
  });
});

describe.concurrent('batching on a first run', () => {
  const FILE_COUNT = 40;
  const FILES = Array.from({ length: FILE_COUNT }, (_, i) => `src/f${String(i).padStart(2, '0')}.txt`);
  const HOOKS = { split: {}, serial: { require_serial: true }, small: { batch_size: 5 } };
  let repo: CacheRepo;
  let report: RunReport;

  beforeAll(async () => {
    repo = await CacheRepo.create();
    for (const [i, file] of FILES.entries()) repo.write(file, `file ${i}\n`);
    repo.writeConfig({
      max_workers: 2,
      hooks: Object.entries(HOOKS).map(([name, extra]) => ({ name, command: [RECORD, repo.logDir(name)], files: ['*.txt'], ...extra })),
    });
    const result = await repo.runJson();
    expect(result.run.code).toBe(0);
    report = result.report;
  });

  afterAll(() => repo.remove());

  function callsOf(name: string): string[][] {
    return readCalls(path.join(repo.scratch, name));
  }

  function expectEachFileOnce(name: string): void {
    expect(callsOf(name).flat().sort()).toEqual(FILES);
  }

  it('splits a never-profiled file-level hook into one batch per worker, each file in exactly one', () => {
    expect(hookIn(report, 'split')).toMatchObject({ batches: 2, files: FILE_COUNT, files_run: FILE_COUNT });
    expect(callsOf('split').map((argv) => argv.length)).toEqual([20, 20]);
    expectEachFileOnce('split');
  });

  it('keeps a require_serial hook in one batch', () => {
    expect(hookIn(report, 'serial')).toMatchObject({ batches: 1, files_run: FILE_COUNT });
    expect(callsOf('serial')).toHaveLength(1);
    expectEachFileOnce('serial');
  });

  it('gives no batch more files than batch_size, each file in exactly one', () => {
    const { batches } = hookIn(report, 'small');
    expect(batches).toBeGreaterThanOrEqual(8);
    const calls = callsOf('small');
    expect(calls).toHaveLength(batches);
    for (const argv of calls) expect(argv.length).toBeLessThanOrEqual(5);
    expectEachFileOnce('small');
  });
});

describe.concurrent('batching on a warm run', () => {
  it('passes only the changed files, each once', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    for (let i = 0; i < 40; i++) repo.write(`src/f${String(i).padStart(2, '0')}.txt`, `file ${i}\n`);
    repo.writeConfig({ max_workers: 2, hooks: [{ name: 'many', command: [RECORD, log], files: ['*.txt'] }] });
    await repo.runJson();
    const cold = readCalls(log).length;

    repo.write('src/f07.txt', 'changed\n');
    repo.write('src/f33.txt', 'changed\n');
    const { report } = await repo.runJson();

    expect(hookIn(report, 'many')).toMatchObject({ files_cached: 38, files_run: 2 });
    const calls = readCalls(log);
    expect(calls.length - cold).toBe(hookIn(report, 'many').batches);
    expect(calls.filter((argv) => argv.length < 20).flat().sort()).toEqual(['src/f07.txt', 'src/f33.txt']);
  });
});

describe.concurrent('timeout: auto', () => {
  it('runs a hook with the 60 s default before it has a profile, and gauntlet profile shows it', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    repo.write('a.txt', 'a\n');
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'auto', command: [RECORD, log], files: ['*.txt'], timeout: 'auto', env: { HOOK_SLEEP: '0.2' } }] });

    const { run, report } = await repo.runJson();
    expect(run.code).toBe(0);
    expect(hookIn(report, 'auto')).toMatchObject({ status: 'passed', batches: 1 });
    expect(readCalls(log)).toHaveLength(1);

    const profile = await repo.run(['profile', '--format', 'json']);
    expect(profile.code).toBe(0);
    const row = (JSON.parse(profile.stdout) as { hooks: Record<string, unknown>[] }).hooks[0];
    expect(row).toMatchObject({ name: 'auto', runs: 1 });
    expectAutoTimeout(row);
    // A 0.2 s hook: three times its p95 is under the 10 s floor.
    expect(row?.calibrated_timeout_ms).toBe(10_000);
  });
});

/** The profile row says `timeout: auto`, with the 60 s default until a profile exists. */
function expectAutoTimeout(row: Record<string, unknown> | undefined): void {
  expect(row).toBeDefined();
  if ('timeout_auto' in (row ?? {})) {
    expect(row).toMatchObject({ timeout_auto: true, timeout_ms: 60_000 });
  } else {
    expect(row?.timeout).toBe('auto');
  }
}
