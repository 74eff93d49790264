import { createHash } from 'node:crypto';
import { estimateMs, type HookCost } from './cost-model.js';
import { planBatchCounts, type BatchRequest } from './plan-batches.js';
import { compareText, medianOf } from '../arrays.js';
import { ShardLoads, type FileJob } from './shard-place.js';
import { splitEvenly } from './split-evenly.js';

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
  /**
   * A digest of all the split was made from (hooks, files, costs, count): shards whose digests
   * differ were split from different inputs, and together need not run every job once.
   */
  digest: string;
}

/** 128 bits of sha256 in base64url: no two different inputs meet by chance. */
const DIGEST_LENGTH = 22;

/** Without a profile every file weighs one, and starting a hook is free: a whole hook weighs the files it covers. */
const FILE_COUNT_COST: HookCost = { startupMs: 0, perFileMs: 1 };

/**
 * What is assigned at once, longest first: a whole hook; a chunk of a hook's files, when it may
 * spread over fewer shards than there are; a hook's files, each a job of its own; or one file's
 * jobs, every hook's, when a fixer rewrites it. Built hook by hook in name order, each hook's
 * files by path: a stable sort keeps that order among equals.
 */
type Block =
  | { kind: 'whole'; size: number; rank: number }
  | { kind: 'chunk'; size: number; rank: number; files: string[] }
  /** `size` is each file's: its cost and its share of the hook's start-up. */
  | { kind: 'files'; size: number; rank: number; files: string[] }
  | { kind: 'group'; size: number; rank: number; file: string; jobs: FileJob[] };

/**
 * Splits the work of a run between `count` shards: a pure function of the hooks, their files and
 * the costs, so that shards on different machines agree without talking. First, how many shards
 * each hook given files may spread over: as many as the batches planBatchCounts would split it
 * into for `count` workers (a hook dear to start stays in few shards, a long one spreads; one free
 * to start, as every hook when files are counted, goes anywhere). A hook limited to fewer shards
 * than there are goes in that many even chunks of its files, each costed as one invocation; the
 * others go job by job. Then whole hooks, chunks and jobs go longest first (LPT) to the shard
 * whose estimated cost grows least, among those their hooks may still use (see ShardLoads): a
 * hook's start-up is paid once in each shard that runs any of its files. Ties go by hook name,
 * path, then lowest shard. Without `costs`, files are counted (a whole
 * hook weighs the files it covers); a hook `costs` lacks costs what the median hook of `costs`
 * does (see computeMedianCost).
 */
export function splitWork(hooks: readonly ShardHook[], count: number, costs: ReadonlyMap<string, HookCost> | null): ShardSplit {
  const sorted = [...hooks].sort((a, b) => compareText(a.name, b.name));
  const fallback = costs === null ? FILE_COUNT_COST : computeMedianCost(costs);
  const costOf = sorted.map((hook) => costs?.get(hook.name) ?? fallback);
  const fileSets = sorted.map((hook) => sortUnique(hook.files));
  const spread = planSpread(sorted, fileSets, costOf, count);
  const shards = new ShardLoads(count, costOf, spread);
  const blocks = buildBlocks(sorted, fileSets, costOf, spread, count);
  blocks.sort((a, b) => b.size - a.size || a.rank - b.rank);
  const split: ShardSplit = { count, whole: new Map(), files: new Map(), loads: shards.loads, digest: digestInputs(sorted, fileSets, costOf, count) };
  const owners = sorted.map((hook) => {
    const files = new Map<string, number>();
    if (!hook.whole) split.files.set(hook.name, files);
    return files;
  });
  for (const block of blocks) {
    if (block.kind === 'whole') {
      split.whole.set(sorted[block.rank]?.name ?? '', shards.placeWhole(block.size));
    } else if (block.kind === 'chunk') {
      const shard = shards.placeChunk(block.rank, block.size);
      for (const file of block.files) owners[block.rank]?.set(file, shard);
    } else if (block.kind === 'files') {
      const files = owners[block.rank];
      for (const file of block.files) files?.set(file, shards.placeJob(block.rank));
    } else {
      const shard = shards.placeJobs(block.jobs);
      for (const job of block.jobs) owners[job.hook]?.set(block.file, shard);
    }
  }
  return split;
}

