// zod/mini, not classic zod: the same core, about 26 KB bundled instead of about 450 KB; that is start-up time.
import * as z from 'zod/mini';
import { JSON_PRESETS } from './parser.js';
import { MAX_WORKERS } from './limits.js';

const glob = z.string().check(z.minLength(1, 'expected a non-empty glob'));
const globList = z.pipe(
  z.union([glob, z.array(glob)]),
  z.transform((value: string | string[]) => (typeof value === 'string' ? [value] : value)),
);

const PARSER_NAMES = ['gnu', 'none', 'sarif', 'checkstyle', ...JSON_PRESETS] as const;
const jsonPath = z.string().check(z.minLength(1, 'expected a dotted path such as location.row'));
const numberBase = z.union([z.literal(0), z.literal(1)]);
const errorformat = z.string().check(z.minLength(1, 'expected a non-empty format'));

/** `fix:` of a `{json: ...}` parser: where a record's fix is, as character offsets or as lines and columns. */
const jsonFixMapping = z
  .strictObject({
    edits: jsonPath,
    text: jsonPath,
    start: z.optional(jsonPath),
    end: z.optional(jsonPath),
    line: z.optional(jsonPath),
    column: z.optional(jsonPath),
    end_line: z.optional(jsonPath),
    end_column: z.optional(jsonPath),
    description: z.optional(jsonPath),
  })
  .check(
    z.refine(
      (value) => {
        const offsets = value.start !== undefined || value.end !== undefined;
        const lines = value.line !== undefined || value.column !== undefined || value.end_line !== undefined || value.end_column !== undefined;
        return offsets ? !lines && value.start !== undefined && value.end !== undefined : value.line !== undefined && value.end_line !== undefined;
      },
      'expected either start and end (character offsets) or line and end_line (with column and end_column), not both',
    ),
  )
  .register(z.globalRegistry, {
    description:
      "Where a record's fix is. `edits`: path from the record to its list of edits (or to one edit); in each edit, `text` is the new text " +
      'and its place is either `start`/`end` (0-based character offsets into the file, end excluded) or `line`, `column`, `end_line`, ' +
      '`end_column` (numbered as line_base/column_base say; end excluded; a missing column is the start of the line, a missing end_column its end). ' +
      '`description`: path from the record to the fix\'s title.',
  });

/** `{json: ...}`: where each field of a finding is in the tool's JSON records. */
const jsonMapping = z.strictObject({
  root: z.optional(jsonPath),
  lines: z._default(z.boolean(), false),
  file: jsonPath,
  line: jsonPath,
  column: z.optional(jsonPath),
  end_line: z.optional(jsonPath),
  end_column: z.optional(jsonPath),
  severity: z.optional(jsonPath),
  code: z.optional(jsonPath),
  message: jsonPath,
  line_base: z._default(numberBase, 1),
  column_base: z._default(numberBase, 1),
  fix: z.optional(jsonFixMapping),
});

// One mapping with optional keys rather than a union of three: a typo or a bad value is then reported at the key meant.
const parserMapping = z
  .strictObject({
    regex: z.optional(z.string().check(z.minLength(1, 'expected a non-empty pattern'))),
    errorformat: z.optional(z.union([errorformat, z.array(errorformat).check(z.minLength(1, 'expected at least one format'))])),
    json: z.optional(jsonMapping),
  })
  .check(
    z.refine((value) => Object.keys(value).length === 1, 'expected exactly one of the keys regex, errorformat or json'),
  );

const parser = z.union([z.enum(PARSER_NAMES), parserMapping], {
  error: () => `expected one of: ${PARSER_NAMES.join(', ')}, {regex: ...}, {errorformat: ...}, {json: ...}`,
});

const envValue = z.pipe(
  z.union([z.string(), z.number(), z.boolean()]),
  z.transform((value: string | number | boolean) => String(value)),
);

