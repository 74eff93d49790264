import * as z from 'zod/mini';

const stringList = z.array(z.string());

/** A hook of a `repo: local` entry; the fields pre-commit 3 and 4 know (others are warned about). */
export const PreCommitLocalHookSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  entry: z.string(),
  language: z.string(),
  alias: z.optional(z.string()),
  files: z.optional(z.string()),
  exclude: z.optional(z.string()),
  types: z.optional(stringList),
  types_or: z.optional(stringList),
  exclude_types: z.optional(stringList),
  additional_dependencies: z.optional(z.array(z.unknown())),
  args: z.optional(stringList),
  always_run: z.optional(z.boolean()),
  fail_fast: z.optional(z.boolean()),
  pass_filenames: z.optional(z.boolean()),
  description: z.optional(z.string()),
  language_version: z.optional(z.string()),
  log_file: z.optional(z.string()),
  minimum_pre_commit_version: z.optional(z.string()),
  require_serial: z.optional(z.boolean()),
  stages: z.optional(stringList),
  verbose: z.optional(z.boolean()),
});

/**
 * A hook run through pre-commit or prek (a remote repository's, or a local one of a language
 * gauntlet does not run): only `id` is needed, the rest override the hook repository's manifest.
 */
export const PreCommitToolHookSchema = z.extend(z.partial(PreCommitLocalHookSchema), { id: z.string() });

/** One entry of `repos:`; hooks of remote repositories are only named, so only `id` is read. */
export const PreCommitRepoSchema = z.looseObject({
  repo: z.string(),
  rev: z.optional(z.string()),
  hooks: z.array(z.looseObject({ id: z.string() })),
});

/** The top level of .pre-commit-config.yaml. */
export const PreCommitConfigSchema = z.looseObject({
  repos: z.array(z.unknown()),
  default_install_hook_types: z.optional(stringList),
  default_language_version: z.optional(z.record(z.string(), z.string())),
  default_stages: z.optional(stringList),
  files: z.optional(z.string()),
  exclude: z.optional(z.string()),
  fail_fast: z.optional(z.boolean()),
  minimum_pre_commit_version: z.optional(z.string()),
  ci: z.optional(z.record(z.string(), z.unknown())),
});

export type PreCommitLocalHook = z.output<typeof PreCommitLocalHookSchema>;
export type PreCommitConfig = z.output<typeof PreCommitConfigSchema>;
export type PreCommitToolHook = z.output<typeof PreCommitToolHookSchema>;

/** Keys of a local hook pre-commit knows; any other is probably a typo. */
export const LOCAL_HOOK_KEYS: ReadonlySet<string> = new Set(Object.keys(PreCommitLocalHookSchema.def.shape));
export const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(Object.keys(PreCommitConfigSchema.def.shape));

/** Git hook stages whose checks gauntlet's `fast` stage stands for (old and new names). */
export const COMMIT_STAGES: ReadonlySet<string> = new Set(['commit', 'pre-commit', 'merge-commit', 'pre-merge-commit']);
/** Stages mapped to `comprehensive`: checks before a push, or run by hand. */
export const LATER_STAGES: ReadonlySet<string> = new Set(['push', 'pre-push', 'manual']);

/** Languages gauntlet runs itself: the entry as it is (no environment to install), or natively (fail, pygrep). */
export const RUNNABLE_LANGUAGES: ReadonlySet<string> = new Set(['system', 'script', 'fail', 'pygrep', 'unsupported', 'unsupported_script']);
