import type http from 'node:http';
import { afterAll, describe, expect } from 'vitest';
import { listDiagnostics } from '../helpers/cache-repo.js';
import { hookOf, repoTest as it, spawnGauntlet, statusesOf, waitForCli, waitUntil } from '../helpers/e2e.js';
import { findClosedPort, makeClones, remoteOf, remoteWarnings, startFakeServer, type FakeServer } from '../helpers/remote-cache.js';

const FILES = { 'a.txt': 'alpha\n', 'b.txt': 'beta\nBAD line\n', 'c.txt': 'gamma\n' };
const HOOKS = [
  { name: 'nobad', command: ['grep', '-nH', 'BAD'], files: ['*.txt'], ok_exit_codes: [1] },
  { name: 'project', command: ['grep', '-rn', '--exclude-dir=.gauntlet', 'BAD', '--include=*.txt', '.'], files: ['*.txt'], pass_files: false, ok_exit_codes: [1] },
];
/** Short enough that a test never waits long; the runs are not timed, only seen to end. */
const TIMEOUT_MS = 300;

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/** Servers that misbehave, and the end of the warning line each one gives. */
const MISBEHAVING: Array<[string, Handler, RegExp]> = [
  ['never answers', () => undefined, /GET ac\/[0-9a-f]{64}: no answer in time/],
  [
    'sends headers, then nothing',
    (_request, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('partial');
    },
    /GET ac\/[0-9a-f]{64}: no answer in time/,
  ],
  [
    'answers 500',
    (_request, response) => {
      response.writeHead(500);
      response.end('internal error');
    },
    /GET ac\/[0-9a-f]{64}: HTTP 500/,
  ],
  [
    'answers 403',
    (_request, response) => {
      response.writeHead(403);
      response.end();
    },
    /GET ac\/[0-9a-f]{64}: HTTP 403/,
  ],
  [
    'closes each connection at once',
    (request) => {
      request.socket.destroy();
    },
    /GET ac\/[0-9a-f]{64}: ECONNRESET/,
  ],
];

/** A server that looks nothing up (404) and never answers an upload. */
const SWALLOWS_UPLOADS: Handler = (request, response) => {
  if (request.method !== 'GET') return;
  response.writeHead(404);
  response.end();
};

const servers: FakeServer[] = [];

/** A server for one test, closed when the file's tests end. */
async function serve(handler: Handler): Promise<FakeServer> {
  const server = await startFakeServer(handler);
  servers.push(server);
  return server;
}

