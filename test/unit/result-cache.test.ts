import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileStamp } from '../../engine/worker/contract.js';
import { ResultCache, resolveCachePath } from '../../engine/store/result-cache.js';
import type { CacheEntry } from '../../engine/store/cache-data.js';
import { FAILED, PASSED, loadCache as loadCacheAt, writeCacheBytes } from '../helpers/result-cache.js';
import { useTempRoot } from '../helpers/temp-root.js';

const root = useTempRoot('gauntlet-result-cache-');

function stampOf(hash: string, overrides: Partial<FileStamp> = {}): FileStamp {
  return { size: 12, mtimeMs: 1_700_000_000_123.25, ino: 4242, ctimeMs: 1_700_000_000_124.5, hash, hashedAt: 1_700_000_000_500, ...overrides };
}

function loadCache(): Promise<ResultCache> {
  return loadCacheAt(root());
}

let otherRuns = 0;
/** Loads and saves the cache `runs` times, each learning a result of its own and using no other entry. */
async function runIdle(runs: number): Promise<void> {
  for (let i = 0; i < runs; i++) {
    const cache = await loadCache();
    cache.set(`other-${(otherRuns += 1)}`, PASSED);
    await cache.save(root());
  }
}

/** An entry as callers see it, without the cache's own bookkeeping fields. */
function entryOf(cache: ResultCache, key: string): CacheEntry | null {
  const entry = cache.get(key);
  return entry && { ok: entry.ok, diagnostics: entry.diagnostics };
}

describe('ResultCache round trip', () => {
  it('starts empty and without a warning when there is no cache file', async () => {
    const { cache, warning } = await ResultCache.load(root());
    expect(warning).toBeNull();
    expect(cache.get('key')).toBeNull();
    expect(cache.stamp('a.py')).toBeNull();
    expect(cache.stats()).toEqual({ entries: 0, files: 0, runs: 1, lastHits: 0, lastLookups: 0, lastRemoteHits: 0, lastRemoteLookups: 0 });
  });

  it('reads back the entries and file stamps it saved, diagnostics included', async () => {
    const cache = await loadCache();
    cache.set('pass', PASSED);
    cache.set('fail', FAILED);
    cache.setStamp('src/a.py', stampOf('hash-a'));
    cache.setStamp('b.txt', stampOf('hash-b', { size: 0, ino: 7 }));
    // Sub-millisecond mtimes and inodes past 32 bits survive as they are.
    cache.setStamp('dir with space/c.md', stampOf('hash-c', { mtimeMs: 1_700_000_000_123.456, ino: 2 ** 40 + 3 }));
    await cache.save(root());

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
    await cache.save(root());

    expect((await readdir(join(root(), '.gauntlet'))).sort()).toEqual(['.gitignore', 'cache.msgpack']);
    expect(await readFile(join(root(), '.gauntlet', '.gitignore'), 'utf8')).toBe('*\n');
  });

  it('replaces an entry set again under the same key', async () => {
    const cache = await loadCache();
    cache.set('k', FAILED);
    cache.set('k', PASSED);
    await cache.save(root());
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
    await first.save(root());
    const warm = async (): Promise<void> => {
      const cache = await loadCache();
      expect(cache.get('k')).not.toBeNull();
      const known = cache.stamp('a.txt');
      if (known) cache.setStamp('a.txt', known);
      await cache.save(root());
    };
    await warm(); // one hit in one lookup, where the last run had none: written
    const written = await readFile(resolveCachePath(root()));
    await warm();
    await warm();
    expect(await readFile(resolveCachePath(root()))).toEqual(written);
    expect((await loadCache()).stats()).toMatchObject({ runs: 3, lastHits: 1, lastLookups: 1 });
  });

  it('writes a run that learnt only a changed stamp', async () => {
    const first = await loadCache();
    first.setStamp('a.txt', stampOf('h'));
    await first.save(root());
    const second = await loadCache();
    second.setStamp('a.txt', stampOf('h2', { size: 13 }));
    await second.save(root());
    expect((await loadCache()).stamp('a.txt')).toMatchObject({ hash: 'h2', size: 13 });
  });



});

describe('ResultCache eviction', () => {
  it('drops entries and stamps not used in 20 runs', async () => {
    const cache = await loadCache();
    cache.set('idle', PASSED);
    cache.setStamp('idle.txt', stampOf('h'));
    await cache.save(root());

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
    await cache.save(root());

    for (let round = 0; round < 3; round++) {
      await runIdle(10);
      const current = await loadCache();
      expect(entryOf(current, 'used')).toEqual(PASSED);
      await current.save(root());
    }

    const last = await loadCache();
    expect(entryOf(last, 'used')).toEqual(PASSED);
    expect(last.get('idle')).toBeNull();
  });

  it('keeps a stamp that is refreshed in each run', async () => {
    const cache = await loadCache();
    cache.setStamp('a.txt', stampOf('h'));
    await cache.save(root());
    for (let i = 0; i < 25; i++) {
      const current = await loadCache();
      const known = current.stamp('a.txt');
      expect(known).not.toBeNull();
      if (known) current.setStamp('a.txt', known);
      await current.save(root());
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
    await theirs.save(root());

    ours.set('ours', PASSED);
    ours.setStamp('ours.txt', stampOf('o'));
    await ours.save(root());

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
    await theirs.save(root());
    ours.set('k', FAILED);
    await ours.save(root());
    expect(entryOf(await loadCache(), 'k')).toEqual(FAILED);
  });

  it('does not write back entries it only loaded over what another process changed', async () => {
    const seed = await loadCache();
    seed.set('k', PASSED);
    await seed.save(root());

    const ours = await loadCache();
    const theirs = await loadCache();
    theirs.set('k', FAILED);
    await theirs.save(root());
    ours.set('other', PASSED);
    await ours.save(root());

    expect(entryOf(await loadCache(), 'k')).toEqual(FAILED);
  });

  it('keeps the run count of the process that counted further', async () => {
    const slow = await loadCache();
    await runIdle(3);
    await slow.save(root());
    expect((await loadCache()).stats().runs).toBe(4);
  });

  it('rewrites a damaged file with everything it holds', async () => {
    const cache = await loadCache();
    await writeCacheBytes(root(), new Uint8Array([0xc1, 0xc1, 0xc1]));
    cache.set('k', PASSED);
    await cache.save(root());
    expect(entryOf(await loadCache(), 'k')).toEqual(PASSED);
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
    expect(first.stats()).toMatchObject({ entries: 2, files: 1, lastHits: 0, lastLookups: 0, lastRemoteHits: 0, lastRemoteLookups: 0 });
    await first.save(root());
    expect(first.stats()).toMatchObject({ entries: 2, files: 1, lastHits: 1, lastLookups: 2 });

    const second = await loadCache();
    expect(second.stats()).toEqual({ entries: 2, files: 1, runs: 2, lastHits: 1, lastLookups: 2, lastRemoteHits: 0, lastRemoteLookups: 0 });
    second.get('a');
    second.get('b');
    second.get('c');
    await second.save(root());

    expect((await loadCache()).stats()).toEqual({ entries: 2, files: 1, runs: 3, lastHits: 2, lastLookups: 3, lastRemoteHits: 0, lastRemoteLookups: 0 });
  });

  it('reports an empty cache as zero entries and no lookups', () => {
    expect(ResultCache.empty().stats()).toEqual({ entries: 0, files: 0, runs: 0, lastHits: 0, lastLookups: 0, lastRemoteHits: 0, lastRemoteLookups: 0 });
  });
});
