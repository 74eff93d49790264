import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import type { RunReport } from '../../protocol/report.js';
import { repoTest, type MakeRepo, type TempRepo } from './e2e.js';
import { hasTool } from './external-tools.js';
import { NGINX_CANDIDATES, startNginx, type NginxServer } from './nginx-server.mjs';

/**
 * nginx's path, or null when it is not installed (its tests are then skipped); on CI (CI set) a
 * missing nginx is an error, so that the remote cache tests never silently vanish.
 */
export function findNginx(): string | null {
  const found = NGINX_CANDIDATES.find((candidate) => existsSync(candidate));
  if (found !== undefined) return found;
  return hasTool('nginx') ? 'nginx' : null;
}

/** Users nginx asks for with `users` (see startNginx); none without. */
export interface NginxOptions {
  users?: Record<string, string>;
}

/** `it` with `makeRepo` and `startCache`: every nginx a test starts is stopped when it ends. */
export const remoteTest = repoTest.extend<{ startCache: (options?: NginxOptions) => Promise<NginxServer> }>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads the fixtures a fixture needs from this pattern
  startCache: async ({}, use) => {
    const started: NginxServer[] = [];
    await use(async (options) => {
      const nginx = findNginx();
      if (nginx === null) throw new Error('nginx is missing: install it (bash .ci/setup)');
      const server = await startNginx(nginx, options);
      started.push(server);
      return server;
    });
    await Promise.all(started.map((server) => server.stop()));
  },
});

/**
 * Two clones of one repository at different absolute paths, as two machines have: `a` holds
 * `files` and the config committed (made from `a`, whose scratch folder may hold the hooks'
 * logs), `b` is cloned from it (no .gauntlet/ of its own).
 */
export async function makeClones(makeRepo: MakeRepo, files: Record<string, string>, makeConfig: (a: TempRepo) => object): Promise<{ a: TempRepo; b: TempRepo }> {
  const a = await makeRepo();
  for (const [name, content] of Object.entries(files)) a.write(name, content);
  a.writeConfig(makeConfig(a));
  await a.commitAll('the project');
  return { a, b: await cloneRepo(makeRepo, a) };
}

/** Another clone of `repo`'s committed files, at a path of its own, with no local cache. */
export async function cloneRepo(makeRepo: MakeRepo, repo: TempRepo): Promise<TempRepo> {
  const clone = await makeRepo({ git: false });
  await clone.git('clone', '-q', repo.root, '.');
  return clone;
}

/** The report's `summary.remote`; throws when the run used no remote cache. */
export function remoteOf(report: RunReport): NonNullable<RunReport['summary']['remote']> {
  const remote = report.summary.remote;
  if (remote === null) throw new Error('the run used no remote cache');
  return remote;
}

/** Every file a cache server stores under its root (`ac/...`, `cas/...`), sorted. */
export function listStored(data: string): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(path.relative(data, full));
    }
  };
  walk(data);
  return files.sort();
}

/** The warnings a run printed on stderr that are about the remote cache. */
export function remoteWarnings(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('gauntlet: warning: remote cache'));
}

/** Every file of a folder, read as text, recursively (to look for a secret anywhere in it). */
export function readAllText(folder: string): string {
  if (!existsSync(folder)) return '';
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => readFileSync(file, 'latin1'))
    .join('\n');
}

/** A server for misbehaving on demand: it counts requests by method and answers as `handle` does. */
export interface FakeServer {
  url: string;
  requests: { GET: number; PUT: number };
  close(): Promise<void>;
}

/** Starts a tiny HTTP server on loopback; `handle` may leave a request unanswered. */
export async function startFakeServer(handle: (request: http.IncomingMessage, response: http.ServerResponse) => void): Promise<FakeServer> {
  const requests = { GET: 0, PUT: 0 };
  const server = http.createServer((request, response) => {
    if (request.method === 'GET' || request.method === 'PUT') requests[request.method] += 1;
    // The body is read (and dropped) so that a client's upload is never stuck on a full pipe.
    request.resume();
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL where nothing listens: connections are refused. */
export async function findClosedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
