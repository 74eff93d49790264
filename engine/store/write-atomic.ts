import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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