/** One hook as written in gauntlet.yaml. */
export const HookConfigSchema = z.strictObject({
  name: z.string().check(z.regex(/^[A-Za-z0-9._-]+$/, 'expected a name of letters, digits, ".", "_" or "-"')),
  command: z.union([
    z.string().check(z.trim(), z.minLength(1, 'expected a non-empty command')),
    z.array(z.string()).check(z.minLength(1, 'expected at least one word')),
  ]),
  files: z.optional(globList),
  exclude: z.optional(globList),
  pass_files: z._default(z.boolean(), true),
  always_run: z._default(z.boolean(), false),
  timeout: z._default(z.union([z.number().check(z.positive('expected a positive number')), z.literal('auto')]), 60),
  stage: z._default(z.enum(['fast', 'comprehensive']), 'fast'),
  parser: z._default(parser, 'gnu'),
  // z.number() checked by z.int(), as classic's .int() does: a string still reads "expected a number".
  ok_exit_codes: z._default(z.array(z.number().check(z.int())).check(z.minLength(1)), [0]),
  fail_on_diagnostics: z._default(z.boolean(), false),
  env: z._default(z.record(z.string(), envValue), {}),
  // How results are reused; absent: `file`, or `project` for tools known to read other files.
  cache: z.optional(z.enum(['file', 'project', 'off'])),
  cache_inputs: z.optional(globList),
  // Add the config files gauntlet knows the tool reads (setup.cfg for flake8, ...) to cache_inputs.
  cache_inputs_default: z._default(z.boolean(), true),
  require_serial: z._default(z.boolean(), false),
  batch_size: z.optional(z.number().check(z.int(), z.positive('expected a positive whole number'))),
  modifies_files: z._default(z.boolean(), false),
  fix_ok: z._default(z.boolean(), false),
  // The tool reads the file's content on stdin, so an editor can check unsaved text.
  stdin: z._default(z.boolean(), false),
  // A formatter: the file's text on stdin, the formatted text on stdout.
  format: z._default(z.boolean(), false),
  // With format: the command takes a range ({range_start}, ... in its words), for an editor's selection.
  range_format: z._default(z.boolean(), false),
  // Files go after `--`, as they are, instead of `-name` being written `./-name`.
  files_after_double_dash: z._default(z.boolean(), false),
  // Prints the tool's version: part of the key of results shared through a remote cache.
  version_command: z.optional(
    z.union([
      z.string().check(z.trim(), z.minLength(1, 'expected a non-empty command')),
      z.array(z.string()).check(z.minLength(1, 'expected at least one word')),
    ]),
  ),
});

/** Settings of `gauntlet lsp`. */
export const LspConfigSchema = z.strictObject({
  // How long typing must pause before stdin hooks check the unsaved text.
  debounce_ms: z._default(z.number().check(z.int(), z.nonnegative('expected a whole number of milliseconds, 0 or more')), 250),
});

/** `remote_cache:`: a shared result cache served over the Bazel HTTP remote-cache protocol. */
export const RemoteCacheConfigSchema = z.strictObject({
  url: z.string().check(z.trim(), z.minLength(1, 'expected an http:// or https:// URL')),
  // Look results up, never upload (a developer's machine; CI writes).
  read_only: z._default(z.boolean(), false),
  // Each request's limit, and the most a run waits at exit for its uploads.
  timeout_ms: z._default(z.number().check(z.int(), z.positive('expected a positive whole number of milliseconds')), 2_000),
  headers: z._default(z.record(z.string(), z.string()), {}),
});

/** The whole of gauntlet.yaml. */
export const ConfigSchema = z.strictObject({
  max_workers: z.optional(
    z.number().check(z.int(), z.positive('expected a positive whole number'), z.lte(MAX_WORKERS, `expected at most ${MAX_WORKERS} workers`)),
  ),
  fail_fast: z._default(z.boolean(), false),
  hooks: z.array(HookConfigSchema).check(z.minLength(1, 'expected at least one hook')),
  lsp: z.optional(LspConfigSchema),
  remote_cache: z.optional(RemoteCacheConfigSchema),
});

export type HookConfig = z.output<typeof HookConfigSchema>;
export type Config = z.output<typeof ConfigSchema>;
export type Stage = HookConfig['stage'];
/** `cache:` of a hook: per file, the whole project's result, or never cached. */
export type CacheScope = NonNullable<HookConfig['cache']>;
