import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileStamp } from '../../engine/worker/contract.js';
import { hashFiles } from '../../engine/worker/hash-files.js';
import { applyHashChanges, makeHashBatch } from '../../engine/coordinate/hash-stamps.js';
import { ResultCache } from '../../engine/store/result-cache.js';
import { digest as hashBytes } from '../../engine/cache/digest.js';

const FAKE_HASH = 'not-the-real-hash-at-all';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'gauntlet-hash-'));
  // Where the file system's clock is read (engine/worker/fs-clock.ts).
  await mkdir(path.join(root, '.gauntlet'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(relative: string, content: string | Uint8Array): Promise<void> {
  const file = path.join(root, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

/** Each file's stamp after a pass: the new one where the worker lists a change, else the known one. */
function stampAll(requests: { path: string; known: FileStamp | null }[]): { path: string; stamp: FileStamp | null }[] {
  const known = { paths: requests.map((request) => request.path), known: requests.map((request) => request.known) };
  const after = applyHashChanges(known, hashFiles(root, makeHashBatch(known)), ResultCache.empty());
  return requests.map((request, index) => ({ path: request.path, stamp: after[index] ?? null }));
}

function stampOf(relative: string, known: FileStamp | null = null): FileStamp | null {
  const [result] = stampAll([{ path: relative, known }]);
  return result?.stamp ?? null;
}

/** What an earlier run would have stored for the file as it is now, with a hash that only a reuse returns. */
async function fakeKnown(relative: string, hashedAtOffsetMs: number): Promise<FileStamp> {
  const info = await stat(path.join(root, relative));
  return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, ctimeMs: info.ctimeMs, hash: FAKE_HASH, hashedAt: info.mtimeMs + hashedAtOffsetMs };
}

describe('hashFiles', () => {
  it('hashes content: equal bytes give equal hashes, whatever the path', async () => {
    await write('a.txt', 'same content\n');
    await write('deep/b.txt', 'same content\n');
    await write('c.txt', 'other content\n');
    const results = stampAll(['a.txt', 'deep/b.txt', 'c.txt'].map((p) => ({ path: p, known: null })));
    const [a, b, c] = results.map((result) => result.stamp?.hash);
    expect(a).toBeDefined();
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('gives the sha256 of the bytes, first 128 bits, base64url', async () => {
    const bytes = new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 37) % 256));
    await write('bin.dat', bytes);
    const expected = createHash('sha256').update(bytes).digest().subarray(0, 16).toString('base64url');
    expect(stampOf('bin.dat')?.hash).toBe(expected);
    expect(hashBytes(bytes)).toBe(expected);
    expect(expected).toHaveLength(22);
  });

  it("records the file's stat and when it was hashed, by the file system's clock", async () => {
    await write('a.txt', 'hello');
    // The kernel stamps files from a coarse clock, a tick or so behind Date.now().
    const before = Date.now() - 50;
    const stamp = stampOf('a.txt');
    const info = await stat(path.join(root, 'a.txt'));
    expect(stamp).toEqual({ size: 5, mtimeMs: info.mtimeMs, ino: info.ino, ctimeMs: info.ctimeMs, hash: hashBytes('hello'), hashedAt: expect.any(Number) as number });
    expect(stamp?.hashedAt).toBeGreaterThanOrEqual(before);
    // File times have nanoseconds; Date.now() whole milliseconds.
    expect(stamp?.hashedAt).toBeLessThan(Date.now() + 1);
    expect(stamp?.hashedAt).toBeGreaterThanOrEqual(info.mtimeMs);
  });

  it('without a state folder to read the clock in, counts files written in the last 2 s as racily clean', async () => {
    await rm(path.join(root, '.gauntlet'), { recursive: true });
    await write('a.txt', 'hello');
    const stamp = stampOf('a.txt');
    expect(stamp?.hashedAt).toBeLessThanOrEqual(Date.now() - 1_900);
    // Written just now: the stamp cannot vouch for it, so the next pass reads it again.
    const known = { ...(stamp as FileStamp), hash: FAKE_HASH };
    expect(stampOf('a.txt', known)?.hash).toBe(hashBytes('hello'));
  });

  it('stamps a symbolic link by its text, and passes it on only when it leads to a file', async () => {
    await write('target.txt', 'content');
    await symlink('target.txt', path.join(root, 'link.txt'));
    await mkdir(path.join(root, 'folder'));
    await symlink('folder', path.join(root, 'to-folder'));
    const outside = await mkdtemp(path.join(tmpdir(), 'gauntlet-outside-'));
    try {
      await writeFile(path.join(outside, 'secret.txt'), 'outside');
      await symlink(path.join(outside, 'secret.txt'), path.join(root, 'outside.txt'));
      const link = stampOf('link.txt');
      expect(link?.hash).toBe(`link:${hashBytes('target.txt')}`);
      expect(stampOf('outside.txt')?.hash).toBe(`link:${hashBytes(path.join(outside, 'secret.txt'))}`);
      expect(stampOf('to-folder')).toBeNull();
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('keeps a known hash, unread, while the stat matches and the file is older than the hash', async () => {
    await write('a.txt', 'content');
    const known = await fakeKnown('a.txt', 1_000);
    expect(stampOf('a.txt', known)).toEqual(known);
  });

  it('re-reads a racily clean file: one modified in the very millisecond it was hashed, or later', async () => {
    await write('a.txt', 'content');
    for (const offset of [0, -0.5, -1_000]) {
      const stamp = stampOf('a.txt', await fakeKnown('a.txt', offset));
      expect(stamp?.hash).toBe(hashBytes('content'));
    }
  });

  it('re-reads a file whose mtime has a fraction of a millisecond past the hash time', async () => {
    await write('a.txt', 'content');
    const file = path.join(root, 'a.txt');
    // mtime 1000.5 ms past the epoch second, hash taken at 1000 ms: the write may have followed it.
    await utimes(file, 1_700_000_000.5005, 1_700_000_000.5005);
    const info = await stat(file);
    const known: FileStamp = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, ctimeMs: info.ctimeMs, hash: FAKE_HASH, hashedAt: Math.floor(info.mtimeMs) };
    expect(stampOf('a.txt', known)?.hash).toBe(hashBytes('content'));
  });

  it.each<[string, (known: FileStamp) => FileStamp]>([
    ['size', (known) => ({ ...known, size: known.size + 1 })],
    ['mtime', (known) => ({ ...known, mtimeMs: known.mtimeMs - 1 })],
    ['inode', (known) => ({ ...known, ino: known.ino + 1 })],
    ['ctime', (known) => ({ ...known, ctimeMs: known.ctimeMs - 1 })],
  ])('re-reads a file whose %s differs from the known stamp', async (_field, change) => {
    await write('a.txt', 'content');
    const known = change(await fakeKnown('a.txt', 1_000));
    const stamp = stampOf('a.txt', known);
    expect(stamp?.hash).toBe(hashBytes('content'));
    expect(stamp?.hashedAt).not.toBe(known.hashedAt);
  });

  it('notices a rewrite with the same size, given a new mtime', async () => {
    await write('a.txt', 'aaaa');
    const first = stampOf('a.txt');
    await write('a.txt', 'bbbb');
    const file = path.join(root, 'a.txt');
    const later = new Date(Date.now() + 5_000);
    await utimes(file, later, later);
    expect(stampOf('a.txt', first)?.hash).toBe(hashBytes('bbbb'));
  });

  it('gives a null stamp for a missing file, a folder, or a dangling link', async () => {
    await mkdir(path.join(root, 'folder'));
    await symlink(path.join(root, 'nowhere'), path.join(root, 'dangling'));
    await write('ok.txt', 'ok');
    const results = stampAll([
      { path: 'missing.txt', known: null },
      { path: 'gone.txt', known: { size: 1, mtimeMs: 1, ino: 1, ctimeMs: 1, hash: FAKE_HASH, hashedAt: Date.now() } },
      { path: 'folder', known: null },
      { path: 'dangling', known: null },
      { path: 'ok.txt', known: null },
    ]);
    expect(results.map((result) => [result.path, result.stamp === null])).toEqual([
      ['missing.txt', true],
      ['gone.txt', true],
      ['folder', true],
      ['dangling', true],
      ['ok.txt', false],
    ]);
  });

  it('answers many files in request order', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `f${String(i).padStart(2, '0')}.txt`);
    await Promise.all(names.map((name, i) => write(name, `file ${i}`)));
    const results = stampAll([...names].reverse().map((name) => ({ path: name, known: null })));
    expect(results.map((result) => result.path)).toEqual([...names].reverse());
    expect(results.map((result) => result.stamp?.hash)).toEqual([...names].reverse().map((name) => hashBytes(`file ${names.indexOf(name)}`)));
  });

  it('answers an empty request with nothing', () => {
    expect(hashFiles(root, makeHashBatch({ paths: [], known: [] }))).toEqual([]);
  });

  it('lists only the files whose known stamp no longer holds, by their index in the batch', async () => {
    await write('same.txt', 'same');
    await write('edited.txt', 'before');
    await write('new.txt', 'new');
    const same = await fakeKnown('same.txt', 1_000);
    const edited = await fakeKnown('edited.txt', 1_000);
    await write('edited.txt', 'after, longer');
    const changes = hashFiles(root, makeHashBatch({ paths: ['same.txt', 'edited.txt', 'new.txt', 'gone.txt'], known: [same, edited, null, same] }));
    expect(changes.map(([index, stamp]) => [index, stamp?.hash ?? null])).toEqual([
      [1, hashBytes('after, longer')],
      [2, hashBytes('new')],
      [3, null],
    ]);
  });
});
