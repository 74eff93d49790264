import { randomBytes } from 'node:crypto';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Name of the folder, at the repository root, that holds gauntlet's own state. */
export const STATE_DIR_NAME = '.gauntlet';

// `*` ignores everything in the folder, this file included, so the folder never shows up in git.
const STATE_DIR_GITIGNORE = '*\n';

/**
 * Writes `data` to `path` so that readers see either the old content or the new one, never a
 * half-written file: a temp file in the same folder is written, fsynced, then renamed over the
 * target. Creates the parent folder; removes the temp file when anything fails.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  // Same folder as the target so rename stays on one file system (and so stays atomic).
  const tempPath = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // `wx`: never write through a file (or link) that happens to exist under the temp name.
    const handle = await open(tempPath, 'wx');
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

/**
 * Creates `<root>/.gauntlet/` with a `.gitignore` that ignores the whole folder, and returns the
 * folder's path. Safe to call on every run; an existing `.gitignore` is left as it is.
 */
export async function ensureStateDir(root: string): Promise<string> {
  const stateDir = join(root, STATE_DIR_NAME);
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