describe.concurrent('a remote cache that fails', () => {
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it.for<[string, string | null, RegExp]>([
    ['refuses connections', null, /GET ac\/[0-9a-f]{64}: ECONNREFUSED/],
    ...MISBEHAVING.map(([what, , detail]): [string, string | null, RegExp] => [what, what, detail]),
  ])('warns once when the server %s, and the run ends with the local results and exit code', async ([, which, detail], { makeRepo }) => {
    const handler = MISBEHAVING.find(([what]) => what === which)?.[1];
    const server = handler ? await serve(handler) : null;
    const url = server?.url ?? (await findClosedPort());
    const { a, b } = await makeClones(makeRepo, FILES, () => ({ hooks: HOOKS, remote_cache: { url, timeout_ms: TIMEOUT_MS } }));

    const { result, report } = await a.runJson([]);
    const without = await b.runJson(['--no-remote-cache']);

    expect(result.signal).toBeNull();
    expect(result.code).toBe(without.result.code);
    expect(statusesOf(report)).toEqual(statusesOf(without.report));
    expect(listDiagnostics(report)).toEqual(listDiagnostics(without.report));
    const warnings = remoteWarnings(result.stderr);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^gauntlet: warning: remote cache ${url}: ${detail.source}; going on with local results$`));
    expect(remoteOf(report)).toMatchObject({ hits: 0, uploads: 0 });
    expect(remoteOf(report).errors).toBeGreaterThan(0);
    for (const hook of HOOKS) expect(hookOf(report, hook.name)).toMatchObject({ files_cached_remote: 0, files_run: 3 });
    // After an unreachable or silent server, uploads are not even tried.
    if (server && !/HTTP/.test(detail.source)) expect(server.requests.PUT).toBe(0);
  });

  it('warns once of a server answering 200 with garbage, whose answers are rejected, never taken as results', async ({ makeRepo }) => {
    const server = await serve((_request, response) => {
      response.writeHead(200);
      response.end('<html>Sign in to continue</html>');
    });
    const { a } = await makeClones(makeRepo, FILES, () => ({ hooks: HOOKS, remote_cache: { url: server.url, timeout_ms: TIMEOUT_MS } }));

    const { result, report } = await a.runJson([]);

    expect(result.code).toBe(1);
    expect(listDiagnostics(report)).toEqual(['nobad b.txt:2:- error [-] BAD line', 'project b.txt:2:- error [-] BAD line']);
    expect(remoteOf(report)).toMatchObject({ hits: 0, errors: 0 });
    expect(remoteOf(report).rejected).toBe(remoteOf(report).lookups);
    expect(remoteWarnings(result.stderr)).toEqual([
      `gauntlet: warning: remote cache ${server.url}: ignored the entry ac/${/ac\/([0-9a-f]{64})/.exec(result.stderr)?.[1] ?? ''}: not an ActionResult; going on with local results`,
    ]);
  });

  it('ends a run whose uploads the server never answers, dropping them', async ({ makeRepo }) => {
    const server = await serve(SWALLOWS_UPLOADS);
    const { a } = await makeClones(makeRepo, FILES, () => ({ hooks: HOOKS, remote_cache: { url: server.url, timeout_ms: TIMEOUT_MS } }));

    const { result, report } = await a.runJson([]);

    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(server.requests.PUT).toBeGreaterThan(0);
    expect(remoteOf(report)).toMatchObject({ uploads: 0, hits: 0 });
    expect(remoteWarnings(result.stderr)).toEqual([expect.stringMatching(/: PUT cas\/[0-9a-f]{64}: no answer in time; going on with local results$/)]);
  });

  it('drops the uploads still under way when timeout_ms runs out at exit, and says how many', async ({ makeRepo }) => {
    // Every upload is answered, each after a while: many are still queued when the run ends.
    const server = await serve((request, response) => {
      if (request.method === 'GET') return void response.writeHead(404).end();
      request.resume();
      setTimeout(() => response.writeHead(201).end(), TIMEOUT_MS / 2);
    });
    const files = Object.fromEntries(Array.from({ length: 200 }, (_, index) => [`f${index}.txt`, `line ${index}\n`]));
    const { a } = await makeClones(makeRepo, files, () => ({ hooks: HOOKS, remote_cache: { url: server.url, timeout_ms: TIMEOUT_MS } }));

    const { result, report } = await a.runJson([]);

    expect(result.code).toBe(0);
    const { dropped, uploads, errors } = remoteOf(report);
    expect(errors).toBe(0);
    expect(dropped).toBeGreaterThan(0);
    // 200 files' results, the project hook's, and the few buckets of 200 files: each stored or dropped.
    expect(uploads + dropped).toBeGreaterThan(201);
    expect(uploads + dropped).toBeLessThan(220);
    expect(remoteWarnings(result.stderr)).toEqual([
      `gauntlet: warning: remote cache ${server.url}: ${dropped} uploads not done within timeout_ms (${TIMEOUT_MS} ms) dropped; raise remote_cache.timeout_ms to keep them`,
    ]);
  });

  it('stops waiting for the server when the run is interrupted, however long its timeout', async ({ makeRepo }) => {
    const server = await serve(() => undefined);
    // A timeout past the CLI deadline: only a run that stops asking ends in time.
    const { a } = await makeClones(makeRepo, FILES, () => ({ hooks: HOOKS, remote_cache: { url: server.url, timeout_ms: 600_000 } }));
    const child = spawnGauntlet(['run'], { cwd: a.root });
    const ended = waitForCli(child);

    expect(await waitUntil(() => server.requests.GET > 0, 20_000)).toBe(true);
    child.kill('SIGINT');
    const result = await ended;

    expect(result.signal).toBeNull();
    expect(result.code).toBe(130);
    // The user stopped the run: the server is not at fault.
    expect(remoteWarnings(result.stderr)).toEqual([]);
  });

  it('ends a run whose uploads the server never answers at the default timeout too', async ({ makeRepo }) => {
    const server = await serve(SWALLOWS_UPLOADS);
    const { a } = await makeClones(makeRepo, FILES, () => ({ hooks: HOOKS }));

    const { result, report } = await a.runJson([], { env: { GAUNTLET_REMOTE_CACHE: server.url } });

    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(remoteOf(report).uploads).toBe(0);
  });
});
