import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { hookOf, splitLines, type EnvOverrides, type TempRepo } from '../helpers/e2e.js';
import { findNginx, listStored, makeClones, readAllText, remoteOf, remoteTest as it, remoteWarnings } from '../helpers/remote-cache.js';

const FILES = { 'a.txt': 'alpha\n', 'b.txt': 'beta\nBAD line\n' };
const NOBAD = { name: 'nobad', command: ['grep', '-nH', 'BAD'], files: ['*.txt'], ok_exit_codes: [1] };
const PASSWORD = 'hunter2-Zq8';
const USER = 'ci';

/** The hook's config, with `remote_cache` when given. */
function withRemote(remoteCache?: object): () => object {
  return () => ({ hooks: [NOBAD], ...(remoteCache ? { remote_cache: remoteCache } : {}) });
}

let reports = 0;

/** A run with its text output and the JSON report it wrote with --output, as one text to search. */
async function runEverywhere(repo: TempRepo, args: string[], env: EnvOverrides): Promise<{ code: number | null; everything: string; stderr: string }> {
  reports += 1;
  const report = repo.scratchPath(`report-${reports}.json`);
  const result = await repo.run(['run', '--output', report, ...args], { env });
  const written = readFileSync(report, 'utf8');
  return { code: result.code, stderr: result.stderr, everything: [result.stdout, result.stderr, written, readAllText(path.join(repo.root, '.gauntlet'))].join('\n') };
}

