import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findRepoRoot } from '../../engine/files/git.js';
import { formatConfigPath } from '../../engine/config/config-error.js';
import { importConfigFile } from '../../engine/config/import/load-foreign.js';
import { findFirstFile, LEFTHOOK_FILES, PRE_COMMIT_FILES } from '../../engine/config/find-config.js';
import { renderGauntletYaml } from '../../engine/config/import/render-yaml.js';
import { EXIT_OK, UsageError } from './errors.js';
import { GAUNTLET_CONFIG_FILE } from '../../engine/config/find-config.js';
import { printWarning } from './escape-text.js';

/** The configs `gauntlet import` reads. */
export type ImportFormat = 'pre-commit' | 'lefthook';

/** Options of `gauntlet import`, as commander parses them. */
export interface ImportCommandOptions {
  output?: string;
  force?: boolean;
  group?: string;
}

/**
 * `gauntlet import pre-commit|lefthook [file]`: writes a gauntlet.yaml with the hooks of a
 * pre-commit or lefthook config (the one at the repository root unless `file` names another).
 * Refuses to overwrite a file without --force. Warnings go to stderr, one line each.
 */
export async function importCommand(given: string, file: string | undefined, options: ImportCommandOptions): Promise<number> {
  if (given !== 'pre-commit' && given !== 'lefthook') throw new UsageError(`import: unknown format "${given}" (expected pre-commit or lefthook)`);
  const format: ImportFormat = given;
  if (options.group !== undefined && format !== 'lefthook') throw new UsageError('--group applies to lefthook configs only');
  const cwd = process.cwd();
  const root = await findRepoRoot(cwd);
  const output = options.output === undefined ? path.join(root, GAUNTLET_CONFIG_FILE) : path.resolve(cwd, options.output);
  const outputName = formatConfigPath(output, cwd);
  if (!options.force && (await exists(output))) throw new UsageError(`${outputName} already exists (pass --force to overwrite it)`);
  const source = file === undefined ? await findSource(root, format) : path.resolve(cwd, file);
  const sourceName = formatConfigPath(source, cwd);

  const imported = await importConfigFile(source, format, { root, group: options.group });
  const command = `gauntlet import ${format}${options.group === undefined ? '' : ` --group ${options.group}`}`;
  const rendered = renderGauntletYaml(imported, sourceName, command);
  for (const warning of [...imported.warnings, ...rendered.warnings]) printWarning(warning);
  if (rendered.count === 0) throw new UsageError(`${sourceName}: nothing to import: no hook gauntlet.yaml can hold (see the warnings above)`);

  await writeFile(output, rendered.text, { flag: options.force ? 'w' : 'wx' });
  const { count } = rendered;
  process.stdout.write(`wrote ${outputName}: ${count} ${count === 1 ? 'hook' : 'hooks'} from ${sourceName}\n`);
  return EXIT_OK;
}

async function findSource(root: string, format: ImportFormat): Promise<string> {
  const names = format === 'pre-commit' ? PRE_COMMIT_FILES : LEFTHOOK_FILES;
  const found = await findFirstFile(root, names);
  if (found !== null) return found;
  throw new UsageError(`no ${names[0] ?? format} at the repository root ${root} (name the file: gauntlet import ${format} PATH)`);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
