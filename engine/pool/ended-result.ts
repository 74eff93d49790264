import type { Job, JobResult } from '../worker/contract.js';

/** The result of a job that never ran to an exit: cancelled before it started, or lost with its worker. */
export function makeResult(job: Job, status: JobResult['status'], reason: string): JobResult {
  return {
    id: job.id,
    hook: job.hook,
    status,
    exitCode: null,
    signal: null,
    durationMs: 0,
    output: '',
    truncated: false,
    diagnostics: [],
    reason,
  };
}
