import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LiveStores } from '../../engine/store/live-stores.js';
import { ResultCache, resolveCachePath } from '../../engine/store/result-cache.js';
import { loadProfiles, meanDuration, recordSample, saveProfiles, type HookSample } from '../../engine/store/profiles.js';
import { FAILED, PASSED, loadCache, writeCacheBytes } from '../helpers/result-cache.js';
import { useTempRoot } from '../helpers/temp-root.js';

const root = useTempRoot('gauntlet-live-stores-');

function sample(durationMs: number, at = Date.now()): HookSample {
  return { durationMs, files: 1, batches: 1, ok: true, at };
}

function openStores(): LiveStores {
  return new LiveStores(root(), { saveDelayMs: 20, warn: (message) => expect.fail(message) });
}

/** What a separate `gauntlet run` would find on disk now. */
async function keysOnDisk(...keys: string[]): Promise<Record<string, boolean>> {
  const cache = await loadCache(root());
  return Object.fromEntries(keys.map((key) => [key, cache.get(key) !== null]));
}

describe('ResultCache shared by overlapping runs of one process', () => {
  it('keeps an entry set while a save is writing: the next save writes it', async () => {
    const cache = await loadCache(root());
    cache.set('before', PASSED);
    const saving = cache.save(root());
    cache.set('during', FAILED);
    await saving;
    await cache.save(root());
    expect(await keysOnDisk('before', 'during')).toEqual({ before: true, during: true });
  });

  it('keeps an entry set while a save merges with another process’s file', async () => {
    const other = await loadCache(root());
    const cache = await loadCache(root());
    other.set('theirs', PASSED);
    await other.save(root());
    cache.set('ours', PASSED);
    const saving = cache.save(root());
    cache.set('during', PASSED);
    await saving;
    expect(cache.get('during')).not.toBeNull();
    await cache.save(root());
    expect(await keysOnDisk('theirs', 'ours', 'during')).toEqual({ theirs: true, ours: true, during: true });
  });
});

describe('ResultCache.refresh', () => {
  it('picks up what another process saved and keeps what this one has not saved', async () => {
    const cache = await loadCache(root());
    cache.set('unsaved', PASSED);
    const other = await loadCache(root());
    other.set('theirs', FAILED);
    await other.save(root());
    expect(await cache.refresh(root())).toBeNull();
    expect(cache.get('theirs')).toMatchObject({ ok: false });
    expect(cache.get('unsaved')).toMatchObject({ ok: true });
    await cache.save(root());
    expect(await keysOnDisk('theirs', 'unsaved')).toEqual({ theirs: true, unsaved: true });
  });

  it('forgets everything when the cache file was cleared, and does not write it back', async () => {
    const cache = await loadCache(root());
    cache.set('old', PASSED);
    await cache.save(root());
    await rm(resolveCachePath(root()));
    await cache.refresh(root());
    expect(cache.get('old')).toBeNull();
    await cache.save(root());
    expect(await keysOnDisk('old')).toEqual({ old: false });
  });

  it('does nothing when nobody wrote the file since', async () => {
    const cache = await loadCache(root());
    cache.forgoFigures();
    cache.set('kept', PASSED);
    await cache.save(root());
    await cache.refresh(root());
    expect(cache.get('kept')).not.toBeNull();
    expect(cache.needsSave).toBe(false);
  });
});

describe('LiveStores', () => {
  it('saves in the background after a run and leaves the last-run figures to the command line', async () => {
    const live = openStores();
    const stores = await live.acquire();
    stores.cache.set('learnt', PASSED);
    expect(stores.cache.get('learnt')).not.toBeNull();
    live.release();
    await expect.poll(async () => (await keysOnDisk('learnt')).learnt, { timeout: 5_000 }).toBe(true);
    const { cache } = await ResultCache.load(root());
    expect(cache.stats()).toMatchObject({ lastHits: 0, lastLookups: 0 });
    await live.close();
  });

  it('writes nothing after runs that only read the cache', async () => {
    const live = openStores();
    const stores = await live.acquire();
    stores.cache.get('missing');
    await live.save();
    expect(existsSync(resolveCachePath(root()))).toBe(false);
    await live.close();
  });

  it('gives a run the entries and profiles a command-line run saved meanwhile, keeping its own', async () => {
    const live = openStores();
    const first = await live.acquire();
    first.cache.set('server', PASSED);
    recordSample(first.profiles, 'lint', sample(100, 1));

    const cli = await loadCache(root());
    cli.set('cli', FAILED);
    await cli.save(root());
    const cliProfiles = (await loadProfiles(root())).profiles;
    recordSample(cliProfiles, 'types', sample(900, 2));
    await saveProfiles(root(), cliProfiles);

    const second = await live.acquire();
    expect(second.cache.get('cli')).toMatchObject({ ok: false });
    expect(second.cache.get('server')).toMatchObject({ ok: true });
    expect(meanDuration(second.profiles, 'types')).toBe(900);
    expect(meanDuration(second.profiles, 'lint')).toBe(100);
    await live.close();

    const after = (await loadProfiles(root())).profiles;
    expect([meanDuration(after, 'lint'), meanDuration(after, 'types'), after.get('types')?.runs]).toEqual([100, 900, 1]);
    expect(await keysOnDisk('cli', 'server')).toEqual({ cli: true, server: true });
  });

  it('leaves a cache cleared by another process cleared: a background save does not write it back', async () => {
    const live = openStores();
    const stores = await live.acquire();
    stores.cache.set('old', PASSED);
    await live.save();
    await rm(resolveCachePath(root()));
    stores.cache.set('new', PASSED);
    await live.save();
    expect(await keysOnDisk('old', 'new')).toEqual({ old: false, new: false });
    await live.close();
  });

  it('hands the load warnings to the first run only', async () => {
    await writeCacheBytes(root(), Buffer.from('not a cache'));
    const live = openStores();
    expect((await live.acquire()).warnings).toHaveLength(1);
    expect((await live.acquire()).warnings).toEqual([]);
    expect((await live.acquire()).warnings).toEqual([]);
    await live.close();
  });
});
