import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import type { $ZodType, output } from 'zod/v4/core';
import { safeParse } from 'zod/v4/core';
import { ConfigError, formatConfigPath, formatFieldPath } from '../config-error.js';
import { describeIssue, selectIssue } from '../issue-message.js';
import { createSourceLocator } from '../locate.js';

type FieldPath = readonly PropertyKey[];

/** A parsed YAML file, with one-line errors and warnings that point into it. */
export interface YamlSource {
  /** The file's name as the user should see it. */
  file: string;
  /** The file's text. */
  text: string;
  /** The document as plain data. */
  value: unknown;
  /** Throws a ConfigError about the value at `path` (at its key `key`, when given). */
  fail(path: FieldPath, detail: string, key?: PropertyKey): never;
  /** `file:line:col: field` of the value at `path` (of its key with `atKey`), to start a warning with. */
  where(path: FieldPath, atKey?: boolean): string;
  /** Validates `value` (found at `path`) against a zod schema, failing with the first issue. */
  check<S extends $ZodType>(schema: S, value: unknown, path: FieldPath): output<S>;
}

/** Reads and parses a YAML config other than gauntlet.yaml (pre-commit's, lefthook's). */
export async function readYamlSource(absolutePath: string): Promise<YamlSource> {
  const file = formatConfigPath(absolutePath);
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const reason = code === 'ENOENT' ? 'file not found' : error instanceof Error ? error.message : String(error);
    throw new ConfigError({ file, detail: reason }, { cause: error });
  }
  return parseYamlSource(text, file);
}

/** Parses YAML text that came from `file`. */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const { line, col } = lineCounter.linePos(syntaxError.pos[0]);
    throw new ConfigError({ file, position: { line: Math.max(line, 1), column: Math.max(col, 1) }, detail: `invalid YAML: ${syntaxError.message}` }, { cause: syntaxError });
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (error) {
    throw new ConfigError({ file, detail: `invalid YAML: ${error instanceof Error ? error.message : String(error)}` }, { cause: error });
  }
  const locator = createSourceLocator(doc, lineCounter);
  const fail = (path: FieldPath, detail: string, key?: PropertyKey): never => {
    const position = key === undefined ? locator.locateValue(path) : locator.locateKey([...path, key]);
    throw new ConfigError({ file, position, field: formatFieldPath(path), detail });
  };
  return {
    file,
    text,
    value,
    fail,
    where(path, atKey = false) {
      const { line, column } = atKey ? locator.locateKey(path) : locator.locateValue(path);
      const field = formatFieldPath(path);
      return `${file}:${line}:${column}${field === '' ? '' : `: ${field}`}`;
    },
    check(schema, input, path) {
      const parsed = safeParse(schema, input, { error: describeIssue, reportInput: true });
      if (parsed.success) return parsed.data;
      const selected = selectIssue(parsed.error.issues, path);
      if (!selected) return fail(path, 'invalid value');
      const { issue, path: at } = selected;
      if (issue.code === 'unrecognized_keys') return fail(at, issue.message, issue.keys[0]);
      return fail(at, issue.message);
    },
  };
}
