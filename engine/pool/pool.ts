import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { KILL_GRACE_MS, makeUnrunResult, type HashBatch, type HashChanges, type Job, type JobResult, type WorkerApi, type WorkerData, type WorkerMessage } from '../worker/contract.js';
import { killProcessGroup } from '../process/kill-group.js';
import type { JobRunner, RunOptions } from './job-runner.js';
import { CANCELLED, makeFailure, moveSlot, type Ending, type Pending, type Slot } from './slot.js';

/** Slack past a job's own timeout and kill grace before its worker counts as hung. */
const HUNG_WORKER_SLACK_MS = 5_000;
/** Ample for a thread to boot, however loaded the machine; one that has not is hung. */
const BOOT_TIMEOUT_MS = 30_000;
/**
 * A job's thread holds little between jobs: a small young generation keeps a long-lived pool
 * (the language server's) from growing by tens of MiB of garbage between collections.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };
/** Ample for hashing a batch of files; a worker past it is hung. */
const HASH_TIMEOUT_MS = 120_000;

export interface PoolOptions {
  /**
   * The script each thread runs: a module exposing `WorkerApi` over comlink and posting
   * `{ type: 'ready' }` (engine/worker/entry.ts, as built; the front ends pass its bundle).
   */
  workerUrl: URL;
  /** Most worker threads alive at once. */
  size: number;
  /** Threads to start at once rather than on the first jobs (their start-up overlaps other work). */
  warm?: number;
  /** How long a thread may take to boot before it counts as hung; default 30 s. */
  bootTimeoutMs?: number;
  /**
   * A long-lived pool (the language server's): each worker collects its garbage after every this
   * many jobs, so its heap does not grow for hundreds of small runs (engine/collect-garbage.ts).
   * Absent: never, as a one-run pool needs.
   */
  collectGarbageEvery?: number;
}


/**
 * A fixed-size pool of worker threads that each run one job at a time.
 * Jobs start in submission order. Every submitted job resolves exactly once,
 * whatever happens to its worker: errors are results, never rejections.
 */
export class WorkerPool implements JobRunner {
  private readonly queue: Pending[] = [];
  /** Threads not yet retiring: booting, idle or busy. */
  private readonly slots = new Set<Slot>();
  private closed = false;
  private size: number;
  private readonly workerUrl: URL;
  private readonly bootTimeoutMs: number;
  private readonly collectEvery: number;

  constructor(options: PoolOptions) {
    this.size = checkSize(options.size);
    this.workerUrl = options.workerUrl;
    this.bootTimeoutMs = options.bootTimeoutMs ?? BOOT_TIMEOUT_MS;
    this.collectEvery = options.collectGarbageEvery ?? 0;
    for (let i = 0; i < Math.min(options.warm ?? 0, this.size); i++) this.spawnSlot();
  }

  /** Changes the most threads alive at once; idle threads past it stop now, busy ones when done. */
  resize(size: number): void {
    this.size = checkSize(size);
    for (const slot of this.slots) {
      if (this.slots.size <= this.size) break;
      if (slot.state !== 'busy') void this.retire(slot, makeFailure('pool shrunk'));
    }
    this.dispatch();
  }

  /** Queues a job; it resolves with its result, or `cancelled` if the signal aborts first. */
  run(job: Job, { signal, onStart }: RunOptions = {}): Promise<JobResult> {
    return this.submit<JobResult>({
      label: job.hook,
      timeoutMs: job.timeoutMs,
      call: (api) => api.runJob(job),
      cancel: (api) => api.cancelJob(job.id),
      fallback: ({ status, reason }) => makeUnrunResult(job, status, reason),
      signal,
      onStart,
    });
  }

  /** Stamps files in a worker; files it could not hash (and all, if the worker fails) come back with no stamp. */
  hashFiles(root: string, batch: HashBatch): Promise<HashChanges> {
    return this.submit<HashChanges>({
      label: 'hashing files',
      timeoutMs: HASH_TIMEOUT_MS,
      call: (api) => api.hashFiles(root, batch),
      cancel: null,
      fallback: () => batch.paths.map((_, index) => [index, null]),
      signal: undefined,
      onStart: undefined,
    });
  }

  private submit<T>(task: Omit<Pending, 'resolve' | 'fallback' | 'call'> & {
    call: (api: Comlink.Remote<WorkerApi>) => Promise<T>;
    fallback: (ending: Ending) => T;
  }): Promise<T> {
    if (this.closed) return Promise.resolve(task.fallback(makeFailure('the worker pool is closed')));
    if (task.signal?.aborted) return Promise.resolve(task.fallback(CANCELLED));
    return new Promise<T>((resolve) => {
      const pending: Pending = { ...task, resolve: resolve as (value: unknown) => void };
      task.signal?.addEventListener('abort', () => this.dropQueued(pending), { once: true });
      this.queue.push(pending);
      this.dispatch();
    });
  }

  /** Threads currently alive (for tests and diagnostics). */
  get threads(): number {
    return this.slots.size;
  }

