import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../../protocol/hook.js';
import { loadConfig } from '../../engine/config/load-config.js';
import { hashConfig } from './trust-store.js';

/** The config file of a workspace, at its root. */
export const CONFIG_FILE = 'gauntlet.yaml';

/** What reading a workspace's config gave. */
export type ConfigRead =
  | { kind: 'missing' }
  | { kind: 'invalid'; message: string }
  | { kind: 'valid'; config: ResolvedConfig; sha256: string };

/** Attempts before a config that keeps changing while read counts as unreadable. */
const READ_ATTEMPTS = 3;

/**
 * Reads and validates a config, with the sha256 of exactly the bytes that were validated (the
 * file is read again after validation and must be unchanged): trust is granted to that content.
 */
export async function readWorkspaceConfig(configPath: string): Promise<ConfigRead> {
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    let before: Buffer;
    try {
      before = await readFile(configPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'invalid', message: `${configPath}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
    }
    let config: ResolvedConfig;
    try {
      config = await loadConfig(configPath);
    } catch (error) {
      return { kind: 'invalid', message: error instanceof Error ? error.message : String(error) };
    }
    const after = await readFile(configPath).catch(() => null);
    if (after !== null && after.equals(before)) return { kind: 'valid', config, sha256: hashConfig(before) };
  }
  return { kind: 'invalid', message: `${configPath}: it kept changing while being read; save it again` };
}

/** The one message an untrusted workspace gets: why nothing runs, and how to change that. */
export function describeUntrusted(root: string, configPath: string, canAsk: boolean): string {
  const name = path.relative(root, configPath) || configPath;
  const how = `run "gauntlet trust" in ${root}`;
  return (
    `gauntlet: the hooks of ${name} in ${root} are not trusted, so none of them run. ` +
    `To allow them, ${canAsk ? `choose "Trust", or ${how}` : how} (a changed config must be trusted again).`
  );
}
