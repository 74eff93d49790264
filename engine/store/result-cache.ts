import { stat } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { Severity } from '../../protocol/diagnostic.js';
import type { FileStamp } from '../../protocol/hash.js';
import { readVersioned, writeVersioned } from './versioned-file.js';
import { STATE_DIR_NAME, ensureStateDir } from './write-atomic.js';
import { withLockFile } from './lock-file.js';

const CACHE_FILE = 'cache.msgpack';
const CACHE_KIND = 'gauntlet-cache';
const CACHE_VERSION = 2;
/**
 * Entries (and file stamps) not used in this many runs are dropped. A run counts when it
 * saves: one that found everything in the cache and learnt nothing leaves the file alone.
 */
const MAX_IDLE_RUNS = 20;
/** Past this many entries the least recently used go, whatever their age. */
const MAX_ENTRIES = 500_000;

/** A diagnostic as cached, a tuple for size; its hook is implied by the entry's key. */
export type CachedDiagnostic = [file: string, line: number, column: number | null, endLine: number | null, endColumn: number | null, severity: Severity, code: string | null, message: string];

/** What one hook found on one file's content (or, for a project-level hook, on all its files). */
export interface CacheEntry {
  ok: boolean;
  diagnostics: CachedDiagnostic[];
}

interface StoredEntry extends CacheEntry {
  usedRun: number;
}

interface StoredStamp extends FileStamp {
  usedRun: number;
}

/** Figures of the cache for `gauntlet cache stats`. */
export interface CacheStats {
  entries: number;
  files: number;
  runs: number;
  lastHits: number;
  lastLookups: number;
}

interface CacheData {
  run: number;
  lastHits: number;
  lastLookups: number;
  entries: Map<string, StoredEntry>;
  stamps: Map<string, StoredStamp>;
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
  private readonly touched = new Set<string>();
  private readonly touchedStamps = new Set<string>();
  /** Something was learnt since loading: a result, or a file's new stamp. */
  private learnt = false;

  /**
   * @param loadedFrom the cache file's stat when it was read: unchanged at save time, nobody
   *   else wrote it, and the merge can skip decoding it again.
   */
  private constructor(
    private data: CacheData,
    private loadedFrom: string | null,
  ) {}

  static empty(): ResultCache {
    return new ResultCache(emptyData(), null);
  }

