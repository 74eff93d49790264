import { FILE_HEADERS_ONLY, formatPatch, structuredPatch, type StructuredPatch } from 'diff';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { FormatRequest, Job, JobResult } from './contract.js';
import { writeFormatted } from '../format/write-formatted.js';

/** Lines of context around each change of a formatter's diff, as `diff -u`. */
const DIFF_CONTEXT_LINES = 3;
/** Most findings a formatter's diff gives a file: one per hunk, up to this many. */
const MAX_HUNK_FINDINGS = 100;
/** Room for the formatted text past twice the input's size, however small the configured cap. */
const FORMAT_CAP_SLACK_BYTES = 65_536;

/** What a formatter's process left: the text it printed on stdout, and whether it was cut at the cap. */
export interface FormatterOutput {
  stdout: string;
  truncated: boolean;
}

/** Bytes kept of a formatter's output: its whole formatted text, even past the usual cap. */
export function measureFormatCap(job: Job, input: string): number {
  return Math.max(job.outputCapBytes, 2 * Buffer.byteLength(input, 'utf8') + FORMAT_CAP_SLACK_BYTES);
}

/**
 * Judges a formatter that ran to its exit, given the result judged on its exit code and stderr.
 * A failed tool stays failed; a tool that printed nothing for a text that is not only whitespace
 * failed (its output is never taken as the file's new content); otherwise the output is checked
 * against the input, written to the file, or returned, as the job's mode says.
 */
export async function judgeFormatted(job: Job, format: FormatRequest, input: string, printed: FormatterOutput, judged: JobResult): Promise<JobResult> {
  if (judged.status !== 'passed') return { ...judged, output: judged.output === '' ? printed.stdout : judged.output };
  if (printed.truncated) return { ...judged, status: 'error', reason: 'its formatted text was cut at the output cap; nothing was changed' };
  if (printed.stdout === '' && input.trim() !== '') {
    return { ...judged, status: 'failed', reason: 'printed nothing for a file that is not empty (a formatter prints the whole formatted text on stdout)' };
  }
  if (format.mode === 'print') return { ...judged, formatted: printed.stdout };
  if (printed.stdout === input) return judged;
  const file = job.files[0] ?? '-';
  const patch = structuredPatch(`a/${file}`, `b/${file}`, input, printed.stdout, undefined, undefined, { context: DIFF_CONTEXT_LINES });
  const output = formatPatch(patch, FILE_HEADERS_ONLY) + judged.output;
  if (format.mode === 'write') {
    const problem = job.files[0] === undefined ? 'no file to write' : await writeFormatted(job.root, file, input, printed.stdout);
    return problem === null ? { ...judged, output } : { ...judged, output, status: 'error', reason: problem };
  }
  const found = listHunkFindings(job.hook, file, patch);
  return { ...judged, status: 'failed', reason: 'not formatted', output, diagnostics: [...judged.diagnostics, ...found] };
}

/** A finding at each hunk's first changed line of the file, over the lines the formatter would replace. */
function listHunkFindings(hook: string, file: string, patch: StructuredPatch): Diagnostic[] {
  return patch.hunks.slice(0, MAX_HUNK_FINDINGS).map((hunk) => {
    let oldLine = hunk.oldStart;
    let first: number | null = null;
    let last: number | null = null;
    for (const text of hunk.lines) {
      if (text.startsWith('\\')) continue;
      if (text.startsWith('+')) first ??= oldLine;
      if (text.startsWith('-')) {
        first ??= oldLine;
        last = oldLine;
      }
      if (!text.startsWith('+')) oldLine += 1;
    }
    const line = Math.max(1, first ?? hunk.oldStart);
    return {
      hook,
      file,
      line,
      column: null,
      endLine: last !== null && last > line ? last : null,
      endColumn: null,
      severity: 'warning',
      code: null,
      message: `not formatted as ${hook} formats it (gauntlet run --fix rewrites it)`,
    };
  });
}
