import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { decodeBlob, encodeBlob, type RemoteBlob } from '../../engine/remote/remote-entry.js';
import type { CachedDiagnostic } from '../../engine/store/cache-data.js';

const FORMAT = 'gauntlet-remote/1';
const packr = new Packr({ useRecords: false, mapsAsObjects: true });
const GOOD: CachedDiagnostic = ['src/a.py', 3, 5, 3, 9, 'error', 'E501', 'line too long'];

/** Blob bytes as another writer might send them: plain msgpack of any value. */
function pack(value: unknown): Buffer {
  return packr.pack(value);
}

/** A blob of one result holding one diagnostic, with `field` of that diagnostic set to `value`. */
function withDiagnosticField(field: number, value: unknown): Buffer {
  const diagnostic: unknown[] = [...GOOD];
  diagnostic[field] = value;
  return pack([FORMAT, 'key', [['sub', false, [diagnostic]]]]);
}

describe('the blob of a remote cache entry', () => {
  it('reads back the results it wrote, in order, nulls and all', () => {
    const blob: RemoteBlob = {
      key: 'f'.repeat(64),
      results: new Map([
        ['first', { ok: false, diagnostics: [GOOD, ['src/b.py', 0, null, null, null, 'hint', null, '']] }],
        ['second', { ok: true, diagnostics: [] }],
        ['third', { ok: false, diagnostics: [['notes/ü ä.md', 1, null, null, null, 'info', 'x', 'non-ASCII: ✓']] }],
      ]),
    };
    const decoded = decodeBlob(encodeBlob(blob));
    expect(decoded).toEqual(blob);
    expect([...(decoded?.results.keys() ?? [])]).toEqual(['first', 'second', 'third']);
  });

  it('reads a blob without results (a bucket of no file is never written, but is well formed)', () => {
    expect(decodeBlob(encodeBlob({ key: 'k', results: new Map() }))).toEqual({ key: 'k', results: new Map() });
  });

  it('is plain msgpack of [format, key, [[subKey, ok, diagnostics]]], so another writer can make one', () => {
    expect(decodeBlob(pack([FORMAT, 'k', [['s', true, []]]]))).toEqual({ key: 'k', results: new Map([['s', { ok: true, diagnostics: [] }]]) });
  });

  it.each<[string, Uint8Array]>([
    ['no bytes', Buffer.alloc(0)],
    ['bytes that are not msgpack', Buffer.from([0xc1])],
    ['an HTML page', Buffer.from('<html><body>Sign in</body></html>')],
    ['a string', pack('gauntlet-remote/1')],
    ['a map', pack({ format: FORMAT, key: 'k', results: [] })],
    ['another format', pack(['gauntlet-remote/2', 'k', []])],
    ['four parts', pack([FORMAT, 'k', [], 'extra'])],
    ['a key that is a number', pack([FORMAT, 7, []])],
    ['results that are a map', pack([FORMAT, 'k', { s: [true, []] }])],
    ['a result of two parts', pack([FORMAT, 'k', [['s', true]]])],
    ['a sub-key that is a number', pack([FORMAT, 'k', [[1, true, []]]])],
    ['ok as a number', pack([FORMAT, 'k', [['s', 1, []]]])],
    ['diagnostics that are a string', pack([FORMAT, 'k', [['s', true, 'none']]])],
    ['a diagnostic of seven fields', pack([FORMAT, 'k', [['s', false, [GOOD.slice(0, 7)]]]])],
    ['a diagnostic that is a map', pack([FORMAT, 'k', [['s', false, [{ file: 'a.py', line: 1 }]]]])],
  ])('rejects %s', (_what, bytes) => {
    expect(decodeBlob(bytes)).toBeNull();
  });

  it.each<[string, number, unknown]>([
    ['an absolute path', 0, '/etc/passwd'],
    ['a path going up first', 0, '../outside.py'],
    ['a path going up in the middle', 0, 'src/../../outside.py'],
    ['a path that is ..', 0, '..'],
    ['an empty path', 0, ''],
    ['a path with a NUL byte', 0, 'a.py\0b'],
    ['a path that is a number', 0, 42],
    ['a negative line', 1, -1],
    ['a fractional line', 1, 1.5],
    ['a line that is missing', 1, null],
    ['a column that is a string', 2, '5'],
    ['a negative end line', 3, -2],
    ['an end column that is a float', 4, 0.5],
    ['a severity it does not know', 5, 'fatal'],
    ['a code that is a number', 6, 501],
    ['a message that is null', 7, null],
  ])('rejects a whole blob for one diagnostic with %s', (_what, field, value) => {
    expect(decodeBlob(withDiagnosticField(field, value))).toBeNull();
  });

  it.each<[string, string]>([
    ['a name with dots', 'src/a..b.py'],
    ['a name starting with dots', '..hidden/x.py'],
    ['a nested path', 'a/b/c/d.py'],
  ])('accepts a diagnostic on %s, which stays inside the repository', (_what, file) => {
    expect(decodeBlob(withDiagnosticField(0, file))?.results.get('sub')?.diagnostics[0]?.[0]).toBe(file);
  });
});
