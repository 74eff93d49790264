import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { makeUnrunResult, type Job, type JobResult, type JobStatus } from './contract.js';
import { parseOutput } from '../parse/parse-output.js';
import { runProcess, type ProcessOutcome } from './run-process.js';
import { CREDENTIAL_VARIABLES } from '../remote/remote-url.js';
import { judgeFormatted, measureFormatCap } from './format-result.js';
import { fillRangeWords } from '../format/range-argv.js';
import { findListedFiles, stripPreCommitOutput } from '../parse/pre-commit-output.js';
import { runNativeJob } from './run-native.js';
import { hashContents, listChangedFiles } from './own-changes.js';

export interface JobCallbacks {
  signal: AbortSignal;
  onSpawn?: (pgid: number) => void;
}

/** Names tools give the text they read on stdin, in place of a file name. */
const STDIN_NAMES = new Set(['-', '<stdin>', 'stdin', '(stdin)', '<text>']);
const STDIN_LINE_START = /^(?:-|<stdin>|stdin|\(stdin\)|<text>)(:\d)/gm;

/** Runs one job to its end and judges it; never throws. */
export async function runJob(job: Job, callbacks: JobCallbacks): Promise<JobResult> {
  const result = await runAndJudge(job, callbacks);
  const explained = result.status === 'passed' || result.diagnostics.length > 0;
  return job.keepOutput === 'unexplained' && explained ? { ...result, output: '' } : result;
}

async function runAndJudge(job: Job, callbacks: JobCallbacks): Promise<JobResult> {
  if (job.native) return runNativeJob(job, job.native, callbacks.signal);
  const stdin = await readStdin(job);
  if (typeof stdin === 'object') return makeUnrunResult(job, 'error', stdin.error);
  const { format } = job;
  const input = stdin ?? '';
  const before = job.outputFilter === 'pre-commit' ? hashContents(job.root, job.files) : null;
  const outcome = await runProcess({
    stdin,
    argv: format?.rangeWords ? fillRangeWords(job.argv, format.rangeWords, input, format.range) : job.argv,
    cwd: job.root,
    env: makeHookEnv(job.env),
    timeoutMs: job.timeoutMs,
    capBytes: format ? measureFormatCap(job, input) : job.outputCapBytes,
    signal: callbacks.signal,
    onSpawn: callbacks.onSpawn,
  });
  // A formatter's stdout is the formatted text: only its stderr is output to report and parse.
  const printed = format ? outcome.stderr : joinOutput(outcome);
  const cleaned = job.outputFilter === 'pre-commit' ? stripPreCommitOutput(printed) : null;
  const output = cleaned?.text ?? printed;
  const base = {
    id: job.id,
    hook: job.hook,
    exitCode: outcome.exitCode,
    signal: outcome.signal,
    durationMs: outcome.durationMs,
    output,
    truncated: outcome.truncated,
  };
  if (outcome.ended !== 'exit') {
    return { ...base, status: endedStatus(outcome.ended), diagnostics: [], reason: describeEnd(job, outcome) };
  }
  let diagnostics: Diagnostic[];
  try {
    diagnostics = nameStdin(job, await parseOutput(job.parser, nameStdinInOutput(job, output), { hook: job.hook, root: job.root, files: job.files }));
    if (cleaned) diagnostics.push(...findListedFiles(job.hook, output, job.files, diagnostics));
  } catch (error) {
    return { ...base, status: 'error', diagnostics: [], reason: `could not parse the output: ${(error as Error).message}` };
  }
  const changed = cleaned?.modifiedOnly === true && outcome.exitCode === 1 && before !== null ? listChangedFiles(job.root, job.files, before) : null;
  const verdict = changed === null ? judgeExit(job, outcome, diagnostics.length) : judgeOwnChanges(job, outcome, changed, diagnostics.length);
  const judged = { ...base, ...verdict, diagnostics };
  return format ? judgeFormatted(job, format, input, { stdout: outcome.stdout, truncated: outcome.truncated }, judged) : judged;
}

