import path from 'node:path';
import type { ResolvedConfig } from '../../protocol/hook.js';
import { loadConfigCached } from '../../engine/config/load-config-cached.js';
import { ConfigError, formatConfigPath } from '../../engine/config/config-error.js';
import { findRepoRoot } from '../../engine/files/git.js';
import { printWarning } from './escape-text.js';

/** The default config file, at the repository root. */
export const CONFIG_FILE = 'gauntlet.yaml';

/** Finds the repository around cwd and loads its config (or the one --config names). */
export async function loadProject(cwd: string, configPath?: string): Promise<{ root: string; config: ResolvedConfig }> {
  const root = await findRepoRoot(cwd);
  return { root, config: await loadRunConfig(root, cwd, configPath) };
}

/**
 * Loads the config a command runs: gauntlet.yaml at the root, or the file --config names,
 * which may also be a .pre-commit-config.yaml or a lefthook.yml (read as gauntlet hooks;
 * what they cannot bring over is a warning line on stderr).
 */
export async function loadRunConfig(root: string, cwd: string, configPath: string | undefined): Promise<ResolvedConfig> {
  const file = resolveConfigPath(root, cwd, configPath);
  if (configPath === undefined) return loadConfigCached(file, root, loadConfig, printWarning);
  // Loaded only for --config: a default run does not pay for the importers.
  const { loadForeignConfig } = await import('../../engine/config/import/load-foreign.js');
  const foreign = await loadForeignConfig(file, { root });
  if (foreign === null) return loadConfigCached(file, root, loadConfig, printWarning);
  for (const warning of foreign.warnings) printWarning(warning);
  if (foreign.config.hooks.length === 0) {
    throw new ConfigError({ file: formatConfigPath(file), detail: 'no hook gauntlet can run (each was skipped: see the warnings above)' });
  }
  return foreign.config;
}

/** The config file a command uses: --config relative to cwd, else gauntlet.yaml at the root. */
export function resolveConfigPath(root: string, cwd: string, configPath: string | undefined): string {
  return configPath === undefined ? path.join(root, CONFIG_FILE) : path.resolve(cwd, configPath);
}

/** The YAML parser and the schema load only when a config must really be parsed: start-up time. */
async function loadConfig(file: string, bytes?: Buffer): Promise<ResolvedConfig> {
  const { loadConfig: load } = await import('../../engine/config/load-config.js');
  return load(file, bytes);
}
