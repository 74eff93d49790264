import path from 'node:path';
import type { ResolvedConfig } from '../../protocol/hook.js';
import { loadConfig } from '../../engine/config/load-config.js';
import { findRepoRoot } from '../../engine/files/git.js';

/** The default config file, at the repository root. */
export const CONFIG_FILE = 'gauntlet.yaml';

/** Finds the repository around cwd and loads its config (or the one --config names). */
export async function loadProject(cwd: string, configPath?: string): Promise<{ root: string; config: ResolvedConfig }> {
  const root = await findRepoRoot(cwd);
  const file = configPath === undefined ? path.join(root, CONFIG_FILE) : path.resolve(cwd, configPath);
  return { root, config: await loadConfig(file) };
}
