import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Packr } from 'msgpackr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProfiles, resolveProfilesPath, saveProfiles } from '../../engine/store/profiles.js';
import { ResultCache, resolveCachePath } from '../../engine/store/result-cache.js';
import { readVersioned, writeVersioned } from '../../engine/store/versioned-file.js';
import { ensureStateDir } from '../../engine/store/state-dir.js';
import { FAILED, loadCache } from '../helpers/result-cache.js';
import { profileOf } from '../helpers/profiles.js';
import { expectOneLineWarning } from '../helpers/store-warning.js';
import { useTempRoot } from '../helpers/temp-root.js';

const CACHE_LABEL = '.gauntlet/cache.msgpack';
const CACHE_FALLBACK = 'starting with an empty cache';
/** A planted file must never cost more than a moment: no hang, no read without bound. */
const QUICK_MS = 3_000;

const temp = useTempRoot('gauntlet-state-files-');
const root = (): string => join(temp(), 'repo');

// Each test signs with a secret of its own, in its own data folder.
let savedXdg: string | undefined;
beforeEach(() => {
  savedXdg = process.env.XDG_DATA_HOME;
  process.env.XDG_DATA_HOME = join(temp(), 'user');
  mkdirSync(root());
});
afterEach(() => {
  if (savedXdg === undefined) delete process.env.XDG_DATA_HOME;
  else process.env.XDG_DATA_HOME = savedXdg;
});

async function expectEmptyCache(): Promise<string> {
  const { cache, warning } = await ResultCache.load(root());
  expect(cache.stats()).toMatchObject({ entries: 0, files: 0 });
  return expectOneLineWarning(warning, CACHE_LABEL, CACHE_FALLBACK);
}

describe('state files that are not what gauntlet writes', () => {
  it('refuses a cache that is a symbolic link to /dev/zero, at once', { timeout: QUICK_MS }, async () => {
    await ensureStateDir(root());
    symlinkSync('/dev/zero', resolveCachePath(root()));
    expect(await expectEmptyCache()).toContain('is a symbolic link');
  });

  it('refuses a cache that is a FIFO without waiting for a writer', { timeout: QUICK_MS }, async () => {
    await ensureStateDir(root());
    execFileSync('mkfifo', [resolveCachePath(root())]);
    expect(await expectEmptyCache()).toContain('is a named pipe (FIFO), not a regular file');
  });

  it('refuses a cache that is a folder', async () => {
    mkdirSync(resolveCachePath(root()), { recursive: true });
    expect(await expectEmptyCache()).toContain('is a folder, not a regular file');
  });

  it('refuses a cache larger than 256 MiB without reading it', { timeout: QUICK_MS }, async () => {
    await ensureStateDir(root());
    writeFileSync(resolveCachePath(root()), '');
    // Sparse: the size is there, the bytes are not.
    truncateSync(resolveCachePath(root()), 256 * 1_024 * 1_024 + 1);
    expect(await expectEmptyCache()).toContain('is larger than 256 MiB');
  });

  it('refuses a profile file larger than 8 MiB', { timeout: QUICK_MS }, async () => {
    await ensureStateDir(root());
    writeFileSync(resolveProfilesPath(root()), '');
    truncateSync(resolveProfilesPath(root()), 8 * 1_024 * 1_024 + 1);
    const { profiles, warning } = await loadProfiles(root());
    expect(profiles.size).toBe(0);
    expect(expectOneLineWarning(warning, '.gauntlet/profiles.msgpack', 'starting with an empty profile')).toContain('is larger than 8 MiB');
  });

  it('ignores a cache signed with another user’s secret, and overwrites it on the next save', async () => {
    process.env.XDG_DATA_HOME = join(temp(), 'someone-else');
    const planted = await loadCache(root());
    planted.set('key', FAILED);
    await planted.save(root());
    expect((await loadCache(root())).get('key')).toEqual(expect.objectContaining({ ok: false }));

    process.env.XDG_DATA_HOME = join(temp(), 'user');
    const { cache, warning } = await ResultCache.load(root());
    expect(expectOneLineWarning(warning, CACHE_LABEL, CACHE_FALLBACK)).toBe(`${CACHE_LABEL}: not written by gauntlet for this user; ignored; ${CACHE_FALLBACK}`);
    expect(cache.get('key')).toBeNull();
    cache.set('mine', FAILED);
    await cache.save(root());
    expect((await loadCache(root())).get('mine')).not.toBeNull();
  });

  it('ignores a file whose payload was changed after signing', async () => {
    const file = join(temp(), 'state.msgpack');
    await writeVersioned(file, 'gauntlet-test', 1, { answer: 41 });
    const packr = new Packr({ useRecords: false, mapsAsObjects: true });
    const envelope = packr.unpack(readFileSync(file)) as { data: Uint8Array };
    envelope.data = new Uint8Array(packr.pack({ answer: 42 }));
    writeFileSync(file, packr.pack(envelope));
    const read = await readVersioned(file, 'gauntlet-test', 1, (data) => data, { label: 'state' });
    expect(read.value).toBeNull();
    expect(read.warning).toBe('state: not written by gauntlet for this user; ignored; ignoring it (it is rewritten on the next save)');
  });

  it('writes nothing through a .gauntlet that is a symbolic link, and says why', async () => {
    const elsewhere = join(temp(), 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(root(), '.gauntlet'));
    await expect(ensureStateDir(root())).rejects.toThrow(/\.gauntlet is a symbolic link; gauntlet writes its state only into a real folder/);
    await expect(saveProfiles(root(), new Map([['lint', profileOf([10])]]))).rejects.toThrow(/symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('keeps the files it writes in the repository readable by others as the umask says', async () => {
    await saveProfiles(root(), new Map([['lint', profileOf([10])]]));
    expect(existsSync(resolveProfilesPath(root()))).toBe(true);
    expect(statSync(resolveProfilesPath(root())).mode & 0o777).toBe(0o666 & ~process.umask());
  });
});
