import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** POSIX's smallest allowed ARG_MAX; anything below it needs no measuring. */
const MIN_ARG_MAX = 131_072;
/** Kept free below the limit: the auxiliary vector, alignment, a later-added variable. */
const ARGV_MARGIN_BYTES = 16_384;
/** Each argv or environment string costs its bytes, a NUL, and a pointer. */
const POINTER_BYTES = 8;

/** Linux's limit on one argv string (MAX_ARG_STRLEN: 32 pages), whatever ARG_MAX is. */
const MAX_WORD_BYTES = 131_072;

let measured: Promise<number> | null = null;

/** Bytes one list of strings takes in a new process's argument area. */
export function measureStrings(strings: Iterable<string>): number {
  let total = 0;
  for (const value of strings) total += Buffer.byteLength(value) + 1 + POINTER_BYTES;
  return total;
}

/** Bytes the environment takes, as execve counts them. */
export function measureEnv(env: NodeJS.ProcessEnv): number {
  let total = 0;
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined) total += Buffer.byteLength(key) + Buffer.byteLength(value) + 2 + POINTER_BYTES;
  }
  return total;
}

/** The system's ARG_MAX, asked of getconf once per process; the POSIX minimum if that fails. */
function readArgMax(): Promise<number> {
  measured ??= promisify(execFile)('getconf', ['ARG_MAX'], { timeout: 5_000 }).then(
    ({ stdout }) => {
      const value = Number.parseInt(stdout.trim(), 10);
      return Number.isFinite(value) && value >= MIN_ARG_MAX ? value : MIN_ARG_MAX;
    },
    () => MIN_ARG_MAX,
  );
  return measured;
}

/**
 * Bytes of argv a process may get next to `envBytes` of environment. Below the
 * POSIX minimum there is nothing to ask, so small runs never spawn getconf.
 */
export async function readArgvBudget(envBytes: number, wantedBytes: number): Promise<number> {
  const floor = MIN_ARG_MAX - envBytes - ARGV_MARGIN_BYTES;
  if (wantedBytes <= floor) return floor;
  return (await readArgMax()) - envBytes - ARGV_MARGIN_BYTES;
}

/**
 * Throws when the hook's own command cannot be a command line, whatever its files: one word
 * past the kernel's limit for a single string, or all its words past `budget`.
 */
export function checkCommandLength(hookName: string, argv: readonly string[], budget: number): void {
  argv.forEach((word, index) => {
    const bytes = Buffer.byteLength(word);
    if (process.platform === 'linux' && bytes >= MAX_WORD_BYTES) {
      throw new Error(`hook ${hookName}: command word ${index + 1} is too long (${bytes} bytes; one word may have at most ${MAX_WORD_BYTES - 1})`);
    }
  });
  const total = measureStrings(argv);
  if (total > budget) throw new Error(`hook ${hookName}: command is too long for one command line (${total} bytes; at most ${budget} next to its environment)`);
}
