import { existsSync } from 'node:fs';
import { describe, expect } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import { hookOf, repoTest as it, spawnGauntlet, TempRepo, waitForCli, waitUntil } from '../helpers/e2e.js';
import { findMarkedProcesses, makeMark, MARK_VARIABLE } from '../helpers/marked-processes.js';
import { fixtureHook } from '../helpers/paths.js';
import { isAlive, readPids } from '../helpers/processes.js';

function livePids(file: string): number[] {
  return existsSync(file) ? readPids(file).filter(isAlive) : [];
}

describe.concurrent('timeouts', () => {
  it('reports a hook past its timeout as timeout, exits 1 and leaves no process of its group', { timeout: 15_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const mark = makeMark();
    const pids = repo.scratchPath('pids');
    repo.writeConfig({
      hooks: [
        {
          name: 'hang',
          command: [fixtureHook('grandchildren.sh'), pids],
          pass_files: false,
          always_run: true,
          // Long enough for the script to record its pids on a busy machine.
          timeout: 1,
          env: { [MARK_VARIABLE]: mark },
        },
        { name: 'quick', command: [fixtureHook('sleep-exit.sh'), '0.01'], pass_files: false, always_run: true },
      ],
    });

    const { result, report } = await repo.runJson([]);

    expect(result.code).toBe(1);
    const hang = hookOf(report, 'hang');
    expect(hang.status).toBe('timeout');
    expect(hang.reason).toMatch(/^timed out after 1 s/);
    expect(hang.reason).not.toContain('\n');
    expect(hang.duration_ms).toBeGreaterThanOrEqual(950);
    expect(hookOf(report, 'quick').status).toBe('passed');
    expect(report.summary).toMatchObject({ timed_out: 1, passed: 1 });
    expect(report.ok).toBe(false);

    expect(readPids(pids)).toHaveLength(3);
    expect(livePids(pids)).toEqual([]);
    expect(findMarkedProcesses(mark)).toEqual([]);
  });

  it('kills a hook that ignores TERM with KILL after the grace period', { timeout: 15_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const mark = makeMark();
    const pids = repo.scratchPath('pids');
    repo.writeConfig({
      hooks: [
        {
          name: 'stubborn',
          command: [fixtureHook('ignore-term.sh'), pids],
          pass_files: false,
          always_run: true,
          timeout: 1,
          env: { [MARK_VARIABLE]: mark },
        },
      ],
    });

    const { result, report } = await repo.runJson([]);

    expect(result.code).toBe(1);
    expect(hookOf(report, 'stubborn').status).toBe('timeout');
    expect(readPids(pids)).toHaveLength(2);
    expect(livePids(pids)).toEqual([]);
    expect(findMarkedProcesses(mark)).toEqual([]);
  });

  it('passes a hook that ends within its timeout', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({
      hooks: [{ name: 'in-time', command: [fixtureHook('sleep-exit.sh'), '0.05'], pass_files: false, always_run: true, timeout: 5 }],
    });
    const { result, report } = await repo.runJson([]);
    expect(result.code).toBe(0);
    expect(hookOf(report, 'in-time').status).toBe('passed');
  });
});

/**
 * `fail` fails as soon as `slow-a` is running (it waits for its pid file); `slow-b` waits in the
 * queue (two workers). Unprofiled, they are scheduled by timeout, ties in config order: fail, slow-a, slow-b.
 */
function makeFailFastConfig(
  repo: TempRepo,
  options: { seconds: string; failFast?: boolean; mark: string; queuedCommand?: string[] },
): { pidsA: string; pidsB: string } {
  const pidsA = repo.scratchPath('pids-a');
  const pidsB = repo.scratchPath('pids-b');
  const slow = (name: string, pids: string): object => ({
    name,
    command: [fixtureHook('pid-sleep.sh'), pids, options.seconds],
    pass_files: false,
    always_run: true,
    timeout: 30,
    env: { [MARK_VARIABLE]: options.mark },
  });
  repo.writeConfig({
    ...(options.failFast === undefined ? {} : { fail_fast: options.failFast }),
    max_workers: 2,
    hooks: [
      slow('slow-a', pidsA),
      { name: 'fail', command: [fixtureHook('fail-when-file.sh'), pidsA], pass_files: false, always_run: true, timeout: 10 },
      options.queuedCommand === undefined
        ? slow('slow-b', pidsB)
        : { name: 'slow-b', command: options.queuedCommand, pass_files: false, always_run: true, timeout: 30 },
    ],
  });
  return { pidsA, pidsB };
}

function expectStoppedByFailFast(report: RunReport): void {
  expect(hookOf(report, 'fail').status).toBe('failed');
  const running = hookOf(report, 'slow-a');
  expect(running.status).toBe('cancelled');
  expect(running.start_ms).not.toBeNull();
  // Queued when `fail` failed: it never starts.
  const queued = hookOf(report, 'slow-b');
  expect(queued.status).toBe('cancelled');
  expect(queued.start_ms).toBeNull();
  expect(queued.end_ms).toBeNull();
  expect(report.summary).toMatchObject({ failed: 1, cancelled: 2, passed: 0 });
  expect(report.ok).toBe(false);
}

