import { hash } from 'node:crypto';

/** A hook's files and the shared key of each one's result, in path order. */
export interface RemoteBucket {
  key: string;
  files: Array<readonly [path: string, key: string]>;
}

/** Bumped when what shared keys cover changes: older entries then simply miss. */
const REMOTE_KEY_VERSION = 2;
/** About this many files share a bucket: one lookup answers for all of them when none changed. */
const BUCKET_FILES = 64;

/**
 * The action-cache key (64 hex digits, as servers of Bazel's protocol require) of a result whose
 * key, computed as the local cache computes it but with the tool's portable identity, is `key`.
 */
export function toRemoteKey(kind: 'file' | 'project', key: string): string {
  return hash('sha256', `gauntlet-remote/${REMOTE_KEY_VERSION}\0${kind}\0${key}`, 'hex');
}

/**
 * Splits a hook's files into buckets by a hash of their path, so that a file added or changed
 * changes one bucket's key and leaves the others'. The number of buckets is a power of two
 * near files / BUCKET_FILES: machines whose file counts differ a little still agree on it.
 */
export function groupBuckets(files: ReadonlyMap<string, string>): RemoteBucket[] {
  const count = 2 ** Math.max(0, Math.round(Math.log2(files.size / BUCKET_FILES)));
  const members: Array<Array<readonly [string, string]>> = Array.from({ length: count }, () => []);
  for (const [path, key] of files) members[hash('sha256', path, 'buffer').readUInt32BE(0) % count]?.push([path, key]);
  return members.flatMap((list, index) => {
    if (list.length === 0) return [];
    list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const listed = list.map(([path, fileKey]) => `${path}\0${fileKey}`).join('\0');
    return [{ key: hash('sha256', `gauntlet-remote/${REMOTE_KEY_VERSION}\0bucket\0${count}\0${index}\0${listed}`, 'hex'), files: list }];
  });
}
