import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack } from 'msgpackr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileStamp } from '../../protocol/hash.js';
import { ResultCache, resolveCachePath, type CacheEntry } from '../../engine/store/result-cache.js';
import { writeVersioned } from '../../engine/store/versioned-file.js';
import { ensureStateDir } from '../../engine/store/write-atomic.js';

const LABEL = '.gauntlet/cache.msgpack';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gauntlet-result-cache-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const PASSED: CacheEntry = { ok: true, diagnostics: [] };
const FAILED: CacheEntry = {
  ok: false,
  diagnostics: [
    ['src/a.py', 3, 5, 3, 9, 'error', 'E501', 'line too long'],
    ['src/a.py', 7, null, null, null, 'warning', null, 'unused import'],
  ],
};

function stampOf(hash: string, overrides: Partial<FileStamp> = {}): FileStamp {
  return { size: 12, mtimeMs: 1_700_000_000_123.25, ino: 4242, hash, hashedAt: 1_700_000_000_500, ...overrides };
}

async function loadCache(): Promise<ResultCache> {
  const { cache, warning } = await ResultCache.load(root);
  expect(warning).toBeNull();
  return cache;
}

let otherRuns = 0;
/** Loads and saves the cache `runs` times, each learning a result of its own and using no other entry. */
async function runIdle(runs: number): Promise<void> {
  for (let i = 0; i < runs; i++) {
    const cache = await loadCache();
    cache.set(`other-${(otherRuns += 1)}`, PASSED);
    await cache.save(root);
  }
}

/** An entry as callers see it, without the cache's own bookkeeping fields. */
function entryOf(cache: ResultCache, key: string): CacheEntry | null {
  const entry = cache.get(key);
  return entry && { ok: entry.ok, diagnostics: entry.diagnostics };
}

async function writeCacheBytes(bytes: Uint8Array): Promise<void> {
  await ensureStateDir(root);
  await writeFile(resolveCachePath(root), bytes);
}

function expectOneLineWarning(warning: string | null): void {
  expect(warning).not.toBeNull();
  const text = warning ?? '';
  expect(text).not.toContain('\n');
  expect(text.startsWith(`${LABEL}: `)).toBe(true);
  expect(text).toContain('starting with an empty cache');
}

async function expectEmptyAfterWarning(): Promise<void> {
  const { cache, warning } = await ResultCache.load(root);
  expectOneLineWarning(warning);
  expect(cache.get('anything')).toBeNull();
  expect(cache.stats()).toMatchObject({ entries: 0, files: 0 });
}

describe('ResultCache round trip', () => {
  it('starts empty and without a warning when there is no cache file', async () => {
    const { cache, warning } = await ResultCache.load(root);
    expect(warning).toBeNull();
    expect(cache.get('key')).toBeNull();
    expect(cache.stamp('a.py')).toBeNull();
    expect(cache.stats()).toEqual({ entries: 0, files: 0, runs: 1, lastHits: 0, lastLookups: 0 });
  });

  it('reads back the entries and file stamps it saved, diagnostics included', async () => {
    const cache = await loadCache();
    cache.set('pass', PASSED);
    cache.set('fail', FAILED);
    cache.setStamp('src/a.py', stampOf('hash-a'));
    cache.setStamp('b.txt', stampOf('hash-b', { size: 0, ino: 7 }));
    // Sub-millisecond mtimes and inodes past 32 bits survive as they are.
    cache.setStamp('dir with space/c.md', stampOf('hash-c', { mtimeMs: 1_700_000_000_123.456, ino: 2 ** 40 + 3 }));
    await cache.save(root);

    const again = await loadCache();
    expect(entryOf(again, 'pass')).toEqual(PASSED);
    expect(entryOf(again, 'fail')).toEqual(FAILED);
    expect(again.get('missing')).toBeNull();
    expect(again.stamp('src/a.py')).toMatchObject(stampOf('hash-a'));
    expect(again.stamp('b.txt')).toMatchObject(stampOf('hash-b', { size: 0, ino: 7 }));
    expect(again.stamp('dir with space/c.md')).toMatchObject(stampOf('hash-c', { mtimeMs: 1_700_000_000_123.456, ino: 2 ** 40 + 3 }));
    expect(again.stamp('c.txt')).toBeNull();
  });

  it('writes a versioned file into .gauntlet/, which ignores itself, and leaves no temp file', async () => {
    const cache = await loadCache();
    cache.set('k', PASSED);
    await cache.save(root);

    expect((await readdir(join(root, '.gauntlet'))).sort()).toEqual(['.gitignore', 'cache.msgpack']);
    expect(await readFile(join(root, '.gauntlet', '.gitignore'), 'utf8')).toBe('*\n');
  });

  it('replaces an entry set again under the same key', async () => {
    const cache = await loadCache();
    cache.set('k', FAILED);
    cache.set('k', PASSED);
    await cache.save(root);
    expect(entryOf(await loadCache(), 'k')).toEqual(PASSED);
  });

  it('counts the runs across loads', async () => {
    await runIdle(2);
    expect((await loadCache()).stats().runs).toBe(3);
  });

  it('leaves the file alone after a run that learnt nothing and hit as the last run did', async () => {
    const first = await loadCache();
    first.set('k', PASSED);
    first.setStamp('a.txt', stampOf('h'));
    await first.save(root);
    const warm = async (): Promise<void> => {
      const cache = await loadCache();
      expect(cache.get('k')).not.toBeNull();
      const known = cache.stamp('a.txt');
      if (known) cache.setStamp('a.txt', known);
      await cache.save(root);
    };
    await warm(); // one hit in one lookup, where the last run had none: written
    const written = await readFile(resolveCachePath(root));
    await warm();
    await warm();
    expect(await readFile(resolveCachePath(root))).toEqual(written);
    expect((await loadCache()).stats()).toMatchObject({ runs: 3, lastHits: 1, lastLookups: 1 });
  });

  it('writes a run that learnt only a changed stamp', async () => {
    const first = await loadCache();
    first.setStamp('a.txt', stampOf('h'));
    await first.save(root);
    const second = await loadCache();
    second.setStamp('a.txt', stampOf('h2', { size: 13 }));
    await second.save(root);
    expect((await loadCache()).stamp('a.txt')).toMatchObject({ hash: 'h2', size: 13 });
  });



});

