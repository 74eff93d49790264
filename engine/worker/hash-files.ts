import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileStamp, HashRequest, HashResult } from '../../protocol/hash.js';

/** Files read at once; enough to keep the disk busy without a flood of descriptors. */
const CONCURRENCY = 16;

/** The content hash of bytes: sha256, first 128 bits, base64url. */
export function hashBytes(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest().subarray(0, 16).toString('base64url');
}

/**
 * Stamps each file: the known hash is kept while size, mtime and inode match and
 * the file was last modified before that hash was taken; otherwise the file is read.
 * A file changed within the same millisecond as an earlier hash ("racily clean") is read again.
 */
export async function hashFiles(root: string, requests: readonly HashRequest[]): Promise<HashResult[]> {
  const results = new Array<HashResult>(requests.length);
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < requests.length) {
      const index = next++;
      const request = requests[index]!;
      results[index] = { path: request.path, stamp: await stampFile(path.join(root, request.path), request.known) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, requests.length) }, work));
  return results;
}

async function stampFile(file: string, known: FileStamp | null): Promise<FileStamp | null> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
    if (known && known.size === info.size && known.mtimeMs === info.mtimeMs && known.ino === info.ino && info.mtimeMs < known.hashedAt) {
      return known;
    }
    const hashedAt = Date.now();
    const bytes = await readFile(file);
    // A write between stat and read would pair new bytes with an old stat: stat again to be sure.
    const after = await stat(file);
    const changed = after.size !== info.size || after.mtimeMs !== info.mtimeMs;
    return { size: after.size, mtimeMs: after.mtimeMs, ino: after.ino, hash: hashBytes(bytes), hashedAt: changed ? 0 : hashedAt };
  } catch {
    return null;
  }
}
