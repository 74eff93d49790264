import { split } from 'shlex';
import type { FileFacts } from './identify-files.js';
import { uniqueName, type ImportedConfig, type ImportedHook, type PathTest } from './imported-hook.js';
import { mapStages, regexTest, selectHookFiles, SkipHook } from './pre-commit-files.js';
import { buildPygrep } from './pre-commit-pygrep.js';
import {
  LOCAL_HOOK_KEYS,
  PreCommitConfigSchema,
  PreCommitLocalHookSchema,
  PreCommitRepoSchema,
  PreCommitToolHookSchema,
  RUNNABLE_LANGUAGES,
  TOP_LEVEL_KEYS,
  type PreCommitLocalHook,
  type PreCommitToolHook,
} from './pre-commit-schema.js';
import { INSTALL_PRE_COMMIT_HINT, type PreCommitTool } from './pre-commit-tool.js';
import { buildToolHook, countSelects, type HookOrigin } from './pre-commit-tool-hook.js';
import type { YamlSource } from './yaml-source.js';

export { regexTest } from './pre-commit-files.js';

/** What an importer may need to know about the repository. */
export interface ImportContext {
  /** identify's view of the files (see collectFileFacts); `content` when text/binary tags are used. */
  facts(options: { content: boolean }): Promise<FileFacts>;
  /** pre-commit or prek, when one is on PATH, to run the hooks gauntlet does not run itself; none when absent. */
  preCommitTool?: () => Promise<PreCommitTool | null>;
  /** The config's path from the repository root (`--config` of `pre-commit run`); its file name when absent. */
  configPath?: string;
}

type Path = (string | number)[];

/** pre-commit's `fail` language as a command, for gauntlet.yaml: print the entry, then the files, and fail. */
const FAIL_SCRIPT = 'printf "%s\\n\\n" "$0"; printf "%s\\n" "$@"; exit 1';
const ENCODING_TAGS = ['text', 'binary'];

/** A hook to import: a local one gauntlet runs itself, or one run through pre-commit. */
type Pending = { kind: 'local'; hook: PreCommitLocalHook; at: Path } | { kind: 'tool'; hook: PreCommitToolHook; at: Path; origin: HookOrigin };

/**
 * Reads a .pre-commit-config.yaml. `repo: local` hooks of the languages gauntlet runs itself
 * (system, script, fail, pygrep) become gauntlet hooks with the same files; every other hook
 * (remote repositories, meta, local hooks with an environment) runs through pre-commit or prek
 * when one is on PATH, and is otherwise skipped, with one warning line for all of them.
 * `files`/`exclude` regexes keep Python's `re.search` meaning.
 */
export async function importPreCommit(source: YamlSource, context: ImportContext): Promise<ImportedConfig> {
  const { value } = source;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) source.fail([], 'expected a mapping with a "repos:" list');
  const config = source.check(PreCommitConfigSchema, value, []);
  const warnings: string[] = [];
  for (const key of Object.keys(value)) if (!TOP_LEVEL_KEYS.has(key)) warnings.push(`${source.where([key], true)}: unknown key, ignored`);

  const topInclude = config.files ? [requireRegex(source, config.files, ['files'])] : [];
  const topExclude = config.exclude && config.exclude !== '^$' ? [requireRegex(source, config.exclude, ['exclude'])] : [];
  const pending: Pending[] = [];
  for (const [repoIndex, raw] of config.repos.entries()) {
    const repo = source.check(PreCommitRepoSchema, raw, ['repos', repoIndex]);
    for (const [hookIndex, hook] of repo.hooks.entries()) {
      const at: Path = ['repos', repoIndex, 'hooks', hookIndex];
      const local = repo.repo === 'local' ? source.check(PreCommitLocalHookSchema, hook, at) : null;
      if (local && RUNNABLE_LANGUAGES.has(local.language)) pending.push({ kind: 'local', hook: local, at });
      else pending.push({ kind: 'tool', hook: source.check(PreCommitToolHookSchema, hook, at), at, origin: { repo: repo.repo, rev: repo.rev } });
    }
  }
  const tool = pending.some((entry) => entry.kind === 'tool') ? ((await context.preCommitTool?.()) ?? null) : null;
  const kept = tool === null ? pending.filter((entry) => entry.kind === 'local') : pending;
  const unrun = pending.filter((entry) => !kept.includes(entry)).map((entry) => entry.hook.id);
  if (unrun.length > 0) warnings.push(`${source.file}: skipping ${describeHooks(unrun)}, which only pre-commit can run (its tool environments): ${INSTALL_PRE_COMMIT_HINT} to run them through it`);
  const usesContent = kept.some(({ hook }) => [...(hook.types ?? []), ...(hook.types_or ?? []), ...(hook.exclude_types ?? [])].some((tag) => ENCODING_TAGS.includes(tag)));
  const facts = kept.length > 0 ? await context.facts({ content: usesContent }) : null;

  let failFast = config.fail_fast ?? false;
  const taken = new Set<string>();
  const selects = countSelects(pending.map((entry) => entry.hook));
  const toolContext = { tool: tool ?? 'pre-commit', configPath: context.configPath ?? source.file, facts: facts as FileFacts, defaultStages: config.default_stages, taken, selects } as const;
  const hooks: ImportedHook[] = [];
  for (const entry of kept) {
    const { hook, at } = entry;
    if (entry.kind === 'local') for (const key of Object.keys(hook)) if (!LOCAL_HOOK_KEYS.has(key)) warnings.push(`${source.where([...at, key], true)}: unknown key, ignored`);
    try {
      const imported =
        entry.kind === 'local'
          ? importLocalHook(source, entry.hook, at, { facts: facts as FileFacts, defaultStages: config.default_stages, taken })
          : buildToolHook(entry.hook, entry.origin, toolContext);
      imported.include.unshift(...topInclude);
      imported.exclude.unshift(...topExclude);
      if (hook.fail_fast === true && !failFast) {
        failFast = true;
        warnings.push(`${source.where([...at, 'fail_fast'])}: gauntlet stops the whole run at any hook's failure once one hook asks for fail_fast`);
      }
      hooks.push(imported);
    } catch (error) {
      if (!(error instanceof SkipHook)) throw error;
      warnings.push(`${source.file}: skipping hook "${hook.id}": ${error.message}`);
    }
  }
  return { format: 'pre-commit', hooks, failFast, warnings };
}

