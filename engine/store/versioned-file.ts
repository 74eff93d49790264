import { readFile } from 'node:fs/promises';
import { Packr } from 'msgpackr';
import { writeFileAtomic } from './write-atomic.js';

// Plain msgpack maps (no record extension) so the files stay readable by any msgpack tool.
const PACKR = new Packr({ useRecords: false, mapsAsObjects: true });

// Keeps a foreign file's `kind` from stretching a one-line warning.
const MAX_KIND_IN_MESSAGE = 40;

/** What `readVersioned` found: the value, or null with a one-line warning (none when the file is missing). */
export interface VersionedRead<T> {
  value: T | null;
  warning: string | null;
}

/** How warnings about a bad file read. */
export interface VersionedReadOptions {
  /** Name of the file in warnings, e.g. `.gauntlet/profiles.msgpack`; defaults to the path. */
  label?: string;
  /** What gauntlet does instead, e.g. `starting with an empty profile`. */
  fallback?: string;
}

const DEFAULT_FALLBACK = 'ignoring it (it is rewritten on the next save)';

/**
 * Reads a msgpack file whose top level is `{ kind, version, data }` and validates `data`.
 * A missing file is no value and no warning; any bad content (truncated, not msgpack, another
 * kind, another version, failing validation) is no value and a one-line warning. Never throws.
 */
export async function readVersioned<T>(
  path: string,
  expectedKind: string,
  version: number,
  validate: (data: unknown) => T | null,
  options: VersionedReadOptions = {},
): Promise<VersionedRead<T>> {
  const label = options.label ?? path;
  const fallback = options.fallback ?? DEFAULT_FALLBACK;
  const warn = (problem: string): VersionedRead<T> => ({ value: null, warning: `${label}: ${problem}; ${fallback}` });

  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = readErrorCode(error);
    if (code === 'ENOENT') return { value: null, warning: null };
    return warn(`cannot be read (${code ?? 'unknown error'})`);
  }

  let decoded: unknown;
  try {
    decoded = PACKR.unpack(bytes);
  } catch {
    return warn('unreadable (truncated or not a gauntlet file)');
  }

  if (!isEnvelope(decoded)) return warn('not a gauntlet file');
  if (decoded.kind !== expectedKind) {
    return warn(`holds ${quoteKind(decoded.kind)} data, not ${quoteKind(expectedKind)}`);
  }
  if (decoded.version !== version) {
    return warn(`written in format version ${decoded.version}, this gauntlet reads version ${version}`);
  }

  let value: T | null;
  try {
    value = validate(decoded.data);
  } catch {
    value = null;
  }
  return value === null ? warn('invalid contents') : { value, warning: null };
}

/** Writes `value` atomically as a msgpack file `{ kind, version, data: value }`. */
export async function writeVersioned(path: string, kind: string, version: number, value: unknown): Promise<void> {
  // Copy: Packr returns a view into a buffer it reuses for later packs (Buffer#slice would not copy).
  const bytes = new Uint8Array(PACKR.pack({ kind, version, data: value }));
  await writeFileAtomic(path, bytes);
}

interface Envelope {
  kind: string;
  version: number;
  data: unknown;
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record.kind === 'string' && typeof record.version === 'number' && 'data' in record;
}

function quoteKind(kind: string): string {
  const short = kind.length > MAX_KIND_IN_MESSAGE ? `${kind.slice(0, MAX_KIND_IN_MESSAGE)}…` : kind;
  // JSON quoting escapes newlines, so the warning stays on one line.
  return JSON.stringify(short);
}

function readErrorCode(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}
