import type { HookCost } from './cost-model.js';

/** A (hook, file) job of a hook given files; `hook` indexes the hooks in name order. */
export interface FileJob {
  hook: number;
  file: string;
}

/**
 * The shards as units are placed on them, longest first: their estimated loads, where each hook
 * runs already (its start-up paid there), and in how many more shards it may start.
 */
export class ShardLoads {
  readonly loads: number[];
  /** By hook, by shard: 1 where the hook runs. */
  private readonly running: Uint8Array[];
  /** By hook: in how many shards it runs. */
  private readonly opened: number[];

  /**
   * `costs` and `spread` (in how many shards a hook may run at most) are by hook, in name order.
   */
  constructor(
    count: number,
    private readonly costs: readonly HookCost[],
    private readonly spread: readonly number[],
  ) {
    this.loads = new Array<number>(count).fill(0);
    this.running = costs.map(() => new Uint8Array(count));
    this.opened = costs.map(() => 0);
  }

  /** Places a whole hook of estimated `size`: on the least loaded shard, the lowest of equals. */
  placeWhole(size: number): number {
    const { loads } = this;
    let best = 0;
    for (let shard = 1; shard < loads.length; shard++) if ((loads[shard] ?? 0) < (loads[best] ?? 0)) best = shard;
    loads[best] = (loads[best] ?? 0) + size;
    return best;
  }

  /** Places a chunk of a hook's files, of estimated `size` with its start-up: as a whole hook, and the hook runs there. */
  placeChunk(hook: number, size: number): number {
    const shard = this.placeWhole(size);
    this.take(shard, this.loads[shard] ?? 0, hook);
    return shard;
  }

  /**
   * Places one job: on the shard whose load grows least-loaded (its file's cost, and the hook's
   * start-up where it does not run yet), among those where the hook runs or may still start.
   */
  placeJob(hook: number): number {
    const { loads } = this;
    const flags = this.running[hook] ?? new Uint8Array(loads.length);
    const cost = this.costOf(hook);
    const mayStart = this.mayStart(hook);
    let best = 0;
    let bestLoad = Number.POSITIVE_INFINITY;
    for (let shard = 0; shard < loads.length; shard++) {
      const runs = flags[shard] === 1;
      if (!runs && !mayStart) continue;
      const load = (loads[shard] ?? 0) + cost.perFileMs + (runs ? 0 : cost.startupMs);
      if (load < bestLoad) {
        best = shard;
        bestLoad = load;
      }
    }
    this.take(best, bestLoad, hook);
    return best;
  }

  /** Places a file's jobs of several hooks together, as placeJob does one (any shard, should no shard suit every hook). */
  placeJobs(jobs: readonly FileJob[]): number {
    const { loads } = this;
    const allowed = (shard: number): boolean => jobs.every((job) => this.mayStart(job.hook) || this.running[job.hook]?.[shard] === 1);
    // A fixer's file joins hooks that may be spread to their limit in other shards already.
    const anyAllowed = loads.some((_, shard) => allowed(shard));
    let best = 0;
    let bestLoad = Number.POSITIVE_INFINITY;
    for (let shard = 0; shard < loads.length; shard++) {
      if (anyAllowed && !allowed(shard)) continue;
      let load = loads[shard] ?? 0;
      for (const job of jobs) {
        const cost = this.costOf(job.hook);
        load += cost.perFileMs + (this.running[job.hook]?.[shard] === 1 ? 0 : cost.startupMs);
      }
      if (load < bestLoad) {
        best = shard;
        bestLoad = load;
      }
    }
    for (const job of jobs) this.take(best, bestLoad, job.hook);
    return best;
  }

  private mayStart(hook: number): boolean {
    return (this.opened[hook] ?? 0) < (this.spread[hook] ?? 1);
  }

  private costOf(hook: number): HookCost {
    return this.costs[hook] ?? { startupMs: 0, perFileMs: 0 };
  }

  /** Records that `hook` runs on `shard`, now at `load`. */
  private take(shard: number, load: number, hook: number): void {
    this.loads[shard] = load;
    const flags = this.running[hook];
    if (flags && flags[shard] !== 1) {
      flags[shard] = 1;
      this.opened[hook] = (this.opened[hook] ?? 0) + 1;
    }
  }
}
