import type { Job } from '../worker/contract.js';
import { runsPerFile, type Hook } from '../../protocol/hook.js';
import { fitCost, estimateMs, type HookCost } from '../schedule/cost-model.js';
import { planBatchCounts, type BatchRequest } from '../schedule/plan-batches.js';
import { splitEvenly } from '../schedule/split-evenly.js';
import { checkCommandLength, measureEnv, measureStrings, readArgvBudget } from '../schedule/argv-limit.js';
import { splitByBytes } from '../schedule/plan-jobs.js';
import { listSeparatorWords, placeFile, placeFiles, toFileWords } from '../schedule/place-files.js';
import { calibrateTimeout } from '../schedule/timeouts.js';
import type { Profiles } from '../store/profiles.js';
import type { HookWork } from './plan-phase.js';
import { appendAll } from '../arrays.js';
import { makeFormatRequest } from '../format/format-job.js';

/** A job with what the scheduler needs to place it. */
export interface BuiltJob {
  job: Job;
  work: HookWork;
  /** Estimated run time from the hook's cost model; null when never profiled. */
  estimateMs: number | null;
}

export interface JobSettings {
  root: string;
  workers: number;
  outputCapBytes: number;
  nextId: () => number;
  /** Unsaved text by repository-relative path: a stdin hook reads it instead of the file. */
  buffers?: ReadonlyMap<string, string>;
  /** See `Job.keepOutput`. */
  keepOutput?: 'all' | 'unexplained';
  /** `--fix`: formatters write their output to the files they read (never to a buffer's file). */
  fix?: boolean;
}

/** Splits what each hook has left to run into batches sized by its cost model and the argv limit. */
export async function buildJobs(works: readonly HookWork[], profiles: Profiles, settings: JobSettings): Promise<BuiltJob[]> {
  const all = works.filter((work) => work.runWhole || work.toRun.length > 0);
  const perFile = all.filter((work) => !work.runWhole && runsPerFile(work.hook));
  const pending = all.filter((work) => !perFile.includes(work));
  const costs = new Map<string, HookCost | null>();
  const byteBatches = new Map<string, string[][]>();
  const fileBudgets = new Map<string, number>();
  const requests: BatchRequest[] = [];
  for (const work of pending) {
    const { hook } = work;
    const cost = fitCost(profiles.get(hook.name)?.samples ?? []);
    costs.set(hook.name, cost);
    const fileBudget = await readFileBudget(hook, measureStrings(toFileWords(hook, work.toRun)));
    const minimal = work.runWhole ? [[]] : splitByBytes(work.toRun, fileBudget, hook.name);
    byteBatches.set(hook.name, minimal);
    fileBudgets.set(hook.name, fileBudget);
    requests.push({
      hook: hook.name,
      files: countCostFiles(work, work.toRun),
      cost,
      // A tool that reads other files would check them, and report on them, in every batch.
      splittable: !work.runWhole && !hook.requireSerial && work.scope !== 'project',
      maxBatchFiles: hook.batchSize,
      minBatches: minimal.length,
    });
  }
  const counts = planBatchCounts(requests, settings.workers);
  const jobs: BuiltJob[] = [];
  for (const work of pending) {
    const { hook } = work;
    const minimal = byteBatches.get(hook.name) ?? [[]];
    const count = counts.get(hook.name) ?? minimal.length;
    // An even split into at least the byte-wise minimum count fits the argv limit but for
    // very uneven names; such a batch is split again by bytes.
    const batches = work.runWhole
      ? [[]]
      : splitEvenly(work.toRun, Math.max(count, minimal.length)).flatMap((batch) => splitByBytes(batch, fileBudgets.get(hook.name) ?? 0, hook.name));
    const cost = costs.get(hook.name) ?? null;
    for (const batch of batches) {
      const files = countCostFiles(work, batch);
      const timeoutMs = hook.autoTimeout ? (calibrateTimeout(profiles.get(hook.name), files) ?? hook.timeoutMs) : hook.timeoutMs;
      jobs.push({
        work,
        estimateMs: cost ? estimateMs(cost, files, 1) : null,
        job: makeJob(hook, placeFiles(hook, batch), batch, timeoutMs, settings),
      });
    }
  }
  for (const work of perFile) {
    // Only its check: one file name fits next to any command that fits.
    await readFileBudget(work.hook, 0);
    appendAll(jobs, buildPerFileJobs(work, profiles, settings));
  }
  return jobs;
}

/** Bytes of argv left for file names next to the hook's command; throws when the command alone does not fit. */
async function readFileBudget(hook: Hook, fileBytes: number): Promise<number> {
  const words = [...hook.argv, ...listSeparatorWords(hook)];
  const template = measureStrings(words);
  const budget = await readArgvBudget(measureEnv({ ...process.env, ...hook.env }), template + fileBytes);
  checkCommandLength(hook.name, words, budget);
  return budget - template;
}

/**
 * The files a job's cost grows with: its batch, or for a project-level hook every file it
 * matches (it checks them all). Profiles record the same count, so estimates and samples agree.
 */
function countCostFiles(work: HookWork, batch: readonly string[]): number {
  return work.runWhole ? work.files.length : batch.length;
}

/** A job per file for a hook that takes one file at a time: `{file}` in its argv, or its text on stdin. */
function buildPerFileJobs(work: HookWork, profiles: Profiles, settings: JobSettings): BuiltJob[] {
  const { hook } = work;
  const cost = fitCost(profiles.get(hook.name)?.samples ?? []);
  const timeoutMs = hook.autoTimeout ? (calibrateTimeout(profiles.get(hook.name), 1) ?? hook.timeoutMs) : hook.timeoutMs;
  return work.toRun.map((file) => {
    const job = makeJob(hook, placeFile(hook, file), [file], timeoutMs, settings);
    if (hook.stdin) {
      const text = settings.buffers?.get(file);
      if (text === undefined) job.stdinFile = file;
      else job.stdin = text;
    }
    if (hook.format) job.format = makeFormatRequest(hook, job, settings.fix === true && job.stdinFile !== undefined ? 'write' : 'check');
    return { work, estimateMs: cost ? estimateMs(cost, 1, 1) : null, job };
  });
}

/** A job of the hook on these files, with this argv. */
function makeJob(hook: Hook, argv: string[], files: string[], timeoutMs: number, settings: JobSettings): Job {
  return {
    id: settings.nextId(),
    hook: hook.name,
    argv,
    root: settings.root,
    files,
    env: hook.env,
    timeoutMs,
    outputCapBytes: settings.outputCapBytes,
    parser: hook.parser,
    okExitCodes: hook.okExitCodes,
    failOnDiagnostics: hook.failOnDiagnostics,
    ...(settings.keepOutput === 'unexplained' ? { keepOutput: 'unexplained' } : {}),
    ...(hook.native ? { native: hook.native } : {}),
    ...(hook.outputFilter ? { outputFilter: hook.outputFilter } : {}),
  };
}
