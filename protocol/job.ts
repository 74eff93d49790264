import type { Diagnostic } from './diagnostic.js';
import type { ParserSpec } from './parser.js';
import type { HashBatch, HashChanges } from './hash.js';
import type { NativeCommand, OutputFilter } from './native-command.js';

/** One subprocess to run: a hook on one batch of files. Plain data, sent to a worker. */
export interface Job {
  id: number;
  hook: string;
  /** Complete argv, files already placed; argv[0] is the executable. */
  argv: string[];
  /** Absolute repository root: the working directory and the base of relative paths. */
  root: string;
  /** Repository-relative files of this batch (empty for project-level hooks). */
  files: string[];
  /** Variables set on top of the inherited environment. */
  env: Record<string, string>;
  timeoutMs: number;
  /** Bytes kept of stdout and of stderr each; the rest is drained and dropped. */
  outputCapBytes: number;
  parser: ParserSpec;
  okExitCodes: number[];
  failOnDiagnostics: boolean;
  /** Text written to the process's stdin, which is then closed; without it (and `stdinFile`) stdin is /dev/null. */
  stdin?: string;
  /** Repository-relative file whose content the worker writes to stdin (a stdin hook on saved files). */
  stdinFile?: string;
  /**
   * Files to stamp again once the process has ended, in the same worker: whether they
   * changed under the hook is then known without queueing behind other jobs.
   */
  stampAfter?: HashBatch;
  /**
   * `unexplained`: the output comes back only when it explains a failure that no diagnostic does
   * (the job did not pass and nothing was parsed from it). A front end that shows diagnostics and
   * not output spares moving it between threads. Absent: `all`.
   */
  keepOutput?: 'all' | 'unexplained';
  /** The job runs a formatter (`format: true`) on its stdin; what to do with the text it prints. */
  format?: FormatRequest;
  /** See `Hook.native`: the worker runs this check itself on `files`, spawning nothing. */
  native?: NativeCommand;
  /** See `Hook.outputFilter`. */
  outputFilter?: OutputFilter;
}

/**
 * What a formatter job does with its output: `check` compares it with the input (a diff when
 * they differ), `write` puts it in the file when it differs, `print` returns it (`formatted`).
 */
export type FormatMode = 'check' | 'write' | 'print';

export interface FormatRequest {
  mode: FormatMode;
  /** The range to format, as UTF-16 offsets into the input, end exclusive; the whole text when absent. */
  range?: { start: number; end: number };
  /** Indices of argv words holding range placeholders (never a file name), replaced once the text is known. */
  rangeWords?: number[];
}

/** Why a job ended. */
export type JobStatus = 'passed' | 'failed' | 'timeout' | 'error' | 'cancelled';

/** What a job produced; errors are data here, never exceptions. */
export interface JobResult {
  id: number;
  hook: string;
  status: JobStatus;
  exitCode: number | null;
  signal: string | null;
  /** Wall time of the subprocess, spawn to exit. */
  durationMs: number;
  /** Combined stdout and stderr, each capped. */
  output: string;
  truncated: boolean;
  diagnostics: Diagnostic[];
  /** One line saying why, when the status is not `passed`. */
  reason: string | null;
  /** What changed of `Job.stampAfter`, stamped after the process ended; absent when the job never ran. */
  stampsAfter?: HashChanges;
  /** A formatter job in `print` mode that passed: the formatted text. */
  formatted?: string;
}

/** The API a worker exposes over comlink. */
export interface WorkerApi {
  runJob(job: Job): Promise<JobResult>;
  /** Hashes files under root, reusing a known hash while the file's stat is unchanged. */
  hashFiles(root: string, batch: HashBatch): Promise<HashChanges>;
  /** Kills the job's process group if it is still running; no-op otherwise. */
  cancelJob(id: number): void;
}
