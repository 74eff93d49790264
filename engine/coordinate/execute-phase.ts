import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { RunEvent } from '../../protocol/events.js';
import { makeUnrunResult, type JobResult } from '../worker/contract.js';
import type { HookReport } from '../../protocol/report.js';
import { attributeBatch, attributeProject, unpackDiagnostics } from '../cache/attribute.js';
import type { JobRunner } from '../pool/job-runner.js';
import type { FileLocks } from '../schedule/file-locks.js';
import type { ResultCache } from '../store/result-cache.js';
import { reportNonUtf8Files, skipHook, summarizeHook } from '../report/hook-report.js';
import { isFailure } from '../report/status.js';
import type { BuiltJob } from './build-jobs.js';
import type { HookWork } from './plan-phase.js';
import { storeResult } from './store-result.js';
import { applyHashChanges, makeHashBatch, type KnownStamps } from './hash-stamps.js';
import { traceMark } from '../trace.js';
import { appendAll } from '../arrays.js';
import type { RemoteSession } from '../remote/remote-session.js';
import type { CacheEntry } from '../store/cache-data.js';

/** What a phase needs from the run around it. */
export interface PhaseContext {
  runner: JobRunner;
  locks: FileLocks;
  cache: ResultCache;
  signal: AbortSignal;
  failFast: boolean;
  abort: () => void;
  since: () => number;
  emit: (event: RunEvent) => void;
  /** Shares what the run learns through a remote cache, when it uses one. */
  remote?: RemoteSession;
}

/** One hook's report and diagnostics, as the run collects them. */
export interface HookDone {
  report: HookReport;
  diagnostics: Diagnostic[];
}

/** One hook's jobs in flight: when its first started, what it rewrote, its results to come. */
interface HookRun {
  startMs: number | null;
  modified: string[];
  results: Promise<JobResult>[];
}

/**
 * Runs a phase's jobs in the given order: each takes its files' locks, runs in
 * the pool, and its verdict goes to the cache. A hook is reported the moment
 * its last batch is in; hooks served wholly from the cache are reported at once.
 */
export async function executePhase(works: readonly HookWork[], ordered: readonly BuiltJob[], ctx: PhaseContext): Promise<HookDone[]> {
  const done: HookDone[] = [];
  const withJobs = new Set(ordered.map((built) => built.work));
  const filesOf = new Map(ordered.map((built) => [built.job.id, built.job.files.length]));
  const jobsOf = new Map<HookWork, number>();
  for (const built of ordered) jobsOf.set(built.work, (jobsOf.get(built.work) ?? 0) + 1);

  const finish = (work: HookWork, results: JobResult[], modified: string[], startMs: number | null): void => {
    const cached = [...work.cached.values()];
    const summary = work.skipReason
      ? skipHook(work.hook.name, work.files.length, work.skipReason)
      : summarizeHook({
          name: work.hook.name,
          files: work.files.length,
          results,
          cached,
          // A whole result answers for every file the hook matches.
          filesCached: work.cached.has('') ? work.files.length : work.cached.size,
          filesCachedRemote: work.remoteHits,
          filesRun: work.hook.passFiles
            ? results.reduce((sum, result) => sum + (result.status === 'cancelled' ? 0 : (filesOf.get(result.id) ?? 0)), 0)
            : results.some((result) => result.status !== 'cancelled') ? work.files.length : 0,
          modified,
          startMs,
          endMs: startMs === null ? null : ctx.since(),
        });
    const report = reportNonUtf8Files(summary, work.nonUtf8);
    const diagnostics = [...results.flatMap((result) => result.diagnostics), ...cached.flatMap((entry) => unpackDiagnostics(work.hook.name, entry.diagnostics))];
    done.push({ report, diagnostics });
    ctx.remote?.finishHook(work);
    if (ctx.failFast && isFailure(report.status)) ctx.abort(); // a cached failure counts too
    traceMark(`finished ${work.hook.name}`);
    ctx.emit({ type: 'hook-finished', hook: report, diagnostics });
  };

  for (const work of works) if (!withJobs.has(work)) finish(work, [], [], null);

  // Jobs are started in the order given, across hooks: they take their locks, and so their
  // places in the pool's queue, in that order.
  const runs = new Map<HookWork, HookRun>();
  for (const built of ordered) {
    const { work } = built;
    const run = runs.get(work) ?? { startMs: null, modified: [], results: [] };
    runs.set(work, run);
    const onStart = (): void => {
      if (run.startMs !== null) return;
      run.startMs = ctx.since();
      traceMark(`started ${work.hook.name}`);
      ctx.emit({ type: 'hook-started', hook: work.hook.name });
    };
    run.results.push(runBuiltJob(built, ctx, onStart, run.modified, jobsOf.get(work) ?? 0));
  }
  await Promise.all(
    [...runs].map(async ([work, run]) => {
      const results = await Promise.all(run.results);
      finish(work, results, run.modified.sort(), run.startMs);
    }),
  );
  return done;
}

