import type { TextEdit } from 'vscode-languageserver';
import type { Fix, FixPlace } from '../../protocol/diagnostic.js';
import { LineIndex } from './text-offsets.js';

/** An edit placed in one text: characters [start, end) become `text`. */
export interface PlacedEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * A fix's edits placed in `text`, in text order; null when an edit falls outside the text or two
 * of its edits overlap: the fix was not made for this text, and applying it would corrupt it.
 */
export function placeFix(fix: Fix, text: string): PlacedEdit[] | null {
  const lines = new LineIndex(text);
  const placed: PlacedEdit[] = [];
  for (const edit of fix.edits) {
    const start = placeOffset(edit.start, text, lines);
    const end = placeOffset(edit.end, text, lines);
    if (start === null || end === null || end < start) return null;
    placed.push({ start, end, text: edit.text });
  }
  // Stable: insertions at one place keep the tool's order.
  placed.sort((a, b) => a.start - b.start || a.end - b.end);
  return placed.every((edit, index) => index === 0 || (placed[index - 1]?.end ?? 0) <= edit.start) ? placed : null;
}

/** Applies placed edits to the text they were placed in. */
export function applyEdits(text: string, edits: readonly PlacedEdit[]): string {
  let result = '';
  let at = 0;
  for (const edit of edits) {
    result += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return result + text.slice(at);
}

/** Placed edits as LSP text edits (0-based lines, UTF-16 characters). */
export function toTextEdits(text: string, edits: readonly PlacedEdit[]): TextEdit[] {
  const lines = new LineIndex(text);
  return edits.map((edit) => ({ range: { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) }, newText: edit.text }));
}

/** The offset of a place: a number is one already; a line past the last is the end of the text (a deleted last line). */
function placeOffset(place: FixPlace, text: string, lines: LineIndex): number | null {
  if (typeof place === 'number') return Number.isSafeInteger(place) && place >= 0 && place <= text.length ? place : null;
  const index = place.line - 1;
  if (index === lines.lineCount && (place.column === null || place.column === 1)) return text.length;
  const span = index >= 0 ? lines.lineSpan(index) : null;
  if (span === null) return null;
  if (place.column === null) return span.end;
  const offset = span.start + place.column - 1;
  return place.column >= 1 && offset <= span.end ? offset : null;
}
