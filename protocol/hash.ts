/** What is known of a file's content: its hash, and the stat it had when hashed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
  /** Changes with any write or chmod, and cannot be set back as mtime can (`touch -r`). */
  ctimeMs: number;
  /** Content hash (sha256, base64url, 128 bits); for a symbolic link, LINK_HASH_PREFIX and the hash of its text. */
  hash: string;
  /**
   * When the hash was taken, by the file system's clock (its granularity included): a file whose
   * mtime is not below it may have changed since, and is hashed again. 0 forces that.
   */
  hashedAt: number;
}

/** Starts the hash of a symbolic link: gauntlet sees its text, not what it leads to, so no result on it is kept. */
export const LINK_HASH_PREFIX = 'link:';

/** True when the stamp is a symbolic link's. */
export function isLinkStamp(stamp: Pick<FileStamp, 'hash'>): boolean {
  return stamp.hash.startsWith(LINK_HASH_PREFIX);
}

/** Numbers per file in `HashBatch.known`: the known stamp's size, mtimeMs, ino, ctimeMs and hashedAt. */
export const KNOWN_FIELDS = 5;

/**
 * Files to stamp, in one message. Flat on purpose: thousands of files cross threads as one
 * array of strings and one buffer rather than thousands of objects, and the hashes already
 * known stay where they are (a file whose stat still matches keeps its known stamp).
 */
export interface HashBatch {
  /** Repository-relative paths. */
  paths: string[];
  /** KNOWN_FIELDS numbers per path, from the stamp an earlier run recorded; NaN where none is. */
  known: Float64Array;
}

/**
 * What stamping a batch found: the files whose known stamp no longer holds, by index into the
 * batch, each with its new stamp, or null when it is gone or unreadable (never cached). A file
 * not listed keeps its known stamp.
 */
export type HashChanges = Array<[index: number, stamp: FileStamp | null]>;
