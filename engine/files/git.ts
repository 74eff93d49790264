import { execFile } from 'node:child_process';
import { lstat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

// Listings of huge monorepos run to tens of MiB; past this, git is killed rather than memory growing without bound.
const GIT_MAX_BUFFER_BYTES = 256 * 1_024 * 1_024;
const GIT_TIMEOUT_MS = 120_000;
// Enough stats in flight to hide latency without flooding libuv's small thread pool.
const LSTAT_CONCURRENCY = 32;
const GITLINK_MODE = '160000';
const SKIP_WORKTREE_TAG = 'S';
const DELETED_TAG = 'R';
const UNTRACKED_PREFIX = '? ';
const NOT_A_REPO_PATTERN = /not a git repository|must be run in a work tree/i;

/** A git command that ran and failed; `stderr` is kept so callers can tell failures apart. */
class GitCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitCommandError';
  }
}

/** Variables that move git's repository or change how it is found: with any set, only git itself can say. */
const DISCOVERY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_CEILING_DIRECTORIES', 'GIT_DISCOVERY_ACROSS_FILESYSTEM', 'GIT_COMMON_DIR'];

/** The absolute path of the work tree containing `cwd`; throws a one-line error outside a git repository. */
export async function findRepoRoot(cwd: string): Promise<string> {
  // The nearest folder with a `.git` (folder, or file for worktrees and submodules) is what git finds too,
  // and looking costs a few stats instead of starting git.
  const found = DISCOVERY_VARIABLES.some((name) => process.env[name] !== undefined) ? null : await findDotGit(resolve(cwd));
  if (found !== null) return found;
  try {
    const output = await runGit(cwd, ['rev-parse', '--show-toplevel']);
    return resolve(output.replace(/\n$/, ''));
  } catch (error) {
    if (error instanceof GitCommandError && NOT_A_REPO_PATTERN.test(error.stderr)) {
      throw new Error(`not a git repository: ${cwd} (gauntlet runs in a git repository)`, { cause: error });
    }
    throw error;
  }
}

async function findDotGit(start: string): Promise<string | null> {
  // A folder that is not there is git's to report.
  if (!(await isPresent(start).catch(() => false))) return null;
  for (let folder = start; ; folder = dirname(folder)) {
    if (basename(folder) === '.git') return null; // inside the git folder itself: git decides
    if (await lstat(join(folder, '.git')).then(() => true, () => false)) return folder;
    if (dirname(folder) === folder) return null;
  }
}

/**
 * Every file of the work tree at `root` that git knows or would add: tracked plus untracked but
 * not ignored, without files deleted from disk, sparse-checkout holes or submodules. Sorted,
 * repository-relative POSIX paths.
 */
export async function listFiles(root: string): Promise<string[]> {
  // One git, one pass: -c index entries (-t tags them, --stage shows modes to drop submodules), -d those
  // deleted from disk, -o untracked files git would add.
  const output = await runGit(root, ['ls-files', '-z', '-t', '--stage', '--cached', '--deleted', '--others', '--exclude-standard']);
  const tracked: string[] = [];
  const untracked: string[] = [];
  const gone = new Set<string>();
  for (const entry of splitNul(output)) {
    if (entry.startsWith(UNTRACKED_PREFIX)) {
      untracked.push(entry.slice(UNTRACKED_PREFIX.length));
      continue;
    }
    // An index entry: "<tag> <mode> <object> <stage>\t<path>".
    const tab = entry.indexOf('\t');
    if (tab === -1) continue;
    const [tag, mode] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    if (tag === DELETED_TAG) gone.add(path);
    else if (tag !== SKIP_WORKTREE_TAG && mode !== GITLINK_MODE) tracked.push(path);
  }
  return sortUnique([...tracked.filter((path) => !gone.has(path)), ...dropDirectories(untracked)]);
}

/**
 * Files that differ from HEAD (staged, unstaged, or untracked and not ignored) and exist on disk;
 * in a repository without a commit yet, every file. Sorted, repository-relative POSIX paths.
 */
export async function listChangedFiles(root: string): Promise<string[]> {
  if (!(await hasCommit(root))) return listFiles(root);
  const diffArgs = ['--name-only', '-z', '--no-renames', '--diff-filter=d', '--ignore-submodules=all', 'HEAD', '--'];
  const [unstaged, staged, untracked] = await Promise.all([
    runGit(root, ['diff', ...diffArgs]),
    runGit(root, ['diff', '--cached', ...diffArgs]),
    runGit(root, ['ls-files', '-z', '--others', '--exclude-standard']),
  ]);
  const changed = sortUnique([...splitNul(unstaged), ...splitNul(staged), ...dropDirectories(splitNul(untracked))]);
  return filterPresentFiles(root, changed);
}

