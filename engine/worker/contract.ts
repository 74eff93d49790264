/**
 * Everything that crosses between the pool's thread and a worker thread: the messages (a job and
 * its result, a hash batch and its changes, the worker's start-up data and ready message), the API
 * a worker exposes over comlink, and the limits both sides read. The pool imports nothing else of
 * engine/worker/, and nothing here imports the pool.
 */
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { ParserSpec } from '../../protocol/parser.js';
import type { NativeCommand, OutputFilter } from '../../protocol/native-command.js';

/** Bytes kept of each of stdout and stderr unless a job says otherwise. */
export const OUTPUT_CAP_BYTES = 1_048_576;

/** Time a process group gets between TERM and KILL: a worker's cancel, and the pool's wait for it. */
export const KILL_GRACE_MS = 2_000;
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

/** What is known of a file's content: its hash, and the stat it had when hashed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
  /** Changes with any write or chmod, and cannot be set back as mtime can (`touch -r`). */
  ctimeMs: number;
  /** Content hash (sha256, base64url, 128 bits); for a symbolic link, LINK_HASH_PREFIX and the hash of its text. */
  hash: string;
  /**
   * When the hash was taken, by the file system's clock (its granularity included): a file whose
   * mtime is not below it may have changed since, and is hashed again. 0 forces that.
   */
  hashedAt: number;
}

/** Starts the hash of a symbolic link: gauntlet sees its text, not what it leads to, so no result on it is kept. */
export const LINK_HASH_PREFIX = 'link:';

/** True when the stamp is a symbolic link's. */
export function isLinkStamp(stamp: Pick<FileStamp, 'hash'>): boolean {
  return stamp.hash.startsWith(LINK_HASH_PREFIX);
}

/** Numbers per file in `HashBatch.known`: the known stamp's size, mtimeMs, ino, ctimeMs and hashedAt. */
export const KNOWN_FIELDS = 5;

/**
 * Files to stamp, in one message. Flat on purpose: thousands of files cross threads as one
 * array of strings and one buffer rather than thousands of objects, and the hashes already
 * known stay where they are (a file whose stat still matches keeps its known stamp).
 */
export interface HashBatch {
  /** Repository-relative paths. */
  paths: string[];
  /** KNOWN_FIELDS numbers per path, from the stamp an earlier run recorded; NaN where none is. */
  known: Float64Array;
}

/**
 * What stamping a batch found: the files whose known stamp no longer holds, by index into the
 * batch, each with its new stamp, or null when it is gone or unreadable (never cached). A file
 * not listed keeps its known stamp.
 */
export type HashChanges = Array<[index: number, stamp: FileStamp | null]>;

/** What a worker is given at start (`workerData`): where to publish the process group it runs. */
export interface WorkerData {
  /** One Int32 slot: the pgid of the running job's process group, 0 when idle. */
  pgid: Int32Array;
  /** Collect garbage after every this many jobs (a long-lived pool's workers); 0: never. */
  collectEvery: number;
}

/** What a worker says to the pool outside comlink's calls (which carry an `id`; this has none). */
export type WorkerMessage = { type: 'ready' };

/** Validates the untyped workerData a thread receives. */
export function readWorkerData(value: unknown): WorkerData {
  const pgid = (value as { pgid?: unknown } | null)?.pgid;
  if (!(pgid instanceof Int32Array) || pgid.length !== 1) throw new Error('worker started without its pgid slot');
  const collectEvery = (value as { collectEvery?: unknown }).collectEvery;
  if (!Number.isSafeInteger(collectEvery) || (collectEvery as number) < 0) throw new Error('worker started without its collection interval');
  return { pgid, collectEvery: collectEvery as number };
}

/** The result of a job that never ran to an exit: stopped before it started, or lost with its worker. */
export function makeUnrunResult(job: Job, status: JobStatus, reason: string): JobResult {
  return { id: job.id, hook: job.hook, status, exitCode: null, signal: null, durationMs: 0, output: '', truncated: false, diagnostics: [], reason };
}
