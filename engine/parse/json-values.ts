/** Readers for untrusted JSON values: each returns null for anything of the wrong shape, never throws. */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The records of a list, skipping anything else; [] when it is not a list. */
export function readRecords(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** The record at `index` of a list (indices count every item, records or not); null when there is none. */
export function readRecordAt(list: unknown, index: number | null): JsonRecord | null {
  if (!Array.isArray(list) || index === null || index < 0) return null;
  const item: unknown = list[index];
  return isRecord(item) ? item : null;
}

/** An integer from a number or a digits-only string, shifted by `offset` (1 for 0-based tools); null otherwise. */
export function readInteger(value: unknown, offset = 0): number | null {
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) number = Number(value);
  else return null;
  return Number.isSafeInteger(number) ? number + offset : null;
}

/** A non-empty string, or a number written as text; null otherwise. */
export function readText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Splits a dotted path (`location.row`, `errorRange.0`); throws when a segment is empty. */
export function splitPath(path: string): string[] {
  const segments = path.split('.');
  if (segments.some((segment) => segment === '')) {
    throw new Error(`"${path}" is not a dotted path (write names separated by single dots, like location.row)`);
  }
  return segments;
}

/** Follows path segments through records and lists (a digits segment indexes a list); undefined when any step is missing. */
export function readPath(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    // Own properties only: "constructor" must not read Object's.
    else if (isRecord(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}
