import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { loadConfig } from '../../engine/config/load-config.js';
import { listFiles } from '../../engine/files/git.js';
import { WorkerPool } from '../../engine/pool/pool.js';
import type { RunReport } from '../../protocol/report.js';
import { builtWorkerUrl, fixtureWorkerUrl } from '../helpers/built.js';
import { hookOf, repoTest as it, type TempRepo } from '../helpers/e2e.js';
import { findMarkedProcesses, makeMark, MARK_VARIABLE } from '../helpers/marked-processes.js';
import { fixtureHook } from '../helpers/paths.js';
import { isAlive, readPids } from '../helpers/processes.js';
import { runOnce } from '../helpers/run-once.js';

const RECORD = fixtureHook('record-check.sh');

/** A run of every file, as `gauntlet run` makes it, on a pool of `workers` threads running `workerUrl`. */
async function runRepo(repo: TempRepo, workers: number, workerUrl: URL): Promise<RunReport> {
  const pool = new WorkerPool({ workerUrl, size: workers });
  try {
    const config = await loadConfig(path.join(repo.root, 'gauntlet.yaml'));
    const files = await listFiles(repo.root);
    return await runOnce({ root: repo.root, config, files, allFiles: files, optimize: true, maxWorkers: workers, failFast: false, pool });
  } finally {
    await pool.close();
  }
}

/** A crashing hook with a long-running process, and three quick ones (the fixture worker dies running `crashy`). */
function writeCrashConfig(repo: TempRepo, mark: string, pids: string, crashTimeout: number): void {
  const quick = (name: string): object => ({
    name,
    command: [fixtureHook('sleep-exit.sh'), '0.05'],
    pass_files: false,
    always_run: true,
    timeout: 20,
  });
  repo.writeConfig({
    hooks: [
      quick('one'),
      {
        name: 'crashy',
        command: [fixtureHook('pid-sleep.sh'), pids, '30'],
        pass_files: false,
        always_run: true,
        timeout: crashTimeout,
        env: { [MARK_VARIABLE]: mark },
      },
      quick('two'),
      quick('three'),
    ],
  });
}

describe.concurrent('a crashed worker', () => {
  it('is replaced, its hook reports error and every other hook still passes', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const mark = makeMark();
    const pids = repo.scratchPath('pids');
    writeCrashConfig(repo, mark, pids, 30);

    const report = await runRepo(repo, 2, fixtureWorkerUrl('crash-running'));

    expect(report.ok).toBe(false);
    const crashy = hookOf(report, 'crashy');
    expect(crashy.status).toBe('error');
    expect(crashy.reason).toMatch(/^worker crashed/);
    expect(crashy.reason).not.toContain('\n');
    for (const name of ['one', 'two', 'three']) expect(hookOf(report, name).status).toBe('passed');
    expect(report.summary).toMatchObject({ hooks: 4, passed: 3, failed: 0, timed_out: 0, errored: 1, cancelled: 0, skipped: 0 });
    // The crashed worker's process group is killed with it.
    expect(existsSync(pids) ? readPids(pids).filter(isAlive) : []).toEqual([]);
    expect(findMarkedProcesses(mark)).toEqual([]);
  });

  it('is replaced even when it was the only worker and crashed first', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const mark = makeMark();
    // The shortest timeout schedules the crashing hook first among unprofiled hooks.
    writeCrashConfig(repo, mark, repo.scratchPath('pids'), 5);

    const report = await runRepo(repo, 1, fixtureWorkerUrl('crash-running'));

    expect(report.ok).toBe(false);
    expect(report.hooks.map((hook) => hook.name)).toEqual(['crashy', 'one', 'two', 'three']);
    expect(hookOf(report, 'crashy').status).toBe('error');
    expect(hookOf(report, 'crashy').reason).toMatch(/^worker crashed/);
    for (const name of ['one', 'two', 'three']) expect(hookOf(report, name).status).toBe('passed');
    expect(findMarkedProcesses(mark)).toEqual([]);
  });

  it('caches nothing from a hook whose worker crashed, and runs it in full next time', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.scratchDir('log');
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'b\n');
    // The sleep holds the process until the worker has crashed under it.
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'crashy', command: [RECORD, log], files: ['*.txt'], env: { HOOK_SLEEP: '0.5' } }] });

    const crashed = await runRepo(repo, 1, fixtureWorkerUrl('crash-running'));
    expect(hookOf(crashed, 'crashy').status).toBe('error');

    const next = await runRepo(repo, 1, builtWorkerUrl());
    expect(hookOf(next, 'crashy')).toMatchObject({ status: 'passed', cached: false, files_cached: 0, files_run: 2 });
  });
});
