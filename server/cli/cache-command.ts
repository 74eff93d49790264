import { stat } from 'node:fs/promises';
import { ResultCache, clearCache, resolveCachePath } from '../../engine/store/result-cache.js';
import { findRepoRoot } from '../../engine/files/git.js';
import { EXIT_OK } from './errors.js';
import { printWarning } from './escape-text.js';

export interface CacheCommandOptions {
  format: 'text' | 'json';
}

/** `gauntlet cache stats`: what the result cache holds and how the last run used it. */
export async function cacheStatsCommand(options: CacheCommandOptions): Promise<number> {
  const root = await findRepoRoot(process.cwd());
  const { cache, warning } = await ResultCache.load(root);
  if (warning) printWarning(warning);
  const file = resolveCachePath(root);
  const bytes = await stat(file).then((info) => info.size, () => 0);
  const stats = cache.stats();
  const hitRate = stats.lastLookups === 0 ? null : stats.lastHits / stats.lastLookups;
  const remoteRate = stats.lastRemoteLookups === 0 ? null : stats.lastRemoteHits / stats.lastRemoteLookups;
  if (options.format === 'json') {
    const json = { schema: 'gauntlet-cache/1', file, bytes, entries: stats.entries, files: stats.files, last_run: {
        lookups: stats.lastLookups,
        hits: stats.lastHits,
        hit_rate: hitRate,
        remote: { lookups: stats.lastRemoteLookups, hits: stats.lastRemoteHits, hit_rate: remoteRate },
      },
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT_OK;
  }
  process.stdout.write(
    [
      `file       ${file}`,
      `size       ${(bytes / 1024).toFixed(1)} KiB`,
      `entries    ${stats.entries} results, ${stats.files} file stamps`,
      `last run   ${describeHits(hitRate, stats.lastHits, stats.lastLookups)}`,
      `  remote   ${describeHits(remoteRate, stats.lastRemoteHits, stats.lastRemoteLookups)}`,
    ].join('\n') + '\n',
  );
  return EXIT_OK;
}

function describeHits(rate: number | null, hits: number, lookups: number): string {
  return rate === null ? 'no lookups' : `${(rate * 100).toFixed(1)}% hit rate (${hits} of ${lookups} lookups)`;
}

/** `gauntlet cache clear`: forgets every cached result. */
export async function cacheClearCommand(): Promise<number> {
  const root = await findRepoRoot(process.cwd());
  await clearCache(root);
  process.stdout.write(`cache cleared: ${resolveCachePath(root)}\n`);
  return EXIT_OK;
}
