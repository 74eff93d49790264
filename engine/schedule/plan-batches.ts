import type { HookCost } from './cost-model.js';
import { estimateMs } from './cost-model.js';
import { handOutLongestFirst, type Run } from './hand-out.js';
import { clampWorkers } from '../../protocol/limits.js';

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

// An extra batch must lower the simulated makespan by more than this share of it (j extra batches by
// √j times as much): smaller gains are within the estimates' noise, not worth another start-up.
const MIN_SPLIT_GAIN_RATIO = 0.01;
// Most batches per worker a splittable hook may get: finer batches barely pack better, and each costs a start-up.
const MAX_BATCHES_PER_WORKER = 4;
// Float slack, as a share of the makespan, so that equal sums differing in the last bit count as equal.
const TIME_TOLERANCE_RATIO = 1e-9;
// Slack when turning a batch length back into files per batch, so that a length computed from q files reads as q.
const FILES_TOLERANCE = 1e-9;

/** A hook with a known cost, as the search sees it. */
interface Load {
  hook: string;
  files: number;
  cost: HookCost;
  /** Fewest batches the hook may get. */
  minimum: number;
  /** Most batches the hook may get; its minimum when splitting cannot shorten a batch. */
  ceiling: number;
}

/** Batch counts of the loads (in the loads' order) and their simulated makespan. */
interface Plan {
  counts: number[];
  makespan: number;
}

/**
 * How many batches each hook gets, to bring the run's makespan close to its lower bound without
 * paying start-up costs needlessly. Every hook gets at least its minimum (argv limit, `batch_size`)
 * and never more batches than files. Unsplittable hooks get just their minimum. A splittable hook
 * never profiled is split across the workers; having no estimate, it takes no part in what follows.
 *
 * Hooks with a known cost start at their minimum and are weighed by simulating the run: their
 * batches (n files in m batches: n mod m of ceil(n / m) files and the rest of floor(n / m), each
 * estimated at startup + files · perFile, as the jobs will be) handed out longest first to
 * `workers` workers, each to the worker free first. Then, step by step, the split that lowers this
 * simulated makespan the most per added batch is taken: more batches for one hook (a few more may
 * pack well where one more does not), or for every hook whose longest batch is longer than a
 * length (so hooks tied, or nearly, for the longest batch split together). A step adding j batches
 * must lower the makespan by more than 1 % of it · √j — one extra batch by more than 1 %: smaller
 * gains are within the estimates' noise, which grows like √j over j estimates, and not worth
 * another start-up. The search stops when no step does, or once the makespan is within 1 % of the
 * lower bound max(shortest longest batch each hook can reach, total work at the minimum counts /
 * workers). A splittable hook gets at most 4 · workers batches unless its minimum is higher; with
 * one worker nothing is split. Deterministic: the same requests in any order give the same counts.
 */
