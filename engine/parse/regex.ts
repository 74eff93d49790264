import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { ParseContext } from './parse-context.js';
import { toRepoPath } from './paths.js';
import { toSeverity } from './severity.js';

/** Flags every user pattern runs with: all matches, `^`/`$` at line ends. */
export const REGEX_FLAGS = 'gm';

/** Named groups a user pattern may use; `file` and `line` are required. */
export const REGEX_GROUPS = [
  'file',
  'line',
  'column',
  'end_line',
  'end_column',
  'severity',
  'code',
  'message',
] as const;

const REQUIRED_GROUPS = ['file', 'line'] as const;

/**
 * Checks a user pattern before any run: null when it is usable, otherwise a
 * one-line message saying what to fix (bad syntax, missing `file`/`line` groups,
 * or a named group we would silently ignore).
 */
export function validateRegexPattern(pattern: string): string | null {
  let names: string[];
  try {
    names = listGroupNames(pattern);
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
  }
  if (!REQUIRED_GROUPS.every((name) => names.includes(name))) {
    return 'pattern needs named groups (?<file>...) and (?<line>...)';
  }
  const unknown = names.find((name) => !(REGEX_GROUPS as readonly string[]).includes(name));
  if (unknown !== undefined) {
    return `pattern has unknown named group (?<${unknown}>...); use ${REGEX_GROUPS.join(', ')}`;
  }
  return null;
}

/**
 * Applies a user pattern over the whole output (flags REGEX_FLAGS, so a pattern
 * may span lines) and turns each match into a diagnostic. Matches without a
 * file or a positive line are skipped; missing optional groups give null, a
 * missing message group gives the whole match. Throws on an invalid pattern,
 * which validateRegexPattern should have rejected at config load.
 */
export function parseRegex(pattern: string, output: string, context: ParseContext): Diagnostic[] {
  const regex = new RegExp(pattern, REGEX_FLAGS);
  const diagnostics: Diagnostic[] = [];
  for (let match = regex.exec(output); match !== null; match = regex.exec(output)) {
    // A zero-length match leaves lastIndex in place; step past it or exec loops forever.
    if (match[0] === '') regex.lastIndex += 1;
    const diagnostic = toDiagnostic(match, context);
    if (diagnostic !== null) diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function toDiagnostic(match: RegExpExecArray, context: ParseContext): Diagnostic | null {
  const groups = match.groups ?? {};
  const file = groups.file?.trim();
  const line = toPositiveInteger(groups.line);
  if (file === undefined || file === '' || line === null) return null;
  return {
    hook: context.hook,
    file: toRepoPath(file, context.root),
    line,
    column: toPositiveInteger(groups.column),
    endLine: toPositiveInteger(groups.end_line),
    endColumn: toPositiveInteger(groups.end_column),
    severity: toSeverity(emptyToUndefined(groups.severity)),
    code: emptyToUndefined(groups.code?.trim()) ?? null,
    message: (groups.message ?? match[0]).trim(),
  };
}

/** Lists the pattern's named groups; throws the engine's SyntaxError when the pattern is invalid. */
function listGroupNames(pattern: string): string[] {
  // Compile alone first so a syntax error names the user's pattern, not our wrapper.
  new RegExp(pattern, REGEX_FLAGS);
  // The empty alternative always matches, and `groups` lists every name, matched or not.
  const groups = new RegExp(`(?:${pattern})|`, REGEX_FLAGS).exec('')?.groups;
  return Object.keys(groups ?? {});
}

/** Positive integer from captured text such as " 12", or null (0 means "unknown" to some tools). */
function toPositiveInteger(text: string | undefined): number | null {
  const trimmed = text?.trim();
  if (trimmed === undefined || !/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

function emptyToUndefined(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}
