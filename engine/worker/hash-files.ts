import { lstatSync, readFileSync, readlinkSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { KNOWN_FIELDS, LINK_HASH_PREFIX, type FileStamp, type HashBatch, type HashChanges } from './contract.js';
import { digest } from '../cache/digest.js';
import { FALLBACK_MARGIN_MS, readFsClock, type FsClock } from './fs-clock.js';
import { STATE_DIR_NAME } from '../store/state-dir.js';


/**
 * Stamps each file of the batch: the known stamp holds while size, mtime, ctime and inode match
 * and the file was last modified before that hash was taken, by the file system's clock;
 * otherwise the file is read and listed with its new stamp (null when it is gone or not a file).
 * A file modified at or after the moment of an earlier hash ("racily clean") is read again.
 * `fresh` ignores every known stamp: each file is read.
 * Synchronous on purpose: this runs on a worker thread of its own, where a blocking
 * stat costs microseconds and a promise round trip through libuv's pool costs far more.
 */
export function hashFiles(root: string, batch: HashBatch): HashChanges {
  // Paths are repository-relative and normalized: joining needs no path.join (a cost per file).
  const prefix = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  const { paths, known } = batch;
  // Read once, and only before the first file that must be read: a warm run whose stamps all hold writes nothing.
  let clock: FsClock | null | undefined;
  const readClock = (): FsClock | null => (clock === undefined ? (clock = readFsClock(`${prefix}${STATE_DIR_NAME}`)) : clock);
  const changes: HashChanges = [];
  for (let index = 0; index < paths.length; index++) {
    const at = index * KNOWN_FIELDS;
    const stamp = stampFile(`${prefix}${paths[index]}`, readClock, known[at], known[at + 1], known[at + 2], known[at + 3], known[at + 4]);
    if (stamp !== KEPT) changes.push([index, stamp]);
  }
  return changes;
}

/** The known stamp still holds. */
const KEPT = Symbol('kept');

// NaN known numbers (nothing known) never compare equal: the file is read.
function stampFile(file: string, readClock: () => FsClock | null, size = NaN, mtimeMs = NaN, ino = NaN, ctimeMs = NaN, hashedAt = NaN): FileStamp | null | typeof KEPT {
  try {
    const info = lstatSync(file, { throwIfNoEntry: false });
    if (!info) return null;
    const link = info.isSymbolicLink();
    // A link counts as git sees it, by its text; it is passed on only when it leads to a file.
    if (!(link ? statSync(file, { throwIfNoEntry: false })?.isFile() === true : info.isFile())) return null;
    if (size === info.size && mtimeMs === info.mtimeMs && ctimeMs === info.ctimeMs && ino === info.ino && info.mtimeMs < hashedAt) return KEPT;
    const readAt = clockTime(readClock(), info);
    const hash = link ? `${LINK_HASH_PREFIX}${digest(readlinkSync(file))}` : digest(readFileSync(file));
    // A write between stat and read would pair new bytes with an old stat: stat again to be sure.
    const after = lstatSync(file);
    const changed = after.size !== info.size || after.mtimeMs !== info.mtimeMs || after.ctimeMs !== info.ctimeMs || after.ino !== info.ino;
    return { size: after.size, mtimeMs: after.mtimeMs, ino: after.ino, ctimeMs: after.ctimeMs, hash, hashedAt: changed ? 0 : readAt };
  } catch {
    return null;
  }
}

/** The file system's time before the read, for a file on the clock's file system; a safe margin elsewhere. */
function clockTime(clock: FsClock | null, info: Stats): number {
  return clock !== null && clock.dev === info.dev ? clock.mtimeMs : Date.now() - FALLBACK_MARGIN_MS;
}
