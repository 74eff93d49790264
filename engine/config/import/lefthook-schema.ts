import * as z from 'zod/mini';

const stringOrList = z.union([z.string(), z.array(z.string())]);
const condition = z.union([z.boolean(), z.array(z.unknown())]);
const envValue = z.pipe(
  z.union([z.string(), z.number(), z.boolean()]),
  z.transform((value: string | number | boolean) => String(value)),
);

/** Fields a lefthook 2 command and job share. */
const runnable = {
  run: z.optional(z.string()),
  files: z.optional(z.string()),
  root: z.optional(z.string()),
  fail_text: z.optional(z.string()),
  timeout: z.optional(z.string()),
  skip: z.optional(condition),
  only: z.optional(condition),
  tags: z.optional(stringOrList),
  file_types: z.optional(stringOrList),
  glob: z.optional(stringOrList),
  exclude: z.optional(stringOrList),
  env: z.optional(z.record(z.string(), envValue)),
  priority: z.optional(z.number()),
  interactive: z.optional(z.boolean()),
  use_stdin: z.optional(z.boolean()),
  stage_fixed: z.optional(z.boolean()),
};

/** An entry of `commands:` (lefthook 1 and 2). */
export const LefthookCommandSchema = z.looseObject({ ...runnable, run: z.string() });

/** An entry of `scripts:`: a file in `<source_dir>/<hook>/`. */
export const LefthookScriptSchema = z.looseObject({
  runner: z.optional(z.string()),
  args: z.optional(z.string()),
  skip: z.optional(condition),
  only: z.optional(condition),
  tags: z.optional(stringOrList),
  env: z.optional(z.record(z.string(), envValue)),
  priority: z.optional(z.number()),
  fail_text: z.optional(z.string()),
  timeout: z.optional(z.string()),
  interactive: z.optional(z.boolean()),
  use_stdin: z.optional(z.boolean()),
  stage_fixed: z.optional(z.boolean()),
});

/** An entry of `jobs:` (lefthook 1.10+): a command, a script or a group of jobs. */
export const LefthookJobSchema = z.looseObject({
  ...runnable,
  name: z.optional(z.string()),
  script: z.optional(z.string()),
  runner: z.optional(z.string()),
  args: z.optional(z.string()),
  group: z.optional(
    z.looseObject({
      parallel: z.optional(z.boolean()),
      piped: z.optional(z.boolean()),
      jobs: z.array(z.unknown()),
    }),
  ),
});

/** One git hook's section, such as `pre-commit:`. */
export const LefthookHookSchema = z.looseObject({
  parallel: z.optional(z.boolean()),
  piped: z.optional(z.boolean()),
  follow: z.optional(z.boolean()),
  files: z.optional(z.string()),
  exclude: z.optional(stringOrList),
  exclude_tags: z.optional(stringOrList),
  skip: z.optional(condition),
  only: z.optional(condition),
  setup: z.optional(z.array(z.unknown())),
  fail_on_changes: z.optional(z.union([z.string(), z.boolean()])),
  commands: z.optional(z.record(z.string(), z.unknown())),
  scripts: z.optional(z.record(z.string(), z.unknown())),
  jobs: z.optional(z.array(z.unknown())),
});

/** The top-level settings gauntlet reads. */
export const LefthookConfigSchema = z.looseObject({
  glob_matcher: z.optional(z.enum(['gobwas', 'doublestar'])),
  source_dir: z.optional(z.string()),
  templates: z.optional(z.record(z.string(), z.string())),
  extends: z.optional(z.array(z.string())),
  remotes: z.optional(z.array(z.unknown())),
});

export type LefthookCommand = z.output<typeof LefthookCommandSchema>;
export type LefthookJob = z.output<typeof LefthookJobSchema>;
export type LefthookScript = z.output<typeof LefthookScriptSchema>;
export type LefthookHook = z.output<typeof LefthookHookSchema>;

/** Keys that change nothing in gauntlet (ordering, output): accepted silently. */
export const IGNORED_KEYS: ReadonlySet<string> = new Set(['priority', 'tags', 'fail_text', 'parallel', 'follow', 'exclude_tags']);

/** Every key lefthook knows on a command, job or script, for warnings about typos. */
export const KNOWN_JOB_KEYS: ReadonlySet<string> = new Set([
  ...Object.keys(LefthookJobSchema.def.shape),
  ...Object.keys(LefthookScriptSchema.def.shape),
]);
