/**
 * The action cache's entries as Bazel's remote-execution API defines them: an `ActionResult`
 * protobuf (build/bazel/remote/execution/v2/remote_execution.proto) whose `stdout_digest`
 * names the CAS blob holding gauntlet's result. Servers such as bazel-remote check that what
 * is stored under /ac/ is one; nginx and object stores take anything. Only the two fields
 * gauntlet uses are written, and only `stdout_digest` is read: no protobuf library is needed.
 */

/** A CAS blob's address: its sha256 in lowercase hex and its size. */
export interface BlobDigest {
  hash: string;
  size: number;
}

const WIRE_VARINT = 0;
const WIRE_64BIT = 1;
const WIRE_LENGTH = 2;
const WIRE_32BIT = 5;
/** ActionResult.exit_code, ActionResult.stdout_digest, Digest.hash, Digest.size_bytes. */
const FIELD_EXIT_CODE = 4;
const FIELD_STDOUT_DIGEST = 6;
const FIELD_HASH = 1;
const FIELD_SIZE = 2;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** An ActionResult pointing at `digest`; `exitCode` 1 records a failed verdict, as a build would. */
export function encodeActionResult(digest: BlobDigest, exitCode: 0 | 1): Buffer {
  const digestBytes = Buffer.concat([field(FIELD_HASH, WIRE_LENGTH), varint(digest.hash.length), Buffer.from(digest.hash, 'latin1'), field(FIELD_SIZE, WIRE_VARINT), varint(digest.size)]);
  const parts = exitCode === 0 ? [] : [field(FIELD_EXIT_CODE, WIRE_VARINT), varint(exitCode)];
  return Buffer.concat([...parts, field(FIELD_STDOUT_DIGEST, WIRE_LENGTH), varint(digestBytes.length), digestBytes]);
}

/** The blob an ActionResult's `stdout_digest` names; null when the bytes are not such a message. */
export function decodeActionResult(bytes: Uint8Array): BlobDigest | null {
  const digest = readFields(bytes).get(FIELD_STDOUT_DIGEST);
  if (!(digest instanceof Uint8Array)) return null;
  const inner = readFields(digest);
  const hash = inner.get(FIELD_HASH);
  const size = inner.get(FIELD_SIZE) ?? 0;
  if (!(hash instanceof Uint8Array) || typeof size !== 'number') return null;
  const text = Buffer.from(hash).toString('latin1');
  return SHA256_HEX.test(text) ? { hash: text, size } : null;
}

function field(number: number, wire: number): Buffer {
  return varint(number * 8 + wire);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** The last value of each field (numbers for varints, bytes for length-delimited); empty when malformed. */
function readFields(bytes: Uint8Array): Map<number, number | Uint8Array> {
  const fields = new Map<number, number | Uint8Array>();
  let at = 0;
  const readVarint = (): number | null => {
    let value = 0;
    for (let scale = 1; at < bytes.length && scale < 2 ** 63; scale *= 0x80) {
      const byte = bytes[at++] ?? 0;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
    }
    return null;
  };
  while (at < bytes.length) {
    const key = readVarint();
    if (key === null) return new Map();
    const wire = key % 8;
    const number = Math.floor(key / 8);
    if (wire === WIRE_VARINT) {
      const value = readVarint();
      if (value === null) return new Map();
      fields.set(number, value);
    } else if (wire === WIRE_LENGTH) {
      const length = readVarint();
      if (length === null || at + length > bytes.length) return new Map();
      fields.set(number, bytes.subarray(at, at + length));
      at += length;
    } else if (wire === WIRE_64BIT || wire === WIRE_32BIT) {
      at += wire === WIRE_64BIT ? 8 : 4;
      if (at > bytes.length) return new Map();
    } else {
      return new Map();
    }
  }
  return fields;
}
