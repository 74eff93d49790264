import { simulateListSchedule } from './list-schedule.js';
import { appendAll, maxOf, minOf } from '../arrays.js';
import { clampWorkers } from '../../protocol/limits.js';
/*
 * The order jobs are handed to a FIFO pool of `workers` threads: fastest first, without costing
 * wall-clock time. optimize = false: by priority (lower first), then hookIndex, then input order.
 * optimize = true, per priority group, lower priority first:
 * - Profiled jobs: simulate list scheduling on `workers` workers with their estimates. A worker
 *   freeing at t takes the fastest remaining job (smallest hook mean, then estimate, then hookIndex)
 *   unless a remaining job has reached its latest start, lowerBound − estimate, with lowerBound =
 *   max(longest estimate, sum of estimates / workers): started later it would end past the bound
 *   and set the makespan. Then the earliest latest start (the longest job) goes first. "Reached"
 *   means it cannot wait for the next chance — another worker freeing, or this one finishing the
 *   fastest job — so a long job due at 0 still lets the fastest ones take the other workers first.
 * - Safety net for what one latest start cannot see (two long jobs that must share a worker): the
 *   fastest job is taken only if the rest still fit within 2 % of the group's longest-first
 *   schedule: handed out longest first, or packed best-fit-decreasing into each worker's time
 *   left (which finds room longest-first misses: a quick job first, then two long ones that
 *   pair well). Should the order so found end past that target, the group is ordered again
 *   with the longest-first test alone; the order is never worse than the target, and
 *   longest-first is within 4/3 of the optimum.
 * - A group's simulation starts from the worker free times the previous group left; its lower
 *   bound counts them.
 * - Never-profiled jobs follow, by timeout (their only hint of cost), then hookIndex.
 */

/** A job as ordering sees it. */
export interface PlannedJob {
  /** The caller's id for the job; ordering does not read it. */
  key: number;
  /** The hook's position in the config; breaks ties. */
  hookIndex: number;
  /** Estimated duration of this job (one batch); null when the hook was never profiled. */
  estimateMs: number | null;
  /** The hook's mean duration from its profile; null if none. */
  meanMs: number | null;
  /** Infinity for no timeout. */
  timeoutMs: number;
  /** Lower runs first, e.g. fixers before checkers; default 0. */
  priority?: number;
}

// Fastest-first may end the group at most this much later than handing out the longest jobs first.
const MAKESPAN_SLACK_RATIO = 0.02;
// Float slack when comparing simulated times, so equal sums that differ in the last bit count as equal.
const TIME_EPSILON_MS = 1e-6;

/** A job with what ordering needs read once and cleaned. */
interface Entry<T extends PlannedJob> {
  job: T;
  position: number;
  priority: number;
  estimate: number | null;
  /** The hook's mean, or the job's estimate when the profile has no mean. */
  speed: number | null;
}

type ProfiledEntry<T extends PlannedJob> = Entry<T> & { estimate: number; speed: number };

/** Orders jobs for a FIFO pool of `workers` threads; see the rule at the top of this file. Returns a new array. */
export function orderJobs<T extends PlannedJob>(jobs: readonly T[], workers: number, optimize: boolean): T[] {
  const entries = jobs.map((job, position) => readEntry(job, position));
  entries.sort((a, b) => compareNumbers(a.priority, b.priority) || compareConfig(a, b));
  if (!optimize) return entries.map((entry) => entry.job);
  const freeAt = new Array<number>(clampWorkers(workers)).fill(0);
  const ordered: Entry<T>[] = [];
  for (const group of groupByPriority(entries)) {
    const profiled = group.filter(isProfiled);
    const unprofiled = group.filter((entry) => !isProfiled(entry));
    appendAll(ordered, orderGroup(profiled, freeAt));
    unprofiled.sort((a, b) => compareNumbers(a.job.timeoutMs, b.job.timeoutMs) || compareConfig(a, b));
    appendAll(ordered, unprofiled);
  }
  return ordered.map((entry) => entry.job);
}