describe.concurrent('fail-fast', () => {
  it('cancels running and queued hooks at the first failure with --fail-fast and kills their processes', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const mark = makeMark();
    const { pidsA, pidsB } = makeFailFastConfig(repo, { seconds: '30', mark });

    const { result, report } = await repo.runJson(['--fail-fast']);

    expect(result.code).toBe(1);
    expectStoppedByFailFast(report);
    expect(readPids(pidsA)).toHaveLength(2);
    expect(livePids(pidsA)).toEqual([]);
    expect(existsSync(pidsB)).toBe(false);
    expect(findMarkedProcesses(mark)).toEqual([]);
  });

  it('never starts a hook that was still queued when the first failure came', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const mark = makeMark();
    const touched = repo.scratchPath('queued-hook-ran');
    makeFailFastConfig(repo, { seconds: '30', mark, queuedCommand: ['touch', touched] });

    const { result, report } = await repo.runJson(['--fail-fast']);

    expect(result.code).toBe(1);
    const queued = hookOf(report, 'slow-b');
    expect(queued.status).toBe('cancelled');
    expect(queued.start_ms).toBeNull();
    expect(existsSync(touched)).toBe(false);
  });

  it('cancels the rest at the first failure with fail_fast: true in the config', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const mark = makeMark();
    const { pidsA } = makeFailFastConfig(repo, { seconds: '30', failFast: true, mark });

    const { result, report } = await repo.runJson([]);

    expect(result.code).toBe(1);
    expectStoppedByFailFast(report);
    expect(livePids(pidsA)).toEqual([]);
    expect(findMarkedProcesses(mark)).toEqual([]);
  });

  it('runs every hook despite fail_fast: true in the config with --no-fail-fast', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const mark = makeMark();
    const { pidsA, pidsB } = makeFailFastConfig(repo, { seconds: '0.3', failFast: true, mark });

    const { result, report } = await repo.runJson(['--no-fail-fast']);

    expect(result.code).toBe(1);
    expect(hookOf(report, 'fail').status).toBe('failed');
    expect(hookOf(report, 'slow-a').status).toBe('passed');
    expect(hookOf(report, 'slow-b').status).toBe('passed');
    expect(report.summary).toMatchObject({ failed: 1, passed: 2, cancelled: 0 });
    expect(readPids(pidsA)).toHaveLength(2);
    expect(readPids(pidsB)).toHaveLength(2);
  });

  it('runs every hook without fail-fast by default', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const mark = makeMark();
    makeFailFastConfig(repo, { seconds: '0.3', mark });

    const { result, report } = await repo.runJson([]);

    expect(result.code).toBe(1);
    expect(report.summary).toMatchObject({ failed: 1, passed: 2, cancelled: 0 });
  });
});

describe.concurrent('leftover processes', () => {
  it('kills a background process a passing hook left behind, once the hook exits', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const mark = makeMark();
    const pids = repo.scratchPath('pids');
    repo.writeConfig({
      hooks: [
        {
          name: 'daemon',
          command: ['sh', '-c', 'sleep 30 </dev/null >/dev/null 2>&1 & echo $! > "$1"', 'sh', pids],
          pass_files: false,
          always_run: true,
          env: { [MARK_VARIABLE]: mark },
        },
      ],
    });

    const { result, report } = await repo.runJson([]);

    expect(result.code).toBe(0);
    expect(hookOf(report, 'daemon').status).toBe('passed');
    expect(readPids(pids)).toHaveLength(1);
    expect(livePids(pids)).toEqual([]);
    expect(findMarkedProcesses(mark)).toEqual([]);
  });
});

describe.concurrent('interruption', () => {
  it.for(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const)(
    'exits 130 on %s, reports running hooks cancelled and kills their processes',
    { timeout: 20_000 },
    async (signal, { makeRepo }) => {
      const repo = await makeRepo();
      const mark = makeMark();
      const pids = repo.scratchPath('pids');
      repo.writeConfig({
        hooks: [
          {
            name: 'long',
            command: [fixtureHook('pid-sleep.sh'), pids, '30'],
            pass_files: false,
            always_run: true,
            env: { [MARK_VARIABLE]: mark },
          },
        ],
      });

      const child = spawnGauntlet(['run', '--format', 'json'], { cwd: repo.root });
      const done = waitForCli(child);
      let result;
      try {
        expect(await waitUntil(() => existsSync(pids), 10_000)).toBe(true);
        child.kill(signal);
        result = await done;
      } finally {
        // Should the test fail early, gauntlet still gets to kill its hooks.
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      }

      expect(result.code).toBe(130);
      const report = JSON.parse(result.stdout) as RunReport;
      expect(hookOf(report, 'long').status).toBe('cancelled');
      expect(livePids(pids)).toEqual([]);
      expect(findMarkedProcesses(mark)).toEqual([]);
    },
  );
});