  static async load(root: string): Promise<{ cache: ResultCache; warning: string | null }> {
    const before = await readFileVersion(root);
    const read = await readCacheFile(root);
    const data = read.value ?? emptyData();
    data.run += 1;
    // A write between the stat and the read would make the two disagree: then never skip the merge.
    const loadedFrom = read.value && before === (await readFileVersion(root)) ? before : null;
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

  /**
   * Whether saving would write anything worth the time: something learnt, or hit figures
   * other than the last run's. A warm run that hit everything, as the one before did, need not.
   */
  get needsSave(): boolean {
    return this.learnt || this.hits !== this.data.lastHits || this.lookups !== this.data.lastLookups;
  }

  stats(): CacheStats {
    return { entries: this.data.entries.size, files: this.data.stamps.size, runs: this.data.run, lastHits: this.data.lastHits, lastLookups: this.data.lastLookups };
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

  private async saveLocked(root: string): Promise<void> {
    const untouched = this.loadedFrom !== null && this.loadedFrom === (await readFileVersion(root));
    const disk = untouched ? null : (await readCacheFile(root)).value;
    if (untouched) {
      this.data.lastHits = this.hits;
      this.data.lastLookups = this.lookups;
      evict(this.data);
      await this.write(root, this.data);
      return;
    }
    const merged: CacheData = disk ?? emptyData();
    merged.run = Math.max(merged.run, this.data.run);
    for (const key of this.touched) {
      const entry = this.data.entries.get(key);
      if (entry) merged.entries.set(key, entry);
    }
    for (const path of this.touchedStamps) {
      const stamp = this.data.stamps.get(path);
      if (stamp) merged.stamps.set(path, stamp);
    }
    if (!disk) {
      for (const [key, entry] of this.data.entries) if (!merged.entries.has(key)) merged.entries.set(key, entry);
      for (const [path, stamp] of this.data.stamps) if (!merged.stamps.has(path)) merged.stamps.set(path, stamp);
    }
    merged.lastHits = this.hits;
    merged.lastLookups = this.lookups;
    evict(merged);
    await this.write(root, merged);
  }

  private async write(root: string, data: CacheData): Promise<void> {
    await writeVersioned(resolveCachePath(root), CACHE_KIND, CACHE_VERSION, encode(data));
    this.data = data;
    this.loadedFrom = await readFileVersion(root);
    this.touched.clear();
    this.touchedStamps.clear();
    this.learnt = false;
  }
}

/** Identifies one version of the cache file on disk: inode, size and mtime; null when absent. */
async function readFileVersion(root: string): Promise<string | null> {
  const info = await stat(resolveCachePath(root)).catch(() => null);
  return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : null;
}

function isSameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.hash === b.hash && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.hashedAt === b.hashedAt;
}

function emptyData(): CacheData {
  return { run: 0, lastHits: 0, lastLookups: 0, entries: new Map(), stamps: new Map() };
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

/*
 * On disk (version 2) each table is stored by column: the strings of a column joined by NUL into
 * one string (paths, keys and base64url hashes never hold one), the numbers in little-endian binary.
 * A few long strings and buffers pack and unpack many times faster than thousands of small values,
 * and the file stays plain msgpack.
 */
const SEPARATOR = '\0';
/** Numbers per stamp in `stamps.numbers`: size, mtimeMs, ino, hashedAt, usedRun. */
const STAMP_NUMBERS = 5;
const LITTLE_ENDIAN = endianness() === 'LE';

interface Encoded {
  run: number;
  lastHits: number;
  lastLookups: number;
  entries: {
    count: number;
    keys: string;
    /** One byte per entry: 1 passed, 0 failed. */
    ok: Uint8Array;
    /** Float64 per entry. */
    usedRun: Uint8Array;
    /** Only entries with diagnostics: [entry index, diagnostics]. */
    diagnostics: [index: number, diagnostics: CachedDiagnostic[]][];
  };
  stamps: {
    count: number;
    paths: string;
    hashes: string;
    /** STAMP_NUMBERS float64 per stamp. */
    numbers: Uint8Array;
  };
}

function encode(data: CacheData): Encoded {
  const entryCount = data.entries.size;
  const keys = new Array<string>(entryCount);
  const ok = new Uint8Array(entryCount);
  const entryRuns = new Float64Array(entryCount);
  const diagnostics: Encoded['entries']['diagnostics'] = [];
  let index = 0;
  for (const [key, entry] of data.entries) {
    keys[index] = key;
    ok[index] = entry.ok ? 1 : 0;
    entryRuns[index] = entry.usedRun;
    if (entry.diagnostics.length > 0) diagnostics.push([index, entry.diagnostics]);
    index += 1;
  }
  const stampCount = data.stamps.size;
  const paths = new Array<string>(stampCount);
  const hashes = new Array<string>(stampCount);
  const numbers = new Float64Array(stampCount * STAMP_NUMBERS);
  index = 0;
  for (const [path, stamp] of data.stamps) {
    paths[index] = path;
    hashes[index] = stamp.hash;
    const at = index * STAMP_NUMBERS;
    numbers[at] = stamp.size;
    numbers[at + 1] = stamp.mtimeMs;
    numbers[at + 2] = stamp.ino;
    numbers[at + 3] = stamp.hashedAt;
    numbers[at + 4] = stamp.usedRun;
    index += 1;
  }
  return {
    run: data.run,
    lastHits: data.lastHits,
    lastLookups: data.lastLookups,
    entries: { count: entryCount, keys: keys.join(SEPARATOR), ok, usedRun: toLittleEndian(entryRuns), diagnostics },
    stamps: { count: stampCount, paths: paths.join(SEPARATOR), hashes: hashes.join(SEPARATOR), numbers: toLittleEndian(numbers) },
  };
}

function decode(value: unknown): CacheData | null {
  const raw = value as Partial<Encoded> | null;
  if (!raw || typeof raw.run !== 'number' || !isObject(raw.entries) || !isObject(raw.stamps)) return null;
  const { entries: table, stamps: stampTable } = raw;

  const keys = splitColumn(table.keys, table.count);
  const entryRuns = fromLittleEndian(table.usedRun, table.count);
  if (!keys || !entryRuns || !(table.ok instanceof Uint8Array) || table.ok.length !== keys.length || !Array.isArray(table.diagnostics)) return null;
  const found = new Map<number, CachedDiagnostic[]>();
  for (const pair of table.diagnostics as unknown[]) {
    const [index, diagnostics] = Array.isArray(pair) ? (pair as unknown[]) : [];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= keys.length || !Array.isArray(diagnostics)) return null;
    found.set(index, diagnostics as CachedDiagnostic[]);
  }
  const entries = new Map<string, StoredEntry>();
  keys.forEach((key, index) => {
    entries.set(key, { ok: table.ok[index] === 1, usedRun: entryRuns[index] ?? 0, diagnostics: found.get(index) ?? [] });
  });

  const paths = splitColumn(stampTable.paths, stampTable.count);
  const hashes = splitColumn(stampTable.hashes, stampTable.count);
  const numbers = fromLittleEndian(stampTable.numbers, (stampTable.count ?? 0) * STAMP_NUMBERS);
  if (!paths || !hashes || !numbers) return null;
  const stamps = new Map<string, StoredStamp>();
  paths.forEach((path, index) => {
    const at = index * STAMP_NUMBERS;
    const [size = 0, mtimeMs = 0, ino = 0, hashedAt = 0, usedRun = 0] = numbers.subarray(at, at + STAMP_NUMBERS);
    stamps.set(path, { size, mtimeMs, ino, hash: hashes[index] ?? '', hashedAt, usedRun });
  });
  return { run: raw.run, lastHits: Number(raw.lastHits) || 0, lastLookups: Number(raw.lastLookups) || 0, entries, stamps };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A column of `count` strings; null when it is not one. */
function splitColumn(joined: unknown, count: unknown): string[] | null {
  if (typeof joined !== 'string' || typeof count !== 'number' || !Number.isInteger(count) || count < 0) return null;
  if (count === 0) return joined === '' ? [] : null;
  const values = joined.split(SEPARATOR);
  return values.length === count ? values : null;
}

function toLittleEndian(numbers: Float64Array): Uint8Array {
  const bytes = Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength);
  return LITTLE_ENDIAN ? bytes : Buffer.from(bytes).swap64();
}

/** `count` float64 from little-endian bytes (copied: msgpack's bytes need not be 8-byte aligned); null when the size is wrong. */
function fromLittleEndian(bytes: unknown, count: unknown): Float64Array | null {
  if (!(bytes instanceof Uint8Array) || typeof count !== 'number' || bytes.byteLength !== count * Float64Array.BYTES_PER_ELEMENT) return null;
  const numbers = new Float64Array(count);
  new Uint8Array(numbers.buffer).set(bytes);
  if (!LITTLE_ENDIAN) Buffer.from(numbers.buffer).swap64();
  return numbers;
}

function readCacheFile(root: string): ReturnType<typeof readVersioned<CacheData>> {
  return readVersioned(resolveCachePath(root), CACHE_KIND, CACHE_VERSION, decode, {
    label: `${STATE_DIR_NAME}/${CACHE_FILE}`,
    fallback: 'starting with an empty cache',
  });
}
