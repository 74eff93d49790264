import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { KNOWN_FIELDS, type FileStamp, type HashBatch, type HashChanges } from '../../protocol/hash.js';
import { digest } from '../cache/digest.js';

/**
 * File systems stamp mtimes from a coarse kernel clock, a few ms behind Date.now():
 * a write just after hashing can carry an mtime before the hash's. Within this margin
 * the file counts as racily clean and is read again.
 */
const RACY_MARGIN_MS = 20;

/**
 * Stamps each file of the batch: the known stamp holds while size, mtime and inode match and
 * the file was last modified well before that hash was taken; otherwise the file is read and
 * listed with its new stamp (null when it is gone). A file modified at, after or just before
 * the moment of an earlier hash ("racily clean") is read again.
 * Synchronous on purpose: this runs on a worker thread of its own, where a blocking
 * stat costs microseconds and a promise round trip through libuv's pool costs far more.
 */
export function hashFiles(root: string, batch: HashBatch): HashChanges {
  // Paths are repository-relative and normalized: joining needs no path.join (a cost per file).
  const prefix = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  const { paths, known } = batch;
  const changes: HashChanges = [];
  for (let index = 0; index < paths.length; index++) {
    const at = index * KNOWN_FIELDS;
    const stamp = stampFile(`${prefix}${paths[index]}`, known[at], known[at + 1], known[at + 2], known[at + 3]);
    if (stamp !== KEPT) changes.push([index, stamp]);
  }
  return changes;
}

/** The known stamp still holds. */
const KEPT = Symbol('kept');

// NaN known numbers (nothing known) never compare equal: the file is read.
function stampFile(file: string, size = NaN, mtimeMs = NaN, ino = NaN, hashedAt = NaN): FileStamp | null | typeof KEPT {
  try {
    const info = statSync(file, { throwIfNoEntry: false });
    if (!info?.isFile()) return null;
    if (size === info.size && mtimeMs === info.mtimeMs && ino === info.ino && info.mtimeMs < hashedAt - RACY_MARGIN_MS) return KEPT;
    const readAt = Date.now();
    const bytes = readFileSync(file);
    // A write between stat and read would pair new bytes with an old stat: stat again to be sure.
    const after = statSync(file);
    const changed = after.size !== info.size || after.mtimeMs !== info.mtimeMs;
    return { size: after.size, mtimeMs: after.mtimeMs, ino: after.ino, hash: digest(bytes), hashedAt: changed ? 0 : readAt };
  } catch {
    return null;
  }
}
