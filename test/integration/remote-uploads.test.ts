import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT, RemoteHttpClient } from '../../engine/remote/http-client.js';
import { RemoteStore } from '../../engine/remote/remote-store.js';
import { startFakeServer, type FakeServer } from '../helpers/remote-cache.js';

const UPLOADS = 200;
const KEY_DIGITS = 64;

let server: FakeServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

/** Starts a server that stores nothing and answers every PUT at once, noting `METHOD ac|cas/KEY` in order. */
async function startRecordingServer(): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  server = await startFakeServer((request, response) => {
    seen.push(`${request.method ?? ''} ${request.url?.slice(1) ?? ''}`);
    response.writeHead(request.method === 'PUT' ? 201 : 404);
    response.end();
  });
  return { url: server.url, seen };
}

function makeKey(index: number): string {
  return String(index).padStart(KEY_DIGITS, '0');
}

describe('uploads to a remote cache', () => {
  it('stores each entry soon after its blob, so that uploads cut short at exit are whole ones', async () => {
    const { url, seen } = await startRecordingServer();
    const store = new RemoteStore(new RemoteHttpClient(url, {}, 10_000), url, () => undefined);

    for (let index = 0; index < UPLOADS; index++) {
      const key = makeKey(index);
      store.upload({ key, results: new Map([[key, { ok: true, diagnostics: [] }]]) }, true);
    }
    await store.settle(10_000);

    expect(store.counts).toMatchObject({ uploads: UPLOADS, errors: 0 });
    expect(seen).toHaveLength(2 * UPLOADS);
    // An entry is written after its blob, and before more than a few other blobs start.
    seen.forEach((request, position) => {
      const key = /^PUT ac\/([0-9]+)$/.exec(request)?.[1];
      if (key === undefined) return;
      const blobsBefore = seen.slice(0, position).filter((earlier) => earlier.startsWith('PUT cas/')).length;
      expect(blobsBefore, `the entry of upload ${Number(key)}`).toBeLessThanOrEqual(Number(key) + 1 + 2 * MAX_IN_FLIGHT);
    });
  });

  it('writes a blob shared by several entries once', async () => {
    const { url, seen } = await startRecordingServer();
    const store = new RemoteStore(new RemoteHttpClient(url, {}, 10_000), url, () => undefined);
    const entry = { ok: false, diagnostics: [] };

    // Blobs hold their key: the same results under two keys are two blobs; the same blob twice is one.
    store.upload({ key: makeKey(1), results: new Map([['x', entry]]) }, false);
    store.upload({ key: makeKey(1), results: new Map([['x', entry]]) }, false);
    store.upload({ key: makeKey(2), results: new Map([['x', entry]]) }, false);
    await store.settle(10_000);

    expect(seen.filter((request) => request.startsWith('PUT cas/'))).toHaveLength(2);
    expect(seen.filter((request) => request.startsWith('PUT ac/'))).toHaveLength(3);
    expect(store.counts.uploads).toBe(3);
  });
});