describe('ResultCache eviction', () => {
  it('drops entries and stamps not used in 20 runs', async () => {
    const cache = await loadCache();
    cache.set('idle', PASSED);
    cache.setStamp('idle.txt', stampOf('h'));
    await cache.save(root);

    await runIdle(19);
    // Still there after 19 other runs: itself and their 19 results.
    expect((await loadCache()).stats()).toMatchObject({ entries: 20, files: 1 });
    await runIdle(1);

    const after = await loadCache();
    expect(after.stamp('idle.txt')).toBeNull();
    expect(after.get('idle')).toBeNull();
  });

  it('keeps an entry that is looked up now and then, however many runs go by', async () => {
    const cache = await loadCache();
    cache.set('used', PASSED);
    cache.set('idle', PASSED);
    await cache.save(root);

    for (let round = 0; round < 3; round++) {
      await runIdle(10);
      const current = await loadCache();
      expect(entryOf(current, 'used')).toEqual(PASSED);
      await current.save(root);
    }

    const last = await loadCache();
    expect(entryOf(last, 'used')).toEqual(PASSED);
    expect(last.get('idle')).toBeNull();
  });

  it('keeps a stamp that is refreshed in each run', async () => {
    const cache = await loadCache();
    cache.setStamp('a.txt', stampOf('h'));
    await cache.save(root);
    for (let i = 0; i < 25; i++) {
      const current = await loadCache();
      const known = current.stamp('a.txt');
      expect(known).not.toBeNull();
      if (known) current.setStamp('a.txt', known);
      await current.save(root);
    }
    expect((await loadCache()).stamp('a.txt')).toMatchObject(stampOf('h'));
  });
});

describe('ResultCache merge on save', () => {
  it("keeps another process's entries written between this one's load and save", async () => {
    const ours = await loadCache();
    const theirs = await loadCache();
    theirs.set('theirs', FAILED);
    theirs.setStamp('theirs.txt', stampOf('t'));
    await theirs.save(root);

    ours.set('ours', PASSED);
    ours.setStamp('ours.txt', stampOf('o'));
    await ours.save(root);

    const merged = await loadCache();
    expect(entryOf(merged, 'theirs')).toEqual(FAILED);
    expect(entryOf(merged, 'ours')).toEqual(PASSED);
    expect(merged.stamp('theirs.txt')).toMatchObject(stampOf('t'));
    expect(merged.stamp('ours.txt')).toMatchObject(stampOf('o'));
  });

  it('prefers what this process wrote for a key both processes wrote', async () => {
    const ours = await loadCache();
    const theirs = await loadCache();
    theirs.set('k', PASSED);
    await theirs.save(root);
    ours.set('k', FAILED);
    await ours.save(root);
    expect(entryOf(await loadCache(), 'k')).toEqual(FAILED);
  });

  it('does not write back entries it only loaded over what another process changed', async () => {
    const seed = await loadCache();
    seed.set('k', PASSED);
    await seed.save(root);

    const ours = await loadCache();
    const theirs = await loadCache();
    theirs.set('k', FAILED);
    await theirs.save(root);
    ours.set('other', PASSED);
    await ours.save(root);

    expect(entryOf(await loadCache(), 'k')).toEqual(FAILED);
  });

  it('keeps the run count of the process that counted further', async () => {
    const slow = await loadCache();
    await runIdle(3);
    await slow.save(root);
    expect((await loadCache()).stats().runs).toBe(4);
  });

  it('rewrites a damaged file with everything it holds', async () => {
    const cache = await loadCache();
    await writeCacheBytes(new Uint8Array([0xc1, 0xc1, 0xc1]));
    cache.set('k', PASSED);
    await cache.save(root);
    expect(entryOf(await loadCache(), 'k')).toEqual(PASSED);
  });
});

