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

/** A file to hash, with what an earlier run knew of it. */
export interface HashRequest {
  /** Repository-relative path. */
  path: string;
  known: FileStamp | null;
}

/** A file's stamp, or null when it is gone or unreadable (never cached). */
export interface HashResult {
  path: string;
  stamp: FileStamp | null;
}
