import { describe, expect } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import { type MakeRepo, type ProfileJson, repoTest as it, TempRepo } from '../helpers/e2e.js';
import { fixtureHook } from '../helpers/paths.js';

interface SleepHook {
  name: string;
  seconds: string;
  timeout?: number;
}

/** Project-level hooks that sleep, in config order. */
function sleepHooks(hooks: SleepHook[]): object[] {
  return hooks.map(({ name, seconds, timeout }) => ({
    name,
    command: [fixtureHook('sleep-exit.sh'), seconds],
    pass_files: false,
    always_run: true,
    ...(timeout === undefined ? {} : { timeout }),
  }));
}

/** Hook names by the time they started (the report lists them in scheduled order; start_ms is the proof). */
function startOrder(report: RunReport): string[] {
  const started = report.hooks.map((hook) => {
    if (hook.start_ms === null) throw new Error(`${hook.name} never started (${hook.status})`);
    return { name: hook.name, start: hook.start_ms };
  });
  // Serial runs: each hook starts after the previous one ended, so starts never tie.
  const starts = started.map((entry) => entry.start);
  expect(new Set(starts).size).toBe(starts.length);
  return started.sort((a, b) => a.start - b.start).map((entry) => entry.name);
}

const SLOWEST_FIRST: SleepHook[] = [
  { name: 'slow', seconds: '0.6' },
  { name: 'medium', seconds: '0.3' },
  { name: 'fast', seconds: '0.05' },
];

async function makeSlowestFirstRepo(makeRepo: MakeRepo): Promise<TempRepo> {
  const repo = await makeRepo();
  repo.writeConfig({ hooks: sleepHooks(SLOWEST_FIRST) });
  return repo;
}

describe.concurrent('hook order', () => {
  it('starts unprofiled hooks in config order, then fastest-first once profiled', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeSlowestFirstRepo(makeRepo);

    const first = await repo.runJson(['--serial']);
    expect(first.result.code).toBe(0);
    expect(startOrder(first.report)).toEqual(['slow', 'medium', 'fast']);
    expect(first.report.hooks.map((hook) => hook.name)).toEqual(['slow', 'medium', 'fast']);

    // --no-cache: unchanged files would otherwise answer every hook from the result cache.
    const second = await repo.runJson(['--serial', '--no-cache']);
    expect(second.result.code).toBe(0);
    expect(startOrder(second.report)).toEqual(['fast', 'medium', 'slow']);
    // The report lists hooks in the order they were scheduled.
    expect(second.report.hooks.map((hook) => hook.name)).toEqual(['fast', 'medium', 'slow']);

    const profile = await repo.run(['profile', '--format', 'json']);
    expect(profile.code).toBe(0);
    const parsed = JSON.parse(profile.stdout) as ProfileJson;
    expect(parsed.schema).toBe('gauntlet-profile/1');
    expect(parsed.root).toBe(repo.root);
    expect(parsed.hooks.map((hook) => hook.name)).toEqual(['slow', 'medium', 'fast']);
    for (const hook of parsed.hooks) {
      expect(hook.runs).toBeGreaterThanOrEqual(2);
      expect(hook.mean_ms).toEqual(expect.any(Number));
      expect(hook.failure_rate).toBe(0);
    }
    const mean = (name: string): number => parsed.hooks.find((hook) => hook.name === name)?.mean_ms ?? NaN;
    expect(mean('fast')).toBeLessThan(mean('medium'));
    expect(mean('medium')).toBeLessThan(mean('slow'));
    expect(mean('slow')).toBeGreaterThanOrEqual(550);
  });

  it('keeps config order with --no-optimize even when profiles say otherwise', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeSlowestFirstRepo(makeRepo);
    expect((await repo.runJson(['--serial'])).result.code).toBe(0);

    const unoptimized = await repo.runJson(['--serial', '--no-optimize', '--no-cache']);
    expect(unoptimized.result.code).toBe(0);
    expect(startOrder(unoptimized.report)).toEqual(['slow', 'medium', 'fast']);
  });

  it('starts a long hook ahead of a faster one when waiting would make it end the run late', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: sleepHooks([{ name: 'quick1', seconds: '0.1' }, { name: 'quick2', seconds: '0.1' }, { name: 'long', seconds: '1' }]) });
    expect((await repo.runJson(['-j', '2'])).result.code).toBe(0);

    // Fastest-first would start both quick hooks before the long one, which would then end
    // 0.1 s past the run's lower bound: the long one takes the second worker at once.
    const { result, report } = await repo.runJson(['-j', '2', '--no-cache']);
    expect(result.code).toBe(0);
    const start = (name: string): number => report.hooks.find((hook) => hook.name === name)?.start_ms ?? NaN;
    // Which quick one goes first is measurement noise; the other must wait for the long one.
    expect(start('long')).toBeLessThan(Math.max(start('quick1'), start('quick2')));
  });

  it('runs never-profiled hooks after profiled ones, shortest timeout first', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeSlowestFirstRepo(makeRepo);
    expect((await repo.runJson(['--serial'])).result.code).toBe(0);

    // New hooks come first in the config, the longest timeout first: neither position nor config order may win.
    repo.writeConfig({
      hooks: sleepHooks([
        { name: 'new-long', seconds: '0.01', timeout: 30 },
        { name: 'new-short', seconds: '0.01', timeout: 5 },
        ...SLOWEST_FIRST,
        { name: 'new-mid', seconds: '0.01', timeout: 10 },
      ]),
    });
    const { result, report } = await repo.runJson(['--serial', '--no-cache']);
    expect(result.code).toBe(0);
    expect(startOrder(report)).toEqual(['fast', 'medium', 'slow', 'new-short', 'new-mid', 'new-long']);
  });

  it('orders unprofiled hooks by timeout, ties in config order', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({
      hooks: sleepHooks([
        { name: 'b', seconds: '0.01', timeout: 20 },
        { name: 'a', seconds: '0.01', timeout: 20 },
        { name: 'c', seconds: '0.01', timeout: 3 },
      ]),
    });
    const { result, report } = await repo.runJson(['--serial']);
    expect(result.code).toBe(0);
    expect(startOrder(report)).toEqual(['c', 'b', 'a']);
  });
});
