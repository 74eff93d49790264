import { join } from 'node:path';
import type { FileStamp } from '../worker/contract.js';
import { writeVersioned } from './versioned-file.js';
import { STATE_DIR_NAME, ensureStateDir } from './state-dir.js';
import { withLockFile } from './lock-file.js';
import { readFileVersion } from './file-version.js';
import { CACHE_VERSION, type CacheEntry, type HitFigures, type RunKind } from './cache-data.js';
import { WHOLE_TABLE, carryOver, decodeState, emptyState, encodeState, openAllTables, openTable, type CacheState } from './cache-state.js';
import { collectFrame } from './cache-frame.js';
import { appendFrame, packFrame, removeJournals } from './cache-journal.js';
import { CACHE_KIND, catchUpJournal, readDiskCache, readVersionBytes, resolveCacheJournal, resolveCachePath, type DiskCache } from './cache-disk.js';

export { clearCache, resolveCachePath } from './cache-disk.js';

/** A save appends to the journal until it would outgrow this share of the base file (or MIN_JOURNAL_BYTES): then it compacts. */
const JOURNAL_SHARE = 0.25;
const MIN_JOURNAL_BYTES = 1_024 * 1_024;

/** Figures of the cache for `gauntlet cache stats`. */
export interface CacheStats extends HitFigures {
  entries: number;
  files: number;
  runs: number;
}

/**
 * Per-file results by content, one table per hook key, plus the stat cache that saves re-hashing.
 * Loaded once per run (a table is decoded when first used), used in memory, and saved by
 * appending what changed to a journal, merged under a lock with what other gauntlet processes
 * saved meanwhile; now and then a save compacts the journal into a new base file, dropping
 * what went unused.
 */
export class ResultCache {
  private hits = 0;
  private lookups = 0;
  private remote = { hits: 0, lookups: 0 };
  /** Something was learnt since the last save: a result, or a file's new stamp. */
  private learnt = false;
  /** Whether saves record this process's hit figures as the last run's (see `forgoFigures`). */
  private figures = true;
  private kind: RunKind = 'cli';
  /** The run of its kind this process's uses count for: the number its next save writes, at least. */
  private run: number;
  /** Uses of this run number or later were not saved yet. */
  private since: number;
  private disk: Omit<DiskCache, 'state' | 'warning'>;
  /** A save failed midway: the next one writes everything. */
  private mustCompact = false;

  private constructor(
    private state: CacheState,
    disk: Omit<DiskCache, 'state' | 'warning'>,
    private readonly loaded: boolean,
  ) {
    this.disk = disk;
    this.run = this.since = state.runs.cli + 1;
  }

  static empty(): ResultCache {
    return new ResultCache(emptyState(), { version: null, journalEnd: 0, journalDamaged: false }, false);
  }

  static async load(root: string): Promise<{ cache: ResultCache; warning: string | null }> {
    const { state, warning, ...disk } = await readDiskCache(root);
    return { cache: new ResultCache(state ?? emptyState(), disk, true), warning };
  }

  /** A result kept under a key of its own (a hook's whole result). */
  get(key: string): CacheEntry | null {
    return this.getFile(WHOLE_TABLE, key, '');
  }

  set(key: string, entry: CacheEntry): void {
    this.setFile(WHOLE_TABLE, key, '', entry);
  }

  /**
   * A hook's result on a file: `table` is the hook's key, `version` what else the result rests on
   * (the file's content hash, and the digest of its folders' config files). Constant time.
   */
  getFile(table: string, path: string, version: string): CacheEntry | null {
    this.lookups += 1;
    const rows = openTable(this.state, table);
    const row = rows.find(path, version);
    if (row < 0 || !rows.isFresh(row, this.state.runs)) return null;
    this.hits += 1;
    rows.touch(row, this.kind, this.run);
    return rows.entryAt(row);
  }

  setFile(table: string, path: string, version: string, entry: CacheEntry): void {
    openTable(this.state, table).put(path, version, entry, this.kind, this.run);
    this.learnt = true;
  }

  stamp(path: string): FileStamp | null {
    const { stamps } = this.state;
    const row = stamps.findLatest(path);
    return row >= 0 && stamps.isFresh(row, this.state.runs) ? stamps.stampAt(row) : null;
  }

  /** The file's known stamp still holds: it stays in use, nothing is learnt. */
  keepStamp(path: string): void {
    const row = this.state.stamps.findLatest(path);
    if (row >= 0) this.state.stamps.touch(row, this.kind, this.run);
  }

