import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack } from 'msgpackr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProfiles, PROFILES_VERSION, recordSample, resolveProfilesPath, SAMPLE_WINDOW, saveProfiles } from '../../engine/store/profiles.js';
import { profileOf, sample } from '../helpers/profiles.js';
import { expectOneLineWarning as expectStoreWarning } from '../helpers/store-warning.js';
import { writeVersioned } from '../../engine/store/versioned-file.js';
import { ensureStateDir } from '../../engine/store/state-dir.js';

const LABEL = '.gauntlet/profiles.msgpack';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gauntlet-profiles-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeProfilesFile(bytes: Uint8Array): Promise<void> {
  await ensureStateDir(root);
  await writeFile(resolveProfilesPath(root), bytes);
}

function expectOneLineWarning(warning: string | null): string {
  return expectStoreWarning(warning, LABEL, 'starting with an empty profile');
}

describe('loading and saving profiles', () => {
  it('reads back exactly what it saved', async () => {
    const { profiles } = await loadProfiles(root);
    recordSample(profiles, 'lint', sample(120, { files: 9, batches: 2 }));
    recordSample(profiles, 'lint', sample(80, { ok: false }));
    recordSample(profiles, 'types', sample(4_000));
    await saveProfiles(root, profiles);

    const loaded = await loadProfiles(root);
    expect(loaded.warning).toBeNull();
    expect(loaded.profiles).toEqual(profiles);
  });

  it('starts empty without a warning when the file is missing', async () => {
    const { profiles, warning } = await loadProfiles(root);
    expect(profiles.size).toBe(0);
    expect(warning).toBeNull();
  });

  it('creates a state folder that git ignores and leaves no temp files behind', async () => {
    const { profiles } = await loadProfiles(root);
    recordSample(profiles, 'lint', sample(1));
    await saveProfiles(root, profiles);
    const stateDir = join(root, '.gauntlet');
    expect(await readFile(join(stateDir, '.gitignore'), 'utf8')).toBe('*\n');
    expect((await readdir(stateDir)).sort()).toEqual(['.gitignore', 'profiles.msgpack']);
  });

  it('starts empty with a one-line warning when the file is truncated', async () => {
    const { profiles } = await loadProfiles(root);
    for (let index = 0; index < 10; index += 1) recordSample(profiles, `hook-${index}`, sample(index));
    await saveProfiles(root, profiles);
    const bytes = await readFile(resolveProfilesPath(root));
    await writeFile(resolveProfilesPath(root), bytes.subarray(0, bytes.length - 7));

    const loaded = await loadProfiles(root);
    expect(loaded.profiles.size).toBe(0);
    expect(expectOneLineWarning(loaded.warning)).toContain('truncated');
  });

  it('starts empty with a one-line warning when the file holds random bytes', async () => {
    await writeProfilesFile(randomBytes(512));
    const loaded = await loadProfiles(root);
    expect(loaded.profiles.size).toBe(0);
    expectOneLineWarning(loaded.warning);
  });

  it('starts empty with a one-line warning when the file is an empty file', async () => {
    await writeProfilesFile(new Uint8Array());
    const loaded = await loadProfiles(root);
    expect(loaded.profiles.size).toBe(0);
    expectOneLineWarning(loaded.warning);
  });

  it('starts empty with a one-line warning when the file is msgpack but not a gauntlet file', async () => {
    await writeProfilesFile(pack({ hello: 'world', list: [1, 2, 3] }));
    const loaded = await loadProfiles(root);
    expect(loaded.profiles.size).toBe(0);
    expect(expectOneLineWarning(loaded.warning)).toContain('not a gauntlet file');
  });

  it('starts empty with a one-line warning when the file holds another kind of gauntlet data', async () => {
    await ensureStateDir(root);
    await writeVersioned(resolveProfilesPath(root), 'gauntlet-cache\nsecond line', 1, []);
    const loaded = await loadProfiles(root);
    expect(loaded.profiles.size).toBe(0);
    expect(expectOneLineWarning(loaded.warning)).toContain('gauntlet-cache');
  });

  it('starts empty with a one-line warning when the file has another format version', async () => {
    await ensureStateDir(root);
    await writeVersioned(resolveProfilesPath(root), 'gauntlet-profiles', 99, []);
    const loaded = await loadProfiles(root);
    expect(loaded.profiles.size).toBe(0);
    expect(expectOneLineWarning(loaded.warning)).toContain('version 99');
  });

  it('starts empty with a one-line warning when the contents fail validation', async () => {
    await ensureStateDir(root);
    const bad = [{ hook: 'lint', runs: 1, failures: 2, samples: [] }];
    await writeVersioned(resolveProfilesPath(root), 'gauntlet-profiles', PROFILES_VERSION, bad);
    const loaded = await loadProfiles(root);
    expect(loaded.profiles.size).toBe(0);
    expect(expectOneLineWarning(loaded.warning)).toContain('invalid contents');
  });

  it('leaves the file alone when this process recorded, set and deleted nothing', async () => {
    const seed = await loadProfiles(root);
    recordSample(seed.profiles, 'lint', sample(5));
    await saveProfiles(root, seed.profiles);
    const before = await stat(resolveProfilesPath(root));

    const idle = await loadProfiles(root);
    await saveProfiles(root, idle.profiles);
    // A save renames a new file over the old one: the same inode means nothing was written.
    const after = await stat(resolveProfilesPath(root));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect((await readdir(join(root, '.gauntlet'))).sort()).toEqual(['.gitignore', 'profiles.msgpack']);
  });

  it('rewrites a file it could not read even with nothing to add', async () => {
    await writeProfilesFile(randomBytes(64));
    const { profiles } = await loadProfiles(root);
    await saveProfiles(root, profiles);
    expect(await loadProfiles(root)).toEqual({ profiles: new Map(), warning: null });
  });

  it('overwrites a bad file on the next save', async () => {
    await writeProfilesFile(randomBytes(64));
    const { profiles } = await loadProfiles(root);
    recordSample(profiles, 'lint', sample(5));
    await saveProfiles(root, profiles);
    const loaded = await loadProfiles(root);
    expect(loaded.warning).toBeNull();
    expect([...loaded.profiles.keys()]).toEqual(['lint']);
  });
});

