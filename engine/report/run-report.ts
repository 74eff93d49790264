import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { DiagnosticReport, HookReport, RemoteSummary, ReportShard, RunReport, RunSummary } from '../../protocol/report.js';
import { isProblem } from './status.js';

/** What a run's JSON report is built from. */
export interface RunReportFields<D> {
  root: string;
  wallMs: number;
  maxWorkers: number;
  hooks: HookReport[];
  diagnostics: D[];
  /** The part of a sharded run the report is of. */
  shard?: ReportShard;
  /** What the remote cache did; absent when the run used none. */
  remote?: RemoteSummary | null;
}

/** The run's JSON report from its hooks and diagnostics. */
export function buildRunReport(fields: RunReportFields<Diagnostic>): RunReport {
  return assembleRunReport({ ...fields, diagnostics: fields.diagnostics.map(toDiagnosticReport) });
}

/** The JSON report from diagnostics already in the report's form (a merge of reports): the summary and verdict computed. */
export function assembleRunReport(fields: RunReportFields<DiagnosticReport>): RunReport {
  const summary = summarizeRun(fields.hooks, fields.remote ?? null);
  return {
    schema: 'gauntlet-report/1',
    ok: !fields.hooks.some((hook) => isProblem(hook.status)),
    root: fields.root,
    wall_ms: fields.wallMs,
    max_workers: fields.maxWorkers,
    ...(fields.shard ? { shard: { index: fields.shard.index, count: fields.shard.count, split: fields.shard.split } } : {}),
    hooks: fields.hooks,
    diagnostics: fields.diagnostics,
    summary,
  };
}

function summarizeRun(hooks: HookReport[], remote: RemoteSummary | null): RunSummary {
  const count = (status: HookReport['status']): number => hooks.filter((hook) => hook.status === status).length;
  const filesCached = hooks.reduce((sum, hook) => sum + hook.files_cached, 0);
  const filesRun = hooks.reduce((sum, hook) => sum + hook.files_run, 0);
  return {
    hooks: hooks.length,
    passed: count('passed'),
    failed: count('failed'),
    timed_out: count('timeout'),
    errored: count('error'),
    cancelled: count('cancelled'),
    skipped: count('skipped'),
    files_cached: filesCached,
    files_run: filesRun,
    cache_hit_rate: filesCached + filesRun === 0 ? 0 : Number((filesCached / (filesCached + filesRun)).toFixed(4)),
    files_cached_remote: hooks.reduce((sum, hook) => sum + hook.files_cached_remote, 0),
    remote,
  };
}

function toDiagnosticReport(diagnostic: Diagnostic): DiagnosticReport {
  const report: DiagnosticReport = {
    hook: diagnostic.hook,
    file: diagnostic.file,
    line: diagnostic.line,
    column: diagnostic.column,
    end_line: diagnostic.endLine,
    end_column: diagnostic.endColumn,
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
  };
  if (diagnostic.url !== undefined) report.url = diagnostic.url;
  if (diagnostic.fixes !== undefined) report.fixes = diagnostic.fixes;
  return report;
}
