/** What a worker is given at start: where to publish the process group it runs. */
export interface WorkerData {
  /** One Int32 slot: the pgid of the running job's process group, 0 when idle. */
  pgid: Int32Array;
  /** Collect garbage after every this many jobs (a long-lived pool's workers); 0: never. */
  collectEvery: number;
}

/** What a worker says to the pool outside comlink's calls (which carry an `id`; this has none). */
export type WorkerMessage = { type: 'ready' };

/** Validates the untyped workerData a thread receives. */
export function readWorkerData(value: unknown): WorkerData {
  const pgid = (value as { pgid?: unknown } | null)?.pgid;
  if (!(pgid instanceof Int32Array) || pgid.length !== 1) throw new Error('worker started without its pgid slot');
  const collectEvery = (value as { collectEvery?: unknown }).collectEvery;
  if (!Number.isSafeInteger(collectEvery) || (collectEvery as number) < 0) throw new Error('worker started without its collection interval');
  return { pgid, collectEvery: collectEvery as number };
}
