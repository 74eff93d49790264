import { performance } from 'node:perf_hooks';
import type { Hook } from '../../protocol/hook.js';
import type { RemoteSummary } from '../../protocol/report.js';
import type { HookWork } from '../coordinate/plan-phase.js';
import { storeResult } from '../coordinate/store-result.js';
import type { CacheEntry } from '../store/cache-data.js';
import type { ResultCache } from '../store/result-cache.js';
import { RemoteHttpClient } from './http-client.js';
import { groupBuckets, type RemoteBucket } from './remote-keys.js';
import { RemoteStore, type RemoteCounts } from './remote-store.js';
import { fingerprintTool, type RunVersion } from './tool-fingerprint.js';
import { NATIVE_TOOL } from '../cache/tool-identity.js';
import { loadToolMemo, saveToolMemo } from './tool-memo.js';
import { traceMark } from '../trace.js';

/** A remote cache to use, as the front end resolved it from gauntlet.yaml, the environment and flags. */
export interface RemoteSettings {
  /** Base URL without credentials: what messages show. */
  url: string;
  /** Sent with every request, credentials included. */
  headers: Record<string, string>;
  readOnly: boolean;
  timeoutMs: number;
}

/** Files looked up one by one at a time, per hook: after a whole round of misses past MISS_LIMIT, the server is taken to know none. */
const LOOKUP_ROUND = 128;
const MISS_LIMIT = 128;

/**
 * One run's use of a remote cache: the tools' portable identities, lookups of what the local
 * cache lacks (by bucket of files first, then file by file), and uploads of what the run learnt.
 */
export class RemoteSession {
  private readonly store: RemoteStore;
  private readonly missedBuckets = new Map<HookWork, RemoteBucket[]>();
  private readonly learnt = new Map<HookWork, Map<string, CacheEntry>>();
  private lookupMs = 0;

  constructor(
    private readonly settings: RemoteSettings,
    private readonly warn: (message: string) => void,
    signal: AbortSignal | undefined,
  ) {
    this.store = new RemoteStore(new RemoteHttpClient(settings.url, settings.headers, settings.timeoutMs), settings.url, warn);
    // A cancelled run waits for no answer: lookups miss at once, uploads are dropped.
    signal?.addEventListener('abort', () => this.store.stop(), { once: true });
  }

  /** Portable identities of the hooks' tools, by hook name; a hook whose tool cannot be told apart is left out, with one warning for all. */
  async identifyTools(hooks: readonly Hook[], root: string, runVersion: RunVersion): Promise<Map<string, string>> {
    const memo = await loadToolMemo();
    const [knownPrograms, knownVersions] = [memo.programs.size, memo.versions.size];
    const shared = hooks.filter((hook) => hook.cache !== 'off');
    const found = await Promise.all(
      shared.map((hook) =>
        hook.native ? Promise.resolve({ identity: NATIVE_TOOL, problem: null }) : fingerprintTool(hook, root, memo, runVersion).catch((error: unknown) => ({ identity: null, problem: (error as Error).message })),
      ),
    );
    const identities = new Map<string, string>();
    const unshared: string[] = [];
    found.forEach((fingerprint, index) => {
      const name = shared[index]?.name ?? '';
      if (fingerprint.identity !== null) identities.set(name, fingerprint.identity);
      else unshared.push(`${name} (${fingerprint.problem})`);
    });
    if (unshared.length > 0) this.warn(`remote cache: not sharing results of ${unshared.join(', ')}`);
    const learnt = memo.programs.size !== knownPrograms || memo.versions.size !== knownVersions;
    if (learnt) await saveToolMemo(memo).catch(() => undefined);
    traceMark('identified the tools');
    return identities;
  }

  /** What the server was asked and answered so far. */
  get counts(): Readonly<RemoteCounts> {
    return this.store.counts;
  }

  /** Looks up, for each hook, the results the local cache lacks; what is found is used and kept locally. */
  async lookUp(works: readonly HookWork[], cache: ResultCache): Promise<void> {
    if (!this.store.usable) return;
    const started = performance.now();
    await Promise.all(works.map((work) => (work.remote?.project ? this.lookUpWhole(work, cache) : this.lookUpFiles(work, cache))));
    this.lookupMs += performance.now() - started;
    traceMark(`looked up ${works.length} hooks in the remote cache`);
  }

