import { constants } from 'node:fs';
import { open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Packr } from 'msgpackr';
import { CACHE_VERSION } from './cache-data.js';
import { readRegularFile } from './read-regular.js';
import { loadStateSecret, signPayload, verifyPayload } from './state-secret.js';

// Plain msgpack maps, as the other state files (versioned-file.ts).
const PACKR = new Packr({ useRecords: false, mapsAsObjects: true });
const JOURNAL_KIND = 'gauntlet-cache-journal';
/** Each frame is preceded by its length. */
const LENGTH_BYTES = 4;
/** The journal of the base file with this id: a new base file starts a new journal, and no frame is applied to another base. */
const JOURNAL_NAME = /^cache\.[\w-]+\.journal$/;

export function resolveJournalPath(stateDir: string, baseId: string): string {
  return join(stateDir, `cache.${baseId}.journal`);
}

/** What a journal holds past an offset: its frames' values, where the last whole one ends, and whether bytes after it are damaged. */
export interface JournalRead {
  frames: unknown[];
  end: number;
  damaged: boolean;
}

/**
 * Reads a journal's frames from `offset`: each signed with the user's secret (as every state
 * file is), so a planted one is damage, never data. A frame cut short (a process killed while
 * appending) ends the journal there. A missing journal has no frames.
 */
export async function readJournal(path: string, offset: number, maxBytes: number): Promise<JournalRead> {
  const read = await readRegularFile(path, maxBytes);
  if (!read.ok) return { frames: [], end: offset, damaged: read.code !== 'ENOENT' };
  const { bytes } = read;
  if (bytes.length < offset) return { frames: [], end: offset, damaged: true };
  const secret = await loadStateSecret();
  const frames: unknown[] = [];
  let at = offset;
  while (at + LENGTH_BYTES <= bytes.length) {
    const length = bytes.readUInt32LE(at);
    const next = at + LENGTH_BYTES + length;
    if (next > bytes.length) break;
    const frame = unpackFrame(secret, bytes.subarray(at + LENGTH_BYTES, next));
    if (frame === undefined) break;
    frames.push(frame);
    at = next;
  }
  return { frames, end: at, damaged: at !== bytes.length };
}

/** The bytes of a frame, with its length in front, ready to append. */
export async function packFrame(frame: unknown): Promise<Buffer> {
  const data = new Uint8Array(PACKR.pack(frame));
  const mac = signPayload(await loadStateSecret(), JOURNAL_KIND, CACHE_VERSION, data);
  const body = PACKR.pack({ mac, data });
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32LE(body.length);
  return Buffer.concat([length, body]);
}

/** Appends a frame and waits until it is on disk; never through a link. */
export async function appendFrame(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o666);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes the journals in the state folder but the one named (all of them when null). */
export async function removeJournals(stateDir: string, keep: string | null): Promise<void> {
  const names = await readdir(stateDir).catch(() => []);
  const doomed = names.filter((name) => JOURNAL_NAME.test(name) && join(stateDir, name) !== keep);
  await Promise.all(doomed.map((name) => rm(join(stateDir, name), { force: true })));
}

function unpackFrame(secret: Buffer, body: Uint8Array): unknown {
  try {
    const envelope: unknown = PACKR.unpack(body);
    if (typeof envelope !== 'object' || envelope === null) return undefined;
    const { mac, data } = envelope as { mac?: unknown; data?: unknown };
    if (!(mac instanceof Uint8Array) || !(data instanceof Uint8Array) || !verifyPayload(secret, JOURNAL_KIND, CACHE_VERSION, data, mac)) return undefined;
    return PACKR.unpack(data) as unknown;
  } catch {
    return undefined;
  }
}
