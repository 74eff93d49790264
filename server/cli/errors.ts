/** Exit codes, as documented in README.md. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** A mistake in how gauntlet was called: one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