async function runBuiltJob(built: BuiltJob, ctx: PhaseContext, onStart: () => void, modified: string[], jobsOfHook: number): Promise<JobResult> {
  const { job, work } = built;
  // A hook run through pre-commit may be a fixer gauntlet cannot tell from a checker: it holds its files alone.
  const release = await ctx.locks.acquire(job.files, work.rewrites || work.hook.outputFilter === 'pre-commit', ctx.signal);
  if (!release) return makeUnrunResult(job, 'cancelled', 'cancelled');
  let result: JobResult;
  const paths = listWatched(work, job.files, jobsOfHook);
  // Stamped again against the stamps as planned: a file touched meanwhile, even back to the same bytes, is seen.
  const watched: KnownStamps = { paths, known: paths.map((path) => work.planned.get(path) ?? null) };
  try {
    result = await ctx.runner.run({ ...job, stampAfter: makeHashBatch(watched) }, { signal: ctx.signal, onStart });
  } finally {
    release();
  }
  // Before anything is awaited: the pool starts the next queued job on its next turn.
  if (ctx.failFast && isFailure(result.status)) ctx.abort();
  const check = checkWatched(work, watched, result, ctx.cache);
  if (work.rewrites) appendAll(modified, check.modified);
  storeVerdict(work, job.files, result, check.unstable, jobsOfHook, (file, entry) => {
    storeResult(ctx.cache, work, file, entry);
    ctx.remote?.share(work, file, entry);
  });
  if (work.rewrites && check.modified.length > 0 && !work.hook.fixOk && result.status === 'passed') {
    const names = check.modified.slice(0, 3).join(', ') + (check.modified.length > 3 ? ', ...' : '');
    result = { ...result, status: 'failed', reason: `modified ${check.modified.length} file${check.modified.length === 1 ? '' : 's'}: ${names}` };
  }
  // At the first failing batch, not when its hook's last batch is in.
  if (ctx.failFast && isFailure(result.status)) ctx.abort();
  return result;
}

/**
 * The files a batch's verdict rests on: its own and their inputs, or for a whole result kept from
 * a single invocation everything planned. A project hook's many batches keep nothing: their own
 * files are all a fixer's changes are measured on.
 */
function listWatched(work: HookWork, files: readonly string[], jobsOfHook: number): string[] {
  if (work.runWhole || (work.projectKey !== null && jobsOfHook === 1)) return [...work.planned.keys()];
  // A batch's own files are distinct: without inputs they are the list as it is.
  if (work.scope !== 'file' || work.inputs.all.length === 0) return [...files];
  const paths = new Set([...files, ...work.inputs.shared]);
  for (const file of files) for (const input of work.inputs.forFile(file)) paths.add(input);
  return [...paths];
}

interface WatchCheck {
  /** Checked files whose content differs from the plan's (a fixer's changes). */
  modified: string[];
  /** Files (checked or inputs) not as planned: changed, touched, created, removed, or too recent to tell. */
  unstable: Set<string>;
}

/**
 * Compares the stamps the worker took right after the process with the plan's. A file the
 * worker kept (same size, mtime, ctime and inode, last written before it was hashed) is as
 * planned; any other was read again, and is unstable even when its content came back the same.
 */
function checkWatched(work: HookWork, watched: KnownStamps, result: JobResult, cache: ResultCache): WatchCheck {
  if (!result.stampsAfter) return { modified: [], unstable: new Set(watched.paths) };
  // The planned stamps were marked in use when the phase was planned: only changes are news.
  const after = applyHashChanges(watched, result.stampsAfter, cache, false);
  const listed = new Set(result.stampsAfter.map(([index]) => index));
  const unstable = new Set<string>();
  const modified: string[] = [];
  watched.paths.forEach((path, index) => {
    const planned = watched.known[index] ?? null;
    const stamp = after[index] ?? null;
    if (planned === null ? stamp !== null : listed.has(index)) unstable.add(path);
    const hash = work.hashes.get(path);
    if (hash !== undefined && stamp?.hash !== hash) modified.push(path);
  });
  return { modified, unstable };
}

/** Keeps a verdict: on the file it is about, or '' for a hook's whole result. */
type KeepResult = (file: string, entry: CacheEntry) => void;

/**
 * Caches what the batch found, unless something it rests on changed under it: that verdict is
 * about content gone now. A whole result is kept only from a hook that ran as one invocation.
 */
function storeVerdict(work: HookWork, files: string[], result: JobResult, unstable: Set<string>, jobsOfHook: number, keep: KeepResult): void {
  if (work.projectKey !== null) {
    const entry = attributeProject(result);
    if (entry && unstable.size === 0 && jobsOfHook === 1) keep('', entry);
    return;
  }
  if (work.scope !== 'file' || work.hook.passFiles === false) return;
  if (work.inputs.shared.some((input) => unstable.has(input))) return;
  const entries = attributeBatch(result, files, !work.hook.failOnDiagnostics);
  if (!entries) return;
  for (const [file, entry] of entries) {
    if (work.fileKeys.has(file) && !unstable.has(file) && !work.inputs.forFile(file).some((input) => unstable.has(input))) keep(file, entry);
  }
}
