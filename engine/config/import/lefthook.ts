import { split } from 'shlex';
import { compileLefthookGlob, type GlobMatcher } from './lefthook-glob.js';
import { literalEnv, parseGoDuration, translateRun, type TranslatedRun } from './lefthook-run.js';
import { collectEntries, listOf, type Entry, type Path } from './lefthook-jobs.js';
import { IGNORED_KEYS, KNOWN_JOB_KEYS, LefthookConfigSchema, LefthookHookSchema, type LefthookJob } from './lefthook-schema.js';
import type { FileFacts } from './identify-files.js';
import { uniqueName, type ImportedConfig, type ImportedHook, type PathTest } from './imported-hook.js';
import type { ImportContext } from './pre-commit.js';
import { combineAny } from './python-regex.js';
import { tagTest } from './type-filter.js';
import type { YamlSource } from './yaml-source.js';

class SkipHook extends Error {}

/** Names taken from a command are cut to this length before they are made unique. */
const MAX_NAME_LENGTH = 64;

/** lefthook `file_types` that identify's tags answer the same way. */
const FILE_TYPE_TAGS: Record<string, string> = {
  text: 'text', binary: 'binary', executable: 'executable', 'not executable': 'non-executable', symlink: 'symlink', 'not symlink': 'file',
};

/** Settings of a lefthook import. */
export interface LefthookOptions {
  /** The git hook whose section is read (`pre-commit` by default). */
  group: string;
}

/**
 * Reads a lefthook.yml (lefthook 2): the commands, jobs and scripts of one hook group become
 * gauntlet hooks running `sh -c` (files passed as arguments, never pasted into shell text).
 * What gauntlet cannot do the same way (a `root` folder, interactive commands) is skipped or
 * noted with one warning line each.
 */
export async function importLefthook(source: YamlSource, context: ImportContext, options: LefthookOptions): Promise<ImportedConfig> {
  const { value } = source;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) source.fail([], 'expected a mapping of git hooks');
  const top = source.check(LefthookConfigSchema, value, []);
  const warnings: string[] = [];
  for (const key of ['extends', 'remotes'] as const) {
    if (top[key]) warnings.push(`${source.where([key])}: not followed; import the other configs' hooks by hand`);
  }
  const record = value as Record<string, unknown>;
  if (record[options.group] === undefined) {
    const found = Object.keys(record).filter((key) => isHookSection(record[key]));
    source.fail([], `no "${options.group}" hook group${found.length > 0 ? ` (found: ${found.join(', ')}; choose one with --group)` : ''}`);
  }
  const group = source.check(LefthookHookSchema, record[options.group], [options.group]);
  const at: Path = [options.group];
  if (group.skip === true) warnings.push(`${source.where([...at, 'skip'])}: the whole group is skipped`);
  for (const key of ['files', 'setup', 'fail_on_changes', 'only'] as const) {
    if (group[key] !== undefined) warnings.push(`${source.where([...at, key])}: not supported by gauntlet, ignored`);
  }
  const matcher: GlobMatcher = top.glob_matcher ?? 'gobwas';
  const sharedExclude = group.exclude === undefined ? [] : [globTest(group.exclude, matcher, false, 'exclude')];
  const entries = group.skip === true ? [] : collectEntries(source, group, at, { hookName: options.group, sourceDir: top.source_dir ?? '.lefthook', warnings });
  const needsContent = entries.some(({ job }) => listOf(job.file_types).some((type) => type === 'text' || type === 'binary'));
  const needsFacts = entries.some(({ job }) => job.file_types !== undefined);
  const facts = needsFacts ? await context.facts({ content: needsContent }) : null;

  const taken = new Set<string>();
  const hooks: ImportedHook[] = [];
  const build = { source, matcher, templates: top.templates ?? {}, facts, warnings, stage: options.group === 'pre-push' ? 'comprehensive' as const : 'fast' as const };
  for (const entry of entries) {
    for (const key of Object.keys(entry.job)) if (!KNOWN_JOB_KEYS.has(key)) warnings.push(`${source.where([...entry.at, key], true)}: unknown key, ignored`);
    try {
      const hook = buildHook(entry, build, uniqueName(entry.named ? entry.name : nameAfterCommand(entry.name), taken));
      hook.exclude.push(...sharedExclude);
      hooks.push(hook);
    } catch (error) {
      if (!(error instanceof SkipHook)) throw error;
      warnings.push(`${source.file}: skipping hook "${entry.name}": ${error.message}`);
    }
  }
  return { format: 'lefthook', hooks, failFast: group.piped === true || entries.some((entry) => entry.inPipedGroup), warnings };
}

