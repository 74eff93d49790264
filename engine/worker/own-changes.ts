import type { HashBatch } from './contract.js';
import { hashFiles } from './hash-files.js';

/** Each file's content hash (null: gone or not a file), by position in `files`. */
export type ContentHashes = (string | null)[];

/** Reads and hashes every one of `files`, trusting no earlier stamp. */
export function hashContents(root: string, files: readonly string[]): ContentHashes {
  const batch: HashBatch = { paths: [...files], known: new Float64Array(0) };
  const hashes: ContentHashes = files.map(() => null);
  for (const [index, stamp] of hashFiles(root, batch)) hashes[index] = stamp?.hash ?? null;
  return hashes;
}

/**
 * The files whose content is not what `before` recorded. `pre-commit run` fails a hook when
 * anything in the repository changed while it ran, another hook's fix too: gauntlet asks the
 * hook's own files instead, which no other hook touches meanwhile (each holds its files alone).
 */
export function listChangedFiles(root: string, files: readonly string[], before: ContentHashes): string[] {
  const after = hashContents(root, files);
  return files.filter((_, index) => after[index] !== before[index]);
}
