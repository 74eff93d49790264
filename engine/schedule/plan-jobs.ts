import type { Hook } from '../../protocol/hook.js';
import { FILES_PLACEHOLDER } from '../../protocol/hook.js';
import { matchFiles } from '../files/match.js';
import { measureEnv, measureStrings, readArgvBudget } from './argv-limit.js';

/** What a hook will do in a run: run on batches of files, or be skipped. */
export type HookPlan =
  | { hook: Hook; kind: 'run'; files: string[]; batches: string[][] }
  | { hook: Hook; kind: 'skip'; files: string[]; reason: string };

/** Matches a hook's globs against the candidate files and splits them into argv-sized batches. */
export async function planHook(hook: Hook, candidates: string[]): Promise<HookPlan> {
  const files = matchFiles(hook, candidates);
  if (!hook.passFiles) {
    if (hook.alwaysRun || files.length > 0) return { hook, kind: 'run', files, batches: [[]] };
    return { hook, kind: 'skip', files, reason: 'no matching files' };
  }
  if (files.length === 0) {
    if (hook.alwaysRun) return { hook, kind: 'run', files, batches: [[]] };
    return { hook, kind: 'skip', files, reason: 'no matching files' };
  }
  const fixedBytes = measureStrings(hook.argv);
  const budget = await readArgvBudget(measureEnv({ ...process.env, ...hook.env }), fixedBytes + measureStrings(files));
  return { hook, kind: 'run', files, batches: splitByBytes(files, budget - fixedBytes, hook.name) };
}

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
