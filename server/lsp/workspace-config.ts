import path from 'node:path';
import type { ResolvedConfig } from '../../protocol/hook.js';
import { loadConfig } from '../../engine/config/load-config.js';
import { findConfigFile, GAUNTLET_CONFIG_FILE } from '../../engine/config/find-config.js';
import { describeNoHooks, loadForeignConfig } from '../../engine/config/import/load-foreign.js';
import { readRegularFile } from '../../engine/store/read-regular.js';
import { CONFIG_BYTES_LIMIT } from '../../protocol/limits.js';
import { digestConfigTrust } from '../../engine/store/trust.js';

/** What reading a workspace's config gave. */
export type ConfigRead =
  | { kind: 'missing' }
  /** `error`: what validation threw, for a front end that reports it itself. */
  | { kind: 'invalid'; message: string; error?: unknown; warnings?: string[] }
  /** `warnings`: what a pre-commit or lefthook config could not bring over, one line each. */
  | { kind: 'valid'; config: ResolvedConfig; digest: string; scripts: string[]; warnings: string[] };

/**
 * The config a project folder runs, as `gauntlet run` finds it there (gauntlet.yaml, else a
 * pre-commit config, else a lefthook config; gauntlet.yaml, missing, when there is none), read.
 */
export async function readProjectConfig(root: string): Promise<{ configPath: string; read: ConfigRead }> {
  const configPath = (await findConfigFile(root)) ?? path.join(root, GAUNTLET_CONFIG_FILE);
  return { configPath, read: await readWorkspaceConfig(configPath, root) };
}

/**
 * Reads and validates a config whose hooks run in `root`, with the digest of exactly the bytes
 * that were validated and of the scripts its hooks run from the repository: trust is granted to
 * that digest.
 */
export async function readWorkspaceConfig(configPath: string, root: string, warningsAt = 'in the log'): Promise<ConfigRead> {
  const bytes = await readConfigBytes(configPath);
  if (bytes === null) return { kind: 'missing' };
  if (typeof bytes === 'string') return { kind: 'invalid', message: bytes };
  let loaded: { config: ResolvedConfig; warnings: string[] };
  try {
    loaded = await loadFromBytes(configPath, root, bytes);
  } catch (error) {
    return { kind: 'invalid', message: error instanceof Error ? error.message : String(error), error };
  }
  if (loaded.config.hooks.length === 0 && loaded.warnings.length > 0) {
    const error = describeNoHooks(configPath, warningsAt);
    return { kind: 'invalid', message: error.message, error, warnings: loaded.warnings };
  }
  return { kind: 'valid', ...loaded, ...(await digestConfigTrust(root, bytes, { hooks: loaded.config.hooks })) };
}

/** A gauntlet.yaml validated, or a pre-commit or lefthook config imported, from exactly these bytes. */
async function loadFromBytes(configPath: string, root: string, bytes: Buffer): Promise<{ config: ResolvedConfig; warnings: string[] }> {
  const foreign = await loadForeignConfig(configPath, { root }, bytes.toString('utf8'));
  return foreign ?? { config: await loadConfig(configPath, bytes), warnings: [] };
}

/**
 * The digest of the config and scripts as they are now; null when the config cannot be read, or
 * when `root` now has another config that comes first (a gauntlet.yaml created beside a lefthook.yml).
 */
export async function digestCurrent(configPath: string, root: string, scripts: readonly string[]): Promise<string | null> {
  if ((await findConfigFile(root)) !== configPath) return null;
  const bytes = await readConfigBytes(configPath);
  return bytes instanceof Buffer ? (await digestConfigTrust(root, bytes, { scripts })).digest : null;
}

/** The config's bytes; null when it is missing, a one-line message when it is no regular file or too large. */
async function readConfigBytes(configPath: string): Promise<Buffer | string | null> {
  // A config may be a link (to a shared file): trust covers the content and the root, not the path.
  const read = await readRegularFile(configPath, CONFIG_BYTES_LIMIT, true);
  if (read.ok) return read.bytes;
  return read.code === 'ENOENT' ? null : `${configPath}: ${read.problem}`;
}

/** The one message an untrusted workspace gets: why nothing runs, and how to change that. */
export function describeUntrusted(root: string, configPath: string, canAsk: boolean): string {
  const name = path.relative(root, configPath) || configPath;
  const how = `run "gauntlet trust" in ${root}`;
  return (
    `gauntlet: the hooks of ${name} in ${root} are not trusted, so none of them run. ` +
    `To allow them, ${canAsk ? `choose "Trust", or ${how}` : how} (trust covers the config and the scripts it runs from the repository; after a change to any of them, trust again).`
  );
}
