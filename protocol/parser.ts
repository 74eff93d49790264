/** Tools whose native JSON output has a built-in reading: `parser: eslint`. */
export const JSON_PRESETS = ['eslint', 'ruff', 'biome', 'shellcheck', 'pylint', 'mypy', 'pyright', 'markdownlint'] as const;

/** The name of a built-in JSON reading. */
export type JsonPreset = (typeof JSON_PRESETS)[number];

/** Where a `{json: ...}` parser finds a record's fix: `edits` from the record, the rest from each edit (`description` from the record). */
export interface JsonFixMapping {
  edits: string;
  text: string;
  /** 0-based character offsets; null when the edits are placed by lines and columns. */
  start: string | null;
  end: string | null;
  line: string | null;
  column: string | null;
  endLine: string | null;
  endColumn: string | null;
  description: string | null;
}

/**
 * Where a user's `{json: ...}` parser finds each field: dotted paths (`location.row`,
 * `range.0`) into one record. `null` fields are absent from the config.
 */
export interface JsonMapping {
  /** Path to the list of records; null when the document itself is the list (or, with `lines`, the record). */
  root: string | null;
  /** One JSON document per line (mypy `--output json`) instead of one for the whole output. */
  lines: boolean;
  file: string;
  line: string;
  column: string | null;
  endLine: string | null;
  endColumn: string | null;
  severity: string | null;
  code: string | null;
  message: string;
  /** What the tool's first line is numbered: 1 (most tools) or 0. */
  lineBase: 0 | 1;
  /** What the tool's first column is numbered: 1 (most tools) or 0 (pylint, LSP-style tools). */
  columnBase: 0 | 1;
  /** Where each record's fix is; null when the mapping reads none. */
  fix: JsonFixMapping | null;
}

/** How a hook's output becomes diagnostics. Plain data: it crosses to the workers. */
export type ParserSpec =
  | { type: 'none' }
  | { type: 'gnu' }
  | { type: 'regex'; pattern: string }
  /** Vim errorformat, one format per item (a config string is split at unescaped commas first). */
  | { type: 'errorformat'; formats: string[] }
  | { type: 'sarif' }
  | { type: 'checkstyle' }
  | { type: 'json-preset'; preset: JsonPreset }
  | { type: 'json'; mapping: JsonMapping };