describe('ResultCache reading a bad file', () => {
  it('turns a truncated file into one warning line and an empty cache', async () => {
    const cache = await loadCache();
    for (let i = 0; i < 50; i++) cache.set(`key-${i}`, FAILED);
    await cache.save(root);
    const bytes = await readFile(resolveCachePath(root));
    await writeCacheBytes(bytes.subarray(0, Math.floor(bytes.length / 2)));

    await expectEmptyAfterWarning();
  });

  it('turns bytes that are not msgpack into one warning line and an empty cache', async () => {
    await writeCacheBytes(new TextEncoder().encode('\xc1this is not a cache\n'));
    await expectEmptyAfterWarning();
  });

  it('turns an empty file into one warning line and an empty cache', async () => {
    await writeCacheBytes(new Uint8Array());
    await expectEmptyAfterWarning();
  });

  it("turns another gauntlet file's kind into one warning line naming it", async () => {
    await ensureStateDir(root);
    await writeVersioned(resolveCachePath(root), 'gauntlet-profiles', 1, { hooks: {} });
    const { warning } = await ResultCache.load(root);
    expectOneLineWarning(warning);
    expect(warning).toContain('"gauntlet-profiles"');
  });

  it('turns a foreign msgpack value into one warning line and an empty cache', async () => {
    await writeCacheBytes(pack({ hello: 'world', list: [1, 2, 3] }));
    await expectEmptyAfterWarning();
  });

  it('turns a newer format version into one warning line and an empty cache', async () => {
    await ensureStateDir(root);
    await writeVersioned(resolveCachePath(root), 'gauntlet-cache', 99, { run: 1, entries: [], stamps: [] });
    const { warning } = await ResultCache.load(root);
    expectOneLineWarning(warning);
    expect(warning).toContain('99');
  });

  it('turns a cache whose entries are malformed into one warning line and an empty cache', async () => {
    await ensureStateDir(root);
    const noStamps = { count: 0, paths: '', hashes: '', numbers: new Uint8Array(0) };
    const entries = { count: 2, keys: 'a\0b', ok: new Uint8Array([1, 0]), usedRun: new Uint8Array(16), diagnostics: [] };
    const malformed = [
      { ...entries, keys: 'a' }, // fewer keys than counted
      { ...entries, ok: new Uint8Array([1]) }, // a column of the wrong length
      { ...entries, usedRun: new Uint8Array(12) }, // bytes that are no whole number of float64
      { ...entries, diagnostics: [[2, []]] }, // diagnostics of an entry that is not there
      [['k', 1]], // the tuples of format version 1
    ];
    for (const table of malformed) {
      await writeVersioned(resolveCachePath(root), 'gauntlet-cache', 2, { run: 3, lastHits: 0, lastLookups: 0, entries: table, stamps: noStamps });
      await expectEmptyAfterWarning();
    }
  });

  it('turns a cache of an older format version into one warning line and an empty cache', async () => {
    await ensureStateDir(root);
    await writeVersioned(resolveCachePath(root), 'gauntlet-cache', 1, { run: 3, lastHits: 0, lastLookups: 0, entries: [['k', 1, 3, []]], stamps: [] });
    const { cache, warning } = await ResultCache.load(root);
    expectOneLineWarning(warning);
    expect(warning).toContain('version 1');
    expect(cache.stats().entries).toBe(0);
  });

  it('keeps a long foreign kind from stretching the warning over several lines', async () => {
    await ensureStateDir(root);
    await writeVersioned(resolveCachePath(root), `evil\n${'x'.repeat(500)}`, 1, {});
    const { warning } = await ResultCache.load(root);
    expectOneLineWarning(warning);
    expect((warning ?? '').length).toBeLessThan(200);
  });
});

describe('ResultCache stats', () => {
  it('counts entries, file stamps, and the hits and lookups of the last saved run', async () => {
    const first = await loadCache();
    first.set('a', PASSED);
    first.set('b', FAILED);
    first.setStamp('a.txt', stampOf('a'));
    expect(entryOf(first, 'a')).toEqual(PASSED);
    expect(first.get('zzz')).toBeNull();
    expect(first.stats()).toMatchObject({ entries: 2, files: 1, lastHits: 0, lastLookups: 0 });
    await first.save(root);
    expect(first.stats()).toMatchObject({ entries: 2, files: 1, lastHits: 1, lastLookups: 2 });

    const second = await loadCache();
    expect(second.stats()).toEqual({ entries: 2, files: 1, runs: 2, lastHits: 1, lastLookups: 2 });
    second.get('a');
    second.get('b');
    second.get('c');
    await second.save(root);

    expect((await loadCache()).stats()).toEqual({ entries: 2, files: 1, runs: 3, lastHits: 2, lastLookups: 3 });
  });

  it('reports an empty cache as zero entries and no lookups', () => {
    expect(ResultCache.empty().stats()).toEqual({ entries: 0, files: 0, runs: 0, lastHits: 0, lastLookups: 0 });
  });
});
