import { isAbsolute, relative } from 'node:path';

/** A 1-based line and column in the config file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Where a config error is and what it says; everything but `file` and `detail` is optional. */
export interface ConfigErrorOptions {
  /** The file name as shown to the user (see `formatConfigPath`). */
  file: string;
  position?: SourcePosition | null;
  /** Field path such as `hooks[2].timeout`; empty or omitted for the whole file. */
  field?: string;
  detail: string;
}

/** More than this many errors in one file is noise: the rest are counted, not listed. */
export const MAX_REPORTED_ERRORS = 20;

/**
 * One or more problems in gauntlet.yaml. The message is one line per problem, ready to print:
 * `gauntlet.yaml:7:5: hooks[2].timeout: expected a positive number`; past MAX_REPORTED_ERRORS,
 * a last line says how many more there are. `file`, `position`, `field` and `detail` are the first problem's.
 */
export class ConfigError extends Error {
  readonly file: string;
  readonly position: SourcePosition | null;
  readonly field: string;
  readonly detail: string;
  /** Every problem found, in the order they are reported (at least one). */
  readonly problems: readonly ConfigErrorOptions[];

  /** `errorOptions.cause`: the error this one reports, when it wraps one. */
  constructor(options: ConfigErrorOptions | readonly [ConfigErrorOptions, ...ConfigErrorOptions[]], errorOptions?: ErrorOptions) {
    const problems = isProblemList(options) ? options : [options];
    const [first] = problems;
    super(formatConfigErrorLines(problems).join('\n'), errorOptions);
    this.name = 'ConfigError';
    this.problems = problems;
    this.file = first.file;
    this.position = first.position ?? null;
    this.field = first.field ?? '';
    this.detail = first.detail;
  }
}

function isProblemList(options: ConfigErrorOptions | readonly ConfigErrorOptions[]): options is readonly [ConfigErrorOptions, ...ConfigErrorOptions[]] {
  return Array.isArray(options);
}

function formatConfigErrorLines(problems: readonly ConfigErrorOptions[]): string[] {
  const lines = problems.slice(0, MAX_REPORTED_ERRORS).map(formatConfigErrorMessage);
  const more = problems.length - MAX_REPORTED_ERRORS;
  if (more > 0) lines.push(`${problems[0]?.file ?? ''}: and ${more} more ${more === 1 ? 'error' : 'errors'} (fix the ones above first)`);
  return lines;
}

function formatConfigErrorMessage({ file, position, field, detail }: ConfigErrorOptions): string {
  const where = position ? `${file}:${position.line}:${position.column}` : file;
  const what = field ? `${field}: ${detail}` : detail;
  // Tool messages (YAML, regex engines) may span lines; the rule is one line per error.
  return `${where}: ${what}`.replace(/\s*\n\s*/g, ' ');
}

/**
 * A config error's message for a place that shows one line (an editor's notification): its
 * lines, one per error, joined by "; ".
 */
export function joinErrorLines(message: string): string {
  return message.split('\n').join('; ');
}

/** Orders problems as they appear in the file; ones without a position (the whole file) first. */
export function sortProblems(problems: readonly ConfigErrorOptions[]): ConfigErrorOptions[] {
  const rank = ({ position }: ConfigErrorOptions): number => (position ? position.line * 1_000_000 + position.column : 0);
  return [...problems].sort((a, b) => rank(a) - rank(b));
}

/** The config file's name as a user should see it: relative to cwd when inside it, else absolute. */
export function formatConfigPath(absolutePath: string, cwd: string = process.cwd()): string {
  const fromCwd = relative(cwd, absolutePath);
  const outside = fromCwd === '' || fromCwd === '..' || fromCwd.startsWith('../') || fromCwd.startsWith('..\\');
  return outside || isAbsolute(fromCwd) ? absolutePath : fromCwd;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Formats a zod-style path as the user would write it: `hooks[2].env["MY-VAR"]`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/** Runs `check`; a ConfigError it throws joins `problems` instead, and null is returned. */
export function collectConfigErrors<T>(problems: ConfigErrorOptions[], check: () => T): T | null {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return null;
  }
}

/** Throws every problem found as one ConfigError, in file order; nothing when there is none. */
export function throwConfigErrors(problems: readonly ConfigErrorOptions[]): void {
  const [first, ...rest] = sortProblems(problems);
  if (first) throw new ConfigError([first, ...rest]);
}
