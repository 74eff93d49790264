import type { Job, JobResult, HashBatch, HashChanges } from '../worker/contract.js';

/** Per-job options of `JobRunner.run`. */
export interface RunOptions {
  /** Aborting cancels the job: dropped if queued, its process group killed if running. */
  signal?: AbortSignal;
  /** Called when the job starts. */
  onStart?: () => void;
}

/**
 * What a run needs to have its jobs done: the worker pool in production, an in-process fake in
 * tests of the coordinator and the language server. Both resolve every job exactly once, with
 * errors as results, never rejections.
 */
export interface JobRunner {
  /** Runs a job; resolves with its result, or `cancelled` when the signal aborts first. */
  run(job: Job, options?: RunOptions): Promise<JobResult>;
  /** Stamps files; files that could not be hashed come back with no stamp. */
  hashFiles(root: string, batch: HashBatch): Promise<HashChanges>;
}
