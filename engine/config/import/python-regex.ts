/** A Python regular expression rewritten for JavaScript, or why it cannot be. */
export type TranslatedRegex = { ok: true; source: string } | { ok: false; reason: string };

/** Python's global flags; in path mode `a`, `L`, `m`, `s` and `u` change nothing for one-line paths. */
const LEADING_FLAGS = /^\(\?([aiLmsux]+)\)/;
const WHITESPACE = /\s/;
/** Python's `\s` on bytes: ASCII whitespace only (JavaScript's adds no-break spaces). */
const BYTE_SPACE = ' \\t\\n\\r\\f\\v';

/**
 * Text mode: the pattern is searched in a file's bytes read as latin1, as pygrep searches bytes;
 * every Python meaning is spelled out in the source, which is used with no RegExp flags.
 */
export interface TextRegexOptions {
  ignoreCase: boolean;
  /** re.MULTILINE: `^` and `$` at every line. */
  multiline: boolean;
  /** re.DOTALL: `.` matches a newline too. */
  dotAll: boolean;
}

interface Scan {
  verbose: boolean;
  ignoreCase: boolean;
  text: { multiline: boolean; dotAll: boolean } | null;
}

/**
 * Rewrites a Python `re` pattern (as pre-commit's `files` and `exclude` are written) into a
 * JavaScript RegExp source with the same matches, for use with `RegExp.test` (which searches,
 * as `re.search` does). Handles leading `(?x)` (verbose) and `(?i)` flags, `(?P<name>...)`,
 * `\A`, `\Z`, `(?#...)` and a `]` first in a class; refuses what JavaScript cannot say.
 * With `text`, the pattern is one for file contents (pygrep): `.`, `^`, `$`, `\s`, `(?m)`,
 * `(?s)`, backreferences and non-ASCII literals (as UTF-8 bytes) keep Python's meaning too.
 */
