import { existsSync } from 'node:fs';
import path from 'node:path';
import { decideCacheScope } from '../../engine/cache/scope.js';
import { resolveProgram } from '../../engine/cache/tool-identity.js';
import { planInputs } from '../../engine/coordinate/plan-inputs.js';
import { listFiles } from '../../engine/files/git.js';
import { matchFiles } from '../../engine/files/match.js';
import { EXIT_OK } from './errors.js';
import { checkHookNames } from './skip-hooks.js';
import { loadProject } from './project.js';

export interface ExplainCommandOptions {
  config?: string;
  format: 'text' | 'json';
}

/** What decides whether a hook's results are reused. */
interface Explanation {
  name: string;
  scope: string;
  reason: string;
  /** The program the command runs, as found on PATH; null when it is not there. */
  program: string | null;
  tools: string[];
  files: number;
  /** Files in every key: cache_inputs and the tool's config files at the root, that exist now. */
  inputs: string[];
  /** The same names, absent now: creating one invalidates the results. */
  watched_absent: string[];
  /** Config files in the folders of the checked files, each part of the keys of the files below it. */
  folder_inputs: string[];
}

/** `gauntlet explain [HOOK...]`: each hook's cache scope and why, and the files its results are keyed on. */
export async function explainCommand(names: string[], options: ExplainCommandOptions): Promise<number> {
  const { root, config } = await loadProject(process.cwd(), options.config);
  checkHookNames('explain', names, config.hooks.map((hook) => hook.name));
  const files = await listFiles(root);
  const listed = new Set(files);
  const hooks = config.hooks.filter((hook) => names.length === 0 || names.includes(hook.name));
  const explained = await Promise.all(
    hooks.map(async (hook): Promise<Explanation> => {
      const decision = decideCacheScope(hook);
      const matched = matchFiles(hook, files);
      const inputs = planInputs(hook, matched, listed);
      const present = inputs.shared.filter((input) => existsSync(path.join(root, input)));
      return {
        name: hook.name,
        scope: decision.scope,
        reason: decision.reason,
        program: await resolveProgram(hook.argv[0] ?? '', root, hook.env.PATH ?? process.env.PATH),
        tools: decision.tools,
        files: matched.length,
        inputs: present,
        watched_absent: inputs.shared.filter((input) => !present.includes(input)),
        folder_inputs: inputs.folderPaths,
      };
    }),
  );
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ schema: 'gauntlet-explain/1', root, hooks: explained }, null, 2)}\n`);
    return EXIT_OK;
  }
  process.stdout.write(explained.map(renderExplanation).join('\n'));
  return EXIT_OK;
}

function renderExplanation(entry: Explanation): string {
  const lines = [
    `${entry.name}`,
    `  cache:   ${entry.scope} (${entry.reason})`,
    `  program: ${entry.program ?? 'not found on PATH: nothing is cached for it'}`,
    `  files:   ${entry.files} matched`,
    `  keyed on ${entry.scope === 'file' ? "each file's content" : entry.scope === 'project' ? 'the content of every file it matches' : 'nothing: it runs every time'}` +
      (entry.scope === 'off' ? '' : ', the hook definition, the program and these files:'),
  ];
  if (entry.scope !== 'off') {
    lines.push(`    ${entry.inputs.length > 0 ? entry.inputs.join(', ') : '(no config file present)'}`);
    if (entry.folder_inputs.length > 0) lines.push(`    in folders: ${entry.folder_inputs.join(', ')}`);
    if (entry.watched_absent.length > 0) lines.push(`    absent, watched: ${entry.watched_absent.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
