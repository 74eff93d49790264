import { join } from 'node:path';
import type { FileStamp } from '../worker/contract.js';
import { readVersioned, writeVersioned } from './versioned-file.js';
import { STATE_DIR_NAME, ensureStateDir } from './state-dir.js';
import { withLockFile } from './lock-file.js';
import { readFileVersion } from './file-version.js';
import { CACHE_VERSION, decodeCache, emptyCacheData, encodeCache, type CacheData, type CacheEntry } from './cache-data.js';

const CACHE_FILE = 'cache.msgpack';
const CACHE_KIND = 'gauntlet-cache';
/**
 * Entries (and file stamps) not used in this many runs are dropped. A run counts when it
 * saves: one that found everything in the cache and learnt nothing leaves the file alone.
 */
const MAX_IDLE_RUNS = 20;
/** Past this many entries the least recently used go, whatever their age. */
const MAX_ENTRIES = 500_000;
/**
 * Largest cache file read: 60,000 entries with 10,000 stamps take 2.8 MiB (test/bench/cache-size),
 * so MAX_ENTRIES take about 25 MiB; the rest is room for entries with many diagnostics.
 */
const MAX_CACHE_BYTES = 256 * 1_024 * 1_024;

/** Figures of the cache for `gauntlet cache stats`. */
export interface CacheStats {
  entries: number;
  files: number;
  runs: number;
  lastHits: number;
  lastLookups: number;
  lastRemoteHits: number;
  lastRemoteLookups: number;
}

/** Where the result cache of the repository at `root` lives. */
export function resolveCachePath(root: string): string {
  return join(root, STATE_DIR_NAME, CACHE_FILE);
}

/**
 * Per-file results by content, plus the stat cache that saves re-hashing.
 * Loaded once per run, used in memory, saved merged with whatever another
 * gauntlet process wrote meanwhile.
 */
export class ResultCache {
  private hits = 0;
  private lookups = 0;
  private remote = { hits: 0, lookups: 0 };
  /** Entries and stamps used or set since the last save: a merge keeps them over the disk's. */
  private touched = new Set<string>();
  private touchedStamps = new Set<string>();
  /** Something was learnt since loading: a result, or a file's new stamp. */
  private learnt = false;
  /** Whether saves record this process's hit figures as the last run's (see `forgoFigures`). */
  private figures = true;

  /**
   * @param loadedFrom the cache file's stat when it was read: unchanged at save time, nobody
   *   else wrote it, and the merge can skip decoding it again.
   */
  private constructor(
    private data: CacheData,
    private loadedFrom: string | null,
  ) {}

  static empty(): ResultCache {
    return new ResultCache(emptyCacheData(), null);
  }

  static async load(root: string): Promise<{ cache: ResultCache; warning: string | null }> {
    const before = await readFileVersion(resolveCachePath(root));
    const read = await readCacheFile(root);
    const data = read.value ?? emptyCacheData();
    data.run += 1;
    // A write between the stat and the read would make the two disagree: then never skip the merge.
    const loadedFrom = before === (await readFileVersion(resolveCachePath(root))) ? before : null;
    return { cache: new ResultCache(data, loadedFrom), warning: read.warning };
  }

  get(key: string): CacheEntry | null {
    this.lookups += 1;
    const entry = this.data.entries.get(key);
    if (!entry) return null;
    this.hits += 1;
    entry.usedRun = this.data.run;
    this.touched.add(key);
    return entry;
  }

  set(key: string, entry: CacheEntry): void {
    this.data.entries.set(key, { ...entry, usedRun: this.data.run });
    this.touched.add(key);
    this.learnt = true;
  }

  stamp(path: string): FileStamp | null {
    return this.data.stamps.get(path) ?? null;
  }

  /** The file's known stamp still holds: it stays in use, nothing is learnt. */
  keepStamp(path: string): void {
    const known = this.data.stamps.get(path);
    if (!known) return;
    known.usedRun = this.data.run;
    this.touchedStamps.add(path);
  }

  setStamp(path: string, stamp: FileStamp): void {
    const known = this.data.stamps.get(path);
    if (!known || !isSameStamp(known, stamp)) this.learnt = true;
    this.data.stamps.set(path, { ...stamp, usedRun: this.data.run });
    this.touchedStamps.add(path);
  }

  /** What the run's remote cache answered, kept for `gauntlet cache stats`. */
  noteRemote(lookups: number, hits: number): void {
    this.remote = { lookups, hits };
  }

  /**
   * Whether saving would write anything worth the time: something learnt, or hit figures
   * other than the last run's. A warm run that hit everything, as the one before did, need not.
   */
  get needsSave(): boolean {
    const { data, remote } = this;
    const figures = this.hits !== data.lastHits || this.lookups !== data.lastLookups || remote.hits !== data.lastRemoteHits || remote.lookups !== data.lastRemoteLookups;
    return this.learnt || (this.figures && figures);
  }

  /**
   * A long-lived process's many small runs are no one run: its saves leave `cache stats`'s
   * last-run figures to the command line, and write only when something was learnt.
   */
  forgoFigures(): void {
    this.figures = false;
  }

