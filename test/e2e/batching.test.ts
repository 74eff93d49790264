import path from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import { CacheRepo, cacheRepoTest as it, hookIn, readCalls } from '../helpers/cache-repo.js';
import { fixtureHook } from '../helpers/paths.js';

const RECORD = fixtureHook('record-check.sh');

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
