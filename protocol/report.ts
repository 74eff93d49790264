import type { Fix, Severity } from './diagnostic.js';

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
  /** Files whose result came from the cache, and files the hook ran on. */
  files_cached: number;
  files_run: number;
  /** Of `files_cached`, files whose result came from the remote cache. */
  files_cached_remote: number;
  /** Every result came from the cache: nothing was spawned (duration_ms is 0). */
  cached: boolean;
  /** Files the hook rewrote (hooks with `modifies_files`). */
  modified_files: string[];
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
  /** The rule's page, when known (absent otherwise). */
  url?: string;
  /** What the tool proposes to change, as in protocol/diagnostic.ts (absent when nothing). */
  fixes?: Fix[];
}

export interface RunSummary {
  hooks: number;
  passed: number;
  failed: number;
  timed_out: number;
  errored: number;
  cancelled: number;
  skipped: number;
  files_cached: number;
  files_run: number;
  /** Cached share of the (hook, file) results of the run, 0..1; 0 when there were none. */
  cache_hit_rate: number;
  files_cached_remote: number;
  /** What the remote cache did; null when the run used none. */
  remote: RemoteSummary | null;
}

/** A run's use of the remote cache. */
export interface RemoteSummary {
  /** The server, without credentials. */
  url: string;
  /** Action-cache lookups, and those that found a usable result. */
  lookups: number;
  hits: number;
  /** Results stored. */
  uploads: number;
  /** Requests that failed: no answer in time, no connection, or an HTTP status other than 2xx and 404. */
  errors: number;
  /** Answers ignored as corrupt or not what was asked for. */
  rejected: number;
  /** Uploads still under way when the wait for them at exit (`timeout_ms`) ran out. */
  dropped: number;
  /** Time the run spent waiting for lookups. */
  ms: number;
}

/** Which of the parts of a sharded run (`gauntlet run --shard INDEX/COUNT`) a report is: INDEX from 1 to COUNT. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** A shard as its report records it. */
export interface ReportShard extends ShardSpec {
  /** A digest of what the split was made from (hooks, files, costs): the same in every shard of one run. */
  split: string;
}

/** The reason of a hook whose whole work fell to other shards of a sharded run. */
export const IN_ANOTHER_SHARD = 'in another shard';

/** The machine-readable result of a run. */
export interface RunReport {
  schema: 'gauntlet-report/1';
  ok: boolean;
  root: string;
  wall_ms: number;
  max_workers: number;
  /** Present in the report of one shard of a sharded run; absent for a whole run (or a merged one). */
  shard?: ReportShard;
  hooks: HookReport[];
  diagnostics: DiagnosticReport[];
  summary: RunSummary;
}
