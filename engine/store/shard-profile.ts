import * as z from 'zod/mini';
import { fitCost, type CostSample, type HookCost } from '../schedule/cost-model.js';
import { readJsonFile } from './read-json-file.js';
import { compareText } from '../arrays.js';

/** The `schema` of a portable profile (`gauntlet profile --export`). */
export const SHARD_PROFILE_SCHEMA = 'gauntlet-shard-profile/1';

/** Far past any config's hooks; bounds what a planted file costs before it is parsed. */
const SHARD_PROFILE_BYTES_LIMIT = 8 * 1_024 * 1_024;

// Milliseconds to three decimals: costs stay stable from run to run in their last digits, not in noise.
const ROUNDING = 1_000;

/** One hook's fitted cost, as the portable profile writes it. */
export interface PortableHookCost {
  name: string;
  startup_ms: number;
  per_file_ms: number;
}

/**
 * What the split between shards needs of each hook's profile, in a file meant to be committed or
 * cached by CI: plain JSON, not signed (local state files are signed per user), in a stable order.
 */
export interface PortableProfile {
  schema: typeof SHARD_PROFILE_SCHEMA;
  /** Sorted by name; only hooks with a usable measurement. */
  hooks: PortableHookCost[];
}

const hookCostSchema = z.object({
  name: z.string().check(z.minLength(1, 'expected a hook name')),
  startup_ms: z.number().check(z.gte(0)),
  per_file_ms: z.number().check(z.gte(0)),
});
const portableProfileSchema = z.object({
  schema: z.literal(SHARD_PROFILE_SCHEMA),
  hooks: z.array(hookCostSchema),
});

/**
 * The portable profile of these hooks: each one's cost fitted from its samples
 * (engine/schedule/cost-model.ts); a hook without a usable sample keeps its cost in `previous`
 * (the file being rewritten), and is left out when it has none there either.
 */
export function buildPortableProfile(
  hooks: readonly string[],
  samplesOf: (hook: string) => readonly CostSample[],
  previous: ReadonlyMap<string, HookCost> | null = null,
): PortableProfile {
  const entries: PortableHookCost[] = [];
  for (const name of [...new Set(hooks)].sort(compareText)) {
    const cost = fitCost(samplesOf(name)) ?? previous?.get(name) ?? null;
    if (cost === null) continue;
    entries.push({ name, startup_ms: roundMs(cost.startupMs), per_file_ms: roundMs(cost.perFileMs) });
  }
  return { schema: SHARD_PROFILE_SCHEMA, hooks: entries };
}

/** The profile as JSON, keys in a fixed order, one hook a line: the same measurements give the same bytes. */
export function renderPortableProfile(profile: PortableProfile): string {
  const lines = profile.hooks.map((hook) => `    ${JSON.stringify({ name: hook.name, startup_ms: hook.startup_ms, per_file_ms: hook.per_file_ms })}`);
  const hooks = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`;
  return `{\n  "schema": ${JSON.stringify(profile.schema)},\n  "hooks": ${hooks}\n}\n`;
}

/** Reads a portable profile into costs by hook name, or the one-line problem with it. */
export async function readPortableProfile(path: string): Promise<{ ok: true; costs: Map<string, HookCost> } | { ok: false; problem: string; missing: boolean }> {
  const read = await readJsonFile(path, SHARD_PROFILE_BYTES_LIMIT, portableProfileSchema, 'a gauntlet shard profile', 'gauntlet profile --export');
  if (!read.ok) return read;
  const costs = new Map<string, HookCost>();
  for (const hook of read.value.hooks) {
    if (costs.has(hook.name)) return { ok: false, missing: false, problem: `hook ${JSON.stringify(hook.name)} is listed twice` };
    costs.set(hook.name, { startupMs: hook.startup_ms, perFileMs: hook.per_file_ms });
  }
  return { ok: true, costs };
}

function roundMs(ms: number): number {
  return Math.round(ms * ROUNDING) / ROUNDING;
}
