import { readFile } from 'node:fs/promises';
import { pack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { ResultCache, resolveCachePath } from '../../engine/store/result-cache.js';
import { writeVersioned } from '../../engine/store/versioned-file.js';
import { ensureStateDir } from '../../engine/store/state-dir.js';
import { FAILED, loadCache, writeCacheBytes } from '../helpers/result-cache.js';
import { expectOneLineWarning as expectStoreWarning } from '../helpers/store-warning.js';
import { useTempRoot } from '../helpers/temp-root.js';

const LABEL = '.gauntlet/cache.msgpack';

const root = useTempRoot('gauntlet-result-cache-');

function expectOneLineWarning(warning: string | null): void {
  expectStoreWarning(warning, LABEL, 'starting with an empty cache');
}

async function expectEmptyAfterWarning(): Promise<void> {
  const { cache, warning } = await ResultCache.load(root());
  expectOneLineWarning(warning);
  expect(cache.get('anything')).toBeNull();
  expect(cache.stats()).toMatchObject({ entries: 0, files: 0 });
}

describe('ResultCache reading a bad file', () => {
  it('turns a truncated file into one warning line and an empty cache', async () => {
    const cache = await loadCache(root());
    for (let i = 0; i < 50; i++) cache.set(`key-${i}`, FAILED);
    await cache.save(root());
    const bytes = await readFile(resolveCachePath(root()));
    await writeCacheBytes(root(), bytes.subarray(0, Math.floor(bytes.length / 2)));

    await expectEmptyAfterWarning();
  });

  it('turns bytes that are not msgpack into one warning line and an empty cache', async () => {
    await writeCacheBytes(root(), new TextEncoder().encode('\xc1this is not a cache\n'));
    await expectEmptyAfterWarning();
  });

  it('turns an empty file into one warning line and an empty cache', async () => {
    await writeCacheBytes(root(), new Uint8Array());
    await expectEmptyAfterWarning();
  });

  it("turns another gauntlet file's kind into one warning line naming it", async () => {
    await ensureStateDir(root());
    await writeVersioned(resolveCachePath(root()), 'gauntlet-profiles', 1, { hooks: {} });
    const { warning } = await ResultCache.load(root());
    expectOneLineWarning(warning);
    expect(warning).toContain('"gauntlet-profiles"');
  });

  it('turns a foreign msgpack value into one warning line and an empty cache', async () => {
    await writeCacheBytes(root(), pack({ hello: 'world', list: [1, 2, 3] }));
    await expectEmptyAfterWarning();
  });

  it('turns a newer format version into one warning line and an empty cache', async () => {
    await ensureStateDir(root());
    await writeVersioned(resolveCachePath(root()), 'gauntlet-cache', 99, { run: 1, entries: [], stamps: [] });
    const { warning } = await ResultCache.load(root());
    expectOneLineWarning(warning);
    expect(warning).toContain('99');
  });

  it('turns a cache whose entries are malformed into one warning line and an empty cache', async () => {
    await ensureStateDir(root());
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
      await writeVersioned(resolveCachePath(root()), 'gauntlet-cache', 2, { run: 3, lastHits: 0, lastLookups: 0, entries: table, stamps: noStamps });
      await expectEmptyAfterWarning();
    }
  });

  it('turns a cache of an older format version into one warning line and an empty cache', async () => {
    await ensureStateDir(root());
    await writeVersioned(resolveCachePath(root()), 'gauntlet-cache', 1, { run: 3, lastHits: 0, lastLookups: 0, entries: [['k', 1, 3, []]], stamps: [] });
    const { cache, warning } = await ResultCache.load(root());
    expectOneLineWarning(warning);
    expect(warning).toContain('version 1');
    expect(cache.stats().entries).toBe(0);
  });

  it('discards a cache of the format before tables per hook with one warning, and the next save replaces it', async () => {
    await ensureStateDir(root());
    const entries = { count: 1, keys: 'k', ok: new Uint8Array([1]), usedRun: new Uint8Array(8), diagnostics: [] };
    const stamps = { count: 0, paths: '', hashes: '', numbers: new Uint8Array(0) };
    await writeVersioned(resolveCachePath(root()), 'gauntlet-cache', 4, { run: 3, lastHits: 0, lastLookups: 0, entries, stamps });
    const { cache, warning } = await ResultCache.load(root());
    expectOneLineWarning(warning);
    expect(warning).toContain('version 4');
    cache.set('new', FAILED);
    await cache.save(root());
    const again = await loadCache(root());
    expect(again.get('new')).toMatchObject({ ok: false });
    expect(again.get('k')).toBeNull();
  });

  it('turns a cache whose stamp columns are malformed into one warning line and an empty cache', async () => {
    await ensureStateDir(root());
    const stamps = { count: 2, keys: 'a\0b', hashes: 'h1\0h2', numbers: new Uint8Array(80), usedCli: new Uint8Array(16), usedLsp: new Uint8Array(16) };
    const malformed = [
      { ...stamps, keys: 'a' }, // fewer paths than counted
      { ...stamps, numbers: new Uint8Array(72) }, // a column of the wrong length
      { ...stamps, usedLsp: new Uint8Array(12) }, // bytes that are no whole number of float64
    ];
    for (const columns of malformed) {
      const state = { id: 'base', runs: { cli: 1, lsp: 0 }, figures: {}, stamps: columns, tables: [] };
      await writeVersioned(resolveCachePath(root()), 'gauntlet-cache', 5, state);
      await expectEmptyAfterWarning();
    }
  });

  it('keeps a long foreign kind from stretching the warning over several lines', async () => {
    await ensureStateDir(root());
    await writeVersioned(resolveCachePath(root()), `evil\n${'x'.repeat(500)}`, 1, {});
    const { warning } = await ResultCache.load(root());
    expectOneLineWarning(warning);
    expect((warning ?? '').length).toBeLessThan(200);
  });
});