/** gauntlet's environment without the remote cache's credentials, and the hook's own variables over it. */
function makeHookEnv(own: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of CREDENTIAL_VARIABLES) delete env[name];
  return Object.assign(env, own);
}

/** The text for the job's stdin: given, read from its file, or none; `{error}` when the file cannot be read. */
async function readStdin(job: Job): Promise<string | undefined | { error: string }> {
  if (job.stdin !== undefined || job.stdinFile === undefined) return job.stdin;
  try {
    return await readFile(path.resolve(job.root, job.stdinFile), 'utf8');
  } catch (error) {
    return { error: `could not read ${job.stdinFile} for stdin: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
}

/** The file a stdin job checks, when it is one. */
function stdinFileOf(job: Job): string | null {
  if (job.stdin === undefined && job.stdinFile === undefined) return null;
  return job.files.length === 1 ? (job.files[0] ?? null) : null;
}

/** Output lines that start `-:` or `<stdin>:` are about the file whose text the tool read (what parsers see). */
function nameStdinInOutput(job: Job, output: string): string {
  const file = stdinFileOf(job);
  return file === null ? output : output.replace(STDIN_LINE_START, (_, separator: string) => `${file}${separator}`);
}

/** A stdin hook's findings on "-" or "<stdin>" are about the one file whose text it read. */
function nameStdin(job: Job, diagnostics: Diagnostic[]): Diagnostic[] {
  const file = stdinFileOf(job);
  if (file === null) return diagnostics;
  return diagnostics.map((diagnostic) => (STDIN_NAMES.has(diagnostic.file) ? { ...diagnostic, file } : diagnostic));
}

function judgeExit(job: Job, outcome: ProcessOutcome, found: number): { status: JobStatus; reason: string | null } {
  if (outcome.exitCode === null) return { status: 'failed', reason: `killed by ${outcome.signal ?? 'a signal'}` };
  if (!job.okExitCodes.includes(outcome.exitCode)) return { status: 'failed', reason: `exit code ${outcome.exitCode}` };
  if (job.failOnDiagnostics && found > 0) {
    return { status: 'failed', reason: `${found} diagnostic${found === 1 ? '' : 's'} (fail_on_diagnostics)` };
  }
  return { status: 'passed', reason: null };
}

/** A `pre-commit run` failed only for changes in the repository: failed when the hook changed its own files. */
function judgeOwnChanges(job: Job, outcome: ProcessOutcome, changed: readonly string[], found: number): { status: JobStatus; reason: string | null } {
  if (changed.length === 0) return judgeExit(job, { ...outcome, exitCode: 0 }, found);
  const names = changed.slice(0, 3).join(', ') + (changed.length > 3 ? ', ...' : '');
  return { status: 'failed', reason: `modified ${changed.length} file${changed.length === 1 ? '' : 's'}: ${names}` };
}

function endedStatus(ended: Exclude<ProcessOutcome['ended'], 'exit'>): JobStatus {
  if (ended === 'spawn-error') return 'error';
  return ended;
}

function describeEnd(job: Job, outcome: ProcessOutcome): string {
  const command = job.argv[0] ?? '';
  switch (outcome.ended) {
    case 'timeout':
      return `timed out after ${formatSeconds(job.timeoutMs)}; its process group was killed`;
    case 'cancelled':
      return 'cancelled';
    case 'spawn-error':
      return describeSpawnError(command, outcome.spawnError);
    case 'exit':
      return '';
  }
}

function describeSpawnError(command: string, code: string | null): string {
  switch (code) {
    case 'ENOENT':
      return `command not found: ${command} (is it installed and on PATH?)`;
    case 'EACCES':
      return `permission denied: ${command} (is it executable?)`;
    default:
      return `could not start ${command}: ${code ?? 'unknown error'}`;
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** stdout then stderr, as one text for parsing and for the report. */
function joinOutput(outcome: ProcessOutcome): string {
  if (!outcome.stderr) return outcome.stdout;
  if (!outcome.stdout) return outcome.stderr;
  return outcome.stdout.endsWith('\n') ? outcome.stdout + outcome.stderr : `${outcome.stdout}\n${outcome.stderr}`;
}
