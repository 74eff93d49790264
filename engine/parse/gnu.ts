import type { Diagnostic, Severity } from '../../protocol/diagnostic.js';
import type { ParseContext } from './parse-context.js';
import { toRepoPath } from './paths.js';
import { DEFAULT_SEVERITY, SEVERITY_WORDS, toSeverity, toSeverityFromCode } from './severity.js';

// `file:line:` then optionally `col:` and mypy's `--show-error-end` `endLine:endCol:`.
// The file may not start with whitespace (indented context lines are not findings);
// the lazy file match takes the first `:digits:` so messages may contain colons.
const POSITION = ':(?<line>\\d+):(?:(?<column>\\d+):(?:(?<endLine>\\d+):(?<endColumn>\\d+):)?)?(?<rest>.*)$';
const LOCATION = new RegExp(`^(?<file>\\S+?)${POSITION}`);
/** What follows a file name the hook was given, spaces and all. */
const AFTER_FILE = new RegExp(`^${POSITION}`);

// Longest words first so "fatal error" wins over "fatal" and "warning" over "warn".
const SEVERITY_ALTERNATIVES = [...SEVERITY_WORDS.keys()]
  .sort((a, b) => b.length - a.length)
  .map((word) => word.replace(/ /g, '\\s+'))
  .join('|');

// gcc, clang, mypy, shellcheck -f gcc: ` error: message`.
const SEVERITY_PREFIX = new RegExp(`^\\s*(?<word>${SEVERITY_ALTERNATIVES})\\s*:\\s*(?<text>.*)$`, 'i');

// mypy `  [arg-type]`, shellcheck ` [SC2086]`, gcc ` [-Wunused-variable]`.
const TRAILING_CODE = /\s+\[(?<code>[^\s[\]]+)\]$/;

// pylint --output-format=parseable: `[C0114(missing-module-docstring), obj] message`.
const PYLINT_PARSEABLE = /^\s*\[(?<code>[A-Z]+[0-9]+)\((?<symbol>[\w-]+)\),\s*[^\]]*\]\s*(?<text>.*)$/;

// flake8 `E501 message`, pylint's text format `C0114: message`.
const LEADING_CODE = /^\s*(?<code>[A-Z]+[0-9]+):?(?:\s+(?<text>.*))?$/;

// A timestamp's date and hour ("2024-05-01T12:30:45") would otherwise read as `file:line:col`.
const ISO_DATE_HOUR = /^\[?\d{4}-\d{2}-\d{2}T\d{1,2}$/;

/** The part of a line after the location, split into what the tool said. */
interface MessageParts {
  severity: Severity;
  code: string | null;
  message: string;
}

/**
 * Reads `file:line[:col[:endLine:endCol]]:[ severity:] message` lines as written
 * by flake8, mypy, shellcheck -f gcc, pylint (parseable and text), grep -nH,
 * gcc and clang. Lines that are not findings (summaries, source excerpts,
 * timestamps, URLs) are skipped.
 *
 * Severity: a severity word wins (see SEVERITY_WORDS); otherwise a leading code
 * decides (E/F error, others warning, see toSeverityFromCode); otherwise error.
 */
export function parseGnu(output: string, context: ParseContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const spaced = listSpacedNames(context);
  for (const line of output.split(/\r?\n/)) {
    const diagnostic = parseGnuLine(line, context, spaced);
    if (diagnostic !== null) diagnostics.push(diagnostic);
  }
  return diagnostics;
}

/**
 * Reads one line of gnu-style output; null when the line is not a finding. `spaced`: the names,
 * as a tool may print them, of the hook's files that contain whitespace (see listSpacedNames).
 */
export function parseGnuLine(text: string, context: ParseContext, spaced: readonly string[] = []): Diagnostic | null {
  const groups = matchSpacedName(text, spaced) ?? LOCATION.exec(text)?.groups;
  if (groups?.file === undefined || !isFileToken(groups.file)) return null;
  const line = toPositiveInteger(groups.line);
  if (line === null) return null;
  const parts = splitMessage(groups.rest ?? '');
  return {
    hook: context.hook,
    file: toRepoPath(groups.file, context.root),
    line,
    column: toPositiveInteger(groups.column),
    endLine: toPositiveInteger(groups.endLine),
    endColumn: toPositiveInteger(groups.endColumn),
    ...parts,
  };
}

function splitMessage(rest: string): MessageParts {
  const worded = SEVERITY_PREFIX.exec(rest)?.groups;
  if (worded !== undefined) {
    const text = (worded.text ?? '').trimEnd();
    const code = TRAILING_CODE.exec(text)?.groups?.code;
    return {
      severity: toSeverity(worded.word),
      code: code ?? null,
      message: code === undefined ? text : text.replace(TRAILING_CODE, ''),
    };
  }
  const pylint = PYLINT_PARSEABLE.exec(rest)?.groups;
  if (pylint?.code !== undefined) {
    // Appending the symbol as pylint's own text format does keeps it visible for `disable=`.
    return {
      severity: toSeverityFromCode(pylint.code),
      code: pylint.code,
      message: `${(pylint.text ?? '').trim()} (${pylint.symbol ?? ''})`,
    };
  }
  const coded = LEADING_CODE.exec(rest)?.groups;
  if (coded?.code !== undefined) {
    return {
      severity: toSeverityFromCode(coded.code),
      code: coded.code,
      message: (coded.text ?? '').trim(),
    };
  }
  return { severity: DEFAULT_SEVERITY, code: null, message: rest.trim() };
}

/**
 * Each of the hook's files with whitespace in its name, as given, with `./` and as an absolute
 * path, longest first (so `a b c.py` wins over `a b`): the ways tools print a name.
 */
function listSpacedNames(context: ParseContext): string[] {
  const spaced = (context.files ?? []).filter((file) => /\s/.test(file));
  const root = context.root.endsWith('/') ? context.root : `${context.root}/`;
  return spaced.flatMap((file) => [file, `./${file}`, `${root}${file}`]).sort((a, b) => b.length - a.length);
}

/** The location groups of a line that starts with one of the spaced names and a position. */
function matchSpacedName(text: string, spaced: readonly string[]): Record<string, string | undefined> | null {
  for (const name of spaced) {
    if (!text.startsWith(name)) continue;
    const groups = AFTER_FILE.exec(text.slice(name.length))?.groups;
    if (groups) return { ...groups, file: name };
  }
  return null;
}

function isFileToken(token: string): boolean {
  // A file name has a letter somewhere; "12:30:45" and "[12:30:45]" have none.
  return /\p{L}/u.test(token) && !token.includes('://') && !ISO_DATE_HOUR.test(token);
}

/** Positive integer from a digits-only group, or null (0 means "unknown" to some tools). */
function toPositiveInteger(digits: string | undefined): number | null {
  if (digits === undefined || digits === '') return null;
  const value = Number(digits);
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}
