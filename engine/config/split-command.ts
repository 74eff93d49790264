import { split } from 'shlex';

/** Words that mean something only to a shell; in argv they would reach the tool as literal arguments. */
const SHELL_OPERATORS = new Set(['|', '||', '|&', '&&', '&', ';', ';;', '>', '>>', '<', '<<', '<<<', '&>', '2>', '2>>', '2>&1', '1>&2', '>&2']);
/** An unquoted word that starts with a redirection, like `>out.txt` or `2>/dev/null`. */
const REDIRECT_PREFIX = /^(?:[0-9]?>>?|&>|<)(?=[^<>|&;])/;

/** A split command, or why it cannot be run without a shell. */
export type SplitCommandResult = { ok: true; argv: string[] } | { ok: false; reason: string };

/** The characters shlex splits on. */
const SHLEX_WHITESPACE = ' \t\r\n';

interface ScannedWord {
  text: string;
  /** True when any part of the word was quoted or escaped, so shell characters in it are literal. */
  quoted: boolean;
}

interface Scan {
  words: ScannedWord[];
  openQuote: string | null;
  danglingEscape: boolean;
}

/**
 * Splits a command string the way a POSIX shell would (quotes, backslashes) but
 * expands nothing, and refuses shell syntax that only works with a shell.
 */
export function splitCommand(command: string): SplitCommandResult {
  const scan = scanWords(command);
  if (scan.openQuote !== null) {
    return { ok: false, reason: `unterminated ${scan.openQuote} quote (close it, or write the command as a list)` };
  }
  if (scan.danglingEscape) return { ok: false, reason: 'ends with a lone backslash (remove it, or quote it)' };
  const operator = findShellOperator(scan.words);
  if (operator !== null) {
    return {
      ok: false,
      reason: `"${operator}" needs a shell; gauntlet runs commands without one (write ["sh", "-c", "..."] to use a shell)`,
    };
  }
  try {
    return { ok: true, argv: split(command) };
  } catch (error) {
    return { ok: false, reason: `cannot split into words: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function findShellOperator(words: readonly ScannedWord[]): string | null {
  for (const { text, quoted } of words) {
    if (quoted) continue;
    if (SHELL_OPERATORS.has(text)) return text;
    const redirect = REDIRECT_PREFIX.exec(text);
    if (redirect) return redirect[0];
    // `cd src; make` leaves the `;` glued to the word before it.
    if (text.endsWith(';')) return ';';
    if (text.endsWith('&&')) return '&&';
  }
  return null;
}

/** Mirrors shlex's quoting rules, keeping what shlex forgets: which words were quoted. */
function scanWords(command: string): Scan {
  const words: ScannedWord[] = [];
  let word: ScannedWord | null = null;
  let quote: string | null = null;
  // Inside $'...' backslashes escape, as in shlex's ANSI-C quotes.
  let ansiQuote = false;
  let escaped = false;
  for (let index = 0; index < command.length; index++) {
    const char = command.charAt(index);
    if (escaped) {
      escaped = false;
      continue;
    }
    if (char === '\\' && (quote === null || quote === '"' || ansiQuote)) {
      escaped = true;
      word ??= { text: '', quoted: true };
      word.quoted = true;
      continue;
    }
    if (quote !== null) {
      if (char === quote) {
        quote = null;
        ansiQuote = false;
      }
      continue;
    }
    if (char === "'" || char === '"') {
      ansiQuote = char === "'" && command.charAt(index - 1) === '$';
      quote = char;
      word ??= { text: '', quoted: true };
      word.quoted = true;
      continue;
    }
    if (SHLEX_WHITESPACE.includes(char)) {
      if (word) words.push(word);
      word = null;
      continue;
    }
    word ??= { text: '', quoted: false };
    word.text += char;
  }
  if (word) words.push(word);
  return { words, openQuote: quote, danglingEscape: escaped };
}