  stats(): CacheStats {
    const { data } = this;
    return {
      entries: data.entries.size,
      files: data.stamps.size,
      runs: data.run,
      lastHits: data.lastHits,
      lastLookups: data.lastLookups,
      lastRemoteHits: data.lastRemoteHits,
      lastRemoteLookups: data.lastRemoteLookups,
    };
  }

  /**
   * Writes the cache atomically, merged with the file as it is now; evicts what went unused.
   * Nothing to write (see `needsSave`): leaves the file as it is.
   */
  async save(root: string): Promise<void> {
    if (!this.needsSave) return;
    await ensureStateDir(root);
    await withLockFile(`${resolveCachePath(root)}.lock`, () => this.saveLocked(root));
  }

  /**
   * Picks up what another process saved since this cache was loaded or last saved, keeping what
   * this one learnt and has not saved yet (a long-lived server calls it before each run). A cache
   * file that is gone was cleared (`gauntlet cache clear`): everything known is forgotten with it.
   * Returns a warning when the file could not be read; the cache is then left as it is.
   */
  async refresh(root: string): Promise<string | null> {
    const before = await readFileVersion(resolveCachePath(root));
    if (before === this.loadedFrom) return null;
    if (before === null) {
      this.data = { ...emptyCacheData(), run: this.data.run };
      this.loadedFrom = null;
      this.touched.clear();
      this.touchedStamps.clear();
      this.learnt = false;
      return null;
    }
    const read = await readCacheFile(root);
    if (!read.value) {
      // Said once: a save overwrites the unreadable file with what is known here.
      this.loadedFrom = before;
      return read.warning;
    }
    this.data = this.overlayOwn(read.value, this.touched, this.touchedStamps);
    // A write between the stat and the read would make the two disagree: then the next save merges.
    this.loadedFrom = before === (await readFileVersion(resolveCachePath(root))) ? before : null;
    return null;
  }

  /**
   * Merges under the lock. What is learnt while the file is written (by runs still going in a
   * long-lived process) is kept for the next save: the sets of what is ours are swapped first.
   */
  private async saveLocked(root: string): Promise<void> {
    const touched = this.touched;
    const touchedStamps = this.touchedStamps;
    this.touched = new Set();
    this.touchedStamps = new Set();
    this.learnt = false;
    try {
      const untouched = this.loadedFrom !== null && this.loadedFrom === (await readFileVersion(resolveCachePath(root)));
      const disk = untouched ? null : (await readCacheFile(root)).value;
      let data = this.data;
      if (!untouched) {
        data = disk ? this.overlayOwn(disk, touched, touchedStamps) : this.data;
      }
      if (this.figures) this.recordFigures(data);
      evict(data);
      await writeVersioned(resolveCachePath(root), CACHE_KIND, CACHE_VERSION, encodeCache(data));
      // Learnt during the write went into the data being replaced: it comes along.
      if (data !== this.data) this.data = this.overlayOwn(data, this.touched, this.touchedStamps);
      this.loadedFrom = await readFileVersion(resolveCachePath(root));
    } catch (error) {
      for (const key of touched) this.touched.add(key);
      for (const path of touchedStamps) this.touchedStamps.add(path);
      this.learnt = true;
      throw error;
    }
  }

  /** `base` with this process's entries and stamps of the given keys over it, and the later run number. */
  private overlayOwn(base: CacheData, keys: ReadonlySet<string>, paths: ReadonlySet<string>): CacheData {
    base.run = Math.max(base.run, this.data.run);
    for (const key of keys) {
      const entry = this.data.entries.get(key);
      if (entry) base.entries.set(key, entry);
    }
    for (const path of paths) {
      const stamp = this.data.stamps.get(path);
      if (stamp) base.stamps.set(path, stamp);
    }
    return base;
  }

  private recordFigures(data: CacheData): void {
    data.lastHits = this.hits;
    data.lastLookups = this.lookups;
    data.lastRemoteHits = this.remote.hits;
    data.lastRemoteLookups = this.remote.lookups;
  }
}

function isSameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.hash === b.hash && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && a.hashedAt === b.hashedAt;
}

function evict(data: CacheData): void {
  const oldest = data.run - MAX_IDLE_RUNS;
  for (const [key, entry] of data.entries) if (entry.usedRun <= oldest) data.entries.delete(key);
  for (const [path, stamp] of data.stamps) if (stamp.usedRun <= oldest) data.stamps.delete(path);
  if (data.entries.size > MAX_ENTRIES) {
    const byAge = [...data.entries].sort((a, b) => a[1].usedRun - b[1].usedRun);
    for (const [key] of byAge.slice(0, data.entries.size - MAX_ENTRIES)) data.entries.delete(key);
  }
}

function readCacheFile(root: string): ReturnType<typeof readVersioned<CacheData>> {
  return readVersioned(resolveCachePath(root), CACHE_KIND, CACHE_VERSION, decodeCache, {
    label: `${STATE_DIR_NAME}/${CACHE_FILE}`,
    fallback: 'starting with an empty cache',
    maxBytes: MAX_CACHE_BYTES,
  });
}
