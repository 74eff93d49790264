import { endianness } from 'node:os';
import type { RunKind } from './cache-data.js';
import type { RowTable } from './row-table.js';

/*
 * On disk each table is stored by column: the strings of a column joined by NUL into one string
 * (paths, versions and base64url hashes never hold one), the numbers in little-endian binary.
 * A few long strings and buffers pack and unpack many times faster than thousands of small values,
 * and the file stays plain msgpack.
 */
const SEPARATOR = '\0';
const LITTLE_ENDIAN = endianness() === 'LE';

/** The columns every table has. */
export interface RowColumns {
  count: number;
  keys: string;
  /** Absent when every version is '' (the stamps). */
  versions?: string;
  /** Float64 per row: the saving run of each kind that last used it. */
  usedCli: Uint8Array;
  usedLsp: Uint8Array;
}

/** The rows' columns of one table, as decoded: arrays of `count`. */
export interface DecodedRows {
  count: number;
  keys: string[];
  versions: string[] | null;
  used: Record<RunKind, Float64Array>;
}

export function encodeRows(table: RowTable, rows: readonly number[]): RowColumns {
  const keys = rows.map((row) => table.keys[row] ?? '');
  const versions = rows.map((row) => table.versions[row] ?? '');
  return {
    count: rows.length,
    keys: keys.join(SEPARATOR),
    ...(versions.some((version) => version !== '') ? { versions: versions.join(SEPARATOR) } : {}),
    usedCli: encodeNumbers(rows.map((row) => table.used.cli[row] ?? 0)),
    usedLsp: encodeNumbers(rows.map((row) => table.used.lsp[row] ?? 0)),
  };
}

/** The common columns of a table; null when they are not a whole, valid set. */
export function decodeRows(value: unknown): DecodedRows | null {
  if (!isObject(value)) return null;
  const { count } = value;
  const keys = splitColumn(value.keys, count);
  const versions = value.versions === undefined ? null : splitColumn(value.versions, count);
  const cli = decodeNumbers(value.usedCli, count);
  const lsp = decodeNumbers(value.usedLsp, count);
  if (!keys || (value.versions !== undefined && !versions) || !cli || !lsp) return null;
  return { count: keys.length, keys, versions, used: { cli, lsp } };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function joinColumn(values: readonly string[]): string {
  return values.join(SEPARATOR);
}

/** A column of `count` strings; null when it is not one. */
export function splitColumn(joined: unknown, count: unknown): string[] | null {
  if (typeof joined !== 'string' || typeof count !== 'number' || !Number.isInteger(count) || count < 0) return null;
  if (count === 0) return joined === '' ? [] : null;
  const values = joined.split(SEPARATOR);
  return values.length === count ? values : null;
}

export function encodeNumbers(values: ArrayLike<number>): Uint8Array {
  const numbers = Float64Array.from(values);
  const bytes = Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength);
  return LITTLE_ENDIAN ? bytes : Buffer.from(bytes).swap64();
}

/** `count` float64 from little-endian bytes (copied: msgpack's bytes need not be 8-byte aligned); null when the size is wrong. */
export function decodeNumbers(bytes: unknown, count: unknown): Float64Array | null {
  if (!(bytes instanceof Uint8Array) || typeof count !== 'number' || bytes.byteLength !== count * Float64Array.BYTES_PER_ELEMENT) return null;
  const numbers = new Float64Array(count);
  new Uint8Array(numbers.buffer).set(bytes);
  if (!LITTLE_ENDIAN) Buffer.from(numbers.buffer).swap64();
  return numbers;
}