  /** A result the run learnt (file '' for a hook's whole result): uploaded in the background. */
  share(work: HookWork, file: string, entry: CacheEntry): void {
    const key = file === '' ? work.remote?.project : work.remote?.files.get(file);
    if (!key || this.settings.readOnly) return;
    // Kept only where a bucket is to be uploaded once the hook is done.
    if (this.missedBuckets.get(work)?.length) {
      let learnt = this.learnt.get(work);
      if (!learnt) this.learnt.set(work, (learnt = new Map<string, CacheEntry>()));
      learnt.set(file, entry);
    }
    this.store.upload({ key, results: new Map<string, CacheEntry>([[key, entry]]) }, entry.ok);
  }

  /** The hook is done: each bucket the server lacked is uploaded, when the run knows every file's result in it. */
  finishHook(work: HookWork): void {
    const buckets = this.missedBuckets.get(work);
    if (!buckets || this.settings.readOnly) return;
    const learnt = this.learnt.get(work);
    for (const bucket of buckets) {
      const results = new Map<string, CacheEntry>();
      for (const [path, key] of bucket.files) {
        const entry = work.cached.get(path) ?? learnt?.get(path);
        if (entry) results.set(key, entry);
      }
      if (results.size === bucket.files.length) this.store.upload({ key: bucket.key, results }, [...results.values()].every((entry) => entry.ok), true);
    }
  }

  /** The figures so far. */
  summarize(): RemoteSummary {
    return { url: this.settings.url, ...this.store.counts, ms: Math.round(this.lookupMs) };
  }

  /** Waits for the uploads under way (at most the timeout), then gives the run's figures. */
  async close(): Promise<RemoteSummary> {
    await this.store.settle(this.settings.timeoutMs);
    return this.summarize();
  }

  private async lookUpWhole(work: HookWork, cache: ResultCache): Promise<void> {
    const key = work.remote?.project;
    if (!key || work.projectKey === null || work.cached.size > 0) return;
    const entry = (await this.store.fetch(key))?.results.get(key);
    if (!entry) return;
    work.cached.set('', entry);
    storeResult(cache, work, '', entry);
    work.toRun = [];
    work.runWhole = false;
    work.remoteHits = work.files.length;
  }

  private async lookUpFiles(work: HookWork, cache: ResultCache): Promise<void> {
    const remote = work.remote;
    if (!remote) return;
    const misses = new Set(work.toRun.filter((file) => remote.files.has(file)));
    if (misses.size === 0) return;
    const found = new Map<string, CacheEntry>();
    if (remote.whole) {
      const wanted = groupBuckets(remote.files).filter((bucket) => bucket.files.some(([path]) => misses.has(path)));
      const missed: RemoteBucket[] = [];
      await Promise.all(
        wanted.map(async (bucket) => {
          const blob = await this.store.fetch(bucket.key);
          if (!blob) missed.push(bucket);
          for (const [path, key] of bucket.files) takeIfOnFile(found, path, blob?.results.get(key), misses);
        }),
      );
      this.missedBuckets.set(work, missed);
    }
    const rest = [...misses].filter((file) => !found.has(file));
    let missesInRow = 0;
    for (let at = 0; at < rest.length && missesInRow < MISS_LIMIT && this.store.usable; at += LOOKUP_ROUND) {
      const before = found.size;
      const round = rest.slice(at, at + LOOKUP_ROUND);
      await Promise.all(
        round.map(async (file) => {
          const key = remote.files.get(file) ?? '';
          takeIfOnFile(found, file, (await this.store.fetch(key))?.results.get(key), misses);
        }),
      );
      missesInRow = found.size > before ? 0 : missesInRow + round.length;
    }
    for (const [file, entry] of found) {
      work.cached.set(file, entry);
      storeResult(cache, work, file, entry);
    }
    work.toRun = work.toRun.filter((file) => !found.has(file));
    work.remoteHits += found.size;
  }
}

/** Takes a file's result when it speaks only of that file, as a result kept per file always does. */
function takeIfOnFile(found: Map<string, CacheEntry>, file: string, entry: CacheEntry | undefined, wanted: ReadonlySet<string>): void {
  if (entry && wanted.has(file) && entry.diagnostics.every(([path]) => path === file)) found.set(file, entry);
}
