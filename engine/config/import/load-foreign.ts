import { readFile } from 'node:fs/promises';
import { basename, relative, resolve, sep } from 'node:path';
import type { ResolvedConfig } from '../../../protocol/hook.js';
import { collectFileFacts } from './identify-files.js';
import { resolveImportedConfig, type ImportedConfig } from './imported-hook.js';
import { importLefthook } from './lefthook.js';
import { importPreCommit, type ImportContext } from './pre-commit.js';
import { findPreCommitTool } from './pre-commit-tool.js';
import { parseYamlSource, readYamlSource } from './yaml-source.js';
import { ConfigError, formatConfigPath } from '../config-error.js';

/** The kinds of config file gauntlet reads. */
export type ConfigFormat = 'gauntlet' | 'pre-commit' | 'lefthook';

export { LEFTHOOK_FILES, PRE_COMMIT_FILES } from '../find-config.js';

const GIT_HOOK_SECTION = /^(?:pre-commit|pre-push|commit-msg|prepare-commit-msg|post-checkout|post-merge|post-commit|pre-rebase|pre-merge-commit):\s*$/m;

/**
 * Which kind of config a file is: by its name (`.pre-commit-config.yaml`, `lefthook.yml`), else
 * by its top-level keys (`repos:` is pre-commit's; a git hook name such as `pre-commit:` with no
 * `hooks:` is lefthook's); anything else is gauntlet.yaml.
 */
export function detectConfigFormat(path: string, text: string | null): ConfigFormat {
  const name = basename(path);
  if (/^\.?pre-commit-config\.ya?ml$/.test(name)) return 'pre-commit';
  if (/^\.?lefthook(?:-local)?\.ya?ml$/.test(name)) return 'lefthook';
  if (text === null || /^hooks:/m.test(text)) return 'gauntlet';
  if (/^repos:/m.test(text)) return 'pre-commit';
  return GIT_HOOK_SECTION.test(text) ? 'lefthook' : 'gauntlet';
}

/** Options of an import. */
export interface ImportOptions {
  /** The repository root, whose files `types` and `file_types` are judged on. */
  root: string;
  /** lefthook's hook group to read; `pre-commit` by default. */
  group?: string;
}

/** Reads a pre-commit or lefthook config (its `text` when already read) as gauntlet hooks, with warnings for what was left out. */
export async function importConfigFile(path: string, format: Exclude<ConfigFormat, 'gauntlet'>, options: ImportOptions, text?: string): Promise<ImportedConfig> {
  const absolute = resolve(path);
  const source = text === undefined ? await readYamlSource(absolute) : parseYamlSource(text, formatConfigPath(absolute));
  const context: ImportContext = {
    facts: (factOptions) => collectFileFacts(options.root, factOptions),
    preCommitTool: () => findPreCommitTool(options.root),
    configPath: relative(options.root, absolute).split(sep).join('/'),
  };
  return format === 'pre-commit'
    ? importPreCommit(source, context)
    : importLefthook(source, context, { group: options.group ?? 'pre-commit' });
}

/** A foreign config loaded for a run, and its warnings, one line each. */
export interface ForeignConfig {
  config: ResolvedConfig;
  warnings: string[];
}

/**
 * Loads `path` (its `text` when already read) when it is a pre-commit or lefthook config; null
 * when it is a gauntlet.yaml (or missing, which loadConfig reports). Never cached: `types` are
 * judged on the files as they are now.
 */
export async function loadForeignConfig(path: string, options: ImportOptions, given?: string): Promise<ForeignConfig | null> {
  const absolute = resolve(path);
  const text = given ?? (await readFile(absolute, 'utf8').catch(() => null));
  const format = detectConfigFormat(absolute, text);
  if (format === 'gauntlet' || text === null) return null;
  const imported = await importConfigFile(absolute, format, options, text);
  return { config: resolveImportedConfig(imported, absolute), warnings: imported.warnings };
}

/** The error of a foreign config none of whose hooks gauntlet can run; `warningsAt` says where its warnings were shown. */
export function describeNoHooks(file: string, warningsAt: string): ConfigError {
  return new ConfigError({ file: formatConfigPath(file), detail: `no hook gauntlet can run (each was skipped: see the warnings ${warningsAt})` });
}
