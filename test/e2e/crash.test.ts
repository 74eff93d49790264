import { existsSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { hookOf, repoTest as it, TempRepo } from '../helpers/e2e.js';
import { findMarkedProcesses, makeMark, MARK_VARIABLE } from '../helpers/marked-processes.js';
import { fixtureHook } from '../helpers/paths.js';
import { isAlive, readPids } from '../helpers/processes.js';

const CRASH_VARIABLE = 'GAUNTLET_FAILPOINT_CRASH_WORKER';

/** A crashing hook with a long-running process, and three quick ones. */
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

    const { result, report } = await repo.runJson(['-j', '2'], { env: { [CRASH_VARIABLE]: 'crashy' } });

    expect(result.code).toBe(1);
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

  it('is replaced even when it was the only worker (--serial) and crashed first', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const mark = makeMark();
    // The shortest timeout schedules the crashing hook first among unprofiled hooks.
    writeCrashConfig(repo, mark, repo.scratchPath('pids'), 5);

    const { result, report } = await repo.runJson(['--serial'], { env: { [CRASH_VARIABLE]: 'crashy' } });

    expect(result.code).toBe(1);
    expect(report.hooks.map((hook) => hook.name)).toEqual(['crashy', 'one', 'two', 'three']);
    expect(hookOf(report, 'crashy').status).toBe('error');
    expect(hookOf(report, 'crashy').reason).toMatch(/^worker crashed/);
    for (const name of ['one', 'two', 'three']) expect(hookOf(report, name).status).toBe('passed');
    expect(findMarkedProcesses(mark)).toEqual([]);
  });
});
