import type { Fix, FixEdit } from '../../protocol/diagnostic.js';
import type { JsonFixMapping, JsonMapping } from '../../protocol/parser.js';
import { describeFix, keepFixes, readLinePlace, readOffset, toFix, toFixEdit } from './fix-values.js';
import { isRecord, readPath, readRecords, readText, splitPath, type JsonRecord } from './json-values.js';

/** A fix mapping's paths, split once per parse. */
export interface CompiledFixMapping {
  edits: string[];
  text: string[];
  start: string[] | null;
  end: string[] | null;
  line: string[] | null;
  column: string[] | null;
  endLine: string[] | null;
  endColumn: string[] | null;
  description: string[] | null;
}

/** The fix mapping's paths by their config names under `fix`, for validation. */
export function listFixPaths(fix: JsonFixMapping | null): Record<string, string | null> {
  if (fix === null) return {};
  const { edits, text, start, end, line, column, endLine, endColumn, description } = fix;
  return { 'fix.edits': edits, 'fix.text': text, 'fix.start': start, 'fix.end': end, 'fix.line': line, 'fix.column': column, 'fix.end_line': endLine, 'fix.end_column': endColumn, 'fix.description': description };
}

export function compileFixMapping(fix: JsonFixMapping | null): CompiledFixMapping | null {
  if (fix === null) return null;
  const split = (path: string | null): string[] | null => (path === null ? null : splitPath(path));
  return {
    edits: splitPath(fix.edits),
    text: splitPath(fix.text),
    start: split(fix.start),
    end: split(fix.end),
    line: split(fix.line),
    column: split(fix.column),
    endLine: split(fix.endLine),
    endColumn: split(fix.endColumn),
    description: split(fix.description),
  };
}

/**
 * The fix of one record: its edits at `edits` (a list, or one edit), each placed by offsets or by
 * lines and columns numbered from the mapping's bases. A fix the user maps is one fix-all applies.
 */
export function readMappedFix(record: JsonRecord, fix: CompiledFixMapping | null, mapping: Pick<JsonMapping, 'lineBase' | 'columnBase'>, code: string | null): Fix[] {
  if (fix === null) return [];
  const found = readPath(record, fix.edits);
  if (found === undefined || found === null) return [];
  const edits = Array.isArray(found) ? readRecords(found) : isRecord(found) ? [found] : [];
  const shift = { line: 1 - mapping.lineBase, column: 1 - mapping.columnBase };
  const description = fix.description === null ? null : readText(readPath(record, fix.description));
  return keepFixes([toFix(description ?? describeFix(code), true, edits.map((edit) => readMappedEdit(edit, fix, shift)))]);
}

function readMappedEdit(edit: JsonRecord, fix: CompiledFixMapping, shift: { line: number; column: number }): FixEdit | null {
  const read = (path: string[] | null): unknown => (path === null ? undefined : readPath(edit, path));
  const text = readPath(edit, fix.text);
  if (fix.start !== null) {
    const start = readOffset(read(fix.start));
    const end = readOffset(read(fix.end));
    return start !== null && end !== null && end >= start ? toFixEdit(start, end, text) : null;
  }
  return toFixEdit(readLinePlace(read(fix.line), read(fix.column), shift, 1), readLinePlace(read(fix.endLine), read(fix.endColumn), shift, null), text);
}