/**
 * Files added, copied, modified or renamed in the index (what a commit would check) that exist
 * on disk. Works before the first commit too. Sorted, repository-relative POSIX paths.
 */
export async function listStagedFiles(root: string): Promise<string[]> {
  // Without a HEAD, `diff --cached` compares against the empty tree, so no special case is needed.
  const output = await runGit(root, [
    'diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR', '--ignore-submodules=all', '--',
  ]);
  return filterPresentFiles(root, sortUnique(splitNul(output)));
}

/**
 * Files added, copied, modified or renamed between the merge base of `from` and `to`, and `to`
 * (`git diff from...to`, what a branch brings, as pre-commit compares), that exist in the work
 * tree. An unknown ref is a one-line error naming it.
 */
export async function listFilesBetween(root: string, from: string, to: string): Promise<string[]> {
  const [fromCommit, toCommit] = await Promise.all([resolveCommit(root, from), resolveCommit(root, to)]);
  const output = await runGit(root, [
    'diff', '--name-only', '-z', '--no-ext-diff', '--no-renames', '--diff-filter=d', '--ignore-submodules=all', `${fromCommit}...${toCommit}`, '--',
  ]);
  return filterPresentFiles(root, sortUnique(splitNul(output)));
}

async function resolveCommit(root: string, ref: string): Promise<string> {
  try {
    // `--end-of-options` keeps a ref such as `-x` from being read as an option.
    return (await runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
  } catch (error) {
    if (error instanceof GitCommandError && error.exitCode === 1) throw new Error(`unknown ref: ${ref} (no such commit in ${root})`, { cause: error });
    throw error;
  }
}

async function hasCommit(root: string): Promise<boolean> {
  try {
    await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    return true;
  } catch (error) {
    // --quiet exits 1 without a message exactly when HEAD does not resolve (an unborn branch).
    if (error instanceof GitCommandError && error.exitCode === 1) return false;
    throw error;
  }
}

/** Runs git in `cwd` (argv, no shell) and returns its stdout; a failure is one line naming the command. */
export async function runGit(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('git', args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: GIT_MAX_BUFFER_BYTES,
      timeout: GIT_TIMEOUT_MS,
      windowsHide: true,
      // C locale keeps messages matchable; no optional locks so we never fight the user's own git over index.lock.
      env: { ...process.env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' },
    });
    return stdout;
  } catch (error) {
    throw await describeGitFailure(cwd, args, error);
  }
}

/** Runs git with `input` on its stdin and returns its stdout as bytes (a binary patch is not text). */
export function runGitBytes(cwd: string, args: readonly string[], input = ''): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd, encoding: 'buffer', maxBuffer: GIT_MAX_BUFFER_BYTES, timeout: GIT_TIMEOUT_MS, windowsHide: true, env: { ...process.env, LC_ALL: 'C' } },
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
  const stderr = typeof details.stderr === 'string' ? details.stderr : '';
  const exitCode = typeof details.code === 'number' ? details.code : null;
  const reason = stderr.trim().split('\n')[0] ?? '';
  const message = `${command} failed in ${cwd}${reason === '' ? '' : `: ${reason}`}`;
  return new GitCommandError(message, exitCode, stderr);
}

function splitNul(output: string): string[] {
  return output.split('\0').filter((entry) => entry !== '');
}

// `--others` names an untracked nested repository as "dir/"; it is not a file.
function dropDirectories(paths: string[]): string[] {
  return paths.filter((path) => !path.endsWith('/'));
}

function sortUnique(paths: string[]): string[] {
  return [...new Set(paths)].sort();
}

async function filterPresentFiles(root: string, paths: readonly string[]): Promise<string[]> {
  const present = new Array<boolean>(paths.length).fill(false);
  // One shared iterator: each of the lanes takes the next path when its previous stat is done.
  const pending = paths.entries();
  const runLane = async (): Promise<void> => {
    for (const [index, path] of pending) present[index] = await isPresentFile(join(root, path));
  };
  await Promise.all(Array.from({ length: Math.min(LSTAT_CONCURRENCY, paths.length) }, runLane));
  return paths.filter((_, index) => present[index] === true);
}

// A symlink counts (git tracks it as a file); a directory (submodule, file replaced by a folder) does not.
async function isPresentFile(path: string): Promise<boolean> {
  try {
    return !(await lstat(path)).isDirectory();
  } catch (error) {
    if (isMissingError(error)) return false;
    throw error;
  }
}

async function isPresent(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (isMissingError(error)) return false;
    throw error;
  }
}

function isMissingError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
