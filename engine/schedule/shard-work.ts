import { estimateMs, type HookCost } from './cost-model.js';
import { compareText, medianOf } from '../arrays.js';

/** One hook as the split between shards sees it. */
export interface ShardHook {
  name: string;
  /**
   * Runs as one invocation (no files passed, a result kept as a whole, `require_serial`,
   * `always_run` with no file): one shard runs it whole.
   */
  whole: boolean;
  /** Rewrites the files it is given: each of its files goes, with every job on that file, to one shard. */
  modifiesFiles: boolean;
  /** The files it is given or, run whole, the files it covers: what it costs. */
  files: readonly string[];
}

/** Which shard (0-based) runs what: every hook whole or file by file, in exactly one shard. */
export interface ShardSplit {
  count: number;
  /** The shard of each hook run whole. */
  whole: Map<string, number>;
  /** The shard of each file, by hook, for the hooks given files. */
  files: Map<string, Map<string, number>>;
  /** Each shard's estimated cost: milliseconds with costs, files without. */
  loads: number[];
}

/** Without a profile every file weighs one, and starting a hook is free. */
const FILE_COUNT_COST: HookCost = { startupMs: 0, perFileMs: 1 };

/** A (hook, file) job of a hook given files; `hook` indexes the sorted hooks. */
interface FileJob {
  hook: number;
  file: string;
}

/** What is assigned to one shard at once: a whole hook, or one file's jobs (every hook's, when a fixer rewrites it). */
interface Unit {
  /** Its cost on its own, for the longest-first order. */
  size: number;
  /** Tie-breakers: the (first) hook's name and the file ('' for a whole hook). */
  name: string;
  path: string;
  /** The whole hook's index, or -1. */
  whole: number;
  jobs: FileJob[];
}

/**
 * Splits the work of a run between `count` shards: a pure function of the hooks, their files and
 * the costs, so that shards on different machines agree without talking. Units go longest first
 * (LPT) to the shard whose estimated cost grows least-loaded: a hook's start-up is paid once in
 * each shard that runs any of its files, so its files gather where it already runs until spreading
 * them pays. Ties go by hook name, path, then lowest shard. Without `costs`, files are counted
 * (a whole hook weighs the files it covers, at least one); a hook `costs` lacks costs what the
 * median hook of `costs` does (see computeMedianCost).
 */
export function splitWork(hooks: readonly ShardHook[], count: number, costs: ReadonlyMap<string, HookCost> | null): ShardSplit {
  const sorted = [...hooks].sort((a, b) => compareText(a.name, b.name));
  const fallback = costs === null ? FILE_COUNT_COST : computeMedianCost(costs);
  const costOf = sorted.map((hook) => costs?.get(hook.name) ?? fallback);
  const fileSets = sorted.map((hook) => [...new Set(hook.files)].sort(compareText));
  const units = buildUnits(sorted, fileSets, costOf, costs === null);
  units.sort((a, b) => b.size - a.size || compareText(a.name, b.name) || compareText(a.path, b.path));

  const loads = new Array<number>(count).fill(0);
  // Whether each shard runs each hook already (its start-up paid there).
  const running = sorted.map(() => new Uint8Array(count));
  const split: ShardSplit = { count, whole: new Map(), files: new Map(sorted.filter((hook) => !hook.whole).map((hook) => [hook.name, new Map<string, number>()])), loads };
  for (const unit of units) {
    let best = 0;
    let bestLoad = Number.POSITIVE_INFINITY;
    for (let shard = 0; shard < count; shard++) {
      const load = (loads[shard] ?? 0) + (unit.whole >= 0 ? unit.size : addedCost(unit.jobs, costOf, running, shard));
      if (load < bestLoad) {
        best = shard;
        bestLoad = load;
      }
    }
    loads[best] = bestLoad;
    if (unit.whole >= 0) split.whole.set(sorted[unit.whole]?.name ?? '', best);
    for (const job of unit.jobs) {
      const flags = running[job.hook];
      if (flags) flags[best] = 1;
      split.files.get(sorted[job.hook]?.name ?? '')?.set(job.file, best);
    }
  }
  return split;
}

/**
 * The units of a run: a whole hook each, and for the hooks given files a (hook, file) job each,
 * except that a file a fixer is given is one unit with every hook's job on it, so that the shard
 * that rewrites it is the one that checks what it left.
 */
function buildUnits(hooks: readonly ShardHook[], fileSets: readonly string[][], costOf: readonly HookCost[], counting: boolean): Unit[] {
  const units: Unit[] = [];
  const fixed = new Set<string>();
  hooks.forEach((hook, index) => {
    if (!hook.whole && hook.modifiesFiles) for (const file of fileSets[index] ?? []) fixed.add(file);
  });
  const grouped = new Map<string, Unit>();
  hooks.forEach((hook, index) => {
    const cost = costOf[index] ?? FILE_COUNT_COST;
    const files = fileSets[index] ?? [];
    if (hook.whole) {
      const size = counting ? Math.max(1, files.length) : estimateMs(cost, files.length, 1);
      units.push({ size, name: hook.name, path: '', whole: index, jobs: [] });
      return;
    }
    // A file's share of the start-up its hook pays once per shard: only for the order.
    const size = cost.perFileMs + cost.startupMs / Math.max(1, files.length);
    for (const file of files) {
      const job = { hook: index, file };
      const group = fixed.has(file) ? grouped.get(file) : undefined;
      if (group) {
        group.size += size;
        group.jobs.push(job);
        continue;
      }
      const unit: Unit = { size, name: hook.name, path: file, whole: -1, jobs: [job] };
      if (fixed.has(file)) grouped.set(file, unit);
      units.push(unit);
    }
  });
  return units;
}

/** What a unit of file jobs adds to a shard: each file's cost, and the start-up of each hook not yet running there. */
function addedCost(jobs: readonly FileJob[], costOf: readonly HookCost[], running: readonly Uint8Array[], shard: number): number {
  let added = 0;
  for (const job of jobs) {
    const cost = costOf[job.hook] ?? FILE_COUNT_COST;
    added += cost.perFileMs + (running[job.hook]?.[shard] === 1 ? 0 : cost.startupMs);
  }
  return added;
}

/**
 * The cost of a hook a profile does not have: the median start-up and the median cost per file
 * of the hooks it has, so that its files weigh what a typical hook's do. Counting files when it has none.
 */
export function computeMedianCost(costs: ReadonlyMap<string, HookCost>): HookCost {
  if (costs.size === 0) return FILE_COUNT_COST;
  const values = [...costs.values()];
  const medianOfField = (field: keyof HookCost): number => medianOf(values.map((cost) => cost[field]).sort((a, b) => a - b)) ?? 0;
  return { startupMs: medianOfField('startupMs'), perFileMs: medianOfField('perFileMs') };
}
