import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { JsonMapping } from '../../protocol/parser.js';
import { toDiagnostics, type Finding } from './finding.js';
import { readJsonDocument, readJsonLines } from './json-document.js';
import { readInteger, readPath, readRecords, readText, splitPath } from './json-values.js';
import type { ParseContext } from './parse-context.js';
import { toSeverity } from './severity.js';
import { appendAll } from '../arrays.js';
import { compileFixMapping, listFixPaths, readMappedFix, type CompiledFixMapping } from './json-mapping-fix.js';

/** A mapping's fields as split paths, once per parse. */
interface CompiledMapping {
  root: string[] | null;
  fields: Record<'file' | 'line' | 'message', string[]> & Record<'column' | 'endLine' | 'endColumn' | 'severity' | 'code', string[] | null>;
  fix: CompiledFixMapping | null;
}

/**
 * Checks a `{json: ...}` mapping before any run: null when usable, else the config
 * field to fix and a one-line message. Required fields are required by the config schema.
 */
export function validateJsonMapping(mapping: JsonMapping): { field: string; problem: string } | null {
  for (const [field, path] of Object.entries(listPaths(mapping))) {
    if (path === null) continue;
    try {
      splitPath(path);
    } catch (error) {
      return { field, problem: (error as Error).message };
    }
  }
  return null;
}

/**
 * Reads records out of a JSON report with a user's mapping of dotted paths. The list
 * of records is at `root` (the document itself without one); with `lines`, each line
 * is a document. A record without a file is skipped; numbers are shifted by the
 * mapping's bases to 1-based. Throws when the output holds no document with a list at `root`.
 */
export function parseJsonMapping(mapping: JsonMapping, output: string, context: ParseContext): Diagnostic[] {
  const compiled = compileMapping(mapping);
  const findings: Finding[] = [];
  if (mapping.lines) {
    for (const document of readJsonLines(output)) appendAll(findings, readRecordsAt(document, compiled.root, true).map((record) => readFinding(record, compiled, mapping)));
    return toDiagnostics(findings, context);
  }
  const where = mapping.root === null ? 'a JSON list' : `a JSON document with a list at "${mapping.root}"`;
  const document = readJsonDocument(output, (value) => Array.isArray(readPath(value, compiled.root ?? [])), where);
  for (const record of readRecordsAt(document, compiled.root, false)) findings.push(readFinding(record, compiled, mapping));
  return toDiagnostics(findings, context);
}

function listPaths(mapping: JsonMapping): Record<string, string | null> {
  const { root, file, line, column, endLine, endColumn, severity, code, message } = mapping;
  return { root, file, line, column, end_line: endLine, end_column: endColumn, severity, code, message, ...listFixPaths(mapping.fix) };
}

function compileMapping(mapping: JsonMapping): CompiledMapping {
  const split = (path: string | null): string[] | null => (path === null ? null : splitPath(path));
  return {
    root: split(mapping.root),
    fields: {
      file: splitPath(mapping.file),
      line: splitPath(mapping.line),
      message: splitPath(mapping.message),
      column: split(mapping.column),
      endLine: split(mapping.endLine),
      endColumn: split(mapping.endColumn),
      severity: split(mapping.severity),
      code: split(mapping.code),
    },
    fix: compileFixMapping(mapping.fix),
  };
}

/** The records at `root`; in lines mode a line's document may itself be the record. */
function readRecordsAt(document: unknown, root: string[] | null, single: boolean): ReturnType<typeof readRecords> {
  const value = readPath(document, root ?? []);
  if (Array.isArray(value)) return readRecords(value);
  return single ? readRecords([value]) : [];
}

function readFinding(record: Record<string, unknown>, compiled: CompiledMapping, mapping: JsonMapping): Finding {
  const { fields } = compiled;
  const read = (path: string[] | null): unknown => (path === null ? undefined : readPath(record, path));
  const lineOffset = 1 - mapping.lineBase;
  const columnOffset = 1 - mapping.columnBase;
  const code = readText(read(fields.code));
  return {
    file: readText(read(fields.file)),
    line: readInteger(read(fields.line), lineOffset),
    column: readInteger(read(fields.column), columnOffset),
    endLine: readInteger(read(fields.endLine), lineOffset),
    endColumn: readInteger(read(fields.endColumn), columnOffset),
    severity: toSeverity(readText(read(fields.severity)) ?? undefined),
    code,
    message: readText(read(fields.message)) ?? '',
    fixes: readMappedFix(record, compiled.fix, mapping, code),
  };
}
