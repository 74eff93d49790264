import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver';
import { computeTextEdits } from '../../server/lsp/text-edits.js';
import { LineIndex } from '../../server/lsp/text-offsets.js';
import { makeRandom } from '../helpers/seeded-random.js';

/** Applies edits as an LSP client does (vscode-languageserver-textdocument's own applyEdits). */
function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 1, text), edits);
}

/** Pieces random texts are made of: line breaks of every kind, astral characters, combining marks, tabs. */
const PIECES = ['a', 'b', 'xyz', ' ', '  ', '\t', '\n', '\r\n', '\r', '😀', '𝒳', 'é', 'e\u0301', '{', '}', ';', 'const ', '\n\n'];

function makeText(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(random() * PIECES.length)] ?? '';
  return text;
}

/** A random edit of a text: pieces inserted, removed and replaced at code-point boundaries. */
function mutateText(random: () => number, text: string): string {
  const points = [...text];
  const count = 1 + Math.floor(random() * 6);
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * (points.length + 1));
    const remove = random() < 0.5 ? Math.floor(random() * 4) : 0;
    const insert = random() < 0.7 ? [...makeText(random, 1 + Math.floor(random() * 3))] : [];
    points.splice(at, remove, ...insert);
  }
  return points.join('');
}

describe('computeTextEdits', () => {
  it.each<[string, string, string]>([
    ['equal texts', 'same\n', 'same\n'],
    ['an empty buffer', '', 'const a = 1;\n'],
    ['an empty output', 'const a = 1;\n', ''],
    ['whitespace only, to empty', '  \n\n', ''],
    ['no final newline, one added', 'a\nb', 'a\nb\n'],
    ['a final newline removed', 'a\nb\n', 'a\nb'],
    ['CRLF to LF', 'a\r\nb\r\nc\r\n', 'a\nb\nc\n'],
    ['LF to CRLF', 'a\nb\n', 'a\r\nb\r\n'],
    ['a lone CR', 'a\rb\r', 'a\nb\n'],
    ['mixed line breaks', 'a\r\nb\nc\rd', 'a\nb\r\nc\nd\r\n'],
    ['astral characters before the change', '😀😀 x=1\n', '😀😀 x = 1;\n'],
    ['an astral character replaced by another', 'a😀b\n', 'a😁b\n'],
    ['a combining mark', 'e\u0301 = 1\n', 'é = 1;\n'],
    ['indentation', 'if (a) {\nb();\n}\n', 'if (a) {\n  b();\n}\n'],
    ['lines joined', 'f(\n  a,\n  b\n);\n', 'f(a, b);\n'],
    ['lines split', 'f(a, b);\n', 'f(\n  a,\n  b\n);\n'],
    ['everything different', 'abc', 'xyz\n'],
  ])('gives edits that turn the buffer into the output: %s', (_what, before, after) => {
    const edits = computeTextEdits(before, after);
    expect(applyEdits(before, edits)).toBe(after);
    if (before === after) expect(edits).toEqual([]);
  });

  it('changes only what differs, not the whole document', () => {
    const before = `${Array.from({ length: 50 }, (_, i) => `const v${i} = ${i};`).join('\n')}\nconst z = {a:1}\n`;
    const after = before.replace('const z = {a:1}', 'const z = { a: 1 };');
    const edits = computeTextEdits(before, after);
    expect(applyEdits(before, edits)).toBe(after);
    expect(edits.every((edit) => edit.range.start.line === 50 && edit.range.end.line === 50)).toBe(true);
    expect(edits.map((edit) => edit.newText).join('')).toBe('   ;');
  });

  it('counts columns in UTF-16 code units after astral characters', () => {
    const edits = computeTextEdits('😀x\n', '😀y\n');
    expect(edits).toEqual([{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 3 } }, newText: 'y' }]);
  });

  it('never splits a CRLF or a surrogate pair', () => {
    for (const [before, after] of [
      ['a\r\n', 'a\n'],
      ['a\r\nb', 'a\rb'],
      ['😀', '😁'],
      ['x😀', 'x😀y'],
    ] as const) {
      const index = new LineIndex(before);
      for (const edit of computeTextEdits(before, after)) {
        for (const position of [edit.range.start, edit.range.end]) {
          const offset = index.offsetAt(position);
          expect(index.positionAt(offset)).toEqual(position);
          const code = before.charCodeAt(offset);
          expect(code >= 0xdc_00 && code <= 0xdf_ff).toBe(false);
        }
      }
      expect(applyEdits(before, computeTextEdits(before, after))).toBe(after);
    }
  });

  it('round-trips random edits of random texts (seeded)', () => {
    const random = makeRandom(20_240_601);
    for (let round = 0; round < 400; round++) {
      const before = makeText(random, Math.floor(random() * 40));
      const after = mutateText(random, before);
      const edits = computeTextEdits(before, after);
      expect(applyEdits(before, edits), `round ${round}: ${JSON.stringify([before, after])}`).toBe(after);
      const sorted = [...edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      expect(sorted).toEqual(edits);
    }
  });

  it('replaces a very large rewrite as a whole, still exactly', () => {
    const random = makeRandom(7);
    const before = makeText(random, 6_000);
    const after = makeText(random, 6_000);
    expect(applyEdits(before, computeTextEdits(before, after))).toBe(after);
  });
});

describe('LineIndex', () => {
  it('maps positions past a line or the text to their ends, never inside a CRLF', () => {
    const index = new LineIndex('ab\r\ncd');
    expect(index.offsetAt({ line: 0, character: 99 })).toBe(2);
    expect(index.offsetAt({ line: 1, character: 1 })).toBe(5);
    expect(index.offsetAt({ line: 9, character: 0 })).toBe(6);
    expect(index.offsetsOf({ start: { line: 1, character: 0 }, end: { line: 0, character: 1 } })).toEqual({ start: 1, end: 4 });
  });
});
