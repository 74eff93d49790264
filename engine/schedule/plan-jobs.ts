import { measureStrings } from './argv-limit.js';
import { toArgvPath } from './place-files.js';

/** Greedy batches whose argv bytes, as the files are written there, stay within the budget. */
export function splitByBytes(files: string[], budget: number, hookName: string): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let used = 0;
  for (const file of files) {
    const cost = measureStrings([toArgvPath(file)]);
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