function describeHooks(ids: readonly string[]): string {
  return `${ids.length === 1 ? 'hook' : `${ids.length} hooks`} ${ids.map((id) => `"${id}"`).join(', ')}`;
}

interface HookContext {
  facts: FileFacts;
  defaultStages: string[] | undefined;
  taken: Set<string>;
}

function importLocalHook(source: YamlSource, hook: PreCommitLocalHook, at: Path, context: HookContext): ImportedHook {
  const { stage, note } = mapStages(hook.stages ?? context.defaultStages);
  const { include, exclude } = selectHookFiles(hook, context.facts, ['file']);
  const imported: ImportedHook = {
    name: uniqueName(hook.id, context.taken),
    title: `pre-commit hook "${hook.id}"${hook.name === hook.id ? '' : ` (${hook.name})`}`,
    argv: buildArgv(source, hook, at),
    passFiles: hook.pass_filenames ?? true,
    alwaysRun: hook.always_run ?? false,
    requireSerial: hook.require_serial ?? false,
    stage,
    modifiesFiles: false,
    env: {},
    timeoutSeconds: null,
    include,
    exclude,
    notes: note === null ? [] : [note],
  };
  if (hook.language === 'fail') imported.native = { type: 'fail', message: hook.entry };
  if (hook.language === 'pygrep') {
    const built = buildPygrep(hook.entry, hook.args ?? []);
    if (!built.ok) source.fail([...at, built.field], `hook "${hook.id}": ${built.reason}`);
    imported.native = built.command;
  }
  return imported;
}

/** pre-commit splits `entry` like a shell (no expansion), then appends `args`, then the files. */
function buildArgv(source: YamlSource, hook: PreCommitLocalHook, at: Path): string[] {
  if (hook.language === 'fail') return ['sh', '-c', FAIL_SCRIPT, hook.entry];
  // Never spawned (the worker runs it): the words only name the check, in cache keys and messages.
  if (hook.language === 'pygrep') return ['pygrep', ...(hook.args ?? []), hook.entry];
  let words: string[];
  try {
    words = split(hook.entry);
  } catch (error) {
    return source.fail([...at, 'entry'], `cannot split into words: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [program, ...rest] = words;
  if (program === undefined) return source.fail([...at, 'entry'], 'expected a command');
  // A script's entry is a path from the repository root; gauntlet reads a word with a `/` that way.
  const isScript = hook.language === 'script' || hook.language === 'unsupported_script';
  const resolved = isScript && !program.includes('/') ? `./${program}` : program;
  return [resolved, ...rest, ...(hook.args ?? [])];
}

function requireRegex(source: YamlSource, pattern: string, at: Path): PathTest {
  const test = regexTest(pattern, String(at.at(-1)));
  return 'error' in test ? source.fail(at, test.error) : test;
}
