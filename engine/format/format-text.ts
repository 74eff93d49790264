import type { Hook } from '../../protocol/hook.js';
import { type Job, OUTPUT_CAP_BYTES } from '../worker/contract.js';
import type { JobRunner } from '../pool/job-runner.js';
import { placeFile } from '../schedule/place-files.js';
import { makeFormatRequest } from './format-job.js';
import type { TextRange } from './range-argv.js';

/** What formatting a text asks: the formatters, in order, the file it is of, and its text. */
export interface FormatTextRequest {
  runner: JobRunner;
  /** Absolute repository root: where the formatters run. */
  root: string;
  hooks: readonly Hook[];
  /** Repository-relative file the text is of (`{file}` in the command). */
  file: string;
  text: string;
  /** The range to format (only with a single range formatter); the whole text when absent. */
  range?: TextRange;
  /** Aborting kills the running formatter's process group. */
  signal: AbortSignal;
}

/** The formatted text, or the formatter that could not format it and why. */
export type FormatTextResult = { ok: true; text: string } | { ok: false; hook: string; reason: string; cancelled: boolean };

/** Most of a failed formatter's output quoted in its reason. */
const MAX_QUOTED_OUTPUT = 200;
/** Ids of formatting jobs: apart from a run's ids (which count from 1), so logs tell them apart. */
let nextFormatJobId = 1_000_000_000;

/**
 * Runs the formatters on the runner, each on the text the previous one printed; the first that
 * fails (exit status, timeout, nothing printed for a text that is not only whitespace) ends it.
 */
export async function formatText(request: FormatTextRequest): Promise<FormatTextResult> {
  let text = request.text;
  for (const hook of request.hooks) {
    const job = makeFormatJob(request, hook, text);
    const result = await request.runner.run(job, { signal: request.signal });
    if (result.status === 'cancelled' || request.signal.aborted) return { ok: false, hook: hook.name, reason: 'cancelled', cancelled: true };
    if (result.status !== 'passed' || result.formatted === undefined) {
      const line = result.output.split('\n').find((entry) => entry.trim() !== '')?.trim() ?? '';
      const quoted = line === '' ? '' : `: ${line.length > MAX_QUOTED_OUTPUT ? `${line.slice(0, MAX_QUOTED_OUTPUT)}…` : line}`;
      return { ok: false, hook: hook.name, reason: `${result.reason ?? result.status}${quoted}`, cancelled: false };
    }
    text = result.formatted;
  }
  return { ok: true, text };
}

function makeFormatJob(request: FormatTextRequest, hook: Hook, text: string): Job {
  const argv = placeFile(hook, request.file);
  return {
    id: nextFormatJobId++,
    hook: hook.name,
    argv,
    root: request.root,
    files: [request.file],
    env: hook.env,
    timeoutMs: hook.timeoutMs,
    outputCapBytes: OUTPUT_CAP_BYTES,
    parser: hook.parser,
    okExitCodes: hook.okExitCodes,
    failOnDiagnostics: hook.failOnDiagnostics,
    stdin: text,
    format: makeFormatRequest(hook, { argv }, 'print', request.range),
  };
}
