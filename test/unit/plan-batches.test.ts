import { describe, expect, it } from 'vitest';
import type { HookCost } from '../../engine/schedule/cost-model.js';
import type { BatchRequest } from '../../engine/schedule/plan-batches.js';
import { planBatchCounts, splitEvenly } from '../../engine/schedule/plan-batches.js';

function request(hook: string, files: number, cost: HookCost | null, fields: Partial<BatchRequest> = {}): BatchRequest {
  return { hook, files, cost, splittable: true, maxBatchFiles: null, minBatches: 1, ...fields };
}

function unsplittable(hook: string, files: number, cost: HookCost | null, minBatches = 1): BatchRequest {
  return request(hook, files, cost, { splittable: false, minBatches });
}

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
