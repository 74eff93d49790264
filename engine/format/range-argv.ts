import { FILE_PLACEHOLDER, RANGE_PLACEHOLDERS, type RangePlaceholder } from '../../protocol/hook.js';

/** A range of a text as UTF-16 offsets, end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

const PLACEHOLDER_PATTERN = new RegExp(RANGE_PLACEHOLDERS.map((placeholder) => placeholder.replace(/[{}]/g, '\\$&')).join('|'), 'g');

/**
 * Indices, in the argv placed from `template` (its `{file}` replaced by the file's words), of the
 * template's words that hold a range placeholder: a file name is never among them, whatever it holds.
 */
export function locateRangeWords(template: readonly string[], placedLength: number): number[] {
  const at = template.indexOf(FILE_PLACEHOLDER);
  const shift = placedLength - template.length;
  return template.flatMap((word, index) => {
    if (!RANGE_PLACEHOLDERS.some((placeholder) => word.includes(placeholder))) return [];
    return [at !== -1 && index > at ? index + shift : index];
  });
}

/**
 * The argv with the range placeholders of the words at `indices` replaced by `range` of `text`
 * (the whole text without one): offsets in UTF-16 code units from 0, lines and columns from 1,
 * columns counted in code points.
 */
export function fillRangeWords(argv: readonly string[], indices: readonly number[], text: string, range?: TextRange): string[] {
  const start = clampOffset(text, range?.start ?? 0);
  const end = Math.max(start, clampOffset(text, range?.end ?? text.length));
  const values = describeRange(text, start, end);
  const wanted = new Set(indices);
  return argv.map((word, index) => (wanted.has(index) ? word.replace(PLACEHOLDER_PATTERN, (found) => values[found as RangePlaceholder]) : word));
}

function describeRange(text: string, start: number, end: number): Record<RangePlaceholder, string> {
  const from = locateOffset(text, start);
  const to = locateOffset(text, end);
  return {
    '{range_start}': String(start),
    '{range_end}': String(end),
    '{range_start_line}': String(from.line),
    '{range_start_column}': String(from.column),
    '{range_end_line}': String(to.line),
    '{range_end_column}': String(to.column),
  };
}

/** An offset kept inside the text and off the second half of a surrogate pair. */
function clampOffset(text: string, offset: number): number {
  const clamped = Math.min(Math.max(0, Math.trunc(offset)), text.length);
  const code = text.charCodeAt(clamped);
  const before = text.charCodeAt(clamped - 1);
  const splitsPair = code >= 0xdc_00 && code <= 0xdf_ff && before >= 0xd8_00 && before <= 0xdb_ff;
  return splitsPair ? clamped - 1 : clamped;
}

/** The 1-based line and code-point column of an offset; `\r\n`, `\r` and `\n` end lines. */
function locateOffset(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a)) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: [...text.slice(lineStart, offset)].length + 1 };
}
