import { hash } from 'node:crypto';
import type { RemoteSummary } from '../../protocol/report.js';
import { decodeActionResult, encodeActionResult } from './action-result.js';
import { RemoteRequestError, type RemoteHttpClient } from './http-client.js';
import { decodeBlob, encodeBlob, type RemoteBlob } from './remote-entry.js';

/** What the remote cache did in a run: `summary.remote` of the JSON report, but for the server and the time. */
export type RemoteCounts = Omit<RemoteSummary, 'url' | 'ms'>;

/** Server errors (HTTP 5xx and the like) after which a run stops asking: the server is unwell. */
const MAX_SERVER_ERRORS = 8;

/**
 * Results in the action cache (`ac/KEY`, an ActionResult naming a blob) and the content-addressed
 * store (`cas/SHA256`, the blob). What comes back is checked: the blob's sha256, its format, and
 * the key it says it answers; anything else is counted as rejected and read as a miss. A server
 * that cannot be reached is warned about once and not asked again in the run.
 */
export class RemoteStore {
  readonly counts: RemoteCounts = { lookups: 0, hits: 0, uploads: 0, errors: 0, rejected: 0, dropped: 0 };
  private readonly blobs = new Map<string, Promise<Buffer | null>>();
  private readonly stored = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private warned = false;
  private warnedRejected = false;
  private serverErrors = 0;
  private down = false;

  constructor(
    private readonly client: RemoteHttpClient,
    /** The server as shown in messages, without credentials. */
    private readonly shown: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** False once the server proved unreachable or unwell: lookups miss and uploads are dropped. */
  get usable(): boolean {
    return !this.down;
  }

  /** The blob stored for `key`, checked; null on a miss, an error, or a rejected answer. */
  async fetch(key: string): Promise<RemoteBlob | null> {
    if (this.down) return null;
    this.counts.lookups += 1;
    try {
      const action = await this.client.get(`ac/${key}`);
      if (action === null) return null;
      const blob = await this.readEntry(key, action);
      if (typeof blob === 'string') {
        this.reject(key, blob);
        return null;
      }
      this.counts.hits += 1;
      return blob;
    } catch (error) {
      this.fail(error);
      return null;
    }
  }

  /** The blob an action-cache entry names, when it is the result asked for; otherwise why not. */
  private async readEntry(key: string, action: Buffer): Promise<RemoteBlob | string> {
    const digest = decodeActionResult(action);
    if (!digest) return 'not an ActionResult';
    const bytes = await this.fetchBlob(digest.hash);
    if (!bytes || bytes.length !== digest.size) return `its blob cas/${digest.hash} is missing or not what its digest says`;
    const blob = decodeBlob(bytes);
    if (!blob) return 'its blob is not a well-formed gauntlet result';
    return blob.key === key ? blob : 'its blob answers another key';
  }

  /**
   * Stores `blob` under its key in the background: the blob first, then the entry naming it, so that
   * no entry ever names a missing blob. `urgent` ones go before other uploads waiting their turn.
   */
  upload(blob: RemoteBlob, ok: boolean, urgent = false): void {
    if (this.down) return;
    const bytes = encodeBlob(blob);
    const digest = { hash: hash('sha256', bytes, 'hex'), size: bytes.length };
    const task = (async () => {
      try {
        await this.storeBlob(digest.hash, bytes, urgent);
        // Before other uploads' blobs: an upload is of use once its entry is stored, and those left at exit are dropped.
        await this.client.put(`ac/${blob.key}`, encodeActionResult(digest, ok ? 0 : 1), true);
        this.counts.uploads += 1;
      } catch (error) {
        this.fail(error);
      }
    })();
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  /**
   * Ends every request now, those waiting their turn and those sent, and sends no more (the run was
   * cancelled): lookups miss, uploads are dropped, without a warning (the server is not at fault).
   */
  stop(): void {
    this.down = true;
    this.client.close();
  }

  /** Waits for the uploads under way, at most `timeoutMs`; what is left is dropped, and said so in one line. */
  async settle(timeoutMs: number): Promise<void> {
    if (this.pending.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.all([...this.pending]), late]);
      clearTimeout(timer);
    }
    this.counts.dropped = this.down ? 0 : this.pending.size;
    if (this.counts.dropped > 0) {
      const count = this.counts.dropped;
      this.warn(`remote cache ${this.shown}: ${count} upload${count === 1 ? '' : 's'} not done within timeout_ms (${timeoutMs} ms) dropped; raise remote_cache.timeout_ms to keep them`);
    }
    // Uploads cut off now end quietly: they are not the server's failures.
    this.stop();
  }

  /** A blob by its sha256, each fetched once per run; null when absent or not what its hash says. */
  private fetchBlob(sha256: string): Promise<Buffer | null> {
    let blob = this.blobs.get(sha256);
    if (!blob) {
      blob = this.client.get(`cas/${sha256}`).then((bytes) => (bytes && hash('sha256', bytes, 'hex') === sha256 ? bytes : null));
      this.blobs.set(sha256, blob);
    }
    return blob;
  }

  /** Each blob is written at most once per run. */
  private storeBlob(sha256: string, bytes: Buffer, urgent: boolean): Promise<void> {
    let stored = this.stored.get(sha256);
    if (!stored) {
      stored = this.client.put(`cas/${sha256}`, bytes, urgent);
      this.stored.set(sha256, stored);
    }
    return stored;
  }

  /** An answer that is not the result asked for: a miss, and once a run a warning (a server that answers anything with 200 is of no use). */
  private reject(key: string, reason: string): void {
    this.counts.rejected += 1;
    if (this.warnedRejected) return;
    this.warnedRejected = true;
    this.warn(`remote cache ${this.shown}: ignored the entry ac/${key}: ${reason}; going on with local results`);
  }

  private fail(error: unknown): void {
    if (this.down) return;
    this.counts.errors += 1;
    const request = error instanceof RemoteRequestError ? error : new RemoteRequestError(String(error), true, { cause: error });
    if (!request.unreachable) this.serverErrors += 1;
    if (request.unreachable || this.serverErrors >= MAX_SERVER_ERRORS) {
      this.down = true;
      this.client.abandon(request);
    }
    if (this.warned) return;
    this.warned = true;
    this.warn(`remote cache ${this.shown}: ${request.message}; going on with local results`);
  }
}
