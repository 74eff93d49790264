import { hash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Packr } from 'msgpackr';
import { describe, expect } from 'vitest';
import { decodeActionResult, encodeActionResult } from '../../engine/remote/action-result.js';
import { listDiagnostics } from '../helpers/cache-repo.js';
import { hookOf, statusesOf } from '../helpers/e2e.js';
import { cloneRepo, findNginx, makeClones, remoteOf, remoteTest as it, remoteWarnings } from '../helpers/remote-cache.js';

const FILES = { 'a.txt': 'alpha\n', 'b.txt': 'beta\nBAD line\n', 'c.txt': 'gamma\n' };
const CONFIG = { hooks: [{ name: 'nobad', command: ['grep', '-nH', 'BAD'], files: ['*.txt'], ok_exit_codes: [1] }] };
const packr = new Packr({ useRecords: false, mapsAsObjects: true });

/** The action-cache keys a server holds, and where its files are. */
function listEntries(data: string): { ac: string; cas: string; keys: string[] } {
  const ac = path.join(data, 'ac');
  return { ac, cas: path.join(data, 'cas'), keys: readdirSync(ac).sort() };
}

/** Rewrites the blob of every entry as `change` says, stored under its right sha256, so that only its content is wrong. */
function rewriteBlobs(data: string, change: (value: unknown[]) => unknown): void {
  const { ac, cas, keys } = listEntries(data);
  for (const key of keys) {
    const digest = decodeActionResult(readFileSync(path.join(ac, key)));
    if (!digest) throw new Error(`ac/${key} is not an ActionResult`);
    const bytes = packr.pack(change(packr.unpack(readFileSync(path.join(cas, digest.hash))) as unknown[]));
    const sha256 = hash('sha256', bytes, 'hex');
    writeFileSync(path.join(cas, sha256), bytes);
    writeFileSync(path.join(ac, key), encodeActionResult({ hash: sha256, size: bytes.length }, 0));
  }
}

const LOST = /its blob cas\/[0-9a-f]{64} is missing or not what its digest says/;
const MALFORMED = /its blob is not a well-formed gauntlet result/;

/** What a server may hold that is not the result asked for, done to every entry A uploaded; and the reason a warning gives. */
const DAMAGES: Array<[string, (data: string) => void, RegExp]> = [
  [
    'blobs whose bytes no longer match their sha256',
    (data) => {
      const { cas } = listEntries(data);
      for (const name of readdirSync(cas)) {
        const bytes = readFileSync(path.join(cas, name));
        bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
        writeFileSync(path.join(cas, name), bytes);
      }
    },
    LOST,
  ],
  [
    'entries swapped between keys, each naming another key’s blob',
    (data) => {
      const { ac, keys } = listEntries(data);
      const contents = keys.map((key) => readFileSync(path.join(ac, key)));
      keys.forEach((key, index) => writeFileSync(path.join(ac, key), contents[(index + 1) % keys.length] ?? ''));
    },
    /its blob answers another key/,
  ],
  [
    'entries that are not ActionResults',
    (data) => {
      const { ac, keys } = listEntries(data);
      for (const key of keys) writeFileSync(path.join(ac, key), '<html>login</html>');
    },
    /not an ActionResult/,
  ],
  ['entries naming blobs the server lost', (data) => rmSync(listEntries(data).cas, { recursive: true }), LOST],
  ['blobs of another format', (data) => rewriteBlobs(data, ([, key, results]) => ['gauntlet-remote/99', key, results]), MALFORMED],
  [
    'results with a diagnostic outside the repository',
    (data) =>
      rewriteBlobs(data, ([format, key, results]) => [
        format,
        key,
        (results as unknown[][]).map(([subKey]) => [subKey, false, [['../../etc/passwd', 1, null, null, null, 'error', null, 'planted']]]),
      ]),
    MALFORMED,
  ],
];

describe.skipIf(findNginx() === null).concurrent('answers of a remote cache that are not the results asked for', () => {
  it.for(DAMAGES)('ignores %s with one warning, runs the hook, and reports the right result', async ([, damage, reason], { makeRepo, startCache }) => {
    const cache = await startCache();
    const { a, b } = await makeClones(makeRepo, FILES, () => CONFIG);
    const env = { GAUNTLET_REMOTE_CACHE: cache.url };
    const first = await a.runJson([], { env });
    damage(cache.data);

    const { result, report } = await b.runJson([], { env });

    expect(result.code).toBe(1);
    expect(remoteWarnings(result.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^gauntlet: warning: remote cache ${cache.url}: ignored the entry ac/[0-9a-f]{64}: ${reason.source}; going on with local results$`)),
    ]);
    expect(statusesOf(report)).toEqual(statusesOf(first.report));
    expect(listDiagnostics(report)).toEqual(['nobad b.txt:2:- error [-] BAD line']);
    expect(hookOf(report, 'nobad')).toMatchObject({ files_cached_remote: 0, files_run: 3 });
    const remote = remoteOf(report);
    expect(remote).toMatchObject({ hits: 0, errors: 0 });
    // Every lookup found an entry (the bucket's, then each file's), and none was taken.
    expect(remote.rejected).toBe(remote.lookups);
    expect(remote.lookups).toBe(4);
  });

  it('replaces entries it rejected with its own results, which a third clone then gets', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    const { a, b } = await makeClones(makeRepo, FILES, () => CONFIG);
    const env = { GAUNTLET_REMOTE_CACHE: cache.url };
    await a.runJson([], { env });
    DAMAGES[1]?.[1](cache.data);

    const repaired = await b.runJson([], { env });
    const { report } = await (await cloneRepo(makeRepo, a)).runJson([], { env });

    expect(remoteOf(repaired.report).uploads).toBe(4);
    expect(remoteOf(report)).toMatchObject({ rejected: 0, hits: 1, lookups: 1 });
    expect(hookOf(report, 'nobad')).toMatchObject({ files_cached_remote: 3, files_run: 0 });
    expect(listDiagnostics(report)).toEqual(['nobad b.txt:2:- error [-] BAD line']);
  });

  it('takes from a bucket only results about the file they are for', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    const { a, b } = await makeClones(makeRepo, FILES, () => CONFIG);
    const env = { GAUNTLET_REMOTE_CACHE: cache.url };
    await a.runJson([], { env });
    // Every result now speaks of c.txt, whichever file it is for: only c.txt's may be taken.
    rewriteBlobs(cache.data, ([format, key, results]) => [format, key, (results as unknown[][]).map(([subKey]) => [subKey, false, [['c.txt', 1, null, null, null, 'error', null, 'planted']]])]);

    const { report } = await b.runJson([], { env });

    expect(hookOf(report, 'nobad')).toMatchObject({ files_cached_remote: 1, files_run: 2 });
    expect(listDiagnostics(report)).toEqual(['nobad b.txt:2:- error [-] BAD line', 'nobad c.txt:1:- error [-] planted']);
  });
});
