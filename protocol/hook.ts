import type { ParserSpec } from './parser.js';
import type { CacheScope, Stage } from './config.js';
import type { NativeCommand, OutputFilter } from './native-command.js';

/** A hook ready to run: the config validated, its command split into argv. */
export interface Hook {
  name: string;
  /** Argv template; a `{files}` element marks where files go when passFiles is set. */
  argv: string[];
  files: string[];
  exclude: string[];
  /**
   * A JavaScript regular expression a file's repository-relative path must match (searched,
   * like Python's `re.search`) on top of `files`; set by configs imported from pre-commit or lefthook.
   */
  filesRegex?: string;
  /** A file whose path matches this regular expression (searched) is left out, like `exclude`. */
  excludeRegex?: string;
  passFiles: boolean;
  alwaysRun: boolean;
  /** The configured timeout; with `autoTimeout`, the one used until a profile exists. */
  timeoutMs: number;
  /** `timeout: auto`: derived from the profile (see engine/schedule/timeouts.ts). */
  autoTimeout: boolean;
  stage: Stage;
  parser: ParserSpec;
  okExitCodes: number[];
  failOnDiagnostics: boolean;
  env: Record<string, string>;
  /** Files whose content is part of every cache key of this hook (its own config files), as configured. */
  cacheInputs: string[];
  /** `cache:` as configured; absent means the default for the tool (see engine/cache/scope.ts). */
  cache?: CacheScope;
  /** `cache_inputs_default: false`: the tool table's config files are not added to the key. Absent means true. */
  cacheInputsDefault?: boolean;
  /** One invocation for all files, never split into batches. */
  requireSerial: boolean;
  /** Most files in one invocation, when set. */
  batchSize: number | null;
  /** The hook may rewrite its files (a formatter or fixer). */
  modifiesFiles: boolean;
  /** Rewriting files is not a failure. */
  fixOk: boolean;
  /**
   * The tool reads one file's content on stdin (`stdin: true`): it runs once per file, with
   * `{file}` in its argv standing for the path, so an editor can check unsaved text. Absent means false.
   */
  stdin?: boolean;
  /**
   * `files_after_double_dash: true`: the files go after a `--` word, as they are. Otherwise a
   * file whose name starts with `-` is written `./-name`, so that no tool reads it as an option.
   */
  filesAfterDoubleDash?: boolean;
  /** `version_command`, split into argv: what it prints names the tool's version in shared cache keys. */
  versionArgv?: string[];
  /**
   * `format: true`: a formatter that reads the file on stdin and writes the formatted text on stdout.
   * Implies `stdin`. Checked by comparing its output with the file; written to the file with `--fix`;
   * run on the buffer by an editor's formatting request. Absent means false.
   */
  format?: boolean;
  /** `range_format: true`: the formatter can format a range, given by RANGE_PLACEHOLDERS in its argv. */
  rangeFormat?: boolean;
  /** A check the worker runs itself (pre-commit's pygrep and fail); argv is then never spawned. */
  native?: NativeCommand;
  /** How the output is cleaned before it is parsed (the status lines of `pre-commit run`). */
  outputFilter?: OutputFilter;
}

/** Settings of the language server (`lsp:` in gauntlet.yaml). */
export interface LspSettings {
  /** Pause in typing before stdin hooks check the unsaved text. */
  debounceMs: number;
}

/** The validated configuration the engine works from. */
export interface ResolvedConfig {
  /** Absolute path of the file it came from. */
  path: string;
  maxWorkers: number | null;
  failFast: boolean;
  hooks: Hook[];
  /** Present when gauntlet.yaml has an `lsp:` section; see DEFAULT_LSP_SETTINGS otherwise. */
  lsp?: LspSettings;
  /** Present when gauntlet.yaml has a `remote_cache:` section. */
  remoteCache?: RemoteCacheSettings;
}

/** `remote_cache:` as configured; the command line and environment may override it (see engine/remote/). */
export interface RemoteCacheSettings {
  url: string;
  readOnly: boolean;
  timeoutMs: number;
  /** Sent with every request; never credentials (those come only from the environment). */
  headers: Record<string, string>;
}

/** What the language server uses when gauntlet.yaml says nothing. */
export const DEFAULT_LSP_SETTINGS: LspSettings = { debounceMs: 250 };

/** The argv element replaced by a hook's files. */
export const FILES_PLACEHOLDER = '{files}';

/** The argv element replaced by the one file of a hook that runs once per file (`{file}`). */
export const FILE_PLACEHOLDER = '{file}';

/**
 * Words of a range-formatting command replaced by the range to format, inside any argv word
 * (`--range={range_start_line}:{range_start_column}-{range_end_line}:{range_end_column}`). Offsets
 * count UTF-16 code units from 0 (JavaScript string indices, what prettier reads); lines count from 1
 * and columns count characters (Unicode code points) from 1 (what ruff reads). The end is exclusive.
 * Outside a range request the range is the whole text.
 */
export const RANGE_PLACEHOLDERS = [
  '{range_start}',
  '{range_end}',
  '{range_start_line}',
  '{range_start_column}',
  '{range_end_line}',
  '{range_end_column}',
] as const;

/** One of RANGE_PLACEHOLDERS. */
export type RangePlaceholder = (typeof RANGE_PLACEHOLDERS)[number];

/** True when a hook runs once per file: it reads stdin, or its command names `{file}`. */
export function runsPerFile(hook: Pick<Hook, 'argv' | 'stdin' | 'format'>): boolean {
  return hook.stdin === true || hook.format === true || hook.argv.includes(FILE_PLACEHOLDER);
}
