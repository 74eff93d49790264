import { describe, expect, it } from 'vitest';
import { appendAll, groupBy, maxOf, minOf } from '../../engine/arrays.js';
import { orderJobs } from '../../engine/schedule/order-jobs.js';
import { MAX_WORKERS } from '../../protocol/limits.js';

// Far past what a spread into a call can pass as arguments.
const HUGE = 300_000;

describe('arrays of any length', () => {
  it('appends, and finds the largest and smallest of, more items than a call can take as arguments', () => {
    const values = Array.from({ length: HUGE }, (_, index) => index);
    expect(() => Math.max(...values)).toThrow(RangeError);
    expect(appendAll([-1], values)).toHaveLength(HUGE + 1);
    expect(maxOf(values)).toBe(HUGE - 1);
    expect(minOf(values)).toBe(0);
  });

  it('groups items by key, keys in order of first sight and items in their order', () => {
    const groups = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (item) => item.charAt(0));
    expect([...groups]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
      ['c', ['c1']],
    ]);
  });

  it('answers like Math.max and Math.min for no values and for NaN', () => {
    expect(maxOf([])).toBe(Math.max());
    expect(minOf([])).toBe(Math.min());
    expect(maxOf([1, Number.NaN, 3])).toBeNaN();
    expect(minOf([1, Number.NaN, 3])).toBeNaN();
  });

  it('orders 200,000 unprofiled jobs for more workers than the maximum without overflowing', () => {
    const jobs = Array.from({ length: 200_000 }, (_, index) => ({
      key: index,
      hookIndex: index,
      estimateMs: null,
      meanMs: null,
      timeoutMs: 60_000 + (index % 7),
    }));
    const ordered = orderJobs(jobs, MAX_WORKERS * 500, true);
    expect(ordered).toHaveLength(jobs.length);
    expect(new Set(ordered).size).toBe(jobs.length);
  });
});
