import { join } from 'node:path';
import { rm, stat } from 'node:fs/promises';
import { CACHE_VERSION } from './cache-data.js';
import { removeJournals, readJournal, resolveJournalPath } from './cache-journal.js';
import { applyFrame } from './cache-frame.js';
import { decodeState, type CacheState } from './cache-state.js';
import { readFileVersion } from './file-version.js';
import { readVersioned } from './versioned-file.js';
import { STATE_DIR_NAME } from './state-dir.js';

const CACHE_FILE = 'cache.msgpack';
export const CACHE_KIND = 'gauntlet-cache';
/**
 * Largest cache file (and journal) read: 200,000 files x 3 hooks take about 30 MiB (test/bench/
 * large-repo-cache), so this leaves room for several times that, and entries with many diagnostics.
 */
export const MAX_CACHE_BYTES = 256 * 1_024 * 1_024;
/** A version that matches no file's: what was read may mix two writes, so the next save merges. */
export const UNSURE_VERSION = 'unsure';

/** Where the result cache of the repository at `root` lives (its base file; journals lie beside it). */
export function resolveCachePath(root: string): string {
  return join(root, STATE_DIR_NAME, CACHE_FILE);
}

export function resolveCacheJournal(root: string, baseId: string): string {
  return resolveJournalPath(join(root, STATE_DIR_NAME), baseId);
}

/** The cache as on disk: its state (null when there is none or it is unreadable) and where reading left off. */
export interface DiskCache {
  state: CacheState | null;
  warning: string | null;
  /** The base file's version as read (see file-version.ts), null when absent. */
  version: string | null;
  /** Bytes of the journal applied. */
  journalEnd: number;
  /** The journal holds bytes past its last whole frame, or a frame that does not apply. */
  journalDamaged: boolean;
}

/** Reads the base file and applies its journal. Never throws: what cannot be read is a warning and no state. */
export async function readDiskCache(root: string): Promise<DiskCache> {
  const path = resolveCachePath(root);
  const before = await readFileVersion(path);
  const read = await readVersioned(path, CACHE_KIND, CACHE_VERSION, decodeState, {
    label: `${STATE_DIR_NAME}/${CACHE_FILE}`,
    fallback: 'starting with an empty cache',
    maxBytes: MAX_CACHE_BYTES,
  });
  const state = read.value;
  // A file that cannot be read is replaced whole by the next save, never appended to.
  if (!state) return { state: null, warning: read.warning, version: before, journalEnd: 0, journalDamaged: before !== null };
  const tail = await catchUpJournal(root, state, 0);
  // A write between the stat and the read would make the two disagree: then never trust the version.
  const version = before === (await readFileVersion(path)) ? before : UNSURE_VERSION;
  return { state, warning: null, version, ...tail };
}

/** Applies the frames of the state's journal past `offset`; says where they end. */
export async function catchUpJournal(root: string, state: CacheState, offset: number): Promise<Pick<DiskCache, 'journalEnd' | 'journalDamaged'>> {
  const path = resolveCacheJournal(root, state.id);
  const size = await stat(path).then(
    (info) => info.size,
    () => 0,
  );
  if (size === offset) return { journalEnd: offset, journalDamaged: false };
  const journal = await readJournal(path, offset, MAX_CACHE_BYTES);
  for (const frame of journal.frames) if (!applyFrame(state, frame)) return { journalEnd: journal.end, journalDamaged: true };
  return { journalEnd: journal.end, journalDamaged: journal.damaged };
}

/** Bytes of the base file of a version (see file-version.ts); 0 when unknown. */
export function readVersionBytes(version: string | null): number {
  return Number(version?.split(':')[1]) || 0;
}

/** Removes the cache: the base file and every journal (`gauntlet cache clear`). */
export async function clearCache(root: string): Promise<void> {
  await rm(resolveCachePath(root), { force: true });
  await removeJournals(join(root, STATE_DIR_NAME), null);
}
