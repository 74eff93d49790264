import { Packr } from 'msgpackr';
import { readRegularFile } from './read-regular.js';
import { loadStateSecret, signPayload, verifyPayload } from './state-secret.js';
import { writeFileAtomic, type WriteAtomicOptions } from './write-atomic.js';

// Plain msgpack maps (no record extension) so the files stay readable by any msgpack tool.
const PACKR = new Packr({ useRecords: false, mapsAsObjects: true });

// Keeps a foreign file's `kind` from stretching a one-line warning.
const MAX_KIND_IN_MESSAGE = 40;

/**
 * Largest state file read unless a store says otherwise: profiles, the config cache and the
 * trust store hold kilobytes; a few MiB leaves room and still bounds what a planted file costs.
 */
export const DEFAULT_MAX_STATE_BYTES = 8 * 1_024 * 1_024;

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
  /** Largest file read; a larger one is a warning, unread. Defaults to DEFAULT_MAX_STATE_BYTES. */
  maxBytes?: number;
}

const DEFAULT_FALLBACK = 'ignoring it (it is rewritten on the next save)';

/**
 * Reads a msgpack file whose top level is `{ kind, version, mac, data }`: `data` is the msgpack
 * of the value, `mac` its HMAC under the user's secret (see state-secret.ts), and validates the
 * value. A missing file is no value and no warning; anything else that is not a regular file of
 * bounded size written by gauntlet for this user (a link, a FIFO, a device, truncated, not msgpack,
 * another kind or version, a MAC that does not verify, failing validation) is no value and a
 * one-line warning. Never throws, never blocks on what it opens.
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

  const read = await readRegularFile(path, options.maxBytes ?? DEFAULT_MAX_STATE_BYTES);
  if (!read.ok) return read.code === 'ENOENT' ? { value: null, warning: null } : warn(read.problem);

  let decoded: unknown;
  try {
    decoded = PACKR.unpack(read.bytes);
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

  let secret: Buffer;
  try {
    secret = await loadStateSecret();
  } catch (error) {
    return warn(`cannot be checked (${(error as Error).message})`);
  }
  const { mac, data } = decoded;
  if (!(mac instanceof Uint8Array) || !(data instanceof Uint8Array) || !verifyPayload(secret, expectedKind, version, data, mac)) {
    return warn('not written by gauntlet for this user; ignored');
  }

  let value: T | null;
  try {
    value = validate(PACKR.unpack(data));
  } catch {
    value = null;
  }
  return value === null ? warn('invalid contents') : { value, warning: null };
}

/** Writes `value` atomically as a msgpack file `{ kind, version, mac, data }`, signed with the user's secret. */
export async function writeVersioned(path: string, kind: string, version: number, value: unknown, options: WriteAtomicOptions = {}): Promise<void> {
  // Copy: Packr returns a view into a buffer it reuses for later packs (Buffer#slice would not copy).
  const data = new Uint8Array(PACKR.pack(value));
  const mac = signPayload(await loadStateSecret(), kind, version, data);
  const bytes = new Uint8Array(PACKR.pack({ kind, version, mac, data }));
  await writeFileAtomic(path, bytes, options);
}

interface Envelope {
  kind: string;
  version: number;
  mac?: unknown;
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
