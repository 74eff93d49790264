import { describe, expect, it } from 'vitest';
import type { HookCost } from '../../engine/schedule/cost-model.js';
import { estimateMs } from '../../engine/schedule/cost-model.js';
import { simulateMakespan } from '../helpers/makespan.js';
import type { BatchRequest } from '../../engine/schedule/plan-batches.js';
import { planBatchCounts } from '../../engine/schedule/plan-batches.js';
import { splitEvenly } from '../../engine/schedule/split-evenly.js';

function request(hook: string, files: number, cost: HookCost | null, fields: Partial<BatchRequest> = {}): BatchRequest {
  return { hook, files, cost, splittable: true, maxBatchFiles: null, minBatches: 1, ...fields };
}

function unsplittable(hook: string, files: number, cost: HookCost | null, minBatches = 1): BatchRequest {
  return request(hook, files, cost, { splittable: false, minBatches });
}

/** The makespan of the planned batches (as the engine cuts them) handed out longest first to `workers` workers. */
function simulatePlan(requests: readonly BatchRequest[], counts: ReadonlyMap<string, number>, workers: number): number {
  const jobs = requests.flatMap(({ hook, files, cost }) => {
    if (cost === null) throw new Error(`${hook} has no cost to simulate`);
    const sizes = files === 0 ? [0] : splitEvenly(Array.from({ length: files }, (_, file) => file), counts.get(hook) ?? 1).map((batch) => batch.length);
    return sizes.map((size) => ({ estimateMs: estimateMs(cost, size, 1) }));
  });
  jobs.sort((a, b) => b.estimateMs - a.estimateMs);
  return simulateMakespan(jobs, workers);
}

/** max(longest unsplittable job, total work in one batch per hook / workers). */
function computeLowerBound(requests: readonly BatchRequest[], workers: number): number {
  let longest = 0;
  let total = 0;
  for (const { files, cost, splittable } of requests) {
    const work = cost === null ? 0 : estimateMs(cost, files, 1);
    total += work;
    if (!splittable) longest = Math.max(longest, work);
  }
  return Math.max(longest, total / workers);
}

function planOneBatchEach(requests: readonly BatchRequest[]): Map<string, number> {
  return new Map(requests.map(({ hook }) => [hook, 1]));
}

/**
 * The workspace benchmark's hooks on 2,000 files, with costs as profiled: about 8 s of process time
 * for flake8, 3 s for shellcheck, 2 s for yamllint, 1 s for codespell, the fixture hook's 0.3 s
 * start-up and 3 ms a file, and 4.4 s for pylint on its package, which cannot be split.
 */
const BENCHMARK_HOOKS = [
  request('flake8', 800, { startupMs: 250, perFileMs: 9.7 }),
  request('shellcheck', 300, { startupMs: 60, perFileMs: 9.8 }),
  request('yamllint', 200, { startupMs: 350, perFileMs: 8.25 }),
  request('codespell', 300, { startupMs: 150, perFileMs: 2.85 }),
  request('js-lint', 400, { startupMs: 300, perFileMs: 3 }),
  unsplittable('pylint', 0, { startupMs: 4_400, perFileMs: 0 }),
];

