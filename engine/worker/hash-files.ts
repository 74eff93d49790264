import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileStamp, HashRequest, HashResult } from '../../protocol/hash.js';
import { digest } from '../cache/digest.js';

/**
 * File systems stamp mtimes from a coarse kernel clock, a few ms behind Date.now():
 * a write just after hashing can carry an mtime before the hash's. Within this margin
 * the file counts as racily clean and is read again.
 */
const RACY_MARGIN_MS = 20;

/**
 * Stamps each file: the known hash is kept while size, mtime and inode match and
 * the file was last modified well before that hash was taken; otherwise the file is read.
 * A file modified at, after or just before the moment of an earlier hash ("racily clean") is read again.
 * Synchronous on purpose: this runs on a worker thread of its own, where a blocking
 * stat costs microseconds and a promise round trip through libuv's pool costs far more.
 */
export function hashFiles(root: string, requests: readonly HashRequest[]): HashResult[] {
  // Paths are repository-relative and normalized: joining needs no path.join (a cost per file).
  const prefix = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  return requests.map((request) => ({ path: request.path, stamp: stampFile(`${prefix}${request.path}`, request.known) }));
}

function stampFile(file: string, known: FileStamp | null): FileStamp | null {
  try {
    const info = statSync(file, { throwIfNoEntry: false });
    if (!info?.isFile()) return null;
    if (known && known.size === info.size && known.mtimeMs === info.mtimeMs && known.ino === info.ino && info.mtimeMs < known.hashedAt - RACY_MARGIN_MS) {
      return known;
    }
    const hashedAt = Date.now();
    const bytes = readFileSync(file);
    // A write between stat and read would pair new bytes with an old stat: stat again to be sure.
    const after = statSync(file);
    const changed = after.size !== info.size || after.mtimeMs !== info.mtimeMs;
    return { size: after.size, mtimeMs: after.mtimeMs, ino: after.ino, hash: digest(bytes), hashedAt: changed ? 0 : hashedAt };
  } catch {
    return null;
  }
}
