import { maxOf } from '../arrays.js';
import { replaceTop } from './min-heap.js';

/**
 * List scheduling, the one simulation the schedulers share: each duration, in the order given,
 * goes to the worker free first, the workers being free at `freeAt`. Returns when the last one
 * ends (never before the latest free time), or the first end past `limit`: a caller that only
 * compares the result with its limit needs no more.
 */
export function simulateListSchedule(freeAt: readonly number[], durations: Iterable<number>, limit = Number.POSITIVE_INFINITY): number {
  // An ascending array is a valid min-heap of worker free times.
  const heap = [...freeAt].sort((a, b) => a - b);
  let finish = maxOf(heap);
  for (const duration of durations) {
    const end = (heap[0] ?? 0) + duration;
    replaceTop(heap, end);
    finish = Math.max(finish, end);
    if (finish > limit) break;
  }
  return finish;
}

/** Free times of `workers` workers idle from the start. */
export function listIdleWorkers(workers: number): number[] {
  return new Array<number>(workers).fill(0);
}
