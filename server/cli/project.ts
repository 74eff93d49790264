import path from 'node:path';
import type { ResolvedConfig } from '../../protocol/hook.js';
import { loadConfigCached } from '../../engine/config/load-config-cached.js';
import { findConfigFile, GAUNTLET_CONFIG_FILE, MISSING_CONFIG_DETAIL } from '../../engine/config/find-config.js';
import { ConfigError, formatConfigPath } from '../../engine/config/config-error.js';
import { findRepoRoot } from '../../engine/files/git.js';
import { printWarning } from './escape-text.js';

/** Finds the repository around cwd and loads its config (or the one --config names). */
export async function loadProject(cwd: string, configPath?: string): Promise<{ root: string; config: ResolvedConfig }> {
  const root = await findRepoRoot(cwd);
  return { root, config: await loadRunConfig(root, cwd, configPath) };
}

/**
 * Loads the config a command runs: the file --config names, else gauntlet.yaml at the root, else
 * a .pre-commit-config.yaml or a lefthook.yml there (read as gauntlet hooks; what they cannot
 * bring over is a warning line on stderr).
 */
export async function loadRunConfig(root: string, cwd: string, configPath: string | undefined): Promise<ResolvedConfig> {
  const file = await requireConfigPath(root, cwd, configPath);
  if (path.basename(file) === GAUNTLET_CONFIG_FILE && configPath === undefined) return loadConfigCached(file, root, loadConfig, printWarning);
  // Loaded only for another config than gauntlet.yaml: a default run does not pay for the importers.
  const { describeNoHooks, loadForeignConfig } = await import('../../engine/config/import/load-foreign.js');
  const foreign = await loadForeignConfig(file, { root });
  if (foreign === null) return loadConfigCached(file, root, loadConfig, printWarning);
  for (const warning of foreign.warnings) printWarning(warning);
  if (foreign.config.hooks.length === 0) throw describeNoHooks(file, 'above');
  return foreign.config;
}

/**
 * The config file a command uses: --config relative to cwd, else the root's gauntlet.yaml,
 * .pre-commit-config.yaml or lefthook.yml, the first found (gauntlet.yaml, to be reported missing, when none is).
 */
export async function resolveConfigPath(root: string, cwd: string, configPath: string | undefined): Promise<string> {
  if (configPath !== undefined) return path.resolve(cwd, configPath);
  const gauntlet = path.join(root, GAUNTLET_CONFIG_FILE);
  return (await findConfigFile(root)) ?? gauntlet;
}

/** resolveConfigPath for a command that reads the config: none found is a ConfigError naming what was looked for and `gauntlet init`. */
export async function requireConfigPath(root: string, cwd: string, configPath: string | undefined): Promise<string> {
  if (configPath !== undefined) return path.resolve(cwd, configPath);
  const found = await findConfigFile(root);
  if (found !== null) return found;
  throw new ConfigError({ file: formatConfigPath(path.join(root, GAUNTLET_CONFIG_FILE), cwd), detail: MISSING_CONFIG_DETAIL });
}

/** The YAML parser and the schema load only when a config must really be parsed: start-up time. */
async function loadConfig(file: string, bytes?: Buffer): Promise<ResolvedConfig> {
  const { loadConfig: load } = await import('../../engine/config/load-config.js');
  return load(file, bytes);
}