  /** Ends every running job with `cancelled`, kills its processes, and stops the threads. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.resolve(pending.fallback(CANCELLED));
    await Promise.all(
      [...this.slots].map(async (slot) => {
        await this.cancelCurrent(slot);
        await this.retire(slot, CANCELLED);
      }),
    );
  }

  /**
   * Asks a thread to cancel its job and waits, a bounded time, for the job to end. The thread
   * kills the job's process group itself, even one it has spawned but not yet published (a fresh
   * thread can take a while to return from its first spawn while the process already runs).
   */
  private async cancelCurrent(slot: Slot): Promise<void> {
    const current = slot.current;
    if (!current?.pending.cancel) return;
    current.pending.cancel(slot.api).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, KILL_GRACE_MS + HUNG_WORKER_SLACK_MS)));
    await Promise.race([current.ended, limit]);
    clearTimeout(timer);
  }

  /**
   * Hands queued work to ready idle threads, and starts threads for work left waiting. Work
   * waits for a thread that is ready rather than one still booting (tens of ms): a thread
   * that finishes its job first takes the next, so a short task never waits on a boot.
   */
  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.findReadyIdle();
      if (!slot) break;
      const pending = this.queue.shift();
      if (pending) this.start(slot, pending);
    }
    let booting = this.countBooting();
    while (this.queue.length > booting && this.slots.size < this.size) {
      this.spawnSlot();
      booting += 1;
    }
  }

  private findReadyIdle(): Slot | null {
    for (const slot of this.slots) if (slot.state === 'idle') return slot;
    return null;
  }

  private countBooting(): number {
    let booting = 0;
    for (const slot of this.slots) if (slot.state === 'booting') booting += 1;
    return booting;
  }

  private spawnSlot(): Slot {
    const pgid = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const worker = new Worker(this.workerUrl, { workerData: { pgid, collectEvery: this.collectEvery } satisfies WorkerData, resourceLimits: WORKER_LIMITS });
    const slot: Slot = { worker, api: Comlink.wrap<WorkerApi>(nodeEndpoint(worker)), pgid, state: 'booting', current: null };
    const limit = this.bootTimeoutMs;
    const booting = setTimeout(() => void this.retire(slot, makeFailure(`worker did not start within ${limit / 1_000} s`), true), limit);
    const onMessage = (message: unknown): void => {
      if (!isReadyMessage(message)) return;
      clearTimeout(booting);
      worker.off('message', onMessage);
      if (moveSlot(slot, 'idle') && !this.closed) this.dispatch();
    };
    worker.once('exit', () => clearTimeout(booting));
    worker.on('message', onMessage);
    worker.on('error', (error) => void this.retire(slot, makeFailure(`worker crashed: ${error.message}`), true));
    worker.on('exit', (code) => void this.retire(slot, makeFailure(`worker exited with code ${code}`), true));
    this.slots.add(slot);
    return slot;
  }

  private start(slot: Slot, pending: Pending): void {
    const { signal } = pending;
    let done = false;
    let markEnded: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    const finish = (value: unknown): void => {
      if (done) return;
      done = true;
      markEnded();
      clearTimeout(hung);
      signal?.removeEventListener('abort', onAbort);
      moveSlot(slot, 'idle');
      pending.resolve(value);
      if (this.slots.size > this.size) void this.retire(slot, makeFailure('pool shrunk'));
      // On the next turn: whoever awaits this result may cancel queued work first (fail-fast).
      setImmediate(() => {
        if (!this.closed) this.dispatch();
      });
    };
    const end = (ending: Ending): void => finish(pending.fallback(ending));
    const armHungTimer = (ms: number): NodeJS.Timeout =>
      setTimeout(() => void this.retire(slot, makeFailure(`worker stopped responding (${pending.label})`)), ms);
    let hung = armHungTimer(pending.timeoutMs + KILL_GRACE_MS + HUNG_WORKER_SLACK_MS);
    const onAbort = (): void => {
      pending.cancel?.(slot.api).catch(() => undefined);
      clearTimeout(hung);
      hung = armHungTimer(KILL_GRACE_MS + HUNG_WORKER_SLACK_MS);
    };

    moveSlot(slot, 'busy');
    slot.current = { pending, end, ended };
    signal?.addEventListener('abort', onAbort, { once: true });
    pending.onStart?.();
    pending.call(slot.api).then(finish, (error: unknown) => end(makeFailure(`worker failed: ${String(error)}`)));
  }

  /** Takes a thread out of the pool: kills what it was running and ends its job as `ending` says. */
  private async retire(slot: Slot, ending: Ending, died = false): Promise<void> {
    const { state: was, current } = slot;
    if (!moveSlot(slot, 'retiring')) return;
    this.slots.delete(slot);
    // A thread that dies booting ends the oldest waiting task instead: a thread that can never
    // start (a broken install) fails each task once rather than being replaced forever.
    const orphan = died && was === 'booting' && !this.closed ? (this.queue.shift() ?? null) : null;
    await slot.worker.terminate();
    // Read once the thread is stopped: a thread the OS held back between its spawn and publishing
    // the process group has published it by now, or never will.
    const pgid = Atomics.load(slot.pgid, 0);
    if (pgid !== 0) await killProcessGroup(pgid);
    moveSlot(slot, 'dead');
    current?.end(ending);
    orphan?.resolve(orphan.fallback(ending));
    if (!this.closed) this.dispatch();
  }

  private dropQueued(pending: Pending): void {
    const index = this.queue.indexOf(pending);
    if (index === -1) return;
    this.queue.splice(index, 1);
    pending.resolve(pending.fallback(CANCELLED));
  }
}

function isReadyMessage(message: unknown): boolean {
  return (message as Partial<WorkerMessage> | null)?.type === 'ready';
}

function checkSize(size: number): number {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a whole number of at least 1, got ${size}`);
  return size;
}
