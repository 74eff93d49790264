import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { JobResult } from '../worker/contract.js';
import type { DiagnosticReport, HookReport, HookStatus } from '../../protocol/report.js';
import type { CacheEntry } from '../store/cache-data.js';
import { compareText } from '../arrays.js';
import { STATUS_WEIGHT, weighStatus } from './status.js';

/** Everything known of one hook at the end of its part of a run. */
export interface HookOutcome {
  name: string;
  /** Files it matched. */
  files: number;
  results: JobResult[];
  /** Results served from the cache. */
  cached: CacheEntry[];
  filesCached: number;
  /** Of those, files whose result came from the remote cache. */
  filesCachedRemote?: number;
  filesRun: number;
  modified: string[];
  /** When its batches ran, relative to the run's start. */
  startMs: number | null;
  endMs: number | null;
}

/** Folds a hook's batch results and cached results into its report entry. */
export function summarizeHook(outcome: HookOutcome): HookReport {
  const worst = outcome.results.reduce<JobResult | null>(
    (acc, result) => (acc === null || STATUS_WEIGHT[result.status] > STATUS_WEIGHT[acc.status] ? result : acc),
    null,
  );
  const cachedFailures = outcome.cached.filter((entry) => !entry.ok).length;
  let status: HookStatus = worst?.status ?? (outcome.cached.length > 0 ? 'passed' : 'skipped');
  if (cachedFailures > 0 && weighStatus(status) < STATUS_WEIGHT.failed) status = 'failed';
  const diagnostics =
    outcome.results.reduce((sum, result) => sum + result.diagnostics.length, 0) +
    outcome.cached.reduce((sum, entry) => sum + entry.diagnostics.length, 0);
  return {
    name: outcome.name,
    status,
    start_ms: outcome.startMs,
    end_ms: outcome.endMs,
    duration_ms: outcome.results.reduce((sum, result) => sum + result.durationMs, 0),
    exit_code: worst?.exitCode ?? null,
    files: outcome.files,
    files_cached: outcome.filesCached,
    files_run: outcome.filesRun,
    files_cached_remote: outcome.filesCachedRemote ?? 0,
    cached: outcome.results.length === 0 && outcome.cached.length > 0,
    modified_files: outcome.modified,
    batches: outcome.results.length,
    diagnostics,
    output: outcome.results.map((result) => result.output).filter(Boolean).join('\n'),
    reason: status === 'passed' ? null : describeFailure(worst, outcome.results.length, cachedFailures, outcome.cached.length),
  };
}

/** A report entry for a hook that did not run: skipped, or cancelled before it could start. */
export function skipHook(name: string, files: number, reason: string, status: 'skipped' | 'cancelled' = 'skipped'): HookReport {
  return {
    name,
    status,
    start_ms: null,
    end_ms: null,
    duration_ms: 0,
    exit_code: null,
    files,
    files_cached: 0,
    files_run: 0,
    files_cached_remote: 0,
    cached: false,
    modified_files: [],
    batches: 0,
    diagnostics: 0,
    output: '',
    reason,
  };
}

/** Names of such files a reason lists before "...". */
const SHOWN_NON_UTF8_FILES = 3;

/**
 * The report of a hook that matched files whose names are not UTF-8 (`shown` with their bytes
 * escaped): no argv can carry them, so they went unchecked and the hook is an error, whatever its other files gave.
 */
export function reportNonUtf8Files(report: HookReport, shown: readonly string[]): HookReport {
  if (shown.length === 0) return report;
  const names = shown.slice(0, SHOWN_NON_UTF8_FILES).join(', ') + (shown.length > SHOWN_NON_UTF8_FILES ? ', ...' : '');
  const one = shown.length === 1;
  const reason =
    `${names}: gauntlet cannot pass file names that are not UTF-8 to a hook ` +
    `(rename ${one ? 'the file' : `the ${shown.length} files`}, or exclude ${one ? 'it' : 'them'} in the hook)`;
  const earlier = report.status === 'passed' || report.status === 'skipped' || report.reason === null ? '' : `; ${report.reason}`;
  return { ...report, status: 'error', files: report.files + shown.length, reason: reason + earlier };
}

function describeFailure(worst: JobResult | null, batches: number, cachedFailures: number, cached: number): string | null {
  if (worst && worst.status !== 'passed' && worst.reason) {
    return batches > 1 ? `${worst.reason} (in 1 of ${batches} batches at least)` : worst.reason;
  }
  if (cachedFailures > 0) {
    return cached === 1 && batches === 0 ? 'failed (cached result)' : `${cachedFailures} file${cachedFailures === 1 ? '' : 's'} failed (cached results)`;
  }
  return worst?.reason ?? null;
}

/** All diagnostics in a stable order: by file, position, then hook (of a run, or of a report). */
export function sortDiagnostics<T extends Pick<Diagnostic, 'file' | 'line' | 'column' | 'hook'>>(diagnostics: readonly T[]): T[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.hook, b.hook),
  );
}

/** `path:line:col severity code message`, the column and code only when known: a diagnostic on one line of a report. */
export function formatDiagnosticLine(diagnostic: DiagnosticReport): string {
  const position = diagnostic.column === null ? `${diagnostic.line}` : `${diagnostic.line}:${diagnostic.column}`;
  const code = diagnostic.code === null ? '' : ` ${diagnostic.code}`;
  return `${diagnostic.file}:${position} ${diagnostic.severity}${code} ${diagnostic.message}`;
}
