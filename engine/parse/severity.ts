import type { Severity } from '../../protocol/diagnostic.js';

/** What a finding is when the tool does not say. */
export const DEFAULT_SEVERITY: Severity = 'error';

/**
 * Tools' severity words, lower case, mapped onto ours. gcc/clang write
 * "fatal error"; shellcheck's own levels are error/warning/info/style, though
 * `-f gcc` prints both info and style as "note".
 */
export const SEVERITY_WORDS: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ['fatal error', 'error'],
  ['fatal', 'error'],
  ['critical', 'error'],
  ['error', 'error'],
  ['err', 'error'],
  ['warning', 'warning'],
  ['warn', 'warning'],
  ['note', 'info'],
  ['info', 'info'],
  ['information', 'info'],
  ['notice', 'info'],
  ['remark', 'info'],
  ['hint', 'hint'],
  ['style', 'hint'],
  ['suggestion', 'hint'],
]);

// Single letters as written by compact formats ("E", "W") and Vim's errorformat %t
// ("s" for shellcheck's "style"); only toSeverity and readSeverity read them, the gnu
// parser would otherwise take "e:" at the start of a message.
const SEVERITY_LETTERS: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ['e', 'error'],
  ['f', 'error'],
  ['w', 'warning'],
  ['i', 'info'],
  ['n', 'info'],
  ['h', 'hint'],
  ['s', 'hint'],
]);

/**
 * Maps a tool's severity word (any case, surrounding spaces ignored) onto a
 * Severity. Unknown or missing words give DEFAULT_SEVERITY, so a finding is
 * never hidden by a word we did not expect.
 */
export function toSeverity(word: string | undefined): Severity {
  return readSeverity(word) ?? DEFAULT_SEVERITY;
}

/** Like toSeverity, but null for a missing or unknown word, so a caller can fall back on something else. */
export function readSeverity(word: string | undefined): Severity | null {
  if (word === undefined) return null;
  const key = word.trim().toLowerCase().replace(/\s+/g, ' ');
  return SEVERITY_WORDS.get(key) ?? SEVERITY_LETTERS.get(key) ?? null;
}

/**
 * Severity implied by a flake8/pylint-style code such as E501, F401, W0611,
 * C0114: E (pycodestyle errors, pylint errors) and F (pyflakes, pylint fatal)
 * are errors; every other family (W, C, R, N, D, B, I, SC...) is a warning,
 * because those are style, convention or refactoring advice.
 */
export function toSeverityFromCode(code: string): Severity {
  const family = code.charAt(0).toUpperCase();
  return family === 'E' || family === 'F' ? 'error' : 'warning';
}
