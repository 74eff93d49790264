import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { RunEvent } from '../../protocol/events.js';
import type { FileStamp } from '../../protocol/hash.js';
import type { JobResult } from '../../protocol/job.js';
import type { HookReport } from '../../protocol/report.js';
import { attributeBatch, attributeProject, unpackDiagnostics } from '../cache/attribute.js';
import { makeResult } from '../pool/ended-result.js';
import type { WorkerPool } from '../pool/pool.js';
import type { FileLocks } from '../schedule/file-locks.js';
import type { ResultCache } from '../store/result-cache.js';
import { reportNonUtf8Files, skipHook, summarizeHook } from '../report/hook-report.js';
import type { BuiltJob } from './build-jobs.js';
import type { HookWork } from './plan-phase.js';
import { applyHashChanges, makeHashBatch, type KnownStamps } from './hash-stamps.js';
import { traceMark } from '../trace.js';

/** What a phase needs from the run around it. */
export interface PhaseContext {
  pool: WorkerPool;
  locks: FileLocks;
  cache: ResultCache;
  signal: AbortSignal;
  failFast: boolean;
  abort: () => void;
  since: () => number;
  emit: (event: RunEvent) => void;
  stamp: (paths: Iterable<string>) => Promise<Map<string, FileStamp | null>>;
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

const FAILING = new Set<HookReport['status']>(['failed', 'timeout', 'error']);

/**
 * Runs a phase's jobs in the given order: each takes its files' locks, runs in
 * the pool, and its verdict goes to the cache. A hook is reported the moment
 * its last batch is in; hooks served wholly from the cache are reported at once.
 */
export async function executePhase(works: readonly HookWork[], ordered: readonly BuiltJob[], ctx: PhaseContext): Promise<HookDone[]> {
  const done: HookDone[] = [];
  const withJobs = new Set(ordered.map((built) => built.work));
  const filesOf = new Map(ordered.map((built) => [built.job.id, built.job.files.length]));

  const finish = (work: HookWork, results: JobResult[], modified: string[], startMs: number | null): void => {
    const cached = [...work.cached.values()];
    const summary = work.skipReason
      ? skipHook(work.hook.name, work.files.length, work.skipReason)
      : summarizeHook({
          name: work.hook.name,
          files: work.files.length,
          results,
          cached,
          // A project-level hook answers for every file it matches, cached or run.
          filesCached: work.hook.passFiles ? work.cached.size : work.cached.size > 0 ? work.files.length : 0,
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
    if (ctx.failFast && FAILING.has(report.status)) ctx.abort(); // a cached failure counts too
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
    run.results.push(runBuiltJob(built, ctx, onStart, run.modified));
  }
  await Promise.all(
    [...runs].map(async ([work, run]) => {
      const results = await Promise.all(run.results);
      finish(work, results, run.modified.sort(), run.startMs);
    }),
  );
  return done;
}

async function runBuiltJob(built: BuiltJob, ctx: PhaseContext, onStart: () => void, modified: string[]): Promise<JobResult> {
  const { job, work } = built;
  const release = await ctx.locks.acquire(job.files, work.hook.modifiesFiles, ctx.signal);
  if (!release) return makeResult(job, 'cancelled', 'cancelled');
  let result: JobResult;
  const paths = work.runWhole ? [...work.hashes.keys()] : job.files;
  const watched: KnownStamps = { paths, known: paths.map((path) => ctx.cache.stamp(path)) };
  try {
    result = await ctx.pool.run({ ...job, stampAfter: makeHashBatch(watched) }, { signal: ctx.signal, onStart });
  } finally {
    release();
  }
  // Before anything is awaited: the pool starts the next queued job on its next turn.
  if (ctx.failFast && FAILING.has(result.status)) ctx.abort();
  const changed = findChanged(work, watched, result, ctx.cache);
  if (work.hook.modifiesFiles) modified.push(...changed);
  storeVerdict(work, job.files, result, changed, ctx.cache);
  if (work.hook.modifiesFiles && changed.length > 0 && !work.hook.fixOk && result.status === 'passed') {
    const names = changed.slice(0, 3).join(', ') + (changed.length > 3 ? ', ...' : '');
    result = { ...result, status: 'failed', reason: `modified ${changed.length} file${changed.length === 1 ? '' : 's'}: ${names}` };
  }
  // At the first failing batch, not when its hook's last batch is in.
  if (ctx.failFast && FAILING.has(result.status)) ctx.abort();
  return result;
}

/**
 * Files whose content changed while the hook ran (by the hook, if it is a fixer),
 * against the planned hashes, from the stamps the worker took right after the process.
 */
function findChanged(work: HookWork, watched: KnownStamps, result: JobResult, cache: ResultCache): string[] {
  if (!result.stampsAfter) return [];
  const after = applyHashChanges(watched, result.stampsAfter, cache);
  return watched.paths.filter((path, index) => after[index]?.hash !== work.hashes.get(path));
}

/** Caches what the batch found, except on files that changed under it: that verdict is about content gone now. */
function storeVerdict(work: HookWork, files: string[], result: JobResult, changed: string[], cache: ResultCache): void {
  if (work.runWhole) {
    const entry = attributeProject(result);
    if (entry && work.projectKey && changed.length === 0) cache.set(work.projectKey, entry);
    return;
  }
  const entries = attributeBatch(result, files);
  if (!entries) return;
  const moved = new Set(changed);
  for (const [file, entry] of entries) {
    const key = work.fileKeys.get(file);
    if (key && !moved.has(file)) cache.set(key, entry);
  }
}
