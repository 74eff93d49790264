import { randomBytes } from 'node:crypto';
import { access, chmod, lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Name of the folder, at the repository root, that holds gauntlet's own state. */
export const STATE_DIR_NAME = '.gauntlet';

// `*` ignores everything in the folder, this file included, so the folder never shows up in git.
const STATE_DIR_GITIGNORE = '*\n';

/** Mode of files only their owner may read: the per-user secret, the trust store. */
const PRIVATE_FILE_MODE = 0o600;
/** Mode of the folder that holds them. */
const PRIVATE_DIR_MODE = 0o700;
/** Mode of other files, trimmed by the umask as usual. */
const SHARED_FILE_MODE = 0o666;

/** How `writeFileAtomic` writes. */
export interface WriteAtomicOptions {
  /** Only the owner may read or write the file, and its folder (created 0700 if missing) is made 0700. */
  private?: boolean;
}

/**
 * Writes `data` to `path` so that readers see either the old content or the new one, never a
 * half-written file: a temp file in the same folder is written, fsynced, then renamed over the
 * target. Creates the parent folder; removes the temp file when anything fails.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string, options: WriteAtomicOptions = {}): Promise<void> {
  const folder = dirname(path);
  const mode = options.private ? PRIVATE_FILE_MODE : SHARED_FILE_MODE;
  if (options.private) await ensurePrivateDir(folder);
  else await mkdir(folder, { recursive: true });
  // Same folder as the target so rename stays on one file system (and so stays atomic).
  const tempPath = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // `wx`: never write through a file (or link) that happens to exist under the temp name.
    const handle = await open(tempPath, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

/** Creates `folder` (and missing parents) mode 0700, and makes an existing one 0700. */
export async function ensurePrivateDir(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode applies only to folders it creates, trimmed by the umask.
  await chmod(folder, PRIVATE_DIR_MODE);
}

/**
 * Creates `<root>/.gauntlet/` with a `.gitignore` that ignores the whole folder, and returns the
 * folder's path. Safe to call on every run; an existing `.gitignore` is left as it is. Refuses a
 * `.gauntlet` that is a symbolic link: a repository could point it anywhere the user can write.
 */
export async function ensureStateDir(root: string): Promise<string> {
  const stateDir = join(root, STATE_DIR_NAME);
  const info = await lstat(stateDir).catch(() => null);
  if (info?.isSymbolicLink()) {
    throw new Error(`${stateDir} is a symbolic link; gauntlet writes its state only into a real folder (remove the link)`);
  }
  await mkdir(stateDir, { recursive: true });
  const gitignorePath = join(stateDir, '.gitignore');
  if (!(await fileExists(gitignorePath))) {
    await writeFileAtomic(gitignorePath, STATE_DIR_GITIGNORE);
  }
  return stateDir;
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return false;
    throw error;
  }
}

function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
