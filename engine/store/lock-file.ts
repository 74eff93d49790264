import { open, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 10_000;
/** How long to wait for another process's lock before going ahead without one. */
const LOCK_WAIT_MS = 5_000;
const RETRY_MS = 10;

/**
 * Runs `fn` holding a lock file (created exclusively) next to a store, so two
 * gauntlet processes never interleave their read-merge-write of it. A stale lock
 * is broken; past the wait, `fn` runs anyway (atomic writes keep the file whole,
 * at worst one process's additions are lost).
 */
export async function withLockFile<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let held = false;
  while (!held) {
    try {
      await (await open(lockPath, 'wx')).close();
      held = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') break;
      const info = await stat(lockPath).catch(() => null);
      if (info && Date.now() - info.mtimeMs > STALE_LOCK_MS) await rm(lockPath, { force: true });
      else if (Date.now() > deadline) break;
      else await sleep(RETRY_MS);
    }
  }
  try {
    return await fn();
  } finally {
    if (held) await rm(lockPath, { force: true });
  }
}
