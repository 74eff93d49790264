import { endianness } from 'node:os';
import type { Fix, Severity } from '../../protocol/diagnostic.js';
import type { FileStamp } from '../worker/contract.js';

// The result cache's data: as the engine uses it in memory, and as `.gauntlet/cache.msgpack` stores it.

/**
 * A diagnostic as cached, a tuple for size; its hook is implied by the entry's key. The rule's
 * page and the fixes follow only when the diagnostic has either (most have neither).
 */
export type CachedDiagnostic =
  | [file: string, line: number, column: number | null, endLine: number | null, endColumn: number | null, severity: Severity, code: string | null, message: string]
  | [file: string, line: number, column: number | null, endLine: number | null, endColumn: number | null, severity: Severity, code: string | null, message: string, url: string | null, fixes: Fix[] | null];

/** What one hook found on one file's content (or, for a project-level hook, on all its files). */
export interface CacheEntry {
  ok: boolean;
  diagnostics: CachedDiagnostic[];
}

export interface StoredEntry extends CacheEntry {
  usedRun: number;
}

export interface StoredStamp extends FileStamp {
  usedRun: number;
}

/** Everything the cache file holds, in memory. */
export interface CacheData {
  run: number;
  lastHits: number;
  lastLookups: number;
  /** The last run's lookups in a remote cache, and its hits there (0 without one). */
  lastRemoteHits: number;
  lastRemoteLookups: number;
  entries: Map<string, StoredEntry>;
  stamps: Map<string, StoredStamp>;
}

export function emptyCacheData(): CacheData {
  return { run: 0, lastHits: 0, lastLookups: 0, lastRemoteHits: 0, lastRemoteLookups: 0, entries: new Map(), stamps: new Map() };
}

/** The version of the layout below, in the file's envelope: bumped with any change to it. */
export const CACHE_VERSION = 4;

/*
 * On disk each table is stored by column: the strings of a column joined by NUL into
 * one string (paths, keys and base64url hashes never hold one), the numbers in little-endian binary.
 * A few long strings and buffers pack and unpack many times faster than thousands of small values,
 * and the file stays plain msgpack.
 */
const SEPARATOR = '\0';
/** Numbers per stamp in `stamps.numbers`: size, mtimeMs, ino, ctimeMs, hashedAt, usedRun. */
const STAMP_NUMBERS = 6;
const LITTLE_ENDIAN = endianness() === 'LE';

interface Encoded {
  run: number;
  lastHits: number;
  lastLookups: number;
  /** Absent from files written before remote caches: read as 0. */
  lastRemoteHits?: number;
  lastRemoteLookups?: number;
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

/** The cache's data as it is written to disk. */
export function encodeCache(data: CacheData): Encoded {
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
    numbers[at + 3] = stamp.ctimeMs;
    numbers[at + 4] = stamp.hashedAt;
    numbers[at + 5] = stamp.usedRun;
    index += 1;
  }
  return {
    run: data.run,
    lastHits: data.lastHits,
    lastLookups: data.lastLookups,
    lastRemoteHits: data.lastRemoteHits,
    lastRemoteLookups: data.lastRemoteLookups,
    entries: { count: entryCount, keys: keys.join(SEPARATOR), ok, usedRun: toLittleEndian(entryRuns), diagnostics },
    stamps: { count: stampCount, paths: paths.join(SEPARATOR), hashes: hashes.join(SEPARATOR), numbers: toLittleEndian(numbers) },
  };
}

/** The cache's data from what was read from disk; null when it is not a whole, valid table set. */
export function decodeCache(value: unknown): CacheData | null {
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
    const number = (field: number): number => numbers[at + field] ?? 0;
    stamps.set(path, { size: number(0), mtimeMs: number(1), ino: number(2), ctimeMs: number(3), hash: hashes[index] ?? '', hashedAt: number(4), usedRun: number(5) });
  });
  const count = (value: unknown): number => Number(value) || 0;
  return {
    run: raw.run,
    lastHits: count(raw.lastHits),
    lastLookups: count(raw.lastLookups),
    lastRemoteHits: count(raw.lastRemoteHits),
    lastRemoteLookups: count(raw.lastRemoteLookups),
    entries,
    stamps,
  };
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