export function translatePythonRegex(pattern: string, text?: TextRegexOptions): TranslatedRegex {
  const scan: Scan = { verbose: false, ignoreCase: text?.ignoreCase ?? false, text: text ? { multiline: text.multiline, dotAll: text.dotAll } : null };
  let rest = pattern;
  for (let flags = LEADING_FLAGS.exec(rest); flags; flags = LEADING_FLAGS.exec(rest)) {
    const letters = flags[1] ?? '';
    scan.verbose ||= letters.includes('x');
    scan.ignoreCase ||= letters.includes('i');
    if (scan.text) {
      scan.text.multiline ||= letters.includes('m');
      scan.text.dotAll ||= letters.includes('s');
    }
    rest = rest.slice(flags[0].length);
  }
  try {
    const source = rewrite(scan.text ? toByteChars(rest) : rest, scan);
    new RegExp(source);
    return { ok: true, source };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Non-ASCII characters as their UTF-8 bytes, one latin1 character each: Python encodes a pygrep pattern so. */
function toByteChars(pattern: string): string {
  return Buffer.from(pattern, 'utf8').toString('latin1');
}

function rewrite(pattern: string, scan: Scan): string {
  let out = '';
  let index = 0;
  while (index < pattern.length) {
    const char = pattern.charAt(index);
    if (char === '\\') {
      const [text, next] = rewriteEscape(pattern, index, scan);
      out += text;
      index = next;
    } else if (char === '[') {
      const [text, next] = rewriteClass(pattern, index, scan);
      out += text;
      index = next;
    } else if (char === '(' && pattern.charAt(index + 1) === '?') {
      const [text, next] = rewriteGroupOpening(pattern, index, scan);
      out += text;
      index = next;
    } else if (scan.verbose && WHITESPACE.test(char)) {
      index += 1;
    } else if (scan.verbose && char === '#') {
      const newline = pattern.indexOf('\n', index);
      index = newline === -1 ? pattern.length : newline + 1;
    } else {
      if (/[*+?}]/.test(char) && pattern.charAt(index + 1) === '+') throw new Error('possessive quantifiers are not supported');
      out += (scan.text && rewriteTextChar(char, scan.text)) || (scan.ignoreCase ? foldLetter(char) : char);
      index += 1;
    }
  }
  return out;
}

/** `.`, `^` and `$` with Python's meaning on text (JavaScript's also stop at `\r` and U+2028); '' for any other character. */
function rewriteTextChar(char: string, text: NonNullable<Scan['text']>): string {
  if (char === '.') return text.dotAll ? '[\\s\\S]' : '[^\\n]';
  if (char === '^') return text.multiline ? '(?<![^\\n])' : '(?<![\\s\\S])';
  // Python's `$` also holds before a newline that ends the text.
  if (char === '$') return text.multiline ? '(?![^\\n])' : '(?=\\n?(?![\\s\\S]))';
  return '';
}

function rewriteEscape(pattern: string, index: number, scan: Scan): [string, number] {
  const next = pattern.charAt(index + 1);
  if (next === '') throw new Error('ends with a lone backslash');
  if (scan.text) {
    if (next === 'A') return ['(?<![\\s\\S])', index + 2];
    if (next === 'Z') return ['(?![\\s\\S])', index + 2];
    if (next === 's') return [`[${BYTE_SPACE}]`, index + 2];
    if (next === 'S') return [`[^${BYTE_SPACE}]`, index + 2];
    if (/[1-9]/.test(next)) return [`\\${next}`, index + 2];
  }
  if (next === 'A') return ['^', index + 2];
  if (next === 'Z') return ['$', index + 2];
  if (/[1-9]/.test(next)) throw new Error('backreferences are not supported');
  if (next === 'U' || next === 'N') throw new Error(`\\${next} escapes are not supported`);
  return [`\\${next}`, index + 2];
}

function rewriteGroupOpening(pattern: string, index: number, scan: Scan): [string, number] {
  const after = pattern.slice(index + 2);
  if (after.startsWith('#')) {
    const close = pattern.indexOf(')', index);
    if (close === -1) throw new Error('unterminated comment group');
    return ['', close + 1];
  }
  // Path mode drops names: combined patterns must not repeat a group name.
  const named = /^P<([A-Za-z_][A-Za-z0-9_]*)>/.exec(after);
  if (named) return [scan.text ? `(?<${named[1] ?? ''}>` : '(?:', index + 2 + named[0].length];
  const reference = /^P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(after);
  if (reference && scan.text) return [`\\k<${reference[1] ?? ''}>`, index + 2 + reference[0].length];
  if (after.startsWith('P=')) throw new Error('backreferences are not supported');
  if (/^[:=!]|^<[=!]/.test(after)) return ['(?', index + 2];
  if (after.startsWith('>')) throw new Error('atomic groups are not supported');
  if (after.startsWith('(')) throw new Error('conditional groups are not supported');
  throw new Error('inline flags are only supported at the start of the pattern');
}

function rewriteClass(pattern: string, start: number, scan: Scan): [string, number] {
  let index = start + 1;
  let out = '[';
  if (pattern.charAt(index) === '^') {
    out += '^';
    index += 1;
  }
  // Python takes a `]` right after the opening as a literal; JavaScript would close an empty class.
  if (pattern.charAt(index) === ']') {
    out += '\\]';
    index += 1;
  }
  while (index < pattern.length) {
    const char = pattern.charAt(index);
    if (char === ']') return [`${out}]`, index + 1];
    if (char === '\\') {
      const escaped = pattern.slice(index, index + 2);
      out += scan.text && escaped === '\\s' ? BYTE_SPACE : escaped;
      index += 2;
      continue;
    }
    if (scan.ignoreCase && pattern.charAt(index + 1) === '-' && pattern.charAt(index + 2) !== ']' && index + 2 < pattern.length) {
      out += foldRange(char, pattern.charAt(index + 2));
      index += 3;
      continue;
    }
    out += scan.ignoreCase ? foldClassLetter(char) : char;
    index += 1;
  }
  throw new Error('unterminated character set');
}

/** `a` as `[aA]`; anything else unchanged. */
export function foldLetter(char: string): string {
  const lower = char.toLowerCase();
  const upper = char.toUpperCase();
  return lower !== upper && /^[a-zA-Z]$/.test(char) ? `[${lower}${upper}]` : char;
}

function foldClassLetter(char: string): string {
  return /^[a-zA-Z]$/.test(char) ? `${char.toLowerCase()}${char.toUpperCase()}` : char;
}

/** A class range with its other-case twin added when it spans letters only. */
export function foldRange(from: string, to: string): string {
  const range = `${from}-${to}`;
  if (/^[a-z]$/.test(from) && /^[a-z]$/.test(to)) return `${range}${from.toUpperCase()}-${to.toUpperCase()}`;
  if (/^[A-Z]$/.test(from) && /^[A-Z]$/.test(to)) return `${range}${from.toLowerCase()}-${to.toLowerCase()}`;
  return range;
}

/** Escapes text for use as a literal inside a RegExp source. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** One source that holds when every search-semantics source in `sources` finds a match. */
export function combineAll(sources: readonly string[]): string | undefined {
  const present = sources.filter((source) => source !== '');
  if (present.length <= 1) return present[0];
  return `^${present.map((source) => `(?=[\\s\\S]*?(?:${source}))`).join('')}`;
}

/** One source that holds when any of `sources` finds a match. */
export function combineAny(sources: readonly string[]): string | undefined {
  if (sources.length <= 1) return sources[0];
  return sources.map((source) => `(?:${source})`).join('|');
}
