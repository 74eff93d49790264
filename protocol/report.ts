import type { Severity } from './diagnostic.js';

export type HookStatus = 'passed' | 'failed' | 'timeout' | 'error' | 'cancelled' | 'skipped';

/** One hook in the JSON report (`gauntlet-report/1`). Field names are stable. */
export interface HookReport {
  name: string;
  status: HookStatus;
  /** Milliseconds from the run's start; null when the hook never ran. */
  start_ms: number | null;
  end_ms: number | null;
  duration_ms: number;
  exit_code: number | null;
  files: number;
  batches: number;
  diagnostics: number;
  output: string;
  reason: string | null;
}

export interface DiagnosticReport {
  hook: string;
  file: string;
  line: number;
  column: number | null;
  end_line: number | null;
  end_column: number | null;
  severity: Severity;
  code: string | null;
  message: string;
}

export interface RunSummary {
  hooks: number;
  passed: number;
  failed: number;
  timed_out: number;
  errored: number;
  cancelled: number;
  skipped: number;
}

/** The machine-readable result of a run. */
export interface RunReport {
  schema: 'gauntlet-report/1';
  ok: boolean;
  root: string;
  wall_ms: number;
  max_workers: number;
  hooks: HookReport[];
  diagnostics: DiagnosticReport[];
  summary: RunSummary;
}
