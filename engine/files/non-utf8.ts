import { isUtf8 } from 'node:buffer';

/**
 * A file git lists whose name is not valid UTF-8. Node passes argv as UTF-8 text, so no
 * hook can be given it: a hook that would check it must say so rather than pass.
 */
export interface NonUtf8File {
  /** The name with U+FFFD for each invalid byte: what globs are matched against. */
  path: string;
  /** The name with each invalid byte written as `\xNN`: what messages show. */
  shown: string;
}

/** The files of a listing: names a hook can be given, and those it cannot. Both sorted. */
export interface FileListing {
  files: string[];
  nonUtf8: NonUtf8File[];
}

/** The longest UTF-8 encoding of one character. */
const MAX_CHAR_BYTES = 4;

/** The bytes as text, each byte that is not part of a valid UTF-8 character written as `\xNN`. */
export function escapeInvalidBytes(bytes: Uint8Array): string {
  let text = '';
  let runStart = 0;
  let at = 0;
  while (at < bytes.length) {
    const size = measureCharAt(bytes, at);
    if (size > 0) {
      at += size;
      continue;
    }
    const byte = bytes[at] ?? 0;
    text += `${decodeUtf8(bytes.subarray(runStart, at))}\\x${byte.toString(16).padStart(2, '0')}`;
    at += 1;
    runStart = at;
  }
  return text + decodeUtf8(bytes.subarray(runStart));
}

/** A name from git: its text when it is UTF-8, else what a hook report needs to name it. */
export function decodeName(bytes: Uint8Array): { path: string; nonUtf8: NonUtf8File | null } {
  const path = decodeUtf8(bytes);
  return { path, nonUtf8: isUtf8(bytes) ? null : { path, shown: escapeInvalidBytes(bytes) } };
}

/** Orders non-UTF-8 files as file lists are ordered, by the name globs see, then as shown. */
export function compareNonUtf8(a: NonUtf8File, b: NonUtf8File): number {
  return compareText(a.path, b.path) || compareText(a.shown, b.shown);
}

// Bytes of the valid character starting at `at`, 0 when none does (an invalid or stray byte).
function measureCharAt(bytes: Uint8Array, at: number): number {
  for (let size = 1; size <= MAX_CHAR_BYTES && at + size <= bytes.length; size += 1) {
    if (isUtf8(bytes.subarray(at, at + size))) return size;
  }
  return 0;
}

function decodeUtf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
