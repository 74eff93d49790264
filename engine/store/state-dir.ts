import { access, lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './write-atomic.js';

/** Name of the folder, at the repository root, that holds gauntlet's own state. */
export const STATE_DIR_NAME = '.gauntlet';

// `*` ignores everything in the folder, this file included, so the folder never shows up in git.
const STATE_DIR_GITIGNORE = '*\n';

/** The path of a file (or folder) of gauntlet's state in the repository at `root`. */
export function resolveStatePath(root: string, name: string): string {
  return join(root, STATE_DIR_NAME, name);
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