/** One priority group ordered by the rule at the top of this file; advances `freeAt` past its jobs. */
function orderGroup<T extends PlannedJob>(entries: readonly ProfiledEntry<T>[], freeAt: number[]): ProfiledEntry<T>[] {
  const start = [...freeAt];
  const longestFirst = [...entries].sort((a, b) => compareNumbers(b.estimate, a.estimate) || compareFastest(a, b));
  const target = finishLongestFirst(start, longestFirst, null) * (1 + MAKESPAN_SLACK_RATIO);
  const packed = simulateOrder(entries, freeAt, target, true);
  if (maxOf(freeAt) <= target + TIME_EPSILON_MS) return packed;
  start.forEach((time, index) => (freeAt[index] = time));
  return simulateOrder(entries, freeAt, target, false);
}

/**
 * The simulation of the rule at the top of this file; advances `freeAt` past the jobs. `packing`:
 * the safety net also accepts a best-fit-decreasing packing of the rest.
 */
function simulateOrder<T extends PlannedJob>(
  entries: readonly ProfiledEntry<T>[],
  freeAt: number[],
  target: number,
  packing: boolean,
): ProfiledEntry<T>[] {
  const fastest = [...entries].sort(compareFastest);
  // Jobs not yet ordered, earliest latest start (longest) first.
  const remaining = [...entries].sort((a, b) => compareNumbers(b.estimate, a.estimate) || compareFastest(a, b));
  const lowerBound = computeLowerBound(entries, freeAt);
  const taken = new Set<ProfiledEntry<T>>();
  const ordered: ProfiledEntry<T>[] = [];
  let cursor = 0;
  while (remaining.length > 0) {
    cursor = skipTaken(fastest, cursor, taken);
    const quick = fastest[cursor];
    const long = remaining[0];
    if (quick === undefined || long === undefined) break;
    const worker = findEarliestWorker(freeAt);
    const now = freeAt[worker] ?? 0;
    const nextChance = Math.min(findEarliestOther(freeAt, worker), now + quick.estimate);
    const late = lowerBound - long.estimate < nextChance - TIME_EPSILON_MS;
    const after = (): number[] => freeAt.map((time, index) => (index === worker ? now + quick.estimate : time));
    const pick = late || (quick !== long && !keepsTarget(after(), remaining, quick, target, packing)) ? long : quick;
    taken.add(pick);
    ordered.push(pick);
    remaining.splice(remaining.indexOf(pick), 1);
    freeAt[worker] = now + pick.estimate;
  }
  return ordered;
}

/**
 * The safety net: whether the rest, minus `skip`, handed out longest first from `freeAt` ends by
 * `target`, or (with `packing`) fits best-fit-decreasing into the time each worker has left.
 */
function keepsTarget(
  freeAt: readonly number[],
  rest: readonly ProfiledEntry<PlannedJob>[],
  skip: ProfiledEntry<PlannedJob>,
  target: number,
  packing: boolean,
): boolean {
  // A job starts by the average of the worker free times when its turn comes: a cheap upper bound first.
  let handedOut = freeAt.reduce((total, time) => total + time, 0);
  let bound = maxOf(freeAt);
  for (const entry of rest) {
    if (entry === skip) continue;
    bound = Math.max(bound, handedOut / freeAt.length + entry.estimate);
    handedOut += entry.estimate;
    if (bound > target) break;
  }
  if (bound <= target) return true;
  if (finishLongestFirst(freeAt, rest, skip, target) <= target + TIME_EPSILON_MS) return true;
  return packing && fitsBestFit(freeAt, rest, skip, target);
}

