import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { JobResult, JobStatus } from '../../protocol/job.js';
import type { HookReport, HookStatus } from '../../protocol/report.js';

/** Which batch status speaks for the hook when batches disagree: the worst one. */
const STATUS_WEIGHT: Record<JobStatus, number> = { passed: 0, cancelled: 1, failed: 2, error: 3, timeout: 4 };

/** When a hook's batches ran, relative to the run's start. */
export interface HookTimes {
  startMs: number | null;
  endMs: number | null;
}

/** Folds a hook's batch results into its report entry. */
export function summarizeHook(name: string, files: number, results: JobResult[], times: HookTimes): HookReport {
  const worst = results.reduce<JobResult | null>(
    (acc, result) => (acc === null || STATUS_WEIGHT[result.status] > STATUS_WEIGHT[acc.status] ? result : acc),
    null,
  );
  const status: HookStatus = worst?.status ?? 'skipped';
  const diagnostics = results.reduce((sum, result) => sum + result.diagnostics.length, 0);
  return {
    name,
    status,
    start_ms: times.startMs,
    end_ms: times.endMs,
    duration_ms: results.reduce((sum, result) => sum + result.durationMs, 0),
    exit_code: worst?.exitCode ?? null,
    files,
    batches: results.length,
    diagnostics,
    output: results.map((result) => result.output).filter(Boolean).join('\n'),
    reason: status === 'passed' ? null : describeBatches(worst, results.length),
  };
}

/** A report entry for a hook that did not run. */
export function skipHook(name: string, files: number, reason: string): HookReport {
  return {
    name,
    status: 'skipped',
    start_ms: null,
    end_ms: null,
    duration_ms: 0,
    exit_code: null,
    files,
    batches: 0,
    diagnostics: 0,
    output: '',
    reason,
  };
}

function describeBatches(worst: JobResult | null, batches: number): string | null {
  if (!worst?.reason) return null;
  return batches > 1 ? `${worst.reason} (in 1 of ${batches} batches at least)` : worst.reason;
}

/** All diagnostics in a stable order: by file, position, then hook. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.hook, b.hook),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
