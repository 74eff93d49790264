import type { Hook } from '../../protocol/hook.js';
import { FILES_PLACEHOLDER } from '../../protocol/hook.js';
import { measureStrings } from './argv-limit.js';

/** Greedy batches whose argv bytes stay within the budget. */
export function splitByBytes(files: string[], budget: number, hookName: string): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let used = 0;
  for (const file of files) {
    const cost = measureStrings([file]);
    if (cost > budget) throw new Error(`hook ${hookName}: file name too long for one command line: ${file}`);
    if (used + cost > budget && batch.length > 0) {
      batches.push(batch);
      batch = [];
      used = 0;
    }
    batch.push(file);
    used += cost;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** The hook's argv with a batch's files at `{files}`, or appended when there is none. */
export function placeFiles(hook: Hook, batch: string[]): string[] {
  if (!hook.passFiles) return [...hook.argv];
  const at = hook.argv.indexOf(FILES_PLACEHOLDER);
  if (at === -1) return [...hook.argv, ...batch];
  return [...hook.argv.slice(0, at), ...batch, ...hook.argv.slice(at + 1)];
}
