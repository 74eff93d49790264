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

/**
 * A problem in gauntlet.yaml. The message is one line, ready to print:
 * `gauntlet.yaml:7:5: hooks[2].timeout: expected a positive number`.
 */
export class ConfigError extends Error {
  readonly file: string;
  readonly position: SourcePosition | null;
  readonly field: string;
  readonly detail: string;

  constructor(options: ConfigErrorOptions) {
    super(formatConfigErrorMessage(options));
    this.name = 'ConfigError';
    this.file = options.file;
    this.position = options.position ?? null;
    this.field = options.field ?? '';
    this.detail = options.detail;
  }
}

function formatConfigErrorMessage({ file, position, field, detail }: ConfigErrorOptions): string {
  const where = position ? `${file}:${position.line}:${position.column}` : file;
  const what = field ? `${field}: ${detail}` : detail;
  // Tool messages (YAML, regex engines) may span lines; the rule is one line per error.
  return `${where}: ${what}`.replace(/\s*\n\s*/g, ' ');
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
