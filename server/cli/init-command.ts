import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRepoRoot, listFiles } from '../../engine/files/git.js';
import { createMatcher } from '../../engine/files/match.js';
import { formatConfigPath } from '../../engine/config/config-error.js';
import { EXIT_OK, UsageError } from './errors.js';
import { GAUNTLET_CONFIG_FILE } from '../../engine/config/find-config.js';
import { CONFLICT_MARKERS, TOOLS, type ToolSpec } from './init-tools.js';
import { describeInstall, locateProgram } from './init-locate.js';
import { findConfig } from './init-configs.js';
import { planMypy } from './init-python.js';
import { renderStarter, toStarterHook, type StarterHook } from './init-render.js';
import { ignoreStateDir } from './ignore-state-dir.js';

/** Options of `gauntlet init`. */
export interface InitCommandOptions {
  force?: boolean;
  output?: string;
}

/** The schema a local install of gauntlet ships, relative to the repository root. */
const LOCAL_SCHEMA = 'node_modules/gauntlet/dist/gauntlet.schema.json';
/** The schema beside the running bundle (dist/bin/*.js -> dist/gauntlet.schema.json). */
const BUNDLED_SCHEMA = fileURLToPath(new URL('../gauntlet.schema.json', import.meta.url));

/** A tool a config of the repository names, with files to check, that is not installed. */
interface MissingTool {
  tool: ToolSpec;
  config: string;
}

/**
 * `gauntlet init`: writes a starter gauntlet.yaml with a hook for each known tool that is
 * installed (in node_modules/.bin, a virtualenv, or on PATH) and has files to check in this
 * repository, and adds `.gauntlet/` to the repository's .gitignore. Tools the repository's
 * configs name but that are not installed are listed with the command that installs them.
 * Refuses to overwrite a file without --force; prints what it wrote.
 */
export async function initCommand(options: InitCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const root = await findRepoRoot(cwd);
  const output = options.output === undefined ? path.join(root, GAUNTLET_CONFIG_FILE) : path.resolve(cwd, options.output);
  const outputName = formatConfigPath(output, cwd);
  if (!options.force && (await isPresent(output))) throw new UsageError(`${outputName} already exists (pass --force to overwrite it)`);
  const files = await listFiles(root);
  const chosen: { tool: ToolSpec; hook: StarterHook; count: number }[] = [];
  const missing: MissingTool[] = [];
  for (const tool of [...TOOLS, CONFLICT_MARKERS]) {
    if (tool.unless?.some((name) => chosen.some((entry) => entry.tool.name === name))) continue;
    const matches = createMatcher(tool.files, tool.exclude ?? []);
    const count = files.filter((file) => matches(file)).length;
    if (count === 0) continue;
    const config = tool.configs ? await findConfig(root, tool.configs) : null;
    if (tool.needsConfig && config === null) continue;
    const program = await locateProgram(tool, root);
    if (program !== null) chosen.push({ tool, hook: toStarterHook(tool, program, tool.pythonProject ? await planMypy(root, files) : { args: [] }), count });
    else if (config !== null) missing.push({ tool, config });
  }
  if (chosen.length === 0) throw new UsageError('found no known tool for the files of this repository: write gauntlet.yaml by hand (see README)');

  const starter = renderStarter(chosen.map(({ tool, hook }) => ({ comment: tool.comment, hook })), await findSchema(root, output));
  await writeFile(output, starter, { flag: options.force ? 'w' : 'wx' });
  const lines = chosen.map(({ tool, count }) => `  ${tool.name}: ${count} ${count === 1 ? 'file' : 'files'}${tool.stage ? ` (stage ${tool.stage})` : ''}`);
  process.stdout.write(`wrote ${outputName} with ${chosen.length} ${chosen.length === 1 ? 'hook' : 'hooks'}:\n${lines.join('\n')}\n`);
  await reportMissing(missing, root);
  await ignoreStateDir(root, cwd);
  process.stdout.write('check it with: gauntlet run\n');
  return EXIT_OK;
}

/** One line per tool left out for want of an install; first, a JavaScript project not yet installed. */
async function reportMissing(missing: readonly MissingTool[], root: string): Promise<void> {
  if (missing.length === 0) return;
  const lines: string[] = [];
  if (missing.some(({ tool }) => tool.installer.kind === 'npm') && (await isPresent(path.join(root, 'package.json'))) && !(await isPresent(path.join(root, 'node_modules')))) {
    lines.push('node_modules/ is missing: run npm install (or npm ci) first, then gauntlet init --force');
  }
  lines.push('left out, named by a config here but not installed (install, then gauntlet init --force):');
  for (const { tool, config } of missing) lines.push(`  ${tool.name} (${config}) not installed: ${await describeInstall(tool.installer, root)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * The schema for the modeline: gauntlet's own in node_modules when it is a dependency of the
 * project (relative, so it holds on every clone), else the one the running install ships.
 */
async function findSchema(root: string, output: string): Promise<string | null> {
  if (await isPresent(path.join(root, LOCAL_SCHEMA))) return path.relative(path.dirname(output), path.join(root, LOCAL_SCHEMA)).split(path.sep).join('/');
  return (await isPresent(BUNDLED_SCHEMA)) ? BUNDLED_SCHEMA : null;
}

async function isPresent(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
