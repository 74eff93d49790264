import { execFile } from 'node:child_process';
import { lstat } from 'node:fs/promises';

// Listings of huge monorepos run to tens of MiB; past this, git is killed rather than memory growing without bound.
const GIT_MAX_BUFFER_BYTES = 256 * 1_024 * 1_024;
const GIT_TIMEOUT_MS = 120_000;

/** A git command that ran and failed; `stderr` is kept so callers can tell failures apart. */
export class GitCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitCommandError';
  }
}

/** Runs git in `cwd` (argv, no shell) and returns its stdout as text; a failure is one line naming the command. */
export async function runGit(cwd: string, args: readonly string[]): Promise<string> {
  return (await runGitBytes(cwd, args)).toString('utf8');
}

/**
 * Runs git with `input` on its stdin and returns its stdout as bytes: a name that is not UTF-8
 * must be told apart, not silently decoded into another name, and a binary patch is not text.
 */
export function runGitBytes(cwd: string, args: readonly string[], input: string | Buffer = ''): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd,
        encoding: 'buffer',
        maxBuffer: GIT_MAX_BUFFER_BYTES,
        timeout: GIT_TIMEOUT_MS,
        windowsHide: true,
        // C locale keeps messages matchable; no optional locks so we never fight the user's own git over index.lock.
        env: { ...process.env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' },
      },
      (error, stdout, stderr) => {
        if (error === null) resolve(stdout);
        else describeGitFailure(cwd, args, Object.assign(error, { stderr: stderr.toString('utf8') })).then(reject, reject);
      },
    );
    // git may exit before reading all of it; its exit code says what went wrong.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

async function describeGitFailure(cwd: string, args: readonly string[], error: unknown): Promise<Error> {
  const command = `git ${args.join(' ')}`;
  if (!(error instanceof Error)) return new Error(`${command} failed in ${cwd}`);
  const details = error as Error & { code?: unknown; killed?: boolean; stderr?: unknown };
  if (details.code === 'ENOENT') {
    // spawn reports a missing cwd and a missing git binary the same way.
    const found = await isPresent(cwd);
    const message = found ? 'git not found: install git and make sure it is on PATH' : `folder not found: ${cwd}`;
    return new Error(message, { cause: error });
  }
  if (details.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    const limitMiB = GIT_MAX_BUFFER_BYTES / 1_024 / 1_024;
    return new Error(`${command} printed more than ${limitMiB} MiB in ${cwd}`, { cause: error });
  }
  if (details.killed === true) {
    return new Error(`${command} timed out after ${GIT_TIMEOUT_MS / 1_000} s in ${cwd}`, { cause: error });
  }
  const stderr = Buffer.isBuffer(details.stderr) ? details.stderr.toString('utf8') : typeof details.stderr === 'string' ? details.stderr : '';
  const exitCode = typeof details.code === 'number' ? details.code : null;
  const reason = stderr.trim().split('\n')[0] ?? '';
  const message = `${command} failed in ${cwd}${reason === '' ? '' : `: ${reason}`}`;
  return new GitCommandError(message, exitCode, stderr);
}

/** Whether anything is at `path` (a link counts, dangling or not). */
export async function isPresent(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (isMissingError(error)) return false;
    throw error;
  }
}

/** A path that is not there, or passes through something that is not a folder. */
export function isMissingError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
