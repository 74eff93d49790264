import { closeSync, constants, fstatSync, lstatSync, openSync, writeSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

/**
 * The file system's own "now", with its own timestamp granularity: the mtime a write gets at
 * this moment on the repository's file system, and that file system's device. A file whose mtime
 * is not below it may have been written after it was read ("racily clean", as git calls it):
 * comparing against the file system's clock rather than Date.now() makes that rule hold on file
 * systems with 1- or 2-second mtimes as on those with nanoseconds, and across the kernel's
 * coarse clock lagging Date.now().
 */
export interface FsClock {
  mtimeMs: number;
  dev: number;
}

/** Without a clock of its own, a file counts as racily clean for this long after its mtime: FAT's 2 s granularity. */
export const FALLBACK_MARGIN_MS = 2_000;

const MARKER_BYTE = Buffer.from('.');

/**
 * Reads the clock by writing one byte to a marker file in the state folder (one per thread, so
 * that threads do not share it). Opened without following links and never through a file that
 * is more than gauntlet's marker. Null when it cannot be written (a read-only repository, no
 * state folder yet): then callers fall back to FALLBACK_MARGIN_MS.
 */
export function readFsClock(stateDir: string): FsClock | null {
  let fd: number | null = null;
  try {
    // A state folder that is a link may lead anywhere: gauntlet writes nothing through it.
    if (lstatSync(stateDir).isSymbolicLink()) return null;
    // O_NONBLOCK: a FIFO planted under the name fails at once instead of blocking the thread.
    fd = openSync(`${stateDir}/clock-${threadId}`, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600);
    const before = fstatSync(fd);
    if (!before.isFile() || before.nlink !== 1 || before.size > 1) return null;
    writeSync(fd, MARKER_BYTE, 0, 1, 0);
    const info = fstatSync(fd);
    return { mtimeMs: info.mtimeMs, dev: info.dev };
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
