import path from 'node:path';
import type { ResolvedConfig } from '../../protocol/hook.js';
import { loadConfig } from '../../engine/config/load-config.js';
import { findRepoRoot } from '../../engine/files/git.js';

/** The default config file, at the repository root. */
export const CONFIG_FILE = 'gauntlet.yaml';

/** Finds the repository around cwd and loads its config (or the one --config names). */
export async function loadProject(cwd: string, configPath?: string): Promise<{ root: string; config: ResolvedConfig }> {
  const root = await findRepoRoot(cwd);
  return { root, config: await loadConfig(resolveConfigPath(root, cwd, configPath)) };
}

/** The config file a command uses: --config relative to cwd, else gauntlet.yaml at the root. */
export function resolveConfigPath(root: string, cwd: string, configPath: string | undefined): string {
  return configPath === undefined ? path.join(root, CONFIG_FILE) : path.resolve(cwd, configPath);
}
