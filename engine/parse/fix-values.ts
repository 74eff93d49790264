import type { Fix, FixEdit, FixPlace } from '../../protocol/diagnostic.js';
import { readInteger } from './json-values.js';

// Readers for the fixes in tools' reports. A fix is kept whole or not at all: applying a part of one would leave the file broken.

/** A 0-based text offset (non-negative integer), or null. */
export function readOffset(value: unknown): number | null {
  const offset = readInteger(value);
  return offset !== null && offset >= 0 ? offset : null;
}

/**
 * A line and column place from a tool's numbers, shifted to 1-based by the offsets; a missing
 * column is `missingColumn` (1 for a start, null, the end of the line, for an end). Null when the line is not positive.
 */
export function readLinePlace(line: unknown, column: unknown, shift: { line: number; column: number }, missingColumn: 1 | null): FixPlace | null {
  const row = readInteger(line, shift.line);
  if (row === null || row < 1) return null;
  if (column === undefined || column === null) return { line: row, column: missingColumn };
  const at = readInteger(column, shift.column);
  return at === null || at < 1 ? null : { line: row, column: at };
}

/** An edit when both places and the text were read; null otherwise. */
export function toFixEdit(start: FixPlace | null, end: FixPlace | null, text: unknown): FixEdit | null {
  if (start === null || end === null || typeof text !== 'string') return null;
  return { start, end, text };
}

/** A fix of the edits read, when there is at least one and every one was read whole. */
export function toFix(description: string, safe: boolean, edits: readonly (FixEdit | null)[]): Fix | null {
  if (edits.length === 0 || edits.some((edit) => edit === null)) return null;
  return { description, safe, edits: edits.filter((edit) => edit !== null) };
}

/** The title of a fix whose tool gives none, worded as ESLint's editor extension words it. */
export function describeFix(code: string | null): string {
  return code === null ? 'Fix this problem' : `Fix this ${code} problem`;
}

/** The fixes that were read whole. */
export function keepFixes(fixes: readonly (Fix | null)[]): Fix[] {
  return fixes.filter((fix) => fix !== null);
}
