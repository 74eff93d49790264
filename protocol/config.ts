// zod/mini, not classic zod: the same core, about 26 KB bundled instead of about 450 KB; that is start-up time.
import * as z from 'zod/mini';
import { JSON_PRESETS } from './parser.js';
import { MAX_WORKERS } from './limits.js';
import { CONFIG_DOCS, HOOK_DOCS, SETTINGS_DOCS, type FieldDoc } from './config-docs.js';
import { PARSER_DOCS as P } from './parser-docs.js';

const H = HOOK_DOCS;
const S = SETTINGS_DOCS;

const glob = z.string().check(z.minLength(1, 'expected a non-empty glob'), z.meta(H.glob));
const toList = z.transform((value: string | string[]) => (typeof value === 'string' ? [value] : value));
const globList = z.pipe(z.union([glob, z.array(glob)]), toList);
// The same check as a glob's, documented as what it is: a path.
const cacheInput = glob.check(z.meta(H.cache_input));

const PARSER_NAMES = ['gnu', 'none', 'sarif', 'checkstyle', ...JSON_PRESETS] as const;
const jsonPath = z.string().check(z.minLength(1, 'expected a dotted path such as location.row'));
/** A dotted path in a tool's JSON, as each field of a `{json: ...}` mapping documents it. */
const documentPath = (doc: FieldDoc) => jsonPath.check(z.meta(doc));
const documentOptionalPath = (doc: FieldDoc) => z.optional(jsonPath).check(z.meta(doc));
const numberBase = z.union([z.literal(0), z.literal(1)]);
const errorformat = z.string().check(z.minLength(1, 'expected a non-empty format'), z.meta(P.errorformat_item));

