import type { HookConfig } from '../../protocol/config.js';
import { JSON_PRESETS, type JsonFixMapping, type JsonPreset, type ParserSpec } from '../../protocol/parser.js';
import { compileErrorformat, splitErrorformat } from './errorformat-compile.js';
import { validateJsonMapping } from './json-mapping.js';
import { validateRegexPattern } from './regex.js';

/** A hook's `parser:` as validated by the config schema. */
export type ParserConfig = HookConfig['parser'];
type JsonParserConfig = NonNullable<Exclude<ParserConfig, string>['json']>;

/** A usable spec, or what to fix and where inside the `parser:` value. */
export type ResolvedParser = { ok: true; spec: ParserSpec } | { ok: false; path: (string | number)[]; problem: string };

/**
 * Turns a validated `parser:` value into the spec workers run, checking what the
 * schema cannot: that a regex or errorformat compiles, that JSON paths are paths.
 */
export function resolveParserSpec(parser: ParserConfig): ResolvedParser {
  if (typeof parser === 'string') {
    if (isJsonPreset(parser)) return { ok: true, spec: { type: 'json-preset', preset: parser } };
    return { ok: true, spec: { type: parser } };
  }
  if (parser.regex !== undefined) {
    const problem = validateRegexPattern(parser.regex);
    return problem === null ? { ok: true, spec: { type: 'regex', pattern: parser.regex } } : { ok: false, path: ['regex'], problem };
  }
  if (parser.errorformat !== undefined) return resolveErrorformat(parser.errorformat);
  if (parser.json !== undefined) {
    const { root, lines, file, line, column, end_line, end_column, severity, code, message, line_base, column_base, fix } = parser.json;
    const mapping = {
      root: root ?? null,
      lines,
      file,
      line,
      column: column ?? null,
      endLine: end_line ?? null,
      endColumn: end_column ?? null,
      severity: severity ?? null,
      code: code ?? null,
      message,
      lineBase: line_base,
      columnBase: column_base,
      fix: fix === undefined ? null : resolveFixMapping(fix),
    };
    const invalid = validateJsonMapping(mapping);
    return invalid === null ? { ok: true, spec: { type: 'json', mapping } } : { ok: false, path: ['json', invalid.field], problem: invalid.problem };
  }
  return { ok: false, path: [], problem: 'expected exactly one of the keys regex, errorformat or json' };
}

function resolveFixMapping(fix: NonNullable<JsonParserConfig['fix']>): JsonFixMapping {
  const { edits, text, start, end, line, column, end_line, end_column, description } = fix;
  const orNull = (path: string | undefined): string | null => path ?? null;
  return { edits, text, start: orNull(start), end: orNull(end), line: orNull(line), column: orNull(column), endLine: orNull(end_line), endColumn: orNull(end_column), description: orNull(description) };
}

function isJsonPreset(name: string): name is JsonPreset {
  return (JSON_PRESETS as readonly string[]).includes(name);
}

/** A string is a Vim option value (formats split at unescaped commas); a list holds one format per item, as efm-langserver takes them. */
function resolveErrorformat(value: string | string[]): ResolvedParser {
  const formats = typeof value === 'string' ? splitErrorformat(value) : value;
  if (formats.length === 0) return { ok: false, path: ['errorformat'], problem: 'expected at least one format' };
  for (const [index, format] of formats.entries()) {
    try {
      compileErrorformat(format);
    } catch (error) {
      const path = typeof value === 'string' ? ['errorformat'] : ['errorformat', index];
      const which = typeof value === 'string' && formats.length > 1 ? `format ${index + 1} ` : '';
      return { ok: false, path, problem: `${which}"${format}" ${(error as Error).message}` };
    }
  }
  return { ok: true, spec: { type: 'errorformat', formats } };
}
