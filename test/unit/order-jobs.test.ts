import { describe, expect, it } from 'vitest';
import type { PlannedJob } from '../../engine/schedule/order-jobs.js';
import { orderJobs } from '../../engine/schedule/order-jobs.js';
import { simulateMakespan } from '../helpers/makespan.js';

/** A profiled job whose hook's mean equals its estimate unless given. */
function job(key: number, estimateMs: number | null, fields: Partial<PlannedJob> = {}): PlannedJob {
  return { key, hookIndex: key, estimateMs, meanMs: estimateMs, timeoutMs: 60_000, ...fields };
}

function keysOf(jobs: readonly PlannedJob[]): number[] {
  return jobs.map((entry) => entry.key);
}

function estimatesOf(jobs: readonly PlannedJob[]): { estimateMs: number }[] {
  return jobs.map((entry) => ({ estimateMs: entry.estimateMs ?? 0 }));
}

function computeLowerBound(jobs: readonly PlannedJob[], workers: number): number {
  const estimates = jobs.map((entry) => entry.estimateMs ?? 0);
  return Math.max(Math.max(...estimates), estimates.reduce((total, value) => total + value, 0) / workers);
}

describe('orderJobs without optimizing', () => {
  it('keeps config order', () => {
    const jobs = [job(0, 9_000), job(1, 10), job(2, null, { timeoutMs: 1_000 }), job(3, 500)];
    expect(keysOf(orderJobs(jobs, 4, false))).toEqual([0, 1, 2, 3]);
  });

  it('sorts by hook index and keeps input order among the batches of one hook', () => {
    const jobs = [job(10, 5, { hookIndex: 1 }), job(11, 1, { hookIndex: 0 }), job(12, 9, { hookIndex: 1 })];
    expect(keysOf(orderJobs(jobs, 2, false))).toEqual([11, 10, 12]);
  });

  it('runs lower priorities first', () => {
    const jobs = [job(0, 10, { priority: 1 }), job(1, 10), job(2, 10, { priority: -1 })];
    expect(keysOf(orderJobs(jobs, 2, false))).toEqual([2, 1, 0]);
  });
});