describe('planBatchCounts', () => {
  it('splits 2000 files with a 300 ms start-up and 5 ms per file into 2 batches on 2 workers', () => {
    const counts = planBatchCounts([request('lint', 2_000, { startupMs: 300, perFileMs: 5 })], 2);
    expect(counts.get('lint')).toBe(2);
  });

  it('does not split a hook with a costly start-up when the other work already fills the workers', () => {
    const counts = planBatchCounts(
      [
        request('slow-start', 100, { startupMs: 1_000, perFileMs: 1 }),
        unsplittable('types', 0, { startupMs: 1_000, perFileMs: 0 }),
        unsplittable('docs', 0, { startupMs: 1_000, perFileMs: 0 }),
      ],
      2,
    );
    expect(counts.get('slow-start')).toBe(1);
  });

  it('does not pay another start-up for a gain within the estimates noise', () => {
    const counts = planBatchCounts([request('slow-start', 100, { startupMs: 1_000, perFileMs: 0.01 })], 4);
    expect(counts.get('slow-start')).toBe(1);
  });

  it('splits a hook whose start-up is free across all the workers and no further', () => {
    const counts = planBatchCounts([request('format', 1_000, { startupMs: 0, perFileMs: 10 })], 4);
    expect(counts.get('format')).toBe(4);
  });

  it('splits hooks tied for the longest batch together', () => {
    const cost = { startupMs: 100, perFileMs: 10 };
    const counts = planBatchCounts([request('a', 1_000, cost), request('b', 1_000, cost)], 4);
    expect(counts.get('a')).toBe(2);
    expect(counts.get('b')).toBe(2);
  });

  it('brings the benchmark hooks on 2 workers within 10 % of the lower bound, closer than one batch each', () => {
    const counts = planBatchCounts(BENCHMARK_HOOKS, 2);
    const bound = computeLowerBound(BENCHMARK_HOOKS, 2);
    const makespan = simulatePlan(BENCHMARK_HOOKS, counts, 2);
    expect(makespan).toBeLessThanOrEqual(bound * 1.1);
    expect(makespan).toBeLessThan(simulatePlan(BENCHMARK_HOOKS, planOneBatchEach(BENCHMARK_HOOKS), 2));
    expect(counts.get('pylint')).toBe(1);
  });

  it('brings the benchmark hooks on 4 workers within 10 % of the lower bound where coarser plans are not', () => {
    const counts = planBatchCounts(BENCHMARK_HOOKS, 4);
    const bound = computeLowerBound(BENCHMARK_HOOKS, 4);
    expect(simulatePlan(BENCHMARK_HOOKS, counts, 4)).toBeLessThanOrEqual(bound * 1.1);
    expect(simulatePlan(BENCHMARK_HOOKS, planOneBatchEach(BENCHMARK_HOOKS), 4)).toBeGreaterThan(bound * 1.1);
    // What splitting the longest batch only while it is longer than the average load gave.
    const longestOnly = new Map([...planOneBatchEach(BENCHMARK_HOOKS), ['flake8', 2]]);
    expect(simulatePlan(BENCHMARK_HOOKS, longestOnly, 4)).toBeGreaterThan(bound * 1.1);
  });

  it('does not split a hook with a 1 s start-up alone on 2 workers when that gains under 1 %', () => {
    const counts = planBatchCounts([request('slow-start', 100, { startupMs: 1_000, perFileMs: 0.05 })], 2);
    expect(counts.get('slow-start')).toBe(1);
  });

  it('splits the work beside a long unsplittable hook until it fills the other worker', () => {
    const requests = [unsplittable('types', 0, { startupMs: 20_000, perFileMs: 0 }), request('lint', 3_000, { startupMs: 50, perFileMs: 10 })];
    const counts = planBatchCounts(requests, 2);
    // One more batch or two do not help: the second and third still land after the first on the free worker.
    expect(counts.get('lint')).toBeGreaterThan(3);
    expect(simulatePlan(requests, counts, 2)).toBeLessThanOrEqual(computeLowerBound(requests, 2) * 1.02);
    expect(counts.get('types')).toBe(1);
  });

  it('splits hooks nearly tied for the longest batch together', () => {
    const cost = { startupMs: 100, perFileMs: 10 };
    const counts = planBatchCounts([request('a', 1_000, cost), request('b', 990, cost)], 4);
    expect(counts.get('a')).toBe(2);
    expect(counts.get('b')).toBe(2);
  });

  it('never splits a profiled hook on one worker', () => {
    const counts = planBatchCounts(
      [
        request('free-start', 1_000, { startupMs: 0, perFileMs: 10 }),
        request('lint', 2_000, { startupMs: 300, perFileMs: 5 }),
        unsplittable('types', 0, { startupMs: 20_000, perFileMs: 0 }),
      ],
      1,
    );
    expect([...counts.values()]).toEqual([1, 1, 1]);
  });

  it('gives a splittable hook at most 4 batches a worker even when more would pack better', () => {
    // 12 batches of 1 s would end both workers at 11 s, the lower bound; 8 end them at 11.5 s.
    const requests = [unsplittable('types', 0, { startupMs: 10_000, perFileMs: 0 }), request('lint', 1_200, { startupMs: 0, perFileMs: 10 })];
    const counts = planBatchCounts(requests, 2);
    expect(counts.get('lint')).toBe(8);
    expect(simulatePlan(requests, counts, 2)).toBe(11_500);
    expect(simulatePlan(requests, new Map([['lint', 12]]), 2)).toBe(11_000);
  });

  it('splits nothing when an unsplittable hook sets the makespan', () => {
    const counts = planBatchCounts(
      [unsplittable('types', 0, { startupMs: 20_000, perFileMs: 0 }), request('lint', 1_000, { startupMs: 100, perFileMs: 10 })],
      4,
    );
    expect(counts.get('types')).toBe(1);
    expect(counts.get('lint')).toBe(1);
  });

  it('splits a never-profiled hook evenly across the workers', () => {
    const counts = planBatchCounts([request('new', 10, null), request('few', 3, null)], 4);
    expect(counts.get('new')).toBe(4);
    expect(counts.get('few')).toBe(3);
  });

  it('treats a damaged cost as never profiled', () => {
    const counts = planBatchCounts([request('odd', 10, { startupMs: Number.NaN, perFileMs: 1 })], 4);
    expect(counts.get('odd')).toBe(4);
  });

  it('gives a never-profiled hook more batches than workers when batch_size requires it', () => {
    const counts = planBatchCounts([request('small-batches', 10, null, { maxBatchFiles: 2 })], 4);
    expect(counts.get('small-batches')).toBe(5);
  });

  it('keeps the batches batch_size requires even when fewer would do', () => {
    const counts = planBatchCounts([request('capped', 100, { startupMs: 5_000, perFileMs: 1 }, { maxBatchFiles: 10 })], 2);
    expect(counts.get('capped')).toBe(10);
  });

  it('gives unsplittable hooks one batch, or the batches the argv limit forces', () => {
    const counts = planBatchCounts(
      [
        unsplittable('serial', 500, { startupMs: 10, perFileMs: 50 }),
        unsplittable('project', 0, null),
        unsplittable('long-argv', 5_000, null, 3),
      ],
      8,
    );
    expect(counts.get('serial')).toBe(1);
    expect(counts.get('project')).toBe(1);
    expect(counts.get('long-argv')).toBe(3);
  });

  it('never plans more batches than files', () => {
    const counts = planBatchCounts([request('tiny', 3, null, { minBatches: 10 }), request('one', 1, null)], 8);
    expect(counts.get('tiny')).toBe(3);
    expect(counts.get('one')).toBe(1);
  });

  it('plans the same counts for the same requests in any order', () => {
    const requests = [
      request('a', 900, { startupMs: 200, perFileMs: 8 }),
      request('b', 1_200, { startupMs: 50, perFileMs: 3 }),
      unsplittable('c', 0, { startupMs: 4_000, perFileMs: 0 }),
      request('d', 40, null),
    ];
    const first = planBatchCounts(requests, 6);
    expect(planBatchCounts(requests, 6)).toEqual(first);
    expect(planBatchCounts([...requests].reverse(), 6)).toEqual(first);
  });

  it('treats fewer than one worker as one', () => {
    const counts = planBatchCounts([request('new', 10, null)], 0);
    expect(counts.get('new')).toBe(1);
  });
});