describe.skipIf(findNginx() === null).concurrent('how a run is told of the remote cache', () => {
  it('uses none with --no-remote-cache, whatever the environment and gauntlet.yaml say', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    const { a } = await makeClones(makeRepo, FILES, withRemote({ url: cache.url }));

    const { result, report } = await a.runJson(['--no-remote-cache'], { env: { GAUNTLET_REMOTE_CACHE: cache.url } });

    expect(result.code).toBe(1);
    expect(report.summary.remote).toBeNull();
    expect(listStored(cache.data)).toEqual([]);
  });

  it('uses the server --remote-cache names over the environment’s', async ({ makeRepo, startCache }) => {
    const [cache, other] = await Promise.all([startCache(), startCache()]);
    const { a, b } = await makeClones(makeRepo, FILES, withRemote());

    const filled = await a.runJson(['--remote-cache', cache.url], { env: { GAUNTLET_REMOTE_CACHE: other.url } });
    const { report } = await b.runJson(['--remote-cache', `${cache.url}/`]);

    expect(remoteOf(filled.report).url).toBe(cache.url);
    expect(listStored(other.data)).toEqual([]);
    expect(remoteOf(report)).toMatchObject({ url: cache.url, uploads: 0, rejected: 0 });
    expect(hookOf(report, 'nobad')).toMatchObject({ files_cached_remote: 2, files_run: 0 });
  });

  it('keeps its entries under the path of the URL', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    const { a, b } = await makeClones(makeRepo, FILES, withRemote({ url: `${cache.url}/teams/core/` }));

    await a.runJson([]);
    const { report } = await b.runJson([]);

    expect(remoteOf(report).url).toBe(`${cache.url}/teams/core`);
    expect(hookOf(report, 'nobad')).toMatchObject({ files_cached_remote: 2, files_run: 0 });
    const stored = listStored(cache.data);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((file) => /^teams\/core\/(ac|cas)\/[0-9a-f]{64}$/.test(file.split(path.sep).join('/')))).toBe(true);
  });

  it.for<[string, object, EnvOverrides]>([
    ['GAUNTLET_REMOTE_CACHE_READ_ONLY=1', {}, { GAUNTLET_REMOTE_CACHE_READ_ONLY: '1' }],
    ['read_only: true', { read_only: true }, {}],
  ])('looks results up but uploads none with %s', async ([, settings, env], { makeRepo, startCache }) => {
    const cache = await startCache();
    const { a, b } = await makeClones(makeRepo, FILES, withRemote({ url: cache.url, ...settings }));

    const { report } = await a.runJson([], { env });
    expect(remoteOf(report)).toMatchObject({ uploads: 0, hits: 0, errors: 0 });
    expect(remoteOf(report).lookups).toBeGreaterThan(0);
    expect(listStored(cache.data)).toEqual([]);

    // The machine that may write (CI, typically) fills the cache; the read-only one then hits.
    await a.runJson(['--no-cache'], { env: { GAUNTLET_REMOTE_CACHE_READ_ONLY: '0' } });
    const read = await b.runJson([], { env });
    expect(remoteOf(read.report)).toMatchObject({ uploads: 0, errors: 0 });
    expect(hookOf(read.report, 'nobad')).toMatchObject({ files_cached_remote: 2, files_run: 0 });
  });

  it('sends the credentials of GAUNTLET_REMOTE_CACHE, and prints or keeps them nowhere', async ({ makeRepo, startCache }) => {
    const cache = await startCache({ users: { [USER]: PASSWORD } });
    const { a, b } = await makeClones(makeRepo, FILES, withRemote());
    const url = cache.url.replace('http://', `http://${USER}:${PASSWORD}@`);

    const filled = await runEverywhere(a, [], { GAUNTLET_REMOTE_CACHE: url });
    const read = await runEverywhere(b, ['--format', 'json'], { GAUNTLET_REMOTE_CACHE: url });

    expect(filled.code).toBe(1);
    expect(remoteWarnings(filled.stderr)).toEqual([]);
    expect(listStored(cache.data).length).toBeGreaterThan(0);
    expect(read.everything).toContain('"files_cached_remote": 2');
    expect(read.everything).toContain(`"url": "${cache.url}"`);
    for (const { everything } of [filled, read]) {
      expect(everything).not.toContain(PASSWORD);
      expect(everything).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'));
    }
  });

  it('hands the hooks it runs no variable that carries the credentials', async ({ makeRepo, startCache }) => {
    const cache = await startCache({ users: { [USER]: PASSWORD } });
    const dump = { name: 'dump', command: ['sh', '-c', 'env; exit 1'], files: ['*.txt'], pass_files: false, version_command: 'sh -c "echo 1"' };
    const { a } = await makeClones(makeRepo, FILES, () => ({ hooks: [dump] }));
    const env = {
      GAUNTLET_REMOTE_CACHE: cache.url.replace('http://', `http://${USER}:${PASSWORD}@`),
      GAUNTLET_REMOTE_CACHE_HEADER: `X-Token: token-${PASSWORD}`,
      GAUNTLET_REMOTE_CACHE_READ_ONLY: '0',
      OTHER_VARIABLE: 'still-here',
    };

    const run = await runEverywhere(a, [], env);

    expect(run.code).toBe(1);
    expect(run.everything).toContain('OTHER_VARIABLE=still-here');
    expect(run.everything).not.toContain(PASSWORD);
  });

  it('sends the headers of GAUNTLET_REMOTE_CACHE_HEADER', async ({ makeRepo, startCache }) => {
    const cache = await startCache({ users: { [USER]: PASSWORD } });
    const { a } = await makeClones(makeRepo, FILES, withRemote({ url: cache.url, headers: { 'X-Team': 'core' } }));
    const header = `X-Other: 1\nAuthorization: Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

    const { result, report } = await a.runJson([], { env: { GAUNTLET_REMOTE_CACHE_HEADER: header } });

    expect(remoteWarnings(result.stderr)).toEqual([]);
    // Each file's result, and the bucket of both.
    expect(remoteOf(report)).toMatchObject({ errors: 0, uploads: 3 });
  });

  it.for<[string, string]>([
    ['no credentials', ''],
    ['a wrong password', `${USER}:not-${PASSWORD}@`],
  ])('warns once and goes on with local results when the server refuses %s, the exit code unchanged', async ([, credentials], { makeRepo, startCache }) => {
    const cache = await startCache({ users: { [USER]: PASSWORD } });
    const { a } = await makeClones(makeRepo, FILES, withRemote());

    const run = await runEverywhere(a, [], { GAUNTLET_REMOTE_CACHE: cache.url.replace('http://', `http://${credentials}`) });

    expect(run.code).toBe(1);
    expect(remoteWarnings(run.stderr)).toEqual([expect.stringMatching(new RegExp(`^gauntlet: warning: remote cache ${cache.url}: GET ac/[0-9a-f]{64}: HTTP 401; going on with local results$`))]);
    expect(run.everything).not.toContain(PASSWORD);
    expect(listStored(cache.data)).toEqual([]);
  });

  it.for<[string, (url: string) => object, string[], string]>([
    [
      'a user:password in gauntlet.yaml',
      (url) => withRemote({ url: url.replace('http://', `http://${USER}:${PASSWORD}@`) })(),
      [],
      'remote_cache.url: holds a user:password; give credentials only in the environment (GAUNTLET_REMOTE_CACHE or GAUNTLET_REMOTE_CACHE_HEADER)',
    ],
    [
      'an Authorization header in gauntlet.yaml',
      (url) => withRemote({ url, headers: { Authorization: `Bearer ${PASSWORD}` } })(),
      [],
      'remote_cache.headers: "Authorization" carries credentials; set it in the environment instead (GAUNTLET_REMOTE_CACHE_HEADER="Authorization: ...")',
    ],
    [
      'a user:password in --remote-cache',
      () => withRemote()(),
      ['--remote-cache', `http://${USER}:${PASSWORD}@127.0.0.1:9`],
      '--remote-cache: the URL holds a user:password; give credentials in the environment (GAUNTLET_REMOTE_CACHE or GAUNTLET_REMOTE_CACHE_HEADER)',
    ],
  ])('refuses %s in one line (exit 2), without showing it', async ([, makeConfig, args, message], { makeRepo, startCache }) => {
    const cache = await startCache();
    const { a } = await makeClones(makeRepo, FILES, () => makeConfig(cache.url));

    const result = await a.run(['run', ...args]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(splitLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(listStored(cache.data)).toEqual([]);
  });
});