/** A short name from a command's text: its words joined by "-". */
function nameAfterCommand(command: string): string {
  return command.slice(0, MAX_NAME_LENGTH).replace(/[^A-Za-z0-9._]+/g, '-');
}

function isHookSection(value: unknown): boolean {
  return typeof value === 'object' && value !== null && ['commands', 'jobs', 'scripts'].some((key) => key in value);
}

interface Build {
  source: YamlSource;
  matcher: GlobMatcher;
  templates: Record<string, string>;
  facts: FileFacts | null;
  warnings: string[];
  stage: 'fast' | 'comprehensive';
}

function buildHook({ name: label, at, job }: Entry, build: Build, name: string): ImportedHook {
  const { source, warnings } = build;
  if (job.skip === true) throw new SkipHook('skip: true');
  for (const key of ['skip', 'only'] as const) {
    if (Array.isArray(job[key])) warnings.push(`${source.where([...at, key])}: conditions are not checked; gauntlet always runs "${label}"`);
  }
  if (job.root !== undefined && !['', '.', './'].includes(job.root)) throw new SkipHook(`root "${job.root}": gauntlet runs every hook at the repository root`);
  for (const key of ['files', 'interactive', 'use_stdin'] as const) {
    if (job[key] !== undefined && job[key] !== false) warnings.push(`${source.where([...at, key])}: not supported by gauntlet, ignored`);
  }
  const env = job.env ?? {};
  const include: PathTest[] = [];
  if (job.glob !== undefined) include.push(globTest(job.glob, build.matcher, true, 'glob'));
  // lefthook keeps a file only when it is of every type listed.
  for (const type of listOf(job.file_types)) include.push(fileTypeTest(type, build.facts));
  const exclude = job.exclude === undefined ? [] : [globTest(job.exclude, build.matcher, false, 'exclude')];
  const { argv, passFiles, stagesFiles } = buildArgv(job, label, build.templates, env);
  const modifiesFiles = stagesFiles || job.stage_fixed === true;
  if (modifiesFiles) {
    const [key, why] = job.stage_fixed === true ? ['stage_fixed', 'has stage_fixed: true'] : ['run', 'runs "git add"'];
    warnings.push(`${source.where([...at, key])}: hook "${name}" ${why}: imported as a fixer (modifies_files: true), failed when it changes a file; gauntlet never stages files itself`);
  }
  let timeoutSeconds: number | null = null;
  if (job.timeout !== undefined) {
    timeoutSeconds = parseGoDuration(job.timeout);
    if (timeoutSeconds === null) warnings.push(`${source.where([...at, 'timeout'])}: not a duration like "30s", ignored`);
  }
  const ignored = Object.keys(job).filter((key) => IGNORED_KEYS.has(key));
  return {
    name,
    title: `lefthook ${job.script === undefined ? 'command' : 'script'} "${label}"`,
    argv,
    passFiles,
    alwaysRun: false,
    requireSerial: false,
    stage: build.stage,
    modifiesFiles,
    env: literalEnv(env),
    timeoutSeconds,
    include,
    exclude,
    notes: ignored.length > 0 ? [`ignored: ${ignored.join(', ')}`] : [],
  };
}

function buildArgv(job: LefthookJob, name: string, templates: Record<string, string>, env: Record<string, string>): TranslatedRun {
  if (job.run !== undefined) return translateRun(job.run, { name, templates, env });
  if (job.script === undefined) throw new SkipHook('it has neither "run" nor "script"');
  try {
    const runner = job.runner === undefined ? [] : split(job.runner);
    return { argv: [...runner, job.script, ...(job.args === undefined ? [] : split(job.args))], passFiles: false, stagesFiles: false };
  } catch (error) {
    throw new SkipHook(`cannot split runner or args: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function globTest(globs: string | string[], matcher: GlobMatcher, ignoreCase: boolean, field: string): PathTest {
  const list = listOf(globs);
  try {
    const compiled = list.map((glob) => compileLefthookGlob(glob, matcher, ignoreCase));
    const parts = compiled.map((one) => one.globs);
    const files = parts.includes(null) ? null : parts.includes('all') ? 'all' : (parts as string[][]).flat();
    return { regex: combineAny(compiled.map((one) => one.regex)) ?? '(?!)', globs: files === null ? null : { files, exclude: [] }, origin: `${field}: ${list.join(', ')}` };
  } catch (error) {
    throw new SkipHook(`${field}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function fileTypeTest(type: string, facts: FileFacts | null): PathTest {
  const tag = FILE_TYPE_TAGS[type];
  if (tag === undefined || facts === null) throw new SkipHook(`file_types "${type}" is not supported by gauntlet`);
  return { ...tagTest(tag, facts), origin: `file_types: ${type}` };
}
