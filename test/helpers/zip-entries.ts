import { inflateRawSync } from 'node:zlib';

const END_SIGNATURE = 0x06_05_4b_50;
const CENTRAL_SIGNATURE = 0x02_01_4b_50;
const LOCAL_SIGNATURE = 0x04_03_4b_50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xff_ff;
const STORED = 0;
const DEFLATED = 8;

/**
 * The files of a zip archive (a .vsix), by name, read from its central directory: enough for
 * tests to look inside a package without an unzip program. Stored and deflated entries only.
 */
export function readZipEntries(zip: Buffer): Map<string, Buffer> {
  const end = findEndRecord(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new Error(`not a zip central directory entry at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (zip.readUInt32LE(localAt) !== LOCAL_SIGNATURE) throw new Error(`not a zip local header for ${name}`);
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    const data = zip.subarray(dataAt, dataAt + compressedSize);
    if (method !== STORED && method !== DEFLATED) throw new Error(`${name}: zip method ${method} is not read here`);
    entries.set(name, method === STORED ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndRecord(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - END_RECORD_BYTES - MAX_COMMENT_BYTES);
  for (let at = zip.length - END_RECORD_BYTES; at >= lowest; at--) if (zip.readUInt32LE(at) === END_SIGNATURE) return at;
  throw new Error('not a zip archive: no end of central directory');
}
