import { setTimeout as sleep } from 'node:timers/promises';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { makeUnrunResult, type Job, type JobResult, type JobStatus, type HashBatch, type HashChanges } from '../../engine/worker/contract.js';
import type { RunOptions } from '../../engine/pool/job-runner.js';
import type { EngineRunner } from '../../server/lsp/hook-engine.js';
import { hashFiles } from '../../engine/worker/hash-files.js';

/** What a scripted hook answers for one job. */
export interface FakeAnswer {
  status?: JobStatus;
  /** Findings; `hook` is filled in from the job. */
  diagnostics?: Omit<Diagnostic, 'hook'>[];
  output?: string;
  /** How long the "process" runs; an abort meanwhile ends it `cancelled`. */
  delayMs?: number;
  /** A formatter's text, returned to a job that asks for it (`format.mode: print`) when it passes. */
  formatted?: string;
}

/** Answers a job: by hook name, seeing what the job would run on (files, stdin text). */
export type FakeScript = (job: Job) => FakeAnswer;

/**
 * A job runner without threads or processes: each job is answered by a script, in this thread.
 * Files are hashed for real (in this thread), so the cache and its stamps behave as in production.
 * It records every job, so tests can say what ran.
 */
export class FakeRunner implements EngineRunner {
  readonly jobs: Job[] = [];
  /** Jobs ended by an abort while they ran. */
  cancelled = 0;
  private readonly running = new Set<AbortController>();

  constructor(private readonly script: FakeScript) {}

  async run(job: Job, { signal, onStart }: RunOptions = {}): Promise<JobResult> {
    if (signal?.aborted) return makeUnrunResult(job, 'cancelled', 'cancelled');
    this.jobs.push(job);
    onStart?.();
    const answer = this.script(job);
    const controller = new AbortController();
    this.running.add(controller);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await sleep(answer.delayMs ?? 0, undefined, { signal: controller.signal });
    } catch {
      this.cancelled += 1;
      return makeUnrunResult(job, 'cancelled', 'cancelled');
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.running.delete(controller);
    }
    const diagnostics = (answer.diagnostics ?? []).map((diagnostic) => ({ ...diagnostic, hook: job.hook }));
    const status = answer.status ?? (diagnostics.length > 0 ? 'failed' : 'passed');
    return {
      id: job.id,
      hook: job.hook,
      status,
      exitCode: status === 'passed' ? 0 : 1,
      signal: null,
      durationMs: answer.delayMs ?? 0,
      output: answer.output ?? '',
      truncated: false,
      diagnostics,
      reason: status === 'passed' ? null : `exit code 1`,
      ...(job.stampAfter ? { stampsAfter: hashFiles(job.root, job.stampAfter) } : {}),
      ...(job.format?.mode === 'print' && status === 'passed' && answer.formatted !== undefined ? { formatted: answer.formatted } : {}),
    };
  }

  hashFiles(root: string, batch: HashBatch): Promise<HashChanges> {
    return Promise.resolve(hashFiles(root, batch));
  }

  resize(): void {}

  /** Jobs of one hook, in the order they ran. */
  jobsOf(hook: string): Job[] {
    return this.jobs.filter((job) => job.hook === hook);
  }

  /** Ends what runs now, as a pool's close does; the engine a test starts next may use it again. */
  close(): Promise<void> {
    for (const controller of this.running) controller.abort();
    return Promise.resolve();
  }
}

/** A finding on a line, as tools report them. */
export function findingAt(file: string, line: number, message: string, severity: Diagnostic['severity'] = 'error'): Omit<Diagnostic, 'hook'> {
  return { file, line, column: 1, endLine: null, endColumn: null, severity, code: null, message };
}
