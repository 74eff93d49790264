import { describe, expect } from 'vitest';
import { groupBuckets } from '../../engine/remote/remote-keys.js';
import { hookOf } from '../helpers/e2e.js';
import { cloneRepo, findNginx, makeClones, remoteOf, remoteTest as it } from '../helpers/remote-cache.js';

/** Files enough for several buckets, and for more than a round of lookups file by file. */
const FILE_COUNT = 300;
/** Lookups one by one stop after this many misses in a row (engine/remote/remote-session.ts). */
const MISS_LIMIT = 128;
const FILES = Object.fromEntries(Array.from({ length: FILE_COUNT }, (_, index) => [`src/f${String(index).padStart(3, '0')}.txt`, index % 50 === 0 ? 'BAD\n' : `line ${index}\n`]));
const HOOKS = [{ name: 'nobad', command: ['grep', '-nH', 'BAD'], files: ['*.txt'], ok_exit_codes: [1] }];
/**
 * Long enough for every upload to be done before a run ends (it waits at most this long): some
 * 600 PUTs to nginx take seconds on a loaded machine, and these tests count them.
 */
const TIMEOUT_MS = 20_000;

function makeConfig(url: string): () => object {
  return () => ({ hooks: HOOKS, remote_cache: { url, timeout_ms: TIMEOUT_MS } });
}
/** As many buckets as the engine makes of that many files (their keys do not matter here). */
const BUCKETS = groupBuckets(new Map(Object.keys(FILES).map((file) => [file, file])));

describe.skipIf(findNginx() === null).concurrent('lookups by bucket of files', () => {
  it('asks an empty server once per bucket, then file by file until a whole round missed', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    const { a } = await makeClones(makeRepo, FILES, makeConfig(cache.url));

    const { report } = await a.runJson([]);

    expect(BUCKETS.length).toBe(4);
    expect(remoteOf(report)).toMatchObject({ lookups: BUCKETS.length + MISS_LIMIT, hits: 0, errors: 0 });
    // Every file's result, then every bucket (the run knows all of its files' results).
    expect(remoteOf(report).uploads).toBe(FILE_COUNT + BUCKETS.length);
  });

  it('answers a whole clone with one lookup per bucket', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    const { a, b } = await makeClones(makeRepo, FILES, makeConfig(cache.url));
    const first = await a.runJson([]);

    const { result, report } = await b.runJson([]);

    expect(result.code).toBe(first.result.code);
    expect(remoteOf(report)).toMatchObject({ lookups: BUCKETS.length, hits: BUCKETS.length, uploads: 0, rejected: 0 });
    expect(hookOf(report, 'nobad')).toMatchObject({ files_cached_remote: FILE_COUNT, files_run: 0, diagnostics: 6 });
    expect(report.diagnostics).toEqual(first.report.diagnostics);
  });

  it('looks up file by file only the files of a bucket one changed file made miss, and uploads that bucket anew', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    const { a, b } = await makeClones(makeRepo, FILES, makeConfig(cache.url));
    await a.runJson([]);
    const changed = 'src/f123.txt';
    const bucketSize = BUCKETS.find((bucket) => bucket.files.some(([file]) => file === changed))?.files.length ?? 0;
    b.write(changed, 'BAD now\n');

    const { report } = await b.runJson([]);

    expect(hookOf(report, 'nobad')).toMatchObject({ files_cached_remote: FILE_COUNT - 1, files_run: 1, diagnostics: 7 });
    expect(remoteOf(report)).toMatchObject({ lookups: BUCKETS.length + bucketSize, hits: BUCKETS.length - 1 + bucketSize - 1 });
    // The changed file's result, and its bucket as it is now.
    expect(remoteOf(report).uploads).toBe(2);

    // A clone with the same change now gets all from buckets.
    const c = await cloneRepo(makeRepo, a);
    c.write(changed, 'BAD now\n');
    const again = await c.runJson([]);
    expect(remoteOf(again.report)).toMatchObject({ lookups: BUCKETS.length, hits: BUCKETS.length });
  });
});
