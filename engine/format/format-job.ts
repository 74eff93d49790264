import type { Hook } from '../../protocol/hook.js';
import type { FormatMode, FormatRequest, Job } from '../worker/contract.js';
import { locateRangeWords, type TextRange } from './range-argv.js';

/** What a formatter job of `hook` is to do; `range` only for a range formatter. */
export function makeFormatRequest(hook: Pick<Hook, 'argv' | 'rangeFormat'>, job: Pick<Job, 'argv'>, mode: FormatMode, range?: TextRange): FormatRequest {
  const request: FormatRequest = { mode };
  if (hook.rangeFormat !== true) return request;
  request.rangeWords = locateRangeWords(hook.argv, job.argv.length);
  if (range) request.range = range;
  return request;
}

/**
 * True when the hook rewrites files in this run: a fixer (`modifies_files`) always, a formatter
 * with `--fix`. Such hooks run first, in a phase of their own, each file locked while it runs.
 */
export function rewritesFiles(hook: Pick<Hook, 'modifiesFiles' | 'format'>, fix: boolean): boolean {
  return hook.modifiesFiles || (fix && hook.format === true);
}
