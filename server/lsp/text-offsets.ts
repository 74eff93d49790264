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

  /** The offset of a position; a line past the end is the end, a character past its line's end is that end. */
  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(position.line, 0)] ?? 0;
    const next = this.starts[position.line + 1] ?? this.text.length;
    // The line's end before its line break: a position never lands inside `\r\n`.
    let end = next;
    if (end > start && this.text.charCodeAt(end - 1) === 0x0a) end -= 1;
    if (end > start && this.text.charCodeAt(end - 1) === 0x0d) end -= 1;
    return Math.min(start + Math.max(position.character, 0), end);
  }

  /** A range's offsets, start before end. */
  offsetsOf(range: Range): { start: number; end: number } {
    const a = this.offsetAt(range.start);
    const b = this.offsetAt(range.end);
    return { start: Math.min(a, b), end: Math.max(a, b) };
  }
}
