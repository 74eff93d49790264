import { ConfigError } from '../../engine/config/config-error.js';
import { EXIT_USAGE, UsageError } from './errors.js';
import { escapeMessageLine } from './escape-text.js';

/** Prints an error as one line (a stack trace too with --verbose) and returns the exit code. */
export function reportError(error: unknown, verbose: boolean): number {
  const message = error instanceof Error ? error.message : String(error);
  const known = error instanceof ConfigError || error instanceof UsageError;
  const line = escapeMessageLine(message.split('\n')[0] ?? message);
  // A config error starts with file:line:col, which terminals and editors make clickable.
  process.stderr.write(error instanceof ConfigError ? `${line}\n` : `gauntlet: ${line}\n`);
  if (verbose && !known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_USAGE;
}