export function planBatchCounts(requests: readonly BatchRequest[], workers: number): Map<string, number> {
  const k = clampWorkers(workers);
  const counts = new Map<string, number>();
  const loads: Load[] = [];
  for (const request of requests) {
    const minimum = countMinimumBatches(request);
    const cost = readCost(request.cost);
    if (cost === null) {
      // Nothing to weigh a split against: the even split keeps every worker busy.
      counts.set(request.hook, request.splittable ? Math.max(minimum, Math.min(request.files, k)) : minimum);
      continue;
    }
    counts.set(request.hook, minimum);
    const shortens = request.splittable && k > 1 && request.files > 0 && cost.perFileMs > 0;
    const ceiling = shortens ? Math.max(minimum, Math.min(request.files, MAX_BATCHES_PER_WORKER * k)) : minimum;
    loads.push({ hook: request.hook, files: request.files, cost, minimum, ceiling });
  }
  // The search breaks ties by position: the same order whatever the order of the requests.
  loads.sort((a, b) => compareText(a.hook, b.hook));
  const planned = searchCounts(loads, k);
  loads.forEach((load, index) => counts.set(load.hook, planned[index] ?? load.minimum));
  return counts;
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

/** The greedy search of the rule above; returns the count of every load, in the loads' order. */
function searchCounts(loads: readonly Load[], workers: number): number[] {
  const counts = loads.map((load) => load.minimum);
  const runs = listRuns(loads, counts);
  let plan: Plan = { counts, makespan: handOutLongestFirst(runs, [], null, workers, Number.POSITIVE_INFINITY) };
  const bound = computeLowerBound(loads, workers);
  while (plan.makespan > bound * (1 + MIN_SPLIT_GAIN_RATIO)) {
    const next = new StepSearch(loads, plan, workers).findBest();
    if (next === null) break;
    plan = next;
  }
  return plan.counts;
}

/**
 * One step of the search: of the splits that lower the makespan by more than the minimum gain
 * (1 % of it · √(added batches)), the one that lowers it the most per added batch; null if none
 * does. Ties go to the one found first: one hook before several, fewer batches first, hooks by name.
 * Each candidate is checked against a cheap bound, max(longest batch, work / workers), before it is
 * simulated, and its simulation stops as soon as it cannot win.
 */
class StepSearch {
  private best: Plan | null = null;
  /** The gain per added batch of the best candidate so far, which a candidate must beat; 0 before one. */
  private gain: number;
  /** The least gain of one added batch. */
  private readonly minimumGain: number;
  private readonly tolerance: number;
  private readonly work: number;
  /** The plan's batches, longest first; a candidate replaces the runs of the hooks it changes. */
  private readonly runs: Run[];
  /** Each hook's longest batch in the plan. */
  private readonly longest: number[];
  private readonly top: number;
  private readonly secondLongest: number;

  constructor(
    private readonly loads: readonly Load[],
    private readonly plan: Plan,
    private readonly workers: number,
  ) {
    this.gain = 0;
    this.minimumGain = plan.makespan * MIN_SPLIT_GAIN_RATIO;
    this.tolerance = plan.makespan * TIME_TOLERANCE_RATIO;
    this.work = sumWork(loads, plan.counts);
    this.runs = listRuns(loads, plan.counts);
    this.longest = loads.map((load, index) => measureLongestBatch(load, this.countOf(index)));
    this.top = findLongest(this.longest, -1);
    this.secondLongest = this.longest[findLongest(this.longest, this.top)] ?? 0;
  }

  findBest(): Plan | null {
    this.loads.forEach((_, index) => this.trySingleHook(index));
    this.tryCuts();
    return this.best;
  }

  /** More batches for one hook, up to its ceiling: a few more may pack well where one more does not. */
  private trySingleHook(index: number): void {
    const load = this.loads[index];
    if (load === undefined) return;
    const count = this.countOf(index);
    const others = index === this.top ? this.secondLongest : (this.longest[this.top] ?? 0);
    for (let next = count + 1; next <= load.ceiling; next++) {
      const added = next - count;
      const work = this.work + added * load.cost.startupMs;
      // More batches only add work, and the gain they must bring grows with them.
      if (Math.max(others, work / this.workers) >= this.limitFor(added)) return;
      if (measureLongestBatch(load, next) >= this.limitFor(added)) continue;
      const counts = [...this.plan.counts];
      counts[index] = next;
      this.simulate(counts, added);
    }
  }

  /**
   * Cuts: every hook whose longest batch is longer than a length gets the fewest batches within it,
   * so that hooks tied, or nearly, for the longest batch split together. The lengths are those the
   * hook with the longest batch among those below their ceiling reaches with more batches.
   */
  private tryCuts(): void {
    const top = findLongest(this.longest, -1, (index) => this.countOf(index) < (this.loads[index]?.ceiling ?? 0));
    const load = this.loads[top];
    if (load === undefined) return;
    for (let next = this.countOf(top) + 1; next <= load.ceiling; next++) {
      const length = measureLongestBatch(load, next);
      const counts = [...this.plan.counts];
      let added = 0;
      let changed = 0;
      let work = this.work;
      let longest = 0;
      this.loads.forEach((other, index) => {
        const count = this.countOf(index);
        if ((this.longest[index] ?? 0) > length + this.tolerance && count < other.ceiling) {
          const cut = Math.max(count, countBatchesWithin(other, length));
          counts[index] = cut;
          added += cut - count;
          work += (cut - count) * other.cost.startupMs;
          changed += cut > count ? 1 : 0;
        }
        longest = Math.max(longest, measureLongestBatch(other, counts[index] ?? count));
      });
      // Shorter lengths only add batches and work.
      if (work / this.workers >= this.limitFor(added)) return;
      // A cut that changes one hook is one of the single-hook candidates.
      if (changed >= 2 && longest < this.limitFor(added)) this.simulate(counts, added);
    }
  }

  /** The makespan a candidate adding `added` batches must end below: the minimum gain, and the best so far, beaten. */
  private limitFor(added: number): number {
    return this.plan.makespan - Math.max(this.minimumGain * Math.sqrt(added), this.gain * added) - this.tolerance;
  }

  /** Simulates a candidate and keeps it if it beats the best so far. */
  private simulate(counts: number[], added: number): void {
    const limit = this.limitFor(added);
    const changed = counts.map((count, index) => count !== this.countOf(index));
    const extra = listRuns(this.loads, counts, changed);
    const makespan = handOutLongestFirst(this.runs, extra, changed, this.workers, limit);
    if (makespan >= limit) return;
    this.best = { counts, makespan };
    this.gain = (this.plan.makespan - makespan) / added;
  }

  private countOf(index: number): number {
    return this.plan.counts[index] ?? this.loads[index]?.minimum ?? 1;
  }
}

/** The index of the longest length other than `skip` among those `eligible`; the first of equals; -1 if none. */
function findLongest(lengths: readonly number[], skip: number, eligible: (index: number) => boolean = () => true): number {
  let found = -1;
  lengths.forEach((length, index) => {
    if (index !== skip && eligible(index) && (found < 0 || length > (lengths[found] ?? 0))) found = index;
  });
  return found;
}

/** The fewest batches, up to the ceiling, whose longest batch is at most `length`; the ceiling if none is. */
function countBatchesWithin(load: Load, length: number): number {
  const { startupMs, perFileMs } = load.cost;
  const perBatch = Math.floor((length - startupMs) / perFileMs + FILES_TOLERANCE);
  return perBatch < 1 ? load.ceiling : Math.min(load.ceiling, Math.ceil(load.files / perBatch));
}

/** The batches of the loads (of those `picked`, if given), as splitEvenly will make them, longest first. */
function listRuns(loads: readonly Load[], counts: readonly number[], picked?: readonly boolean[]): Run[] {
  const runs: Run[] = [];
  loads.forEach((load, index) => {
    if (picked !== undefined && picked[index] !== true) return;
    const count = counts[index] ?? load.minimum;
    // `longer` batches of one file more than the rest.
    const size = Math.floor(load.files / count);
    const longer = load.files % count;
    if (longer > 0) runs.push({ length: estimateMs(load.cost, size + 1, 1), times: longer, hook: index });
    runs.push({ length: estimateMs(load.cost, size, 1), times: count - longer, hook: index });
  });
  return runs.sort((a, b) => b.length - a.length);
}

/** max(shortest longest batch each hook can reach, total work at the minimum counts / workers): no plan ends earlier. */
function computeLowerBound(loads: readonly Load[], workers: number): number {
  let longest = 0;
  for (const load of loads) longest = Math.max(longest, measureLongestBatch(load, load.ceiling));
  return Math.max(longest, sumWork(loads, loads.map((load) => load.minimum)) / workers);
}

function measureLongestBatch(load: Load, count: number): number {
  return estimateMs(load.cost, Math.ceil(load.files / count), 1);
}

function sumWork(loads: readonly Load[], counts: readonly number[]): number {
  let total = 0;
  loads.forEach((load, index) => {
    total += estimateMs(load.cost, load.files, counts[index] ?? load.minimum);
  });
  return total;
}

// A cost read from a damaged profile must not steer the plan; treat it as never profiled.
function readCost(cost: HookCost | null): HookCost | null {
  if (cost === null) return null;
  const valid = [cost.startupMs, cost.perFileMs].every((value) => Number.isFinite(value) && value >= 0);
  return valid ? cost : null;
}

// Code-unit order, not the locale's: the same on every machine.
function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
