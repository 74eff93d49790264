import { Packr } from 'msgpackr';
import type { CacheEntry, CachedDiagnostic } from '../store/cache-data.js';
import { isWebAddress } from '../parse/finding.js';

/**
 * What a CAS blob of gauntlet's holds: the action-cache key it answers (so a blob made for
 * another key is never taken for this one), and results by sub-key: the file keys of a bucket,
 * or the entry's own key for one file's or one hook's whole result.
 */
export interface RemoteBlob {
  key: string;
  results: Map<string, CacheEntry>;
}

const BLOB_FORMAT = 'gauntlet-remote/1';
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);
const packr = new Packr({ useRecords: false, mapsAsObjects: true });

/** The blob's bytes: plain msgpack, `[format, key, [[subKey, ok, diagnostics], ...]]`. */
export function encodeBlob(blob: RemoteBlob): Buffer {
  return packr.pack([BLOB_FORMAT, blob.key, [...blob.results].map(([key, entry]) => [key, entry.ok, entry.diagnostics])]);
}

/**
 * The blob in `bytes`, when it is a well-formed one of this format whose every diagnostic is on a
 * repository path; null otherwise (what a server sends is checked as strictly as a file on disk).
 */
export function decodeBlob(bytes: Uint8Array): RemoteBlob | null {
  let value: unknown;
  try {
    value = packr.unpack(bytes);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 3 || value[0] !== BLOB_FORMAT || typeof value[1] !== 'string' || !Array.isArray(value[2])) return null;
  const results = new Map<string, CacheEntry>();
  for (const item of value[2] as unknown[]) {
    if (!Array.isArray(item) || item.length !== 3) return null;
    const [key, ok, diagnostics] = item as unknown[];
    if (typeof key !== 'string' || typeof ok !== 'boolean' || !Array.isArray(diagnostics) || !diagnostics.every(isCachedDiagnostic)) return null;
    results.set(key, { ok, diagnostics });
  }
  return { key: value[1], results };
}

/** Texts a server may send, bounded so that one blob cannot hold a diagnostic of unbounded fixes. */
const MAX_FIXES = 64;
const MAX_EDITS = 1_000;

function isCachedDiagnostic(value: unknown): value is CachedDiagnostic {
  if (!Array.isArray(value) || (value.length !== 8 && value.length !== 10)) return false;
  const [file, line, column, endLine, endColumn, severity, code, message, url = null, fixes = null] = value as unknown[];
  return (
    (url === null || (typeof url === 'string' && isWebAddress(url))) &&
    (fixes === null || (Array.isArray(fixes) && fixes.length > 0 && fixes.length <= MAX_FIXES && fixes.every(isFix))) &&
    isRepositoryPath(file) &&
    isPosition(line) &&
    isOptionalPosition(column) &&
    isOptionalPosition(endLine) &&
    isOptionalPosition(endColumn) &&
    typeof severity === 'string' &&
    SEVERITIES.has(severity) &&
    (code === null || typeof code === 'string') &&
    typeof message === 'string'
  );
}

/** A Fix of protocol/diagnostic.ts, and nothing more. */
function isFix(value: unknown): boolean {
  if (!isPlainRecord(value, ['description', 'safe', 'edits'])) return false;
  const { description, safe, edits } = value;
  return typeof description === 'string' && typeof safe === 'boolean' && Array.isArray(edits) && edits.length > 0 && edits.length <= MAX_EDITS && edits.every(isFixEdit);
}

function isFixEdit(value: unknown): boolean {
  return isPlainRecord(value, ['start', 'end', 'text']) && isFixPlace(value.start) && isFixPlace(value.end) && typeof value.text === 'string';
}

function isFixPlace(value: unknown): boolean {
  if (typeof value === 'number') return isPosition(value);
  return isPlainRecord(value, ['line', 'column']) && isPosition(value.line) && value.line !== 0 && (value.column === null || (isPosition(value.column) && value.column !== 0));
}

/** A record of exactly these keys. */
function isPlainRecord(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(value, key));
}

function isRepositoryPath(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !value.startsWith('/') && !value.includes('\0') && !value.split('/').includes('..');
}

function isPosition(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isOptionalPosition(value: unknown): boolean {
  return value === null || isPosition(value);
}
