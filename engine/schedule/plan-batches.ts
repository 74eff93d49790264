import type { HookCost } from './cost-model.js';
import { estimateMs } from './cost-model.js';

/** One hook to be split into batches. */
export interface BatchRequest {
  /** The hook's name; the key of the result. */
  hook: string;
  /** Files the hook runs on in this run (0 for project-level hooks). */
  files: number;
  /** The hook's fitted cost, null when it was never profiled. */
  cost: HookCost | null;
  /** False for `require_serial` and project-level hooks: they run as given. */
  splittable: boolean;
  /** The hook's `batch_size`, null for no limit. */
  maxBatchFiles: number | null;
  /** At least 1; the argv size limit may force more. */
  minBatches: number;
}

// Gains below this share of the makespan are within the estimates' noise, not worth another start-up.
const MIN_SPLIT_GAIN_RATIO = 0.01;
// Batch lengths this close count as equal, so hooks tied for the longest batch are split together.
const TIE_TOLERANCE_RATIO = 1e-9;

/** A hook with a known cost, as the splitting loop sees it. */
interface Load {
  hook: string;
  files: number;
  cost: HookCost;
  count: number;
  /** Most batches the hook may get. */
  ceiling: number;
}

/**
 * How many batches each hook gets, to bring the run's makespan close to its lower bound without
 * paying start-up costs needlessly. Every hook gets at least its minimum (argv limit, `batch_size`).
 * Unsplittable hooks get just that. A splittable hook never profiled is split across the workers.
 * Hooks with a known cost start at their minimum; then the hook with the longest batch
 * (startup + ceil(files / batches) · perFile; hooks tied for it together) gets the fewest more
 * batches that shorten it, while that batch is longer than the average load (total estimated
 * work / workers) and the split lowers the makespan estimate max(longest batch, total / workers)
 * — each batch adds a start-up to the total. Of the splits found, the fewest within 1 % of the
 * best estimate win. Never-profiled hooks count as no load. A splittable hook gets at most
 * `workers` batches unless its minimum is higher, and never more batches than files. Deterministic.
 */
export function planBatchCounts(requests: readonly BatchRequest[], workers: number): Map<string, number> {
  const k = readWorkers(workers);
  const counts = new Map<string, number>();
  const loads: Load[] = [];
  for (const request of requests) {
    const minimum = countMinimumBatches(request);
    const ceiling = request.splittable ? Math.max(minimum, Math.min(request.files, k)) : minimum;
    const cost = readCost(request.cost);
    if (cost === null) {
      // Nothing to weigh a split against: the even split keeps every worker busy.
      counts.set(request.hook, ceiling);
      continue;
    }
    counts.set(request.hook, minimum);
    loads.push({ hook: request.hook, files: request.files, cost, count: minimum, ceiling });
  }
  for (const [hook, count] of splitLongestBatches(loads, k)) counts.set(hook, count);
  return counts;
}

/**
 * Splits items into `batches` contiguous batches whose sizes differ by at most 1, the longer
 * ones first. Never returns an empty batch: fewer batches when there are fewer items, none for none.
 */
export function splitEvenly<T>(items: readonly T[], batches: number): T[][] {
  if (items.length === 0) return [];
  const count = Math.min(items.length, Math.max(1, Math.floor(Number.isFinite(batches) ? batches : 1)));
  const size = Math.floor(items.length / count);
  const longer = items.length % count;
  const result: T[][] = [];
  let start = 0;
  for (let index = 0; index < count; index++) {
    const end = start + size + (index < longer ? 1 : 0);
    result.push(items.slice(start, end));
    start = end;
  }
  return result;
}

/** The fewest batches a hook may run in: its argv minimum and `batch_size`, but never more than its files. */
function countMinimumBatches(request: BatchRequest): number {
  let minimum = Math.max(1, Number.isFinite(request.minBatches) ? Math.ceil(request.minBatches) : 1);
  const limit = request.maxBatchFiles;
  if (limit !== null && Number.isFinite(limit) && limit >= 1) {
    minimum = Math.max(minimum, Math.ceil(request.files / Math.floor(limit)));
  }
  // An empty batch would run the hook on nothing.
  return request.files > 0 ? Math.min(minimum, request.files) : minimum;
}

/** Greedy splitting of the longest batch; returns the chosen count of every load. */
function splitLongestBatches(loads: Load[], workers: number): Map<string, number> {
  const steps = [{ makespan: estimateMakespan(loads, workers), counts: snapshotCounts(loads) }];
  for (;;) {
    const longest = findLongestBatch(loads);
    const total = sumWork(loads);
    if (longest <= total / workers) break;
    const tied = loads.filter((load) => measureLongestBatch(load) >= longest * (1 - TIE_TOLERANCE_RATIO));
    const next = tied.map(findNextUsefulCount);
    // The longest batch belongs to a hook that cannot be split further: nothing lowers the makespan.
    if (next.some((count) => count === null)) break;
    const before = tied.map((load) => load.count);
    assignCounts(tied, next);
    const makespan = estimateMakespan(loads, workers);
    const previous = steps[steps.length - 1]?.makespan ?? Number.POSITIVE_INFINITY;
    if (makespan >= previous) {
      assignCounts(tied, before);
      break;
    }
    steps.push({ makespan, counts: snapshotCounts(loads) });
  }
  const best = steps[steps.length - 1]?.makespan ?? 0;
  const chosen = steps.find((step) => step.makespan <= best * (1 + MIN_SPLIT_GAIN_RATIO));
  return chosen?.counts ?? new Map<string, number>();
}

function assignCounts(loads: readonly Load[], counts: readonly (number | null)[]): void {
  loads.forEach((load, index) => {
    load.count = counts[index] ?? load.count;
  });
}

/**
 * The smallest count above the current one that shortens the hook's longest batch, or null.
 * Even splits of n files into m batches have a longest batch of ceil(n / m) files.
 */
function findNextUsefulCount(load: Load): number | null {
  if (load.files === 0 || load.cost.perFileMs === 0) return null;
  const largest = Math.ceil(load.files / load.count);
  if (largest <= 1) return null;
  const next = Math.ceil(load.files / (largest - 1));
  return next <= load.ceiling ? next : null;
}

function measureLongestBatch(load: Load): number {
  if (load.files === 0) return load.cost.startupMs;
  return estimateMs(load.cost, Math.ceil(load.files / load.count), 1);
}

function findLongestBatch(loads: readonly Load[]): number {
  let longest = 0;
  for (const load of loads) longest = Math.max(longest, measureLongestBatch(load));
  return longest;
}

function sumWork(loads: readonly Load[]): number {
  let total = 0;
  for (const load of loads) total += estimateMs(load.cost, load.files, load.count);
  return total;
}

function estimateMakespan(loads: readonly Load[], workers: number): number {
  return Math.max(findLongestBatch(loads), sumWork(loads) / workers);
}

function snapshotCounts(loads: readonly Load[]): Map<string, number> {
  return new Map(loads.map((load) => [load.hook, load.count]));
}

// A cost read from a damaged profile must not steer the plan; treat it as never profiled.
function readCost(cost: HookCost | null): HookCost | null {
  if (cost === null) return null;
  const valid = [cost.startupMs, cost.perFileMs].every((value) => Number.isFinite(value) && value >= 0);
  return valid ? cost : null;
}

function readWorkers(workers: number): number {
  return Number.isFinite(workers) ? Math.max(1, Math.floor(workers)) : 1;
}
