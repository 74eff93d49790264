import type { JobStatus } from '../worker/contract.js';
import type { HookStatus } from '../../protocol/report.js';

// The unions stay in protocol/ (the report schema and the worker contract name them); what they mean is decided here.
export type { HookStatus, JobStatus };

/** Which batch status speaks for the hook when batches (or shards) disagree: the worst one. */
export const STATUS_WEIGHT: Record<JobStatus, number> = { passed: 0, cancelled: 1, failed: 2, error: 3, timeout: 4 };

/** A status's weight (see STATUS_WEIGHT); a skipped hook weighs less than any that ran. */
export function weighStatus(status: HookStatus): number {
  return status === 'skipped' ? -1 : STATUS_WEIGHT[status];
}

/** Statuses that fail a run: what -q shows, what --fail-fast stops at, what makes the exit code 1. */
export function isFailure(status: HookStatus): boolean {
  return status === 'failed' || status === 'timeout' || status === 'error';
}

/** A failure, or a hook cancelled before its end: either leaves the run not ok. */
export function isProblem(status: HookStatus): boolean {
  return isFailure(status) || status === 'cancelled';
}

/** The hook ran to its end and gave a verdict (passed, or failed with what it found). */
export function ranToVerdict(status: HookStatus): boolean {
  return status === 'passed' || status === 'failed';
}

/** The hook's processes ran until they ended or timed out: their time says what the hook costs. */
export function measuresCost(status: HookStatus): boolean {
  return ranToVerdict(status) || status === 'timeout';
}
