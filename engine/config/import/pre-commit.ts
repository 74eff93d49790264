import { split } from 'shlex';
import type { Stage } from '../../../protocol/config.js';
import { shapesToGlobs } from './glob-shape.js';
import { isKnownTag } from './file-types.js';
import type { FileFacts } from './identify-files.js';
import { uniqueName, type ImportedConfig, type ImportedHook, type PathTest } from './imported-hook.js';
import {
  COMMIT_STAGES,
  LATER_STAGES,
  LOCAL_HOOK_KEYS,
  PreCommitConfigSchema,
  PreCommitLocalHookSchema,
  PreCommitRepoSchema,
  RUNNABLE_LANGUAGES,
  TOP_LEVEL_KEYS,
  type PreCommitLocalHook,
} from './pre-commit-schema.js';
import { translatePythonRegex } from './python-regex.js';
import { regexToShapes } from './regex-shape.js';
import { anyTest, tagTest } from './type-filter.js';
import type { YamlSource } from './yaml-source.js';

/** What an importer may need to know about the repository. */
export interface ImportContext {
  /** identify's view of the files (see collectFileFacts); `content` when text/binary tags are used. */
  facts(options: { content: boolean }): Promise<FileFacts>;
}

type Path = (string | number)[];

/** A hook that cannot be imported: why, in words that follow "skipping hook "x": ". */
class SkipHook extends Error {}

/** pre-commit's `fail` language: print the entry, then the files, and fail. */
const FAIL_SCRIPT = 'printf "%s\\n\\n" "$0"; printf "%s\\n" "$@"; exit 1';
const ENCODING_TAGS = ['text', 'binary'];

/**
 * Reads a .pre-commit-config.yaml. `repo: local` hooks of the languages that run their entry
 * as-is (system, script, fail) become gauntlet hooks with the same files; every other hook is
 * skipped with one warning line. `files`/`exclude` regexes keep Python's `re.search` meaning.
 */
export async function importPreCommit(source: YamlSource, context: ImportContext): Promise<ImportedConfig> {
  const { value } = source;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) source.fail([], 'expected a mapping with a "repos:" list');
  const config = source.check(PreCommitConfigSchema, value, []);
  const warnings: string[] = [];
  for (const key of Object.keys(value)) if (!TOP_LEVEL_KEYS.has(key)) warnings.push(`${source.where([key], true)}: unknown key, ignored`);

  const topInclude = config.files ? [requireRegex(source, config.files, ['files'])] : [];
  const topExclude = config.exclude && config.exclude !== '^$' ? [requireRegex(source, config.exclude, ['exclude'])] : [];
  const locals: { hook: PreCommitLocalHook; at: Path }[] = [];
  for (const [repoIndex, raw] of config.repos.entries()) {
    const repo = source.check(PreCommitRepoSchema, raw, ['repos', repoIndex]);
    for (const [hookIndex, hook] of repo.hooks.entries()) {
      const at: Path = ['repos', repoIndex, 'hooks', hookIndex];
      if (repo.repo === 'local') locals.push({ hook: source.check(PreCommitLocalHookSchema, hook, at), at });
      else if (repo.repo === 'meta') warnings.push(`${source.file}: skipping hook "${hook.id}" from meta: pre-commit's meta hooks check pre-commit's own config`);
      else warnings.push(`${source.file}: skipping hook "${hook.id}" from ${repo.repo}: gauntlet does not install tool environments; add it as a local hook`);
    }
  }
  const usesContent = locals.some(({ hook }) => [...(hook.types ?? []), ...(hook.types_or ?? []), ...(hook.exclude_types ?? [])].some((tag) => ENCODING_TAGS.includes(tag)));
  const facts = locals.length > 0 ? await context.facts({ content: usesContent }) : null;

  let failFast = config.fail_fast ?? false;
  const taken = new Set<string>();
  const hooks: ImportedHook[] = [];
  for (const { hook, at } of locals) {
    for (const key of Object.keys(hook)) if (!LOCAL_HOOK_KEYS.has(key)) warnings.push(`${source.where([...at, key], true)}: unknown key, ignored`);
    try {
      const imported = importLocalHook(source, hook, at, { facts: facts as FileFacts, defaultStages: config.default_stages, taken });
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

interface HookContext {
  facts: FileFacts;
  defaultStages: string[] | undefined;
  taken: Set<string>;
}

function importLocalHook(source: YamlSource, hook: PreCommitLocalHook, at: Path, context: HookContext): ImportedHook {
  if (!RUNNABLE_LANGUAGES.has(hook.language)) {
    throw new SkipHook(`language "${hook.language}" needs an environment gauntlet does not install (use language: system with the tool on PATH)`);
  }
  const { stage, note } = mapStages(hook.stages ?? context.defaultStages);
  const include: PathTest[] = [];
  const exclude: PathTest[] = [];
  if (hook.files) include.push(hookRegex(hook.files, 'files'));
  if (hook.exclude && hook.exclude !== '^$') exclude.push(hookRegex(hook.exclude, 'exclude'));
  include.push(...(hook.types ?? ['file']).map((tag) => typeTest(tag, 'types', context.facts)));
  const typesOr = hook.types_or ?? [];
  if (typesOr.length > 0) include.push(anyTest(typesOr.map((tag) => typeTest(tag, 'types_or', context.facts)), `types_or: [${typesOr.join(', ')}]`));
  exclude.push(...(hook.exclude_types ?? []).map((tag) => typeTest(tag, 'exclude_types', context.facts)));
  return {
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
}

/** pre-commit splits `entry` like a shell (no expansion), then appends `args`, then the files. */
function buildArgv(source: YamlSource, hook: PreCommitLocalHook, at: Path): string[] {
  if (hook.language === 'fail') return ['sh', '-c', FAIL_SCRIPT, hook.entry];
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

function mapStages(stages: string[] | undefined): { stage: Stage; note: string | null } {
  if (!stages || stages.length === 0 || stages.some((stage) => COMMIT_STAGES.has(stage))) return { stage: 'fast', note: null };
  if (stages.some((stage) => LATER_STAGES.has(stage))) {
    return { stage: 'comprehensive', note: `pre-commit stages ${stages.join(', ')}: gauntlet's comprehensive stage` };
  }
  throw new SkipHook(`it runs only at the ${stages.join(', ')} stage, which is not a check of files`);
}

function typeTest(tag: string, field: string, facts: FileFacts): PathTest {
  if (!isKnownTag(tag)) throw new SkipHook(`${field}: unknown type tag "${tag}"`);
  return { ...tagTest(tag, facts), origin: `${field}: ${tag}` };
}

function hookRegex(pattern: string, field: string): PathTest {
  const test = regexTest(pattern, field);
  if ('error' in test) throw new SkipHook(`${field}: ${test.error}`);
  return test;
}

function requireRegex(source: YamlSource, pattern: string, at: Path): PathTest {
  const test = regexTest(pattern, String(at.at(-1)));
  return 'error' in test ? source.fail(at, test.error) : test;
}

/** A pre-commit regex as a path test, with globs when the regex is simple enough for them. */
export function regexTest(pattern: string, field: string): PathTest | { error: string } {
  const translated = translatePythonRegex(pattern);
  if (!translated.ok) return { error: `cannot use the regex ${JSON.stringify(pattern)} in JavaScript: ${translated.reason}` };
  const shapes = regexToShapes(translated.source);
  const globs = shapes === null ? null : shapesToGlobs(shapes);
  return { regex: translated.source, globs: globs === null ? null : { files: globs, exclude: [] }, origin: `${field}: ${pattern.trim()}` };
}
