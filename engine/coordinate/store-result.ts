import type { CacheEntry } from '../store/cache-data.js';
import type { ResultCache } from '../store/result-cache.js';
import type { HookWork } from './plan-phase.js';

/** Keeps a result the run learnt in the local cache: a file's in its hook's table, or ('' for `file`) the hook's whole result. */
export function storeResult(cache: ResultCache, work: HookWork, file: string, entry: CacheEntry): void {
  if (file === '') {
    if (work.projectKey !== null) cache.set(work.projectKey, entry);
    return;
  }
  const version = work.fileKeys.get(file);
  if (version !== undefined) cache.setFile(work.hookKey, file, version, entry);
}
