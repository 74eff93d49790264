import { loadProfiles, saveProfiles, type Profiles } from './profiles.js';
import { ResultCache } from './result-cache.js';
import { STATE_DIR_NAME, ensureStateDir } from './state-dir.js';
import { traceMark } from '../trace.js';

/** What a run reads and writes on disk: the hooks' profiles and the result cache. */
export interface RunStores {
  profiles: Profiles;
  cache: ResultCache;
  /** One line each, for what could not be read. */
  warnings: string[];
}

/**
 * Loads a run's stores. Never rejects: an unreadable store is a warning and an empty store.
 * The state folder is made now: the file system's clock is read there when files are stamped
 * (engine/worker/fs-clock.ts).
 */
export async function loadRunStores(root: string): Promise<RunStores> {
  const [profileRead, cacheRead, stateDir] = await Promise.all([
    loadProfiles(root),
    ResultCache.load(root),
    ensureStateDir(root).then(() => null, (error: unknown) => `cannot create ${STATE_DIR_NAME}/: ${(error as Error).message}`),
  ]);
  const warnings = [profileRead.warning, cacheRead.warning, stateDir].filter((warning): warning is string => warning !== null);
  return { profiles: profileRead.profiles, cache: cacheRead.cache, warnings };
}

/**
 * Saves what runs learnt, each store merged under its lock with what other processes wrote
 * meanwhile (see store/). A store that cannot be written is a warning, never a failure.
 */
export async function saveRunStores(root: string, stores: Pick<RunStores, 'profiles' | 'cache'>, warn: (message: string) => void): Promise<void> {
  await Promise.all([
    saveProfiles(root, stores.profiles).catch((error: unknown) => warn(`could not save profiles: ${(error as Error).message}`)),
    stores.cache.save(root).catch((error: unknown) => warn(`could not save the cache: ${(error as Error).message}`)),
  ]);
  traceMark('profiles and cache saved');
}
