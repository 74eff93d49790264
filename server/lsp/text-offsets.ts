import type { Position, Range } from 'vscode-languageserver';

/**
 * Where each line of a text starts, as LSP counts lines: `\r\n`, `\r` and `\n` each end one.
 * Characters are UTF-16 code units, as LSP's default position encoding counts them.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 0x0d && text.charCodeAt(index + 1) === 0x0a) index += 1;
      if (code === 0x0a || code === 0x0d) this.starts.push(index + 1);
    }
  }

  /** The position of an offset (clamped to the text). */
  positionAt(offset: number): Position {
    const clamped = Math.min(Math.max(offset, 0), this.text.length);
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: clamped - (this.starts[low] ?? 0) };
  }

  /** How many lines the text has (a text ending in a line break has an empty last line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** Where a line (0-based) starts, and where its content ends, before its line break; null past the last. */
  lineSpan(line: number): { start: number; end: number } | null {
    const start = this.starts[line];
    if (start === undefined) return null;
    let end = this.starts[line + 1] ?? this.text.length;
    // A position never lands inside `\r\n`.
    if (end > start && this.text.charCodeAt(end - 1) === 0x0a) end -= 1;
    if (end > start && this.text.charCodeAt(end - 1) === 0x0d) end -= 1;
    return { start, end };
  }

  /** The offset of a position; a line past the end is the end, a character past its line's end is that end. */
  offsetAt(position: Position): number {
    const span = this.lineSpan(Math.max(position.line, 0));
    if (span === null) return this.text.length;
    return Math.min(span.start + Math.max(position.character, 0), span.end);
  }

  /** A range's offsets, start before end. */
  offsetsOf(range: Range): { start: number; end: number } {
    const a = this.offsetAt(range.start);
    const b = this.offsetAt(range.end);
    return { start: Math.min(a, b), end: Math.max(a, b) };
  }
}
