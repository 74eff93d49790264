import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { ShardSpec } from '../../protocol/report.js';
import type { ShardRequest } from '../../engine/coordinate/shard-parts.js';
import { UsageError } from './errors.js';

/** The most shards a run can be split into: a CI matrix far past any real one. */
export const MAX_SHARDS = 256;

const SHARD_PATTERN = /^(\d+)\/(\d+)$/;

/** `--shard I/N`: part I (from 1) of N; anything else is one line naming the option (commander prefixes it). */
export function parseShard(value: string): ShardSpec {
  const match = SHARD_PATTERN.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count > MAX_SHARDS || index > count) {
    throw new InvalidArgumentError(`expected I/N, part I of N with 1 <= I <= N <= ${MAX_SHARDS} (such as 2/4)`);
  }
  return { index, count };
}

/** The shard a run is, with the costs of `--shard-profile` read; null without `--shard`. */
export async function loadShardRequest(shard: ShardSpec | undefined, profile: string | undefined, cwd: string): Promise<ShardRequest | null> {
  if (shard === undefined) {
    if (profile !== undefined) throw new UsageError('--shard-profile splits a sharded run: give --shard I/N too');
    return null;
  }
  if (profile === undefined) return { ...shard, costs: null };
  const { readPortableProfile } = await import('../../engine/store/shard-profile.js');
  const read = await readPortableProfile(path.resolve(cwd, profile));
  if (!read.ok) throw new UsageError(`--shard-profile ${profile}: ${read.problem}`);
  return { ...shard, costs: read.costs };
}
