import { listIdleWorkers, simulateListSchedule } from './list-schedule.js';

/** Equal batches of one hook, for the simulation. */
export interface Run {
  length: number;
  times: number;
  /** The index of the hook's load. */
  hook: number;
}

/**
 * The makespan of handing batches out longest first, each to the worker free first: the runs of
 * `runs` but those of the hooks `replaced`, merged with `extra` (both longest first). Stops at the
 * first batch that ends past `limit` and returns its end: the caller only needs to know it missed.
 */
export function handOutLongestFirst(
  runs: readonly Run[],
  extra: readonly Run[],
  replaced: readonly boolean[] | null,
  workers: number,
  limit: number,
): number {
  return simulateListSchedule(listIdleWorkers(workers), listBatchLengths(runs, extra, replaced), limit);
}

/** The batch lengths of the merged runs, longest first. */
function* listBatchLengths(runs: readonly Run[], extra: readonly Run[], replaced: readonly boolean[] | null): Generator<number> {
  let next = 0;
  let nextExtra = 0;
  for (;;) {
    while (next < runs.length && replaced?.[runs[next]?.hook ?? -1] === true) next++;
    const base = runs[next];
    const added = extra[nextExtra];
    let run: Run;
    if (base !== undefined && (added === undefined || base.length >= added.length)) {
      run = base;
      next++;
    } else if (added !== undefined) {
      run = added;
      nextExtra++;
    } else {
      return;
    }
    for (let time = 0; time < run.times; time++) yield run.length;
  }
}