describe('splitEvenly', () => {
  const letters = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

  it('splits into contiguous batches whose sizes differ by at most one', () => {
    expect(splitEvenly(letters, 3)).toEqual([
      ['a', 'b', 'c', 'd'],
      ['e', 'f', 'g'],
      ['h', 'i', 'j'],
    ]);
  });

  it('splits into equal batches when the count divides the items', () => {
    expect(splitEvenly(letters, 5).map((batch) => batch.length)).toEqual([2, 2, 2, 2, 2]);
  });

  it('keeps every item once and in order', () => {
    for (let batches = 1; batches <= 12; batches++) expect(splitEvenly(letters, batches).flat()).toEqual(letters);
  });

  it('makes one batch per item when asked for more batches than items', () => {
    expect(splitEvenly(['a', 'b'], 5)).toEqual([['a'], ['b']]);
  });

  it('makes one batch for a count below one or not a number', () => {
    expect(splitEvenly(['a', 'b'], 0)).toEqual([['a', 'b']]);
    expect(splitEvenly(['a', 'b'], -3)).toEqual([['a', 'b']]);
    expect(splitEvenly(['a', 'b'], Number.NaN)).toEqual([['a', 'b']]);
  });

  it('rounds a fractional count down', () => {
    expect(splitEvenly(letters, 2.7)).toHaveLength(2);
  });

  it('returns no batch for no items', () => {
    expect(splitEvenly([], 4)).toEqual([]);
  });
});
