import { Packr } from 'msgpackr';
import type { CacheEntry, CachedDiagnostic } from '../store/cache-data.js';

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

function isCachedDiagnostic(value: unknown): value is CachedDiagnostic {
  if (!Array.isArray(value) || value.length !== 8) return false;
  const [file, line, column, endLine, endColumn, severity, code, message] = value as unknown[];
  return (
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

function isRepositoryPath(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !value.startsWith('/') && !value.includes('\0') && !value.split('/').includes('..');
}

function isPosition(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isOptionalPosition(value: unknown): boolean {
  return value === null || isPosition(value);
}
