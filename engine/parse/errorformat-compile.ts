/** The %-items that capture a field, with the pattern Vim gives each (quickfix.c fmt_pat). */
const ITEMS: Readonly<Record<string, string>> = {
  f: '.+', // only used at the end; see compileFile
  n: '\\d+',
  l: '\\d+',
  e: '\\d+',
  c: '\\d+',
  k: '\\d+',
  t: '.',
  m: '.+',
  r: '.*',
  p: '[-\\t .]*',
  v: '\\d+',
  s: '.+',
  o: '.+',
};

/** A field an errorformat item captures, named by its item letter (`l` for %l). */
export type ItemName = 'f' | 'n' | 'l' | 'e' | 'c' | 'k' | 't' | 'm' | 'r' | 'p' | 'v' | 's' | 'o';

/** What a format line is: %A/%E/%W/%I/%N start a multi-line message, %C/%Z continue and end it, %G is general, %D/%X/%O/%P/%Q are directory and file lines. */
export type FormatPrefix = '' | 'D' | 'X' | 'A' | 'E' | 'W' | 'I' | 'N' | 'C' | 'Z' | 'G' | 'O' | 'P' | 'Q';

/** One compiled errorformat. */
export interface CompiledFormat {
  source: string;
  regex: RegExp;
  prefix: FormatPrefix;
  /** `%+`: the whole line is the message; `%-`: the line is dropped. */
  flag: '' | '+' | '-';
  /** `%>`: the next line is tried against this format first. */
  continueHere: boolean;
}

const PREFIXES = 'DXAEWINCZGOPQ';

/** `%.` `%#` `%%` and the characters Vim takes literally mid-pattern (`%^` `%$` `%~`). */
const MAGIC: Readonly<Record<string, string>> = { '.': '.', '#': '*', '%': '%', '^': '\\^', $: '\\$', '~': '~' };

// Vim's isfname default (letters, digits, /.-_+,#$%~=), for %f before a % item or a backslash.
const FILE_CHARACTERS = '[\\p{L}\\p{N}/.\\-_+,#$%~=]+';

/** Vim's character classes after `%\` or `%*\`, as JavaScript (u flag) classes. */
const VIM_CLASSES: Readonly<Record<string, string>> = {
  s: '\\s',
  S: '\\S',
  d: '\\d',
  D: '\\D',
  w: '\\w',
  W: '\\W',
  a: '[A-Za-z]',
  A: '[^A-Za-z]',
  l: '[a-z]',
  L: '[^a-z]',
  u: '[A-Z]',
  U: '[^A-Z]',
  x: '[0-9A-Fa-f]',
  X: '[^0-9A-Fa-f]',
  h: '[A-Za-z_]',
  f: '[\\p{L}\\p{N}/.\\-_+,#$%~=]',
};

/** Vim regex operators written `%\+`, `%\=`, `%\(`: JavaScript equivalents. */
const VIM_OPERATORS: Readonly<Record<string, string>> = { '+': '+', '=': '?', '?': '?', '(': '(?:', ')': ')', '|': '|' };

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  space: '\\s',
  upper: 'A-Z',
  lower: 'a-z',
  xdigit: '0-9A-Fa-f',
  blank: ' \\t',
};

