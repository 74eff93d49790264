import type { FileFacts } from './identify-files.js';
import { uniqueName, type ImportedHook } from './imported-hook.js';
import { mapStages, selectHookFiles, SkipHook } from './pre-commit-files.js';
import type { PreCommitToolHook } from './pre-commit-schema.js';
import { TOOL_HOOK_TIMEOUT_SECONDS, type PreCommitTool } from './pre-commit-tool.js';

/** What a hook run through pre-commit or prek needs to know of the config around it. */
export interface ToolHookContext {
  tool: PreCommitTool;
  /** The config's path from the repository root, as `--config` is given it. */
  configPath: string;
  facts: FileFacts;
  defaultStages: string[] | undefined;
  taken: Set<string>;
  /** How many hooks of the config `pre-commit run NAME` would select, by NAME (ids and aliases). */
  selects: ReadonlyMap<string, number>;
}

/** Where a hook comes from: its repository's `repo:` and `rev:`. */
export interface HookOrigin {
  repo: string;
  rev: string | undefined;
}

/**
 * A hook gauntlet does not run itself (a remote repository's, `repo: meta`, or a local hook of a
 * language with an environment) becomes `TOOL run HOOK --config CONFIG --files FILES...`: pre-commit
 * or prek installs the environment and runs the tool, gauntlet orders, batches, caches and parses.
 * The files the config's own conditions select are given; pre-commit applies the hook repository's
 * manifest (`files`, `types`) on top. The config file is a cache input: a new `rev`, repository or
 * `args` reruns the hook. gauntlet cannot tell a checker from a fixer here: each holds its files
 * alone while it runs, and is failed for a change to them (see engine/worker/own-changes.ts).
 */
export function buildToolHook(hook: PreCommitToolHook, origin: HookOrigin, context: ToolHookContext): ImportedHook {
  const selector = chooseSelector(hook, context.selects);
  const { stage, note, hookStage } = mapStages(hook.stages ?? context.defaultStages);
  const { include, exclude } = selectHookFiles(hook, context.facts, []);
  const at = origin.repo === 'local' || origin.repo === 'meta' ? origin.repo : `${origin.repo}${origin.rev === undefined ? '' : ` @ ${origin.rev}`}`;
  return {
    name: uniqueName(selector, context.taken),
    title: `pre-commit hook "${hook.id}" from ${at}, run by ${context.tool}`,
    argv: [context.tool, 'run', selector, '--config', context.configPath, ...(hookStage === null ? [] : ['--hook-stage', hookStage]), '--files', '{files}'],
    passFiles: true,
    // Never run with no files: `pre-commit run` with no --files checks the staged files, stashing the rest.
    alwaysRun: false,
    // One invocation: pre-commit spreads the files over the cores itself, and each start costs a Python start.
    requireSerial: true,
    stage,
    modifiesFiles: false,
    env: {},
    timeoutSeconds: TOOL_HOOK_TIMEOUT_SECONDS,
    include,
    exclude,
    notes: note === null ? [] : [note],
    outputFilter: 'pre-commit',
    cacheInputs: [context.configPath],
  };
}

/** The word `pre-commit run` selects this hook alone by: its alias, else its id. */
function chooseSelector(hook: PreCommitToolHook, selects: ReadonlyMap<string, number>): string {
  if (hook.alias !== undefined && selects.get(hook.alias) === 1) return hook.alias;
  const sharing = selects.get(hook.id) ?? 0;
  if (sharing <= 1) return hook.id;
  throw new SkipHook(`"pre-commit run ${hook.id}" would run all ${sharing} hooks with that id; give this one an alias no other hook has`);
}

/** How many hooks `pre-commit run NAME` selects, for each id and alias of the config's hooks. */
export function countSelects(hooks: ReadonlyArray<{ id: string; alias?: unknown }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const hook of hooks) {
    const names = new Set([hook.id, ...(typeof hook.alias === 'string' && hook.alias !== '' ? [hook.alias] : [])]);
    for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}