/** Whether the jobs, minus `skip`, longest first, each into the worker it leaves least time on, all fit by `target`. */
function fitsBestFit(
  freeAt: readonly number[],
  longestFirst: readonly ProfiledEntry<PlannedJob>[],
  skip: ProfiledEntry<PlannedJob>,
  target: number,
): boolean {
  const left = freeAt.map((time) => target + TIME_EPSILON_MS - time);
  for (const entry of longestFirst) {
    if (entry === skip) continue;
    let best = -1;
    left.forEach((room, index) => {
      if (room >= entry.estimate && (best < 0 || room < (left[best] ?? 0))) best = index;
    });
    if (best < 0) return false;
    left[best] = (left[best] ?? 0) - entry.estimate;
  }
  return true;
}

/**
 * When the jobs, minus `skip`, would finish if handed out longest first from the given worker free
 * times. Stops early once past `limit`, which is all the caller needs to know.
 */
function finishLongestFirst(
  freeAt: readonly number[],
  longestFirst: readonly ProfiledEntry<PlannedJob>[],
  skip: ProfiledEntry<PlannedJob> | null,
  limit = Number.POSITIVE_INFINITY,
): number {
  return simulateListSchedule(freeAt, listEstimates(longestFirst, skip), limit);
}

function* listEstimates(entries: readonly ProfiledEntry<PlannedJob>[], skip: ProfiledEntry<PlannedJob> | null): Generator<number> {
  for (const entry of entries) if (entry !== skip) yield entry.estimate;
}

/** max(latest worker, earliest worker + longest job, (busy time + all estimates) / workers). */
function computeLowerBound(entries: readonly ProfiledEntry<PlannedJob>[], freeAt: readonly number[]): number {
  let longest = 0;
  let work = 0;
  for (const entry of entries) {
    longest = Math.max(longest, entry.estimate);
    work += entry.estimate;
  }
  for (const time of freeAt) work += time;
  return Math.max(maxOf(freeAt), minOf(freeAt) + longest, work / freeAt.length);
}

function skipTaken<E>(list: readonly E[], cursor: number, taken: ReadonlySet<E>): number {
  let index = cursor;
  while (index < list.length && taken.has(list[index] as E)) index++;
  return index;
}

// Ties go to the lowest index so the simulation, like the pool, is deterministic.
function findEarliestWorker(freeAt: readonly number[]): number {
  let best = 0;
  for (let index = 1; index < freeAt.length; index++) {
    if ((freeAt[index] ?? 0) < (freeAt[best] ?? 0)) best = index;
  }
  return best;
}

function findEarliestOther(freeAt: readonly number[], worker: number): number {
  return freeAt.reduce((earliest, time, index) => (index === worker ? earliest : Math.min(earliest, time)), Infinity);
}

function groupByPriority<E extends { priority: number }>(sorted: readonly E[]): E[][] {
  const groups: E[][] = [];
  let current: E[] = [];
  for (const entry of sorted) {
    const last = current[current.length - 1];
    if (last !== undefined && last.priority !== entry.priority) {
      groups.push(current);
      current = [];
    }
    current.push(entry);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function compareFastest(a: ProfiledEntry<PlannedJob>, b: ProfiledEntry<PlannedJob>): number {
  return compareNumbers(a.speed, b.speed) || compareNumbers(a.estimate, b.estimate) || compareConfig(a, b);
}

function compareConfig(a: Entry<PlannedJob>, b: Entry<PlannedJob>): number {
  return compareNumbers(a.job.hookIndex, b.job.hookIndex) || a.position - b.position;
}

// Comparison instead of subtraction: Infinity - Infinity (two jobs without a timeout) is NaN.
function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function isProfiled<T extends PlannedJob>(entry: Entry<T>): entry is ProfiledEntry<T> {
  return entry.estimate !== null;
}

function readEntry<T extends PlannedJob>(job: T, position: number): Entry<T> {
  const estimate = readDuration(job.estimateMs);
  const priority = job.priority !== undefined && !Number.isNaN(job.priority) ? job.priority : 0;
  return { job, position, priority, estimate, speed: estimate === null ? null : (readDuration(job.meanMs) ?? estimate) };
}

// A NaN or infinite duration would break the sorts and the simulation; treat it as never profiled.
function readDuration(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? Math.max(0, value) : null;
}

