import type { Shape, ShapeToken } from './glob-shape.js';

/** A parsed piece of a regex: a token, an anchor, or a group of alternatives. */
type Piece = ShapeToken | { kind: 'start' } | { kind: 'end' } | { kind: 'group'; alternatives: Piece[][] };

/** Alternatives past this are not worth turning into globs. */
const MAX_ALTERNATIVES = 32;
const PLAIN = /[^\\^$.|?*+()[\]{}]/;

class Unsupported extends Error {}

/**
 * The shapes of a simple JavaScript regex source (literals, `.*`, `.+`, `.`, `[^/]*`, classes,
 * groups of alternatives, `^`, `$`, `(?:^|/)`), or null for anything else.
 */
export function regexToShapes(source: string): Shape[] | null {
  try {
    const parser = { source, index: 0 };
    const alternatives = parseAlternatives(parser);
    if (parser.index !== source.length) return null;
    const flat = alternatives.flatMap(expandSequence);
    if (flat.length > MAX_ALTERNATIVES) return null;
    return flat.map(toShape);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

interface Parser {
  source: string;
  index: number;
}

function parseAlternatives(parser: Parser): Piece[][] {
  const alternatives: Piece[][] = [parseSequence(parser)];
  while (parser.source.charAt(parser.index) === '|') {
    parser.index += 1;
    alternatives.push(parseSequence(parser));
  }
  return alternatives;
}

function parseSequence(parser: Parser): Piece[] {
  const pieces: Piece[] = [];
  const { source } = parser;
  while (parser.index < source.length) {
    const char = source.charAt(parser.index);
    if (char === '|' || char === ')') break;
    parser.index += 1;
    if (char === '^') pieces.push({ kind: 'start' });
    else if (char === '$') pieces.push({ kind: 'end' });
    else if (char === '(') pieces.push(parseGroup(parser));
    else if (char === '[') pieces.push(...parseClass(parser));
    else if (char === '.') pieces.push(...parseDot(parser));
    else if (char === '\\') pieces.push(parseEscape(parser));
    else if (PLAIN.test(char)) pieces.push({ kind: 'lit', text: char });
    else throw new Unsupported();
  }
  return pieces;
}

function parseGroup(parser: Parser): Piece {
  if (parser.source.startsWith('?:', parser.index)) parser.index += 2;
  else if (parser.source.charAt(parser.index) === '?') throw new Unsupported();
  const alternatives = parseAlternatives(parser);
  if (parser.source.charAt(parser.index) !== ')') throw new Unsupported();
  parser.index += 1;
  if (isSegmentStart(alternatives)) return { kind: 'segstart' };
  rejectQuantifier(parser);
  return { kind: 'group', alternatives };
}

function isSegmentStart(alternatives: Piece[][]): boolean {
  const [first, second] = alternatives;
  return alternatives.length === 2 && first?.length === 1 && first[0]?.kind === 'start' &&
    second?.length === 1 && second[0]?.kind === 'lit' && second[0].text === '/';
}

function parseClass(parser: Parser): Piece[] {
  const close = parser.source.indexOf(']', parser.index + 1);
  if (close === -1) throw new Unsupported();
  const body = parser.source.slice(parser.index, close);
  parser.index = close + 1;
  if (body === '^/' && parser.source.charAt(parser.index) === '*') {
    parser.index += 1;
    return [{ kind: 'seg' }];
  }
  if (body.includes('\\') || body.includes('[')) throw new Unsupported();
  rejectQuantifier(parser);
  return [{ kind: 'class', text: `[${body}]` }];
}

function parseDot(parser: Parser): Piece[] {
  const next = parser.source.charAt(parser.index);
  if (next === '*' || next === '+') {
    parser.index += 1;
    // Lazy or greedy, the set of matching paths is the same.
    if (parser.source.charAt(parser.index) === '?') parser.index += 1;
    return next === '*' ? [{ kind: 'any' }] : [{ kind: 'one' }, { kind: 'any' }];
  }
  rejectQuantifier(parser);
  return [{ kind: 'one' }];
}

function parseEscape(parser: Parser): Piece {
  const char = parser.source.charAt(parser.index);
  parser.index += 1;
  if (char === '' || /[A-Za-z0-9]/.test(char)) throw new Unsupported();
  rejectQuantifier(parser);
  return { kind: 'lit', text: char };
}

function rejectQuantifier(parser: Parser): void {
  if (/[*+?{]/.test(parser.source.charAt(parser.index))) throw new Unsupported();
}

/** Every flat sequence a sequence with groups stands for. */
function expandSequence(sequence: Piece[]): Piece[][] {
  let results: Piece[][] = [[]];
  for (const piece of sequence) {
    if (piece.kind === 'group') {
      const options = piece.alternatives.flatMap(expandSequence);
      results = results.flatMap((prefix) => options.map((option) => [...prefix, ...option]));
    } else {
      results = results.map((prefix) => [...prefix, piece]);
    }
    if (results.length > MAX_ALTERNATIVES) throw new Unsupported();
  }
  return results;
}

function toShape(pieces: Piece[]): Shape {
  const start = pieces[0]?.kind === 'start';
  const end = pieces.at(-1)?.kind === 'end';
  const inner = pieces.slice(start ? 1 : 0, end ? -1 : undefined);
  const tokens: ShapeToken[] = [];
  for (const piece of inner) {
    if (piece.kind === 'start' || piece.kind === 'end' || piece.kind === 'group') throw new Unsupported();
    if (piece.kind === 'segstart' && (start || tokens.length > 0)) throw new Unsupported();
    const previous = tokens.at(-1);
    if (piece.kind === 'lit' && previous?.kind === 'lit') previous.text += piece.text;
    else tokens.push(piece.kind === 'lit' ? { ...piece } : piece);
  }
  return { tokens, start, end };
}