/** Splits a Vim 'errorformat' option value at commas not escaped by a backslash; empty parts are dropped. */
export function splitErrorformat(option: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let index = 0; index < option.length; index++) {
    if (option[index] === '\\') index++;
    else if (option[index] === ',') {
      parts.push(option.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(option.slice(start));
  return parts.filter((part) => part !== '');
}

/** What compiling a format has built so far. */
interface Compilation {
  body: string;
  prefix: FormatPrefix;
  flag: CompiledFormat['flag'];
  continueHere: boolean;
  seen: Set<string>;
  /** Where the letters (or the %t) right before the current position began in `body`, for the code group. */
  codeStart: number | null;
}

/**
 * Compiles one errorformat to an anchored regular expression with a named group
 * per item, as Vim's efm_to_regpat does. `%n` with the letters written right
 * before it (`SC%n`) or with `%t` (`%t%n`) is also captured whole as `code`.
 * Throws an Error with Vim's wording on a bad format.
 */
export function compileErrorformat(source: string): CompiledFormat {
  const state: Compilation = { body: '', prefix: '', flag: '', continueHere: false, seen: new Set(), codeStart: null };
  let index = 0;
  while (index < source.length) {
    if (source.charAt(index) === '%') {
      index = compilePercent(source, index, state);
      continue;
    }
    // A backslash takes the next character literally: `\ ` and `\,` as written in a Vim option.
    const escaped = source.charAt(index) === '\\' && index + 1 < source.length;
    const literal = source.charAt(escaped ? index + 1 : index);
    index += escaped ? 2 : 1;
    state.codeStart = /[A-Za-z]/.test(literal) ? (state.codeStart ?? state.body.length) : null;
    state.body += escapeLiteral(literal);
  }
  return { source, regex: compileRegex(state.body), prefix: state.prefix, flag: state.flag, continueHere: state.continueHere };
}

/** Compiles the %-item at `index` into `state`; returns the index after it. */
function compilePercent(source: string, index: number, state: Compilation): number {
  if (index + 1 >= source.length) throw new Error('ends with a lone "%" (write %% for a percent sign)');
  const item = source.charAt(index + 1);
  let next = index + 2;
  let codeStart: number | null = null;
  if (Object.hasOwn(ITEMS, item)) {
    codeStart = item === 't' ? state.body.length : null;
    addItem(item, item === 'f' ? compileFile(source, next) : (ITEMS[item] ?? ''), state);
  } else if (item === '*') {
    const scanned = compileScanf(source, next);
    state.body += scanned.pattern;
    next = scanned.next;
  } else if (item === '[') {
    const scanned = compileClass(source, next);
    state.body += scanned.pattern;
    next = scanned.next;
  } else if (item === '\\') {
    const operator = source.charAt(next);
    const translated = VIM_CLASSES[operator] ?? VIM_OPERATORS[operator];
    if (translated === undefined) throw new Error(`has an unsupported Vim pattern item %\\${operator}`);
    state.body += translated;
    next += 1;
  } else if (Object.hasOwn(MAGIC, item)) {
    state.body += MAGIC[item] ?? '';
  } else if (item === '>') {
    state.continueHere = true;
  } else if (index === 0) {
    // A prefix (%E, %-G, %+C) may only open the format.
    ({ prefix: state.prefix, flag: state.flag } = readPrefix(item, source.charAt(next)));
    if (state.flag !== '') next += 1;
  } else {
    throw new Error(`has an invalid %${item} (see :help errorformat for the items)`);
  }
  state.codeStart = codeStart;
  return next;
}

/** Adds an item's named group; %n is wrapped, with the %t or letters just before it, in the `code` group. */
function addItem(item: string, pattern: string, state: Compilation): void {
  if (state.seen.has(item)) throw new Error(`has %${item} twice (each item may appear once)`);
  state.seen.add(item);
  const group = `(?<${item}>${pattern})`;
  if (item !== 'n') state.body += group;
  else if (state.codeStart === null) state.body += `(?<code>${group})`;
  else state.body = `${state.body.slice(0, state.codeStart)}(?<code>${state.body.slice(state.codeStart)}${group})`;
}

function readPrefix(item: string, following: string): { prefix: FormatPrefix; flag: CompiledFormat['flag'] } {
  const isFlag = item === '+' || item === '-';
  const letter = isFlag ? following : item;
  if (letter === '' || !PREFIXES.includes(letter)) {
    throw new Error(`has an invalid %${item}${isFlag ? letter : ''} (a prefix is one of %${PREFIXES.split('').join(' %')})`);
  }
  return { prefix: letter as FormatPrefix, flag: isFlag ? item : '' };
}

/** %f: lazy up to the literal that follows, Vim's file-name characters before another item, anything at the end. */
function compileFile(source: string, next: number): string {
  if (next >= source.length) return ITEMS.f ?? '.+';
  return source.charAt(next) === '%' ? FILE_CHARACTERS : '.+?';
}

/** `%*[...]` and `%*\s`: scanf-style "skip one or more". */
function compileScanf(source: string, start: number): { pattern: string; next: number } {
  const kind = source.charAt(start);
  if (kind === '[') {
    const scanned = compileClass(source, start + 1);
    return { pattern: `${scanned.pattern}+`, next: scanned.next };
  }
  if (kind === '\\') {
    const translated = VIM_CLASSES[source.charAt(start + 1)];
    if (translated === undefined) throw new Error(`has an unsupported %*\\${source.charAt(start + 1)}`);
    return { pattern: `${translated}+`, next: start + 2 };
  }
  throw new Error(`has an unsupported %*${kind} (use %*[...] or %*\\s-style classes)`);
}

/** A character class whose text starts at `start` (just after `[`); `]` right after `[` or `[^` is literal. */
function compileClass(source: string, start: number): { pattern: string; next: number } {
  let index = start;
  let pattern = '[';
  if (source.startsWith('%^', index) || source.charAt(index) === '^') {
    pattern += '^';
    index += source.charAt(index) === '%' ? 2 : 1;
  }
  let first = true;
  while (index < source.length) {
    const char = source.charAt(index);
    if (char === ']' && !first) return { pattern: `${pattern}]`, next: index + 1 };
    first = false;
    const posix = /^\[:(\w+):\]/.exec(source.slice(index))?.[1];
    if (posix !== undefined && POSIX_CLASSES[posix] !== undefined) {
      pattern += POSIX_CLASSES[posix];
      index += posix.length + 4;
    } else if (char === '\\' && index + 1 < source.length) {
      const escaped = source.charAt(index + 1);
      pattern += /[A-Za-z]/.test(escaped) ? `\\${escaped}` : escapeInClass(escaped);
      index += 2;
    } else {
      pattern += escapeInClass(char);
      index += 1;
    }
  }
  throw new Error('has a "[" without its "]"');
}

function escapeInClass(char: string): string {
  return /[\\\]^[]/.test(char) ? `\\${char}` : char;
}

function escapeLiteral(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

function compileRegex(body: string): RegExp {
  try {
    return new RegExp(`^${body}$`, 'u');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`does not compile: ${message}`, { cause: error });
  }
}
