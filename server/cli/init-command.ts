import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isSeq } from 'yaml';
import { findRepoRoot, listFiles } from '../../engine/files/git.js';
import { createMatcher } from '../../engine/files/match.js';
import { formatConfigPath } from '../../engine/config/config-error.js';
import { EXIT_OK, UsageError } from './errors.js';
import { GAUNTLET_CONFIG_FILE } from '../../engine/config/find-config.js';
import { TOOLS, type ToolSpec } from './init-tools.js';
import { resolveProgram } from '../../engine/cache/tool-identity.js';
import { ignoreStateDir } from './ignore-state-dir.js';

/** Options of `gauntlet init`. */
export interface InitCommandOptions {
  force?: boolean;
  output?: string;
}

/** A hook as written in the starter gauntlet.yaml. */
interface StarterHook {
  name: string;
  command: string[];
  files?: string[];
  exclude?: string[];
  pass_files?: false;
  require_serial?: true;
  stage?: 'comprehensive';
  timeout?: number;
  parser?: ToolSpec['parser'];
  ok_exit_codes?: number[];
  version_command?: string[];
}

/** Needs only grep, and catches what no linter does: a merge left half done. */
const CONFLICT_MARKERS: ToolSpec = {
  name: 'conflict-markers',
  program: 'grep',
  args: ['-nHE', '^(<<<<<<<|>>>>>>>)( |$)'],
  files: [],
  comment: 'conflict-markers: leftover merge conflict markers (grep finding nothing exits 1: passed)',
  // A native program: its own bytes tell its version.
  version: null,
};

/**
 * `gauntlet init`: writes a starter gauntlet.yaml with a hook for each known tool that is
 * installed (on PATH, or in node_modules/.bin for JavaScript tools) and has files to check
 * in this repository, and adds `.gauntlet/` to the repository's .gitignore. Refuses to overwrite a
 * file without --force; prints what it wrote.
 */
export async function initCommand(options: InitCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const root = await findRepoRoot(cwd);
  const output = options.output === undefined ? path.join(root, GAUNTLET_CONFIG_FILE) : path.resolve(cwd, options.output);
  const outputName = formatConfigPath(output, cwd);
  if (!options.force && (await isPresent(output))) throw new UsageError(`${outputName} already exists (pass --force to overwrite it)`);
  const files = await listFiles(root);
  const chosen: { tool: ToolSpec; program: string; count: number }[] = [];
  for (const tool of [...TOOLS, CONFLICT_MARKERS]) {
    if (tool.unless?.some((name) => chosen.some((entry) => entry.tool.name === name))) continue;
    const matches = createMatcher(tool.files, tool.exclude ?? []);
    const count = files.filter((file) => matches(file)).length;
    if (count === 0) continue;
    if (tool.needsConfig && !(await anyPresent(root, tool.needsConfig))) continue;
    const program = await locateProgram(tool, root);
    if (program !== null) chosen.push({ tool, program, count });
  }
  if (chosen.length === 0) throw new UsageError('found no known tool for the files of this repository: write gauntlet.yaml by hand (see README)');

  await writeFile(output, renderStarter(chosen.map(({ tool, program }) => ({ tool, hook: toHook(tool, program) }))), { flag: options.force ? 'w' : 'wx' });
  const lines = chosen.map(({ tool, count }) => `  ${tool.name}: ${count} ${count === 1 ? 'file' : 'files'}${tool.stage ? ` (stage ${tool.stage})` : ''}`);
  process.stdout.write(`wrote ${outputName} with ${chosen.length} ${chosen.length === 1 ? 'hook' : 'hooks'}:\n${lines.join('\n')}\n`);
  await ignoreStateDir(root, cwd);
  process.stdout.write('check it with: gauntlet run\n');
  return EXIT_OK;
}

function toHook(tool: ToolSpec, program: string): StarterHook {
  const hook: StarterHook = { name: tool.name, command: [program, ...tool.args] };
  if (tool.files.length > 0) hook.files = tool.files;
  if (tool.exclude) hook.exclude = tool.exclude;
  if (tool.passFiles === false) hook.pass_files = false;
  if (tool.requireSerial) hook.require_serial = true;
  if (tool.stage) hook.stage = tool.stage;
  if (tool.timeout !== undefined) hook.timeout = tool.timeout;
  if (tool.parser !== undefined) hook.parser = tool.parser;
  if (tool === CONFLICT_MARKERS) hook.ok_exit_codes = [1];
  if (tool.version !== null) hook.version_command = [program, ...(tool.version ?? ['--version'])];
  return hook;
}

function renderStarter(entries: { tool: ToolSpec; hook: StarterHook }[]): string {
  const doc = new Document({ hooks: entries.map((entry) => entry.hook) });
  doc.commentBefore = [
    ' Written by `gauntlet init` for the tools found on this machine; edit freely.',
    ' Each hook runs its command with the matching files appended; see README.md, "Configuration".',
  ].join('\n');
  const hooks = doc.get('hooks');
  if (isSeq(hooks)) {
    hooks.items.forEach((item, index) => {
      if (!isMap(item)) return;
      item.commentBefore = ` ${entries[index]?.tool.comment ?? ''}`;
      for (const field of ['command', 'files', 'exclude', 'ok_exit_codes', 'version_command']) {
        const node = item.get(field, true);
        if (isSeq(node)) node.flow = true;
      }
    });
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** `node_modules/.bin/x` (repository-relative) for a JavaScript tool installed there, else the name when it is on PATH. */
async function locateProgram(tool: ToolSpec, root: string): Promise<string | null> {
  const local = `node_modules/.bin/${tool.program}`;
  if (tool.node && (await resolveProgram(local, root, undefined)) !== null) return local;
  return (await resolveProgram(tool.program, root, process.env.PATH)) === null ? null : tool.program;
}

async function anyPresent(root: string, names: readonly string[]): Promise<boolean> {
  for (const name of names) if (await isPresent(path.join(root, name))) return true;
  return false;
}

async function isPresent(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