/** `fix:` of a `{json: ...}` parser: where a record's fix is, as character offsets or as lines and columns. */
const jsonFixMapping = z
  .strictObject({
    edits: documentPath(P.fix_edits),
    text: documentPath(P.fix_text),
    start: documentOptionalPath(P.fix_start),
    end: documentOptionalPath(P.fix_end),
    line: documentOptionalPath(P.fix_line),
    column: documentOptionalPath(P.fix_column),
    end_line: documentOptionalPath(P.fix_end_line),
    end_column: documentOptionalPath(P.fix_end_column),
    description: documentOptionalPath(P.fix_description),
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
  .check(z.meta(P.fix));

/** `{json: ...}`: where each field of a finding is in the tool's JSON records. */
const jsonMapping = z.strictObject({
  root: documentOptionalPath(P.root),
  lines: z._default(z.boolean(), false).check(z.meta(P.lines)),
  file: documentPath(P.file),
  line: documentPath(P.line),
  column: documentOptionalPath(P.column),
  end_line: documentOptionalPath(P.end_line),
  end_column: documentOptionalPath(P.end_column),
  severity: documentOptionalPath(P.severity),
  code: documentOptionalPath(P.code),
  message: documentPath(P.message),
  line_base: z._default(numberBase, 1).check(z.meta(P.line_base)),
  column_base: z._default(numberBase, 1).check(z.meta(P.column_base)),
  fix: z.optional(jsonFixMapping),
}).check(z.meta(P.json));

// One mapping with optional keys rather than a union of three: a typo or a bad value is then reported at the key meant.
const parserMapping = z
  .strictObject({
    regex: z.optional(z.string().check(z.minLength(1, 'expected a non-empty pattern'))).check(z.meta(P.regex)),
    errorformat: z
      .optional(z.union([errorformat, z.array(errorformat).check(z.minLength(1, 'expected at least one format'))]))
      .check(z.meta(P.errorformat)),
    json: z.optional(jsonMapping),
  })
  .check(
    z.refine((value) => Object.keys(value).length === 1, 'expected exactly one of the keys regex, errorformat or json'),
    z.meta(P.mapping),
  );

const parser = z.union([z.enum(PARSER_NAMES), parserMapping], {
  error: () => `expected one of: ${PARSER_NAMES.join(', ')}, {regex: ...}, {errorformat: ...}, {json: ...}`,
});

const envValue = z.pipe(
  z.union([z.string(), z.number(), z.boolean()]).check(z.meta(H.env_value)),
  z.transform((value: string | number | boolean) => String(value)),
);

const command = z
  .union([
    z.string().check(z.trim(), z.minLength(1, 'expected a non-empty command')),
    z.array(z.string().check(z.meta(H.command_word))).check(z.minLength(1, 'expected at least one word')),
  ])
  .check(z.meta(H.command));

/** One hook as written in gauntlet.yaml. */
export const HookConfigSchema = z
  .strictObject({
    name: z.string().check(z.regex(/^[A-Za-z0-9._-]+$/, 'expected a name of letters, digits, ".", "_" or "-"'), z.meta(H.name)),
    command,
    files: z.optional(globList).check(z.meta(H.files)),
    exclude: z.optional(globList).check(z.meta(H.exclude)),
    pass_files: z._default(z.boolean(), true).check(z.meta(H.pass_files)),
    always_run: z._default(z.boolean(), false).check(z.meta(H.always_run)),
    timeout: z
      ._default(z.union([z.number().check(z.positive('expected a positive number')), z.literal('auto')]), 60)
      .check(z.meta(H.timeout)),
    stage: z._default(z.enum(['fast', 'comprehensive']), 'fast').check(z.meta(H.stage)),
    parser: z._default(parser, 'gnu').check(z.meta(P.parser)),
    // z.number() checked by z.int(), as classic's .int() does: a string still reads "expected a number".
    ok_exit_codes: z
      ._default(z.array(z.number().check(z.int(), z.meta(H.exit_code))).check(z.minLength(1)), [0])
      .check(z.meta(H.ok_exit_codes)),
    fail_on_diagnostics: z._default(z.boolean(), false).check(z.meta(H.fail_on_diagnostics)),
    env: z._default(z.record(z.string(), envValue), {}).check(z.meta(H.env)),
    // Absent: `file`, or `project` for tools known to read other files (engine/cache/scope.ts).
    cache: z.optional(z.enum(['file', 'project', 'off'])).check(z.meta(H.cache)),
    cache_inputs: z.optional(z.pipe(z.union([cacheInput, z.array(cacheInput)]), toList)).check(z.meta(H.cache_inputs)),
    cache_inputs_default: z._default(z.boolean(), true).check(z.meta(H.cache_inputs_default)),
    require_serial: z._default(z.boolean(), false).check(z.meta(H.require_serial)),
    batch_size: z.optional(z.number().check(z.int(), z.positive('expected a positive whole number'))).check(z.meta(H.batch_size)),
    modifies_files: z._default(z.boolean(), false).check(z.meta(H.modifies_files)),
    fix_ok: z._default(z.boolean(), false).check(z.meta(H.fix_ok)),
    stdin: z._default(z.boolean(), false).check(z.meta(H.stdin)),
    format: z._default(z.boolean(), false).check(z.meta(H.format)),
    range_format: z._default(z.boolean(), false).check(z.meta(H.range_format)),
    files_after_double_dash: z._default(z.boolean(), false).check(z.meta(H.files_after_double_dash)),
    version_command: z.optional(command).check(z.meta(H.version_command)),
  })
  .check(z.meta(H.hook));

/** Settings of `gauntlet lsp`. */
export const LspConfigSchema = z.strictObject({
  debounce_ms: z
    ._default(z.number().check(z.int(), z.nonnegative('expected a whole number of milliseconds, 0 or more')), 250)
    .check(z.meta(S.debounce_ms)),
});

/** `remote_cache:`: a shared result cache served over the Bazel HTTP remote-cache protocol. */
export const RemoteCacheConfigSchema = z.strictObject({
  url: z.string().check(z.trim(), z.minLength(1, 'expected an http:// or https:// URL'), z.meta(S.url)),
  read_only: z._default(z.boolean(), false).check(z.meta(S.read_only)),
  timeout_ms: z
    ._default(z.number().check(z.int(), z.positive('expected a positive whole number of milliseconds')), 2_000)
    .check(z.meta(S.timeout_ms)),
  headers: z._default(z.record(z.string(), z.string().check(z.meta(S.header_value))), {}).check(z.meta(S.headers)),
});

/** The whole of gauntlet.yaml. */
export const ConfigSchema = z.strictObject({
  max_workers: z
    .optional(
      z.number().check(z.int(), z.positive('expected a positive whole number'), z.lte(MAX_WORKERS, `expected at most ${MAX_WORKERS} workers`)),
    )
    .check(z.meta(CONFIG_DOCS.max_workers)),
  fail_fast: z._default(z.boolean(), false).check(z.meta(CONFIG_DOCS.fail_fast)),
  hooks: z.array(HookConfigSchema).check(z.minLength(1, 'expected at least one hook'), z.meta(CONFIG_DOCS.hooks)),
  lsp: z.optional(LspConfigSchema).check(z.meta(CONFIG_DOCS.lsp)),
  remote_cache: z.optional(RemoteCacheConfigSchema).check(z.meta(CONFIG_DOCS.remote_cache)),
});

export type HookConfig = z.output<typeof HookConfigSchema>;
export type Config = z.output<typeof ConfigSchema>;
export type Stage = HookConfig['stage'];
/** `cache:` of a hook: per file, the whole project's result, or never cached. */
export type CacheScope = NonNullable<HookConfig['cache']>;
