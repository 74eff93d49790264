import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** A file opened only if it is a regular file, with its stat taken from the open handle. */
export type RegularOpen = { ok: true; handle: FileHandle; stats: Stats } | { ok: false; code: string | null; problem: string };

/** Bytes of a regular file read within a size limit, or why they were not read. */
export type RegularRead = { ok: true; bytes: Buffer } | { ok: false; code: string | null; problem: string };

const MIB = 1_024 * 1_024;

/**
 * Opens `path` only when it is a regular file: never through a symbolic link unless
 * `followLinks`, never blocking on a FIFO (O_NONBLOCK), and checked on the handle itself so
 * nothing can be swapped in between. A device, FIFO, socket or folder is refused.
 */
export async function openRegularFile(path: string, followLinks = false): Promise<RegularOpen> {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (followLinks ? 0 : constants.O_NOFOLLOW);
  let handle: FileHandle;
  try {
    handle = await open(path, flags);
  } catch (error) {
    const code = readErrorCode(error);
    // O_NOFOLLOW on a symbolic link fails with ELOOP (EMLINK on some BSDs).
    if (!followLinks && (code === 'ELOOP' || code === 'EMLINK')) return { ok: false, code, problem: 'is a symbolic link, not a file gauntlet wrote' };
    return { ok: false, code, problem: `cannot be read (${code ?? 'unknown error'})` };
  }
  try {
    const stats = await handle.stat();
    if (stats.isFile()) return { ok: true, handle, stats };
    await handle.close();
    return { ok: false, code: null, problem: `is ${describeKind(stats)}, not a regular file` };
  } catch (error) {
    await handle.close();
    const code = readErrorCode(error);
    return { ok: false, code, problem: `cannot be read (${code ?? 'unknown error'})` };
  }
}

/**
 * Reads a regular file (see `openRegularFile`) of at most `maxBytes`; a larger one is refused
 * unread, so a file planted in a repository can cost neither unbounded memory nor a hang.
 */
export async function readRegularFile(path: string, maxBytes: number, followLinks = false): Promise<RegularRead> {
  const opened = await openRegularFile(path, followLinks);
  if (!opened.ok) return opened;
  const { handle, stats } = opened;
  try {
    if (stats.size > maxBytes) return tooLarge(maxBytes);
    // One byte past the limit tells a file that grew since the stat from one that did not.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) return tooLarge(maxBytes);
    return { ok: true, bytes: buffer.subarray(0, filled) };
  } catch (error) {
    const code = readErrorCode(error);
    return { ok: false, code, problem: `cannot be read (${code ?? 'unknown error'})` };
  } finally {
    await handle.close();
  }
}

/** A size limit as people read it: `256 MiB`, `32 bytes`. */
function formatLimit(bytes: number): string {
  return bytes >= MIB && bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}

function tooLarge(maxBytes: number): RegularRead {
  return { ok: false, code: null, problem: `is larger than ${formatLimit(maxBytes)}, more than gauntlet ever writes there` };
}

function describeKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

function readErrorCode(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}
