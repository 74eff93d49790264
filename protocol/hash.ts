/** What is known of a file's content: its hash, and the stat it had when hashed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
  /** Content hash (sha256, base64url, 128 bits). */
  hash: string;
  /** Epoch ms when the hash was taken: a file modified in or after that millisecond is hashed again. */
  hashedAt: number;
}

/** Numbers per file in `HashBatch.known`: the known stamp's size, mtimeMs, ino and hashedAt. */
export const KNOWN_FIELDS = 4;

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
