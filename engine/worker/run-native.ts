import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { Job, JobResult } from './contract.js';
import type { FailCommand, NativeCommand, PygrepCommand } from '../../protocol/native-command.js';
import { latin1ToText, printPygrep, searchPygrep } from './pygrep.js';

/*
 * pygrep and fail run here, in the worker, not as a node script the hook's command would spawn:
 * a pygrep job is a regex over a batch of files, far cheaper than starting a process for it, and
 * as a job like any other it is batched, cached per file and cancelled as every job is. Its
 * findings are made here as diagnostics (`file:line:text` in the output too, as pre-commit prints
 * it), since a matched line such as `3:4 apples` would read as a column to the gnu parser. The cost:
 * a regex that backtracks for ever cannot be killed as a process group can; timeouts and
 * cancellation are checked between files.
 */

/** What one file gave: its printed output, its diagnostics, and whether it failed. */
interface FileOutcome {
  output: string;
  diagnostics: Diagnostic[];
}

/** Runs a native check over the job's files; never throws. */
export async function runNativeJob(job: Job, native: NativeCommand, signal: AbortSignal): Promise<JobResult> {
  const started = performance.now();
  const base = { id: job.id, hook: job.hook, signal: null, truncated: false };
  const elapsed = (): number => Math.round(performance.now() - started);
  if (native.type === 'fail') return { ...base, ...judge(failFiles(job, native)), durationMs: elapsed() };
  let regex: RegExp;
  try {
    regex = new RegExp(native.source);
  } catch (error) {
    return { ...base, status: 'error', exitCode: null, durationMs: elapsed(), output: '', diagnostics: [], reason: `pygrep pattern ${JSON.stringify(native.pattern)}: ${(error as Error).message}` };
  }
  const outcomes: FileOutcome[] = [];
  for (const file of job.files) {
    if (signal.aborted) return { ...base, status: 'cancelled', exitCode: null, durationMs: elapsed(), output: '', diagnostics: [], reason: 'cancelled' };
    if (elapsed() > job.timeoutMs) {
      return { ...base, status: 'timeout', exitCode: null, durationMs: elapsed(), output: '', diagnostics: [], reason: `timed out after ${job.timeoutMs / 1_000} s` };
    }
    let bytes: string;
    try {
      bytes = (await readFile(path.resolve(job.root, file))).toString('latin1');
    } catch (error) {
      return { ...base, status: 'error', exitCode: null, durationMs: elapsed(), output: '', diagnostics: [], reason: `could not read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    }
    outcomes.push(grepFile(job.hook, file, native, regex, bytes));
  }
  return { ...base, ...judge(outcomes, job.outputCapBytes), durationMs: elapsed() };
}

function grepFile(hook: string, file: string, command: PygrepCommand, regex: RegExp, bytes: string): FileOutcome {
  const findings = searchPygrep(command, regex, bytes);
  const diagnostics = findings.map((finding) =>
    makeDiagnostic(hook, file, finding.line, command.negate ? `no match for the pattern ${command.pattern}` : describeMatch(finding.text, command.pattern)),
  );
  return { output: printPygrep(file, command.negate, findings), diagnostics };
}

/** The matched line as the message; a match over several lines is named by its first. */
function describeMatch(text: string, pattern: string): string {
  const lines = latin1ToText(text).split('\n');
  const first = lines[0]?.trim() || `matches ${pattern}`;
  return lines.length > 1 ? `${first} (a match over ${lines.length} lines)` : first;
}

/** pre-commit's fail language: the entry, a blank line, then every file; each file a finding. */
function failFiles(job: Job, command: FailCommand): FileOutcome[] {
  if (job.files.length === 0) return [{ output: `${command.message}\n\n\n`, diagnostics: [] }];
  const message = command.message.split('\n')[0] ?? command.message;
  const header: FileOutcome = { output: `${command.message}\n\n`, diagnostics: [] };
  return [header, ...job.files.map((file) => ({ output: `${file}\n`, diagnostics: [makeDiagnostic(job.hook, file, 1, message)] }))];
}

/** A fail hook always fails (pre-commit's exit code 1); a pygrep hook fails when it printed anything. */
function judge(outcomes: readonly FileOutcome[], capBytes = Number.POSITIVE_INFINITY): Pick<JobResult, 'status' | 'exitCode' | 'output' | 'truncated' | 'diagnostics' | 'reason'> {
  const output = outcomes.map((outcome) => outcome.output).join('');
  const diagnostics = outcomes.flatMap((outcome) => outcome.diagnostics);
  const failed = output !== '';
  const truncated = Buffer.byteLength(output) > capBytes;
  const kept = truncated ? `${Buffer.from(output).subarray(0, capBytes).toString('utf8')}\n[gauntlet: output truncated]\n` : output;
  return { status: failed ? 'failed' : 'passed', exitCode: failed ? 1 : 0, output: kept, truncated, diagnostics, reason: failed ? 'exit code 1' : null };
}

function makeDiagnostic(hook: string, file: string, line: number, message: string): Diagnostic {
  return { hook, file, line, column: null, endLine: null, endColumn: null, severity: 'error', code: null, message };
}