  setStamp(path: string, stamp: FileStamp): void {
    const known = this.stamp(path);
    if (known && isSameStamp(known, stamp)) return this.keepStamp(path);
    this.state.stamps.put(path, stamp, this.kind, this.run);
    this.learnt = true;
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
    const last = this.state.figures;
    const now = this.readFigures();
    const figures = now.lastHits !== last.lastHits || now.lastLookups !== last.lastLookups || now.lastRemoteHits !== last.lastRemoteHits || now.lastRemoteLookups !== last.lastRemoteLookups;
    return this.learnt || (this.figures && figures);
  }

  /**
   * A long-lived process (the language server): its many small runs are no one run. Its saves
   * count as editor runs, apart from the command line's, leave `cache stats`'s last-run figures
   * to the command line, and write only when something was learnt.
   */
  forgoFigures(): void {
    this.figures = false;
    this.kind = 'lsp';
    this.run = this.since = this.state.runs.lsp + 1;
  }

  stats(): CacheStats {
    const { runs } = this.state;
    let entries = 0;
    for (const table of openAllTables(this.state).values()) entries += table.listKept(runs, Infinity).length;
    const files = this.state.stamps.listKept(runs, Infinity).length;
    return { entries, files, runs: this.loaded ? runs.cli + runs.lsp + 1 : 0, ...this.state.figures };
  }

  /**
   * Saves what was learnt and used since the last save, merged under the lock with what other
   * processes saved. Nothing to write (see `needsSave`): leaves the files as they are.
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
    const version = await readFileVersion(resolveCachePath(root));
    if (version === null && this.disk.version !== null) {
      this.state = { ...emptyState(), runs: this.state.runs };
      this.disk = { version: null, journalEnd: 0, journalDamaged: false };
      this.learnt = false;
      return null;
    }
    return this.catchUp(root, version);
  }

  /** Brings in what is on disk: the journal's new frames, or, when the base file was replaced, all of it. */
  private async catchUp(root: string, version: string | null): Promise<string | null> {
    if (version === this.disk.version) {
      if (version === null) return null;
      const tail = await catchUpJournal(root, this.state, this.disk.journalEnd);
      // Damage stays until a compaction replaces the files: never append after it.
      this.disk = { version, journalEnd: tail.journalEnd, journalDamaged: this.disk.journalDamaged || tail.journalDamaged };
      return null;
    }
    const { state, warning, ...disk } = await readDiskCache(root);
    if (!state) {
      // Said once: the next save overwrites what could not be read with what is known here.
      this.disk = { version: disk.version, journalEnd: 0, journalDamaged: true };
      return warning;
    }
    carryOver(this.state, state, this.kind, this.since);
    this.state = state;
    this.disk = disk;
    return null;
  }

  private async saveLocked(root: string): Promise<void> {
    this.learnt = false;
    try {
      const version = await readFileVersion(resolveCachePath(root));
      if (version !== null) await this.catchUp(root, version);
      const run = Math.max(this.run, this.state.runs[this.kind]);
      this.state.runs[this.kind] = run;
      if (this.figures) this.state.figures = this.readFigures();
      const frame = collectFrame(this.state, this.kind, run, this.since, this.figures ? this.state.figures : null);
      // Uses from here on are the next save's.
      this.run = this.since = run + 1;
      const bytes = await packFrame(frame);
      const limit = Math.max(MIN_JOURNAL_BYTES, readVersionBytes(this.disk.version) * JOURNAL_SHARE);
      if (version === null || this.mustCompact || this.disk.journalDamaged || this.disk.journalEnd + bytes.length > limit) await this.compact(root);
      else {
        await appendFrame(resolveCacheJournal(root, this.state.id), bytes);
        this.disk.journalEnd += bytes.length;
      }
      this.mustCompact = false;
    } catch (error) {
      this.learnt = true;
      this.mustCompact = true;
      throw error;
    }
  }

  /** Writes a new base file of everything in use, and starts its journal afresh. */
  private async compact(root: string): Promise<void> {
    const encoded = encodeState(this.state);
    const next = decodeState(encoded) ?? emptyState();
    await writeVersioned(resolveCachePath(root), CACHE_KIND, CACHE_VERSION, encoded);
    // What was set or used during the write came after the frame: it stays to save.
    carryOver(this.state, next, this.kind, this.since);
    this.state = next;
    await removeJournals(join(root, STATE_DIR_NAME), null);
    this.disk = { version: await readFileVersion(resolveCachePath(root)), journalEnd: 0, journalDamaged: false };
  }

  private readFigures(): HitFigures {
    return { lastHits: this.hits, lastLookups: this.lookups, lastRemoteHits: this.remote.hits, lastRemoteLookups: this.remote.lookups };
  }
}

function isSameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.hash === b.hash && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && a.hashedAt === b.hashedAt;
}
