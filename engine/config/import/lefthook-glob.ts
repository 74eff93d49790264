import { shapesToGlobs, type Shape, type ShapeGlobs, type ShapeToken } from './glob-shape.js';
import { escapeRegex, foldLetter, foldRange } from './python-regex.js';

/** lefthook's `glob_matcher`: gobwas (the default: `*` crosses `/`) or doublestar (`**` does). */
export type GlobMatcher = 'gobwas' | 'doublestar';

/** A lefthook glob as a regex source (whole path, search-safe) and as gauntlet globs when possible. */
export interface CompiledGlob {
  regex: string;
  globs: ShapeGlobs | null;
}

/** Past this many brace alternatives a glob is refused. */
const MAX_BRACE_EXPANSION = 64;

/**
 * Compiles a lefthook glob as lefthook 2 matches it against a repository-relative path.
 * `glob` patterns match case-insensitively, `exclude` patterns case-sensitively (observed
 * with lefthook 2.2.2). Gobwas: `*` and `**` match any run of characters, `/` included, so
 * `*.py` matches at any depth and `src/**\/*.py` needs a folder below src/. Doublestar: the
 * usual `*` (within a segment) and `**` (any folders); `*.py` matches at the root only.
 */
export function compileLefthookGlob(glob: string, matcher: GlobMatcher, ignoreCase: boolean): CompiledGlob {
  const alternatives = expandBraces(glob);
  const regex = `^(?:${alternatives.map((one) => toRegex(one, matcher, ignoreCase)).join('|')})$`;
  new RegExp(regex);
  if (matcher === 'doublestar') return { regex, globs: alternatives.map((one) => (one.includes('/') ? one : `./${one}`)) };
  const shapes = alternatives.map(toShape);
  return { regex, globs: shapes.includes(null) ? null : shapesToGlobs(shapes as Shape[]) };
}

function toRegex(glob: string, matcher: GlobMatcher, ignoreCase: boolean): string {
  let out = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob.charAt(index);
    if (char === '*') {
      const double = glob.charAt(index + 1) === '*';
      if (double) index += 1;
      out += readStar(glob, index, double, matcher);
      if (matcher === 'doublestar' && double && glob.charAt(index + 1) === '/') index += 1;
    } else if (char === '?') {
      out += matcher === 'gobwas' ? '[\\s\\S]' : '[^/]';
    } else if (char === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      out += toRegexClass(glob.slice(index + 1, close), ignoreCase);
      index = close;
    } else {
      const literal = char === '\\' ? glob.charAt(++index) : char;
      out += ignoreCase && /[a-zA-Z]/.test(literal) ? foldLetter(literal) : escapeRegex(literal);
    }
  }
  return out;
}

function readStar(glob: string, index: number, double: boolean, matcher: GlobMatcher): string {
  if (matcher === 'gobwas') return '[\\s\\S]*';
  if (!double) return '[^/]*';
  const atSegmentStart = index < 2 || glob.charAt(index - 2) === '/';
  if (atSegmentStart && glob.charAt(index + 1) === '/') return '(?:[\\s\\S]*/)?';
  return atSegmentStart && index === glob.length - 1 ? '[\\s\\S]*' : '[^/]*';
}

function toRegexClass(body: string, ignoreCase: boolean): string {
  const negated = body.startsWith('!') || body.startsWith('^');
  const inner = negated ? body.slice(1) : body;
  let out = '';
  for (let index = 0; index < inner.length; index++) {
    const char = inner.charAt(index);
    if (inner.charAt(index + 1) === '-' && index + 2 < inner.length) {
      out += ignoreCase ? foldRange(char, inner.charAt(index + 2)) : `${char}-${inner.charAt(index + 2)}`;
      index += 2;
    } else {
      const escaped = /[\\\]^-]/.test(char) ? `\\${char}` : char;
      out += ignoreCase && /[a-zA-Z]/.test(char) ? `${char.toLowerCase()}${char.toUpperCase()}` : escaped;
    }
  }
  return `[${negated ? '^' : ''}${out}]`;
}

/** `a{b,c}d` as `abd`, `acd`; nested braces too. */
export function expandBraces(glob: string): string[] {
  const open = findBrace(glob);
  if (open === null) return [glob];
  const { start, end, options } = open;
  const expanded = options.flatMap((option) => expandBraces(`${glob.slice(0, start)}${option}${glob.slice(end + 1)}`));
  if (expanded.length > MAX_BRACE_EXPANSION) throw new Error(`"${glob}" expands to too many patterns`);
  return expanded;
}

function findBrace(glob: string): { start: number; end: number; options: string[] } | null {
  const start = glob.indexOf('{');
  if (start === -1) return null;
  let depth = 0;
  let optionStart = start + 1;
  const options: string[] = [];
  for (let index = start; index < glob.length; index++) {
    const char = glob.charAt(index);
    if (char === '\\') index += 1;
    else if (char === '{') depth += 1;
    else if (char === ',' && depth === 1) {
      options.push(glob.slice(optionStart, index));
      optionStart = index + 1;
    } else if (char === '}' && --depth === 0) {
      options.push(glob.slice(optionStart, index));
      return { start, end: index, options };
    }
  }
  return null;
}

/** A gobwas glob's shape: `*` crosses folders, so it is a regex `.*`. */
function toShape(glob: string): Shape | null {
  const tokens: ShapeToken[] = [];
  for (let index = 0; index < glob.length; index++) {
    const char = glob.charAt(index);
    if (char === '*') {
      while (glob.charAt(index + 1) === '*') index += 1;
      tokens.push({ kind: 'any' });
    } else if (char === '?') {
      tokens.push({ kind: 'one' });
    } else if (char === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close === -1) return null;
      const body = glob.slice(index + 1, close);
      tokens.push({ kind: 'class', text: `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]` });
      index = close;
    } else {
      const literal = char === '\\' ? glob.charAt(++index) : char;
      const previous = tokens.at(-1);
      if (previous?.kind === 'lit') previous.text += literal;
      else tokens.push({ kind: 'lit', text: literal });
    }
  }
  return { tokens, start: true, end: true };
}
