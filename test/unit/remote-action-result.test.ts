import { describe, expect, it } from 'vitest';
import { decodeActionResult, encodeActionResult, type BlobDigest } from '../../engine/remote/action-result.js';

const HASH = 'ab'.repeat(32);

/** A protobuf varint, written by hand so that the decoder is checked against bytes it did not make. */
function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  return [...bytes, rest];
}

/** A length-delimited field (wire type 2). */
function lengthField(number: number, body: readonly number[]): number[] {
  return [...varint(number * 8 + 2), ...varint(body.length), ...body];
}

/** A Digest message: hash (field 1), size_bytes (field 2). */
function digestMessage(hash: string, size: number): number[] {
  return [...lengthField(1, [...Buffer.from(hash, 'latin1')]), ...varint(2 * 8), ...varint(size)];
}

/** An ActionResult whose stdout_digest (field 6) names `hash`, after `before` and followed by `after`. */
function actionResult(hash: string, size: number, before: number[] = [], after: number[] = []): Buffer {
  return Buffer.from([...before, ...lengthField(6, digestMessage(hash, size)), ...after]);
}

describe('the ActionResult of an action-cache entry', () => {
  it.each<[string, BlobDigest, 0 | 1]>([
    ['an empty blob', { hash: HASH, size: 0 }, 0],
    ['a one-byte varint size', { hash: HASH, size: 127 }, 0],
    ['a two-byte varint size', { hash: HASH, size: 128 }, 1],
    ['a failed verdict', { hash: 'f'.repeat(64), size: 300 }, 1],
    ['a size past 32 bits', { hash: '0123456789abcdef'.repeat(4), size: 2 ** 32 + 5 }, 0],
  ])('reads back the digest it wrote for %s', (_what, digest, exitCode) => {
    expect(decodeActionResult(encodeActionResult(digest, exitCode))).toEqual(digest);
  });

  it('writes exit_code only for a failed verdict, as Bazel leaves a zero out', () => {
    const passed = encodeActionResult({ hash: HASH, size: 10 }, 0);
    const failed = encodeActionResult({ hash: HASH, size: 10 }, 1);
    expect([...failed]).toEqual([4 * 8, 1, ...passed]);
    expect([...passed]).toEqual(lengthField(6, digestMessage(HASH, 10)));
  });

  it.each<[string, number[], number[]]>([
    ['a varint field', [...varint(4 * 8), 1], []],
    ['a 64-bit field', [...varint(9 * 8 + 1), 1, 2, 3, 4, 5, 6, 7, 8], []],
    ['a 32-bit field', [], [...varint(10 * 8 + 5), 1, 2, 3, 4]],
    ['another message', [], lengthField(7, digestMessage('cd'.repeat(32), 3))],
  ])('skips %s another server wrote beside stdout_digest', (_what, before, after) => {
    expect(decodeActionResult(actionResult(HASH, 42, before, after))).toEqual({ hash: HASH, size: 42 });
  });

  it('takes the last stdout_digest when the field is repeated, as protobuf does', () => {
    const first = lengthField(6, digestMessage('cd'.repeat(32), 1));
    expect(decodeActionResult(actionResult(HASH, 2, first))).toEqual({ hash: HASH, size: 2 });
  });

  it.each<[string, Uint8Array]>([
    ['no bytes', Buffer.alloc(0)],
    ['text', Buffer.from('<html>not found</html>')],
    ['no stdout_digest', Buffer.from([...varint(4 * 8), 1])],
    ['stdout_digest as a number', Buffer.from([...varint(6 * 8), 5])],
    ['a digest without hash', Buffer.from(lengthField(6, [...varint(2 * 8), 3]))],
    ['a hash in capitals', actionResult('AB'.repeat(32), 1)],
    ['a hash one digit short', actionResult('a'.repeat(63), 1)],
    ['a hash that is not hex', actionResult('g'.repeat(64), 1)],
    ['a size given as bytes', Buffer.from(lengthField(6, [...lengthField(1, [...Buffer.from(HASH)]), ...lengthField(2, [1])]))],
    ['a cut-off message', actionResult(HASH, 300).subarray(0, 40)],
    ['a varint that never ends', Buffer.from([...lengthField(6, digestMessage(HASH, 1)), 0x80, 0x80])],
    ['a length past the end', Buffer.from([...varint(6 * 8 + 2), 100, 1, 2])],
    ['a group (wire type 3)', Buffer.from([...lengthField(6, digestMessage(HASH, 1)), ...varint(5 * 8 + 3)])],
    ['a 64-bit field cut short', Buffer.from([...lengthField(6, digestMessage(HASH, 1)), ...varint(9 * 8 + 1), 1, 2])],
  ])('gives null for %s', (_what, bytes) => {
    expect(decodeActionResult(bytes)).toBeNull();
  });
});
