import { ConfigError } from '../../engine/config/config-error.js';
import { EXIT_USAGE, UsageError } from './errors.js';
import { escapeMessageLine } from './escape-text.js';

/**
 * Prints an error as one line (a config error as one line per problem; a stack trace too with
 * --verbose) and returns the exit code.
 */
export function reportError(error: unknown, verbose: boolean): number {
  const message = error instanceof Error ? error.message : String(error);
  const known = error instanceof ConfigError || error instanceof UsageError;
  // A config error starts with file:line:col, which terminals and editors make clickable.
  if (error instanceof ConfigError) process.stderr.write(message.split('\n').map((line) => `${escapeMessageLine(line)}\n`).join(''));
  else process.stderr.write(`gauntlet: ${escapeMessageLine(message.split('\n')[0] ?? message)}\n`);
  if (verbose && !known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_USAGE;
}