describe('saving while another gauntlet process saves', () => {
  it('keeps the hooks the other process recorded', async () => {
    const first = await loadProfiles(root);
    const second = await loadProfiles(root);
    recordSample(first.profiles, 'lint', sample(10));
    recordSample(second.profiles, 'types', sample(20));
    await saveProfiles(root, first.profiles);
    await saveProfiles(root, second.profiles);

    const { profiles } = await loadProfiles(root);
    expect([...profiles.keys()].sort()).toEqual(['lint', 'types']);
  });

  it('does not overwrite the other process’s newer entry with a stale copy of it', async () => {
    const seed = await loadProfiles(root);
    recordSample(seed.profiles, 'lint', sample(10));
    await saveProfiles(root, seed.profiles);

    const first = await loadProfiles(root);
    const second = await loadProfiles(root);
    recordSample(first.profiles, 'lint', sample(11));
    recordSample(second.profiles, 'types', sample(20));
    await saveProfiles(root, first.profiles);
    await saveProfiles(root, second.profiles);

    const { profiles } = await loadProfiles(root);
    expect(profiles.get('lint')?.runs).toBe(2);
    expect(profiles.get('types')?.runs).toBe(1);
  });

  it('keeps the samples of both processes for a hook both recorded, in time order', async () => {
    const first = await loadProfiles(root);
    const second = await loadProfiles(root);
    recordSample(first.profiles, 'lint', sample(10, { at: 3_000 }));
    recordSample(second.profiles, 'lint', sample(99, { at: 2_000, ok: false }));
    await saveProfiles(root, first.profiles);
    await saveProfiles(root, second.profiles);

    const { profiles } = await loadProfiles(root);
    expect(profiles.get('lint')?.samples.map((entry) => entry.durationMs)).toEqual([99, 10]);
    expect(profiles.get('lint')).toMatchObject({ runs: 2, failures: 1 });
  });

  it('merges interleaved saves of two processes by time, without duplicates, keeping the last window', async () => {
    const seed = await loadProfiles(root);
    recordSample(seed.profiles, 'lint', sample(1, { at: 1 }));
    await saveProfiles(root, seed.profiles);
    const first = await loadProfiles(root);
    const second = await loadProfiles(root);
    // Even times from one process, odd from the other (2..LAST_TIME + 1); each saves after every few runs.
    const LAST_TIME = SAMPLE_WINDOW + 10;
    for (let at = 2; at <= LAST_TIME; at += 2) {
      recordSample(first.profiles, 'lint', sample(at, { at: at + 1 }));
      recordSample(second.profiles, 'lint', sample(at, { at }));
      if (at % 6 === 0) await saveProfiles(root, first.profiles);
      if (at % 4 === 0) await saveProfiles(root, second.profiles);
    }
    await saveProfiles(root, first.profiles);
    await saveProfiles(root, second.profiles);

    const lint = (await loadProfiles(root)).profiles.get('lint');
    const times = Array.from({ length: LAST_TIME }, (_, index) => index + 2);
    expect(lint?.samples.map((entry) => entry.at)).toEqual(times.slice(-SAMPLE_WINDOW));
    expect(lint?.runs).toBe(1 + times.length);
    expect(second.profiles.get('lint')?.samples.map((entry) => entry.at)).toEqual(times.slice(-SAMPLE_WINDOW));
  });

  it('brings the in-memory profiles up to date with the merged file', async () => {
    const first = await loadProfiles(root);
    const second = await loadProfiles(root);
    recordSample(first.profiles, 'lint', sample(10));
    await saveProfiles(root, first.profiles);
    recordSample(second.profiles, 'types', sample(20));
    await saveProfiles(root, second.profiles);
    expect([...second.profiles.keys()]).toEqual(['lint', 'types']);

    // A later save of the same map only claims hooks recorded since the last save.
    recordSample(first.profiles, 'format', sample(30));
    await saveProfiles(root, first.profiles);
    const { profiles } = await loadProfiles(root);
    expect([...profiles.keys()]).toEqual(['format', 'lint', 'types']);
  });

  it('keeps hooks on disk when saving a map that was not loaded from disk', async () => {
    const first = await loadProfiles(root);
    recordSample(first.profiles, 'lint', sample(10));
    await saveProfiles(root, first.profiles);

    await saveProfiles(root, new Map([['types', profileOf([20])]]));
    const { profiles } = await loadProfiles(root);
    expect([...profiles.keys()]).toEqual(['lint', 'types']);
  });

  it('drops a hook this process removed from its map', async () => {
    const seed = await loadProfiles(root);
    recordSample(seed.profiles, 'lint', sample(10));
    recordSample(seed.profiles, 'types', sample(20));
    await saveProfiles(root, seed.profiles);

    const { profiles } = await loadProfiles(root);
    profiles.delete('lint');
    await saveProfiles(root, profiles);
    expect([...(await loadProfiles(root)).profiles.keys()]).toEqual(['types']);
  });

  it('never leaves a torn file when many saves race', async () => {
    const loads = await Promise.all(Array.from({ length: 8 }, () => loadProfiles(root)));
    loads.forEach(({ profiles }, index) => recordSample(profiles, `hook-${index}`, sample(index)));
    await Promise.all(loads.map(({ profiles }) => saveProfiles(root, profiles)));

    const { profiles, warning } = await loadProfiles(root);
    expect(warning).toBeNull();
    expect(profiles.size).toBeGreaterThan(0);
    expect((await readdir(join(root, '.gauntlet'))).sort()).toEqual(['.gitignore', 'profiles.msgpack']);
  });
});