describe('orderJobs with optimizing', () => {
  it('orders profiled jobs fastest first when every job can start at once', () => {
    const jobs = [job(0, 400), job(1, 100), job(2, 300), job(3, 200)];
    expect(keysOf(orderJobs(jobs, 4, true))).toEqual([1, 3, 2, 0]);
  });

  it('hands out a job early when fastest first would make it end past the lower bound', () => {
    // Fastest first ends at 600: 100 then 300 on one worker, 200 then 400 on the other.
    const jobs = [job(0, 400), job(1, 100), job(2, 300), job(3, 200)];
    const ordered = orderJobs(jobs, 2, true);
    // The quick ones still go first; the 400 starts before the 300 and ends with it, at 500.
    expect(keysOf(ordered)).toEqual([1, 3, 0, 2]);
    expect(simulateMakespan(estimatesOf(ordered), 2)).toBe(500);
  });

  it('starts the quickest hook first where longest-first alone would not find room for it', () => {
    // A repository's hooks on 2 workers. Longest first ends at 7,860; with the 350 first, handing out
    // the rest longest first ends at 8,210, past 2 % more, but 5,250 + 1,710 and 4,060 + 2,470 + 1,330 fit.
    const estimates = [5_250, 4_060, 2_470, 1_710, 1_330, 350];
    const jobs = estimates.map((estimate, index) => job(index, estimate));
    const ordered = orderJobs(jobs, 2, true);
    expect(keysOf(ordered)[0]).toBe(5);
    expect(simulateMakespan(estimatesOf(ordered), 2)).toBeLessThanOrEqual(7_860 * 1.02);
  });

  it('ranks by the hook mean before the batch estimate', () => {
    const jobs = [job(0, 100, { meanMs: 900 }), job(1, 300, { meanMs: 50 })];
    expect(keysOf(orderJobs(jobs, 4, true))).toEqual([1, 0]);
  });

  it('ranks a profiled job without a mean by its estimate', () => {
    const jobs = [job(0, 500), job(1, 100, { meanMs: null })];
    expect(keysOf(orderJobs(jobs, 4, true))).toEqual([1, 0]);
  });

  it('starts a 20 s unsplittable hook at once, close to the lower bound, with the fastest job still early', () => {
    const workers = 4;
    const short = Array.from({ length: 40 }, (_, index) => job(index + 1, 450 + ((index * 97) % 2_400)));
    const jobs = [...short, job(0, 20_000)];
    const lowerBound = computeLowerBound(jobs, workers);
    // The short jobs nearly fill the other three workers for those 20 s: the long one must start at 0.
    expect(lowerBound).toBe(20_000);
    expect(computeLowerBound(short, workers - 1)).toBeGreaterThan(19_000);
    const ordered = orderJobs(jobs, workers, true);
    const fastest = short.reduce((best, entry) => ((entry.estimateMs ?? 0) < (best.estimateMs ?? 0) ? entry : best));
    expect(keysOf(ordered).indexOf(0)).toBeLessThan(workers);
    expect(keysOf(ordered).indexOf(fastest.key)).toBeLessThan(workers);
    expect(simulateMakespan(estimatesOf(ordered), workers)).toBeLessThanOrEqual(lowerBound * 1.1);
    // Plain fastest first would start the long hook last and miss the bound by far.
    const fastestFirst = [...jobs].sort((a, b) => (a.estimateMs ?? 0) - (b.estimateMs ?? 0));
    expect(simulateMakespan(estimatesOf(fastestFirst), workers)).toBeGreaterThan(lowerBound * 1.5);
  });

  it('lets the fastest jobs take the other workers before a long job that is due at once', () => {
    const jobs = [job(0, 20_000), ...Array.from({ length: 12 }, (_, index) => job(index + 1, 1_000))];
    const ordered = orderJobs(jobs, 4, true);
    expect(keysOf(ordered).slice(0, 4)).toEqual([1, 2, 3, 0]);
    expect(simulateMakespan(estimatesOf(ordered), 4)).toBe(20_000);
  });

  it('keeps the makespan within 2 % of longest first when long jobs must share a worker', () => {
    const jobs = [job(0, 6), job(1, 6), job(2, 6), ...Array.from({ length: 6 }, (_, index) => job(index + 3, 1))];
    const ordered = orderJobs(jobs, 2, true);
    expect(ordered[0]?.estimateMs).toBe(1);
    // Longest first: 6 + 6 on one worker, 6 + six 1s on the other.
    expect(simulateMakespan(estimatesOf(ordered), 2)).toBeLessThanOrEqual(12 * 1.02);
  });

  it('orders fastest first on a single worker, where order cannot change the makespan', () => {
    const jobs = [job(0, 5_000), job(1, 10), job(2, 700)];
    expect(keysOf(orderJobs(jobs, 1, true))).toEqual([1, 2, 0]);
  });

  it('puts never-profiled jobs after profiled ones, by timeout, then config order', () => {
    const forever = Number.POSITIVE_INFINITY;
    const jobs = [
      job(0, null, { timeoutMs: forever }),
      job(1, null, { timeoutMs: 600_000 }),
      job(2, 90_000),
      job(3, null, { timeoutMs: 5_000 }),
      job(4, null, { timeoutMs: 5_000 }),
    ];
    expect(keysOf(orderJobs(jobs, 2, true))).toEqual([2, 3, 4, 1, 0]);
  });

  it('treats a job with a non-finite estimate as never profiled', () => {
    const jobs = [job(0, Number.NaN, { timeoutMs: 1_000 }), job(1, 80_000)];
    expect(keysOf(orderJobs(jobs, 2, true))).toEqual([1, 0]);
  });

  it('runs a lower priority group first, however slow', () => {
    const jobs = [job(0, 10, { priority: 1 }), job(1, 9_000), job(2, null, { priority: 1 }), job(3, 5_000)];
    expect(keysOf(orderJobs(jobs, 2, true))).toEqual([3, 1, 0, 2]);
  });

  it('lets the next priority group start fastest first while a long job of the previous one still runs', () => {
    const smalls = Array.from({ length: 5 }, (_, index) => job(index + 2, 1_000, { priority: 1 }));
    const jobs = [job(0, 20_000), job(1, 15_000, { priority: 1 }), ...smalls];
    const ordered = orderJobs(jobs, 2, true);
    expect(keysOf(ordered)).toEqual([0, 2, 3, 4, 5, 6, 1]);
    expect(simulateMakespan(estimatesOf(ordered), 2)).toBe(20_000);
  });

  it('gives the same order for the same jobs in any input order', () => {
    const jobs = [
      job(0, 12_000),
      job(1, 300, { priority: 1 }),
      job(2, 4_000),
      job(3, null, { timeoutMs: 30_000 }),
      job(4, 250),
      job(5, 250),
      job(6, 7_500, { meanMs: 100 }),
    ];
    const first = keysOf(orderJobs(jobs, 3, true));
    expect(keysOf(orderJobs(jobs, 3, true))).toEqual(first);
    expect(keysOf(orderJobs([...jobs].reverse(), 3, true))).toEqual(first);
  });

  it('returns a new array and leaves the input untouched', () => {
    const jobs = [job(0, 500), job(1, 5)];
    const ordered = orderJobs(jobs, 2, true);
    expect(ordered).not.toBe(jobs);
    expect(keysOf(jobs)).toEqual([0, 1]);
  });
});

describe('simulateMakespan', () => {
  it('hands each job to the earliest free worker in the given order', () => {
    const longestFirst = [3, 3, 2, 2, 2].map((estimateMs) => ({ estimateMs }));
    const better = [3, 2, 2, 3, 2].map((estimateMs) => ({ estimateMs }));
    expect(simulateMakespan(longestFirst, 2)).toBe(7);
    expect(simulateMakespan(better, 2)).toBe(6);
  });

  it('is the longest job when there are more workers than jobs', () => {
    expect(simulateMakespan([{ estimateMs: 4 }, { estimateMs: 9 }], 8)).toBe(9);
  });

  it('is 0 without jobs', () => {
    expect(simulateMakespan([], 4)).toBe(0);
  });
});