/**
 * In how many shards each hook given files may run: its batch count when the hooks are split into
 * batches for `count` workers (engine/schedule/plan-batches.ts), which weighs each start-up
 * against the time it saves. Whole hooks take part as the unsplittable loads they are.
 */
function planSpread(hooks: readonly ShardHook[], fileSets: readonly string[][], costOf: readonly HookCost[], count: number): number[] {
  const requests: BatchRequest[] = hooks.map((hook, index) => ({
    hook: hook.name,
    files: fileSets[index]?.length ?? 0,
    cost: costOf[index] ?? FILE_COUNT_COST,
    splittable: !hook.whole,
    maxBatchFiles: null,
    minBatches: 1,
  }));
  const batches = planBatchCounts(requests, count);
  // Spreading a hook that is free to start costs nothing: it may go anywhere.
  return hooks.map((hook, index) => ((costOf[index]?.startupMs ?? 0) > 0 ? Math.max(1, batches.get(hook.name) ?? count) : count));
}

/**
 * The blocks of a run (see Block). A file a fixer is given is one block with every hook's job on
 * it, so that the shard that rewrites it is the one that checks what it left.
 */
function buildBlocks(hooks: readonly ShardHook[], fileSets: readonly string[][], costOf: readonly HookCost[], spread: readonly number[], count: number): Block[] {
  const blocks: Block[] = [];
  const fixed = new Set<string>();
  hooks.forEach((hook, index) => {
    if (!hook.whole && hook.modifiesFiles) for (const file of fileSets[index] ?? []) fixed.add(file);
  });
  const groups = new Map<string, Extract<Block, { kind: 'group' }>>();
  hooks.forEach((hook, rank) => {
    const cost = costOf[rank] ?? FILE_COUNT_COST;
    const files = fileSets[rank] ?? [];
    if (hook.whole) {
      blocks.push({ kind: 'whole', size: estimateMs(cost, files.length, 1), rank });
      return;
    }
    // A file's share of the start-up its hook pays once per shard: only for the order.
    const size = cost.perFileMs + cost.startupMs / Math.max(1, files.length);
    const own: string[] = [];
    for (const file of files) {
      if (!fixed.has(file)) {
        own.push(file);
        continue;
      }
      const group = groups.get(file);
      if (group) {
        group.size += size;
        group.jobs.push({ hook: rank, file });
        continue;
      }
      const created = { kind: 'group' as const, size, rank, file, jobs: [{ hook: rank, file }] };
      groups.set(file, created);
      blocks.push(created);
    }
    // A hook that may run in fewer shards than there are goes in as many chunks, each costed as one invocation.
    const chunks = spread[rank] ?? count;
    if (chunks < count && chunks < own.length) {
      for (const chunk of splitEvenly(own, chunks)) blocks.push({ kind: 'chunk', size: estimateMs(cost, chunk.length, 1), rank, files: chunk });
    } else if (own.length > 0) {
      blocks.push({ kind: 'files', size, rank, files: own });
    }
  });
  return blocks;
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

/** The paths in code-unit order, each once; a listing git sorted already is only checked. */
function sortUnique(paths: readonly string[]): string[] {
  let ordered = true;
  for (let index = 1; index < paths.length && ordered; index++) ordered = (paths[index - 1] ?? '') <= (paths[index] ?? '');
  // The default sort is code-unit order, as compareText, without a call per comparison.
  const sorted = ordered ? paths : [...paths].sort();
  return sorted.filter((path, index) => index === 0 || path !== sorted[index - 1]);
}

/** The digest of a split's inputs, in the order the split reads them (see ShardSplit.digest). */
function digestInputs(hooks: readonly ShardHook[], fileSets: readonly string[][], costOf: readonly HookCost[], count: number): string {
  const hash = createHash('sha256').update(`${count}\n`);
  hooks.forEach((hook, index) => {
    const cost = costOf[index] ?? FILE_COUNT_COST;
    hash.update(`${JSON.stringify([hook.name, hook.whole, hook.modifiesFiles, cost.startupMs, cost.perFileMs])}\n`);
    for (const file of fileSets[index] ?? []) hash.update(`${file}\0`);
  });
  return hash.digest('base64url').slice(0, DIGEST_LENGTH);
}
