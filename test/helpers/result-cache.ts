import { writeFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { ResultCache, resolveCachePath } from '../../engine/store/result-cache.js';
import type { CacheEntry } from '../../engine/store/cache-data.js';
import { ensureStateDir } from '../../engine/store/state-dir.js';

export const PASSED: CacheEntry = { ok: true, diagnostics: [] };
export const FAILED: CacheEntry = {
  ok: false,
  diagnostics: [
    ['src/a.py', 3, 5, 3, 9, 'error', 'E501', 'line too long'],
    ['src/a.py', 7, null, null, null, 'warning', null, 'unused import'],
  ],
};

/** The cache at `root`, loaded without a warning. */
export async function loadCache(root: string): Promise<ResultCache> {
  const { cache, warning } = await ResultCache.load(root);
  expect(warning).toBeNull();
  return cache;
}

/** Puts these bytes where the cache file goes. */
export async function writeCacheBytes(root: string, bytes: Uint8Array): Promise<void> {
  await ensureStateDir(root);
  await writeFile(resolveCachePath(root), bytes);
}
