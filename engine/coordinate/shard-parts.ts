import type { Hook } from '../../protocol/hook.js';
import type { ShardSpec } from '../../protocol/report.js';
import { decideCacheScope } from '../cache/scope.js';
import { createFileFilter } from '../files/match.js';
import type { NonUtf8File } from '../files/non-utf8.js';
import type { HookCost } from '../schedule/cost-model.js';
import { splitWork, type ShardHook } from '../schedule/shard-work.js';

/** A run that is one shard of several: which one, and the costs to split by (a portable profile's), or null to count files. */
export interface ShardRequest extends ShardSpec {
  costs: ReadonlyMap<string, HookCost> | null;
}

/** What this shard does of one hook. */
export type ShardPart =
  /** Runs it as a run of its own would: it runs as one invocation, and this shard has it. */
  | { kind: 'whole' }
  /** Nothing: other shards run all of it. */
  | { kind: 'elsewhere' }
  /** Runs it on these of its files (in the candidates' order), and only these. */
  | { kind: 'files'; files: string[]; nonUtf8: NonUtf8File[] };

/** The files of the run the split is made from. */
export interface ShardFiles {
  candidates: readonly string[];
  /** Every file of the repository, or null when unknown (then the candidates). */
  allFiles: readonly string[] | null;
  /** Candidates whose names are not UTF-8: each is one of its hooks' files, checked (as an error) in one shard. */
  nonUtf8: readonly NonUtf8File[];
}

/** This shard's part of each hook, and the digest of what the split was made from (see ShardSplit.digest). */
export interface ShardPlan {
  parts: Map<string, ShardPart>;
  digest: string;
}

/**
 * This shard's part of each hook. The split depends on nothing but the hooks, the files and the
 * costs given (never on the cache, local profiles or workers), so every shard computes the same.
 */
export function planShardParts(shard: ShardRequest, hooks: readonly Hook[], files: ShardFiles): ShardPlan {
  const own = shard.index - 1;
  const matched = hooks.map((hook) => {
    const matches = createFileFilter(hook);
    const candidates = files.candidates.filter(matches);
    const nonUtf8 = files.nonUtf8.filter((file) => matches(file.path));
    const whole = runsWhole(hook, candidates.length);
    // A hook that takes no files checks, and costs by, every file it covers.
    const covered = whole && !hook.passFiles && files.allFiles !== null ? files.allFiles.filter(matches) : candidates;
    // Names that are not UTF-8 make a hook an error, not jobs: they go with its first file, if it has one.
    const given = candidates.length > 0 ? candidates : nonUtf8.map((file) => file.path);
    const unit: ShardHook = { name: hook.name, whole, modifiesFiles: hook.modifiesFiles, files: whole ? covered : given };
    return { hook, candidates, nonUtf8, unit };
  });
  const split = splitWork(
    matched.map((entry) => entry.unit),
    shard.count,
    shard.costs,
  );
  const parts = new Map<string, ShardPart>();
  for (const { hook, candidates, nonUtf8, unit } of matched) {
    if (unit.whole) {
      parts.set(hook.name, split.whole.get(hook.name) === own ? { kind: 'whole' } : { kind: 'elsewhere' });
      continue;
    }
    const owners = split.files.get(hook.name);
    const mine = candidates.filter((file) => owners?.get(file) === own);
    const first = candidates.length > 0 ? firstOf(candidates) : null;
    const mineNonUtf8 = nonUtf8.filter((file) => owners?.get(first ?? file.path) === own);
    const elsewhere = mine.length + mineNonUtf8.length === 0 && unit.files.length > 0;
    parts.set(hook.name, elsewhere ? { kind: 'elsewhere' } : { kind: 'files', files: mine, nonUtf8: mineNonUtf8 });
  }
  return { parts, digest: split.digest };
}

/**
 * Whether a hook runs as one invocation, which no shard can split: it takes no files, its result is
 * kept for the project as a whole (engine/cache/scope.ts), it must not be split (`require_serial`),
 * or it runs without files (`always_run` with none matched).
 */
export function runsWhole(hook: Hook, matchedFiles: number): boolean {
  return !hook.passFiles || decideCacheScope(hook).scope === 'project' || hook.requireSerial || (hook.alwaysRun && matchedFiles === 0);
}

/** The first path in code-unit order: the same in every shard, whatever the listing's order. */
function firstOf(paths: readonly string[]): string {
  let first = paths[0] ?? '';
  for (const path of paths) if (path < first) first = path;
  return first;
}
