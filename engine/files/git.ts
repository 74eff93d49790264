import { lstat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { compareNonUtf8, decodeName, type FileListing, type NonUtf8File } from './non-utf8.js';
import { GitCommandError, isMissingError, isPresent, runGit, runGitBytes } from './run-git.js';
import { STATE_DIR_NAME } from '../store/state-dir.js';

const STATE_PREFIX = `${STATE_DIR_NAME}/`;

// Enough stats in flight to hide latency without flooding libuv's small thread pool.
const LSTAT_CONCURRENCY = 32;
const GITLINK_MODE = '160000';
const SKIP_WORKTREE_TAG = 'S';
const UNTRACKED_PREFIX = '? ';
// eslint-disable-next-line no-control-regex -- a name of ASCII characters only (NUL never occurs in one)
const ASCII = /^[\x00-\x7f]*$/;
const NOT_A_REPO_PATTERN = /not a git repository|must be run in a work tree/i;

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

/** Which files a listing takes: every file, those changed since HEAD, or those staged. */
export type FileScope = 'all' | 'changed' | 'staged';

/**
 * Every file of the work tree at `root` that git knows or would add: tracked plus untracked but
 * not ignored, without files deleted from disk, sparse-checkout holes or submodules. Sorted,
 * repository-relative POSIX paths; names that are not UTF-8 are left out (see listFileSet).
 */
export async function listFiles(root: string): Promise<string[]> {
  return toListing(await filterPresentFiles(root, await listAllNames(root))).files;
}

/**
 * Files that differ from HEAD (staged, unstaged, or untracked and not ignored) and exist on disk;
 * in a repository without a commit yet, every file. Sorted, repository-relative POSIX paths.
 */
export async function listChangedFiles(root: string): Promise<string[]> {
  return (await listFileSet(root, 'changed')).files;
}

/**
 * Files added, copied, modified or renamed in the index (what a commit would check) that exist
 * on disk. Works before the first commit too. Sorted, repository-relative POSIX paths.
 */
export async function listStagedFiles(root: string): Promise<string[]> {
  return (await listFileSet(root, 'staged')).files;
}

/**
 * The files of a scope (see listFiles, listChangedFiles, listStagedFiles), with those whose names
 * are not UTF-8 apart. For `all`, a tracked file deleted from disk may still be listed (only
 * names that are not UTF-8 are looked for on disk): a run stamps every file in its workers and
 * passes none without a stamp to a hook, so the listing spares a stat of every file.
 */
export async function listFileSet(root: string, scope: FileScope): Promise<FileListing> {
  if (scope !== 'all') return toListing(scope === 'changed' ? await listChangedNames(root) : await listStagedNames(root));
  const names = await listAllNames(root);
  const odd = names.filter((name) => name.nonUtf8 !== null);
  if (odd.length === 0) return toListing(names);
  // No stamp stands for these: a name no hook can be given is reported only while it is on disk.
  const present = new Set((await filterPresentFiles(root, odd)).map((name) => name.raw));
  return toListing(names.filter((name) => name.nonUtf8 === null || present.has(name.raw)));
}

/**
 * A name as git printed it: `raw`, its bytes as latin1 text (one character a byte, so two names
 * are the same file exactly when their raw texts are equal), and its text when it is UTF-8.
 */
interface GitName {
  path: string;
  nonUtf8: NonUtf8File | null;
  raw: string;
}

async function listAllNames(root: string): Promise<GitName[]> {
  // One git, one pass: -c index entries (-t tags sparse-checkout holes, --stage shows modes to drop
  // submodules), -o untracked files git would add. No `--deleted`: it stats every file, which the
  // workers do anyway when they stamp them (a file not on disk gets no stamp and goes to no hook).
  const output = await runGitBytes(root, ['ls-files', '-z', '-t', '--stage', '--cached', '--others', '--exclude-standard']);
  const tracked: GitName[] = [];
  const untracked: GitName[] = [];
  for (const entry of splitNul(output)) {
    if (entry.startsWith(UNTRACKED_PREFIX)) {
      untracked.push(readName(entry.slice(UNTRACKED_PREFIX.length)));
      continue;
    }
    // An index entry: "<tag> <mode> <object> <stage>\t<path>".
    const tab = entry.indexOf('\t');
    if (tab === -1) continue;
    const [tag, mode] = entry.slice(0, tab).split(' ');
    if (tag !== SKIP_WORKTREE_TAG && mode !== GITLINK_MODE) tracked.push(readName(entry.slice(tab + 1)));
  }
  return [...tracked, ...dropDirectories(untracked)];
}

async function listChangedNames(root: string): Promise<GitName[]> {
  if (!(await hasCommit(root))) return filterPresentFiles(root, await listAllNames(root));
  const diffArgs = ['--name-only', '-z', '--no-renames', '--diff-filter=d', '--ignore-submodules=all', 'HEAD', '--'];
  const [unstaged, staged, untracked] = await Promise.all([
    runGitBytes(root, ['diff', ...diffArgs]),
    runGitBytes(root, ['diff', '--cached', ...diffArgs]),
    runGitBytes(root, ['ls-files', '-z', '--others', '--exclude-standard']),
  ]);
  const names = [unstaged, staged].flatMap((output) => splitNul(output).map(readName));
  return filterPresentFiles(root, [...names, ...dropDirectories(splitNul(untracked).map(readName))]);
}

async function listStagedNames(root: string): Promise<GitName[]> {
  // Without a HEAD, `diff --cached` compares against the empty tree, so no special case is needed.
  const output = await runGitBytes(root, [
    'diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR', '--ignore-submodules=all', '--',
  ]);
  return filterPresentFiles(root, splitNul(output).map(readName));
}

/**
 * Files added, copied, modified or renamed between the merge base of `from` and `to`, and `to`
 * (`git diff from...to`, what a branch brings, as pre-commit compares), that exist in the work
 * tree. An unknown ref is a one-line error naming it.
 */
export async function listFilesBetween(root: string, from: string, to: string): Promise<FileListing> {
  const [fromCommit, toCommit] = await Promise.all([resolveCommit(root, from), resolveCommit(root, to)]);
  const output = await runGitBytes(root, [
    'diff', '--name-only', '-z', '--no-ext-diff', '--no-renames', '--diff-filter=d', '--ignore-submodules=all', `${fromCommit}...${toCommit}`, '--',
  ]);
  return toListing(await filterPresentFiles(root, splitNul(output).map(readName)));
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

/** git's NUL-separated output as latin1 entries: one decode for the whole listing, bytes kept exactly. */
function splitNul(output: Buffer): string[] {
  return output.toString('latin1').split('\0').filter((entry) => entry !== '');
}

/** A name from its latin1 text: plain ASCII is its own text; anything else is decoded from its bytes. */
function readName(raw: string): GitName {
  if (ASCII.test(raw)) return { path: raw, nonUtf8: null, raw };
  return { ...decodeName(Buffer.from(raw, 'latin1')), raw };
}

// `--others` names an untracked nested repository as "dir/"; it is not a file.
/**
 * Untracked names without folders (a nested repository) and gauntlet's own state: `.gauntlet/`
 * ignores itself, but on a first run git may list it in the instant before its `.gitignore` is in.
 */
function dropDirectories(names: GitName[]): GitName[] {
  return names.filter((name) => !name.raw.endsWith('/') && !name.raw.startsWith(STATE_PREFIX));
}

function uniqueNames(names: readonly GitName[]): GitName[] {
  return [...new Map(names.map((name) => [name.raw, name])).values()];
}

function toListing(names: readonly GitName[]): FileListing {
  const files: string[] = [];
  const nonUtf8: NonUtf8File[] = [];
  for (const name of uniqueNames(names)) {
    if (name.nonUtf8 === null) files.push(name.path);
    else nonUtf8.push(name.nonUtf8);
  }
  return { files: files.sort(), nonUtf8: nonUtf8.sort(compareNonUtf8) };
}

async function filterPresentFiles(root: string, listed: readonly GitName[]): Promise<GitName[]> {
  const names = uniqueNames(listed);
  const present = new Array<boolean>(names.length).fill(false);
  // One shared iterator: each of the lanes takes the next path when its previous stat is done.
  const pending = names.entries();
  const runLane = async (): Promise<void> => {
    for (const [index, name] of pending) present[index] = await isPresentFile(locateName(root, name));
  };
  await Promise.all(Array.from({ length: Math.min(LSTAT_CONCURRENCY, names.length) }, runLane));
  return names.filter((_, index) => present[index] === true);
}

// A name that is not UTF-8 can only be found on disk by its bytes.
function locateName(root: string, name: GitName): string | Buffer {
  return name.nonUtf8 === null ? join(root, name.path) : Buffer.concat([Buffer.from(`${root}/`), Buffer.from(name.raw, 'latin1')]);
}

// A symlink counts (git tracks it as a file); a directory (submodule, file replaced by a folder) does not.
async function isPresentFile(path: string | Buffer): Promise<boolean> {
  try {
    return !(await lstat(path)).isDirectory();
  } catch (error) {
    if (isMissingError(error)) return false;
    throw error;
  }
}
