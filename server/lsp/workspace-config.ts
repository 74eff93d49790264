import path from 'node:path';
import type { ResolvedConfig } from '../../protocol/hook.js';
import { loadConfig } from '../../engine/config/load-config.js';
import { readRegularFile } from '../../engine/store/read-regular.js';
import { digestTrust, listTrustedScripts } from './trust-digest.js';

/** The config file of a workspace, at its root. */
export const CONFIG_FILE = 'gauntlet.yaml';

/** What reading a workspace's config gave. */
export type ConfigRead =
  | { kind: 'missing' }
  /** `error`: what validation threw, for a front end that reports it itself. */
  | { kind: 'invalid'; message: string; error?: unknown }
  | { kind: 'valid'; config: ResolvedConfig; digest: string; scripts: string[] };

/** Attempts before a config that keeps changing while read counts as unreadable. */
const READ_ATTEMPTS = 3;
/** Far past any hand-written config; bounds what a planted file costs before it is parsed. */
const MAX_CONFIG_BYTES = 8 * 1_024 * 1_024;

/**
 * Reads and validates a config whose hooks run in `root`, with the digest of exactly the bytes
 * that were validated (the file is read again after validation and must be unchanged) and of
 * the scripts its hooks run from the repository: trust is granted to that digest.
 */
export async function readWorkspaceConfig(configPath: string, root: string): Promise<ConfigRead> {
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const before = await readConfigBytes(configPath);
    if (before === null) return { kind: 'missing' };
    if (typeof before === 'string') return { kind: 'invalid', message: before };
    let config: ResolvedConfig;
    try {
      config = await loadConfig(configPath);
    } catch (error) {
      return { kind: 'invalid', message: error instanceof Error ? error.message : String(error), error };
    }
    const after = await readConfigBytes(configPath);
    if (after instanceof Buffer && after.equals(before)) {
      const scripts = listTrustedScripts(root, config.hooks);
      return { kind: 'valid', config, digest: await digestTrust(root, before, scripts), scripts };
    }
  }
  return { kind: 'invalid', message: `${configPath}: it kept changing while being read; save it again` };
}

/** The digest of the config and scripts as they are now; null when the config cannot be read. */
export async function digestCurrent(configPath: string, root: string, scripts: readonly string[]): Promise<string | null> {
  const bytes = await readConfigBytes(configPath);
  return bytes instanceof Buffer ? digestTrust(root, bytes, scripts) : null;
}

/** The config's bytes; null when it is missing, a one-line message when it is no regular file or too large. */
async function readConfigBytes(configPath: string): Promise<Buffer | string | null> {
  // A config may be a link (to a shared file): trust covers the content and the root, not the path.
  const read = await readRegularFile(configPath, MAX_CONFIG_BYTES, true);
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
