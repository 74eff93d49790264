import type { Position, TextEdit } from 'vscode-languageserver';
import type { Fix, FixPlace } from '../../protocol/diagnostic.js';

/** An edit placed in one text: characters [start, end) become `text`. */
export interface PlacedEdit {
  start: number;
  end: number;
  text: string;
}

/** Where each line of a text starts, and where its content ends (before the line break). */
interface LineTable {
  starts: number[];
  ends: number[];
}

/**
 * A fix's edits placed in `text`, in text order; null when an edit falls outside the text or two
 * of its edits overlap: the fix was not made for this text, and applying it would corrupt it.
 */
export function placeFix(fix: Fix, text: string): PlacedEdit[] | null {
  const table = tabulateLines(text);
  const placed: PlacedEdit[] = [];
  for (const edit of fix.edits) {
    const start = placeOffset(edit.start, text, table);
    const end = placeOffset(edit.end, text, table);
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
  const table = tabulateLines(text);
  return edits.map((edit) => ({ range: { start: toPosition(edit.start, table), end: toPosition(edit.end, table) }, newText: edit.text }));
}

/** The offset of a place: a number is one already; a line past the last is the end of the text (a deleted last line). */
function placeOffset(place: FixPlace, text: string, table: LineTable): number | null {
  if (typeof place === 'number') return Number.isSafeInteger(place) && place >= 0 && place <= text.length ? place : null;
  const index = place.line - 1;
  if (index === table.starts.length && (place.column === null || place.column === 1)) return text.length;
  const start = table.starts[index];
  const end = table.ends[index];
  if (start === undefined || end === undefined) return null;
  if (place.column === null) return end;
  const offset = start + place.column - 1;
  return place.column >= 1 && offset <= end ? offset : null;
}

function tabulateLines(text: string): LineTable {
  const starts = [0];
  const ends: number[] = [];
  const breaks = /\r\n|\r|\n/g;
  for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) {
    ends.push(match.index);
    starts.push(match.index + match[0].length);
  }
  ends.push(text.length);
  return { starts, ends };
}

function toPosition(offset: number, table: LineTable): Position {
  // The last line starting at or before the offset.
  let low = 0;
  let high = table.starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((table.starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: offset - (table.starts[low] ?? 0) };
}
