import { LefthookCommandSchema, LefthookJobSchema, LefthookScriptSchema, type LefthookJob } from './lefthook-schema.js';
import type { YamlSource } from './yaml-source.js';

export type Path = (string | number)[];

/** One command, job or script of the chosen hook section, with what its job groups pass down. */
export interface Entry {
  /** lefthook's name for it: `name:`, else the command (its first line), else the script. */
  name: string;
  /** Whether `name` was given (a key or `name:`) rather than taken from the command. */
  named: boolean;
  at: Path;
  job: LefthookJob;
  /** Whether a group it sits in is `piped` (stops at its first failure). */
  inPipedGroup: boolean;
}

/**
 * What a job group passes to its jobs, as lefthook 2.2.1 extends a group's scope: `glob`,
 * `exclude` and `file_types` add to the outer lists, `env` merges (inner keys win), and the
 * innermost non-blank `root` wins.
 */
interface GroupScope {
  glob: string[];
  exclude: string[];
  fileTypes: string[];
  env: Record<string, string>;
  root: string | undefined;
  piped: boolean;
}

/** Keys lefthook accepts inside `group:`; any other (`glob`, `env`...) is not read there. */
const GROUP_KEYS: ReadonlySet<string> = new Set(['parallel', 'piped', 'jobs']);

const EMPTY_SCOPE: GroupScope = { glob: [], exclude: [], fileTypes: [], env: {}, root: undefined, piped: false };

/** Where the chosen hook section's runnable entries are read from. */
export interface Section {
  commands?: Record<string, unknown>;
  jobs?: unknown[];
  scripts?: Record<string, unknown>;
}

/**
 * Flattens a hook section into its commands, jobs and scripts. Jobs of a group get the
 * group's `glob`, `exclude`, `file_types`, `env` and `root` (set beside `group:`), nested
 * groups too; a group with `skip: true` is left out with one warning.
 */
export function collectEntries(source: YamlSource, section: Section, at: Path, options: { hookName: string; sourceDir: string; warnings: string[] }): Entry[] {
  const { warnings } = options;
  const entries: Entry[] = [];
  for (const [name, raw] of Object.entries(section.commands ?? {})) {
    const commandAt = [...at, 'commands', name];
    entries.push({ name, named: true, at: commandAt, job: source.check(LefthookCommandSchema, raw, commandAt), inPipedGroup: false });
  }
  const addJobs = (jobs: unknown[], jobsAt: Path, scope: GroupScope): void => {
    for (const [index, raw] of jobs.entries()) {
      const jobAt = [...jobsAt, index];
      const job = source.check(LefthookJobSchema, raw, jobAt);
      if (!job.group || job.run !== undefined || job.script !== undefined) {
        // lefthook runs a job's run or script and then never looks at its group.
        if (job.group) warnings.push(`${source.where([...jobAt, 'group'], true)}: ignored, as lefthook ignores a group beside "run" or "script"`);
        entries.push({ name: nameJob(job, index), named: job.name !== undefined, at: jobAt, job: applyScope(job, extendScope(scope, job)), inPipedGroup: scope.piped });
        continue;
      }
      const label = job.name ?? `group (${index})`;
      if (job.skip === true) {
        warnings.push(`${source.file}: skipping job group "${label}": skip: true`);
        continue;
      }
      warnGroupKeys(source, job, jobAt, label, warnings);
      addJobs(job.group.jobs, [...jobAt, 'group', 'jobs'], extendScope(scope, job));
    }
  };
  addJobs(section.jobs ?? [], [...at, 'jobs'], EMPTY_SCOPE);
  for (const [file, raw] of Object.entries(section.scripts ?? {})) {
    const script = source.check(LefthookScriptSchema, raw, [...at, 'scripts', file]);
    const job: LefthookJob = { ...script, script: `${options.sourceDir.replace(/\/+$/, '')}/${options.hookName}/${file}` };
    entries.push({ name: file, named: true, at: [...at, 'scripts', file], job, inPipedGroup: false });
  }
  return entries;
}

/** lefthook's printable name of a job: its name, else its command, else its script. */
function nameJob(job: LefthookJob, index: number): string {
  const command = job.run?.trim().split('\n')[0]?.trim();
  return job.name ?? (command || undefined) ?? job.script ?? `job-${index + 1}`;
}

function extendScope(scope: GroupScope, job: LefthookJob): GroupScope {
  return {
    glob: [...scope.glob, ...listOf(job.glob)],
    exclude: [...scope.exclude, ...listOf(job.exclude)],
    fileTypes: [...scope.fileTypes, ...listOf(job.file_types)],
    env: { ...scope.env, ...job.env },
    root: job.root !== undefined && job.root.trim() !== '' ? job.root : scope.root,
    piped: scope.piped || job.group?.piped === true,
  };
}

/** The job with its scope's values in its own fields. */
function applyScope(job: LefthookJob, scope: GroupScope): LefthookJob {
  const applied: LefthookJob = { ...job };
  if (scope.glob.length > 0) applied.glob = scope.glob;
  if (scope.exclude.length > 0) applied.exclude = scope.exclude;
  if (scope.fileTypes.length > 0) applied.file_types = scope.fileTypes;
  if (Object.keys(scope.env).length > 0) applied.env = scope.env;
  if (scope.root !== undefined) applied.root = scope.root;
  return applied;
}

/** Warnings for a group's settings that lefthook does not pass to its jobs, or does not read at all. */
function warnGroupKeys(source: YamlSource, job: LefthookJob, at: Path, label: string, warnings: string[]): void {
  for (const key of ['skip', 'only'] as const) {
    if (Array.isArray(job[key])) warnings.push(`${source.where([...at, key])}: conditions are not checked; gauntlet always runs the jobs of group "${label}"`);
  }
  if (job.files !== undefined) warnings.push(`${source.where([...at, 'files'])}: not supported by gauntlet, ignored`);
  for (const key of Object.keys(job.group ?? {}).filter((one) => !GROUP_KEYS.has(one))) {
    warnings.push(`${source.where([...at, 'group', key], true)}: lefthook does not read "${key}" inside "group:" (set it beside "group:"), ignored`);
  }
}

export function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}
