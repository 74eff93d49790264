import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { RunEvent } from '../protocol/events.js';
import type { Hook, ResolvedConfig } from '../protocol/hook.js';
import type { RemoteSummary, ReportShard, RunReport } from '../protocol/report.js';
import type { Stage } from '../protocol/config.js';
import type { JobRunner } from './pool/job-runner.js';
import { orderHooks } from './schedule/order.js';
import { orderJobs } from './schedule/order-jobs.js';
import { FileLocks } from './schedule/file-locks.js';
import { meanDuration, recordSample, sampleHookReport } from './store/profiles.js';
import type { RunStores } from './store/run-stores.js';
import { ResultCache } from './store/result-cache.js';
import { skipHook, sortDiagnostics } from './report/hook-report.js';
import { buildRunReport } from './report/run-report.js';
import { OUTPUT_CAP_BYTES } from './worker/contract.js';
import { stampFiles } from './coordinate/hash-stamps.js';
import { planPhase } from './coordinate/plan-phase.js';
import { buildJobs } from './coordinate/build-jobs.js';
import { executePhase, type HookDone, type PhaseContext } from './coordinate/execute-phase.js';
import { traceMark } from './trace.js';
import type { NonUtf8File } from './files/non-utf8.js';
import { appendAll } from './arrays.js';
import type { HookWork } from './coordinate/plan-phase.js';
import type { RemoteSession } from './remote/remote-session.js';
import { runVersionCommand } from './remote/version-command.js';
import { planShardParts, type ShardRequest } from './coordinate/shard-parts.js';
import { IN_ANOTHER_SHARD } from '../protocol/report.js';
import { rewritesFiles } from './format/format-job.js';

/** Everything a front end decides about one run. */
export interface RunRequest {
  /** Absolute repository root. */
  root: string;
  config: ResolvedConfig;
  /** Candidate files, repository-relative: every file, or the ones the user named. */
  files: string[];
  /**
   * Every file of the repository. A project-level hook runs when a candidate
   * matches it, but checks the whole project: its cache key covers all of these
   * it matches. A hook whose results are kept as a whole (`cache: project`) reads
   * and writes the cache only in a run whose files are all of these it matches.
   * Absent: unknown, so no run is taken for a whole-project one.
   */
  allFiles?: string[];
  /**
   * Candidate files, then files of the repository, whose names are not UTF-8 (see
   * engine/files/non-utf8.ts): a hook given files that matches one ends as an error.
   */
  nonUtf8Files?: NonUtf8File[];
  /** Defaults to `nonUtf8Files`. */
  allNonUtf8Files?: NonUtf8File[];
  /** Names of the hooks to run (already checked to exist); every hook when absent. */
  only?: string[];
  /** Hooks left out, by name, with the reason their report gives (`skipped by --skip`). */
  skip?: ReadonlyMap<string, string>;
  stage?: Stage;
  /** Fastest-first from profiles; false keeps config order. */
  optimize: boolean;
  maxWorkers: number;
  failFast: boolean;
  /** False (--no-cache): run everything; results still refresh the cache. Default true. */
  useCache?: boolean;
  /**
   * Unsaved text by repository-relative path (an editor's buffers): stdin hooks read it
   * instead of the file. Such a run neither reads nor writes the result cache.
   */
  buffers?: ReadonlyMap<string, string>;
  /**
   * `--fix`: formatters (`format: true`) write their output to the files, in the fixers' phase;
   * without it they only check. Hooks with `modifies_files` run the same either way.
   */
  fix?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  outputCapBytes?: number;
  /**
   * `unexplained`: a hook's output is kept only where it explains a failure no diagnostic does
   * (an editor shows diagnostics, not output). Absent: `all`.
   */
  keepOutput?: 'all' | 'unexplained';
  /** Runs the jobs: the worker pool, kept open by the caller (a server reuses one; a CLI starts its threads early). */
  runner: JobRunner;
  /**
   * A remote cache shared with other machines: results the local cache lacks are looked up there,
   * and results the run learns are uploaded in the background. The caller closes it once the
   * run's result is out (`RemoteSession.close` waits for the uploads, within its timeout).
   * Not used for a run over unsaved buffers.
   */
  remote?: RemoteSession;
  /**
   * The profiles and result cache, loaded by the caller, who also saves them (`saveRunStores`):
   * a CLI once per run, a server in the background. A run over unsaved buffers records profiles
   * but neither reads nor writes this cache.
   */
  stores: RunStores;
  /**
   * One shard of several (`--shard`): only its part of the (hook, file) jobs and of the hooks that
   * run as one invocation, split as every other shard splits them (engine/schedule/shard-work.ts).
   */
  shard?: ShardRequest;
}

/** What a run did, hook by hook in report order; a front end that shows no report needs no more. */
export interface RunOutcome {
  hooks: HookDone[];
  wallMs: number;
  maxWorkers: number;
  remote: RemoteSummary | null;
  shard: ReportShard | undefined;
}

/**
 * Runs the request's hooks. Hooks that rewrite files run first, in a phase of
 * their own, so that every other hook reads (and caches results for) the
 * content they leave; within a phase, jobs run fastest-first on the runner,
 * and unchanged files are answered from the cache. Profiles and cache are
 * updated in memory; the caller saves them.
 */
export async function executeRun(request: RunRequest): Promise<RunOutcome> {
  const started = performance.now();
  const since = (): number => Math.round(performance.now() - started);
  const emit = (event: RunEvent): void => request.onEvent?.(event);

  // What a hook says of unsaved text holds for no file's content on disk.
  const unsaved = request.buffers !== undefined && request.buffers.size > 0;
  const { profiles, warnings } = request.stores;
  const cache = unsaved ? ResultCache.empty() : request.stores.cache;
  for (const message of warnings) emit({ type: 'warning', message });
  const selected = selectHooks(request);
  const skipped = selected.filter((hook) => request.skip?.has(hook.name) === true);
  const byMean = orderHooks(selected.filter((hook) => !skipped.includes(hook)), (name) => meanDuration(profiles, name), request.optimize);
  // Fixers run first, in a phase of their own (see below); the report lists hooks as they ran.
  const fix = request.fix === true && !unsaved;
  const rewrites = (hook: Hook): boolean => rewritesFiles(hook, fix);
  const ordered = [...skipped, ...byMean.filter(rewrites), ...byMean.filter((hook) => !rewrites(hook))];
  const workers = request.maxWorkers;
  emit({ type: 'run-started', hooks: ordered.map((hook) => hook.name), workers });
  const done: HookDone[] = skipped.map((hook) => skipBeforeStart(hook, request.skip?.get(hook.name) ?? 'skipped', emit));
  const shard = request.shard ? planShardParts(request.shard, byMean, { candidates: request.files, allFiles: request.allFiles ?? null, nonUtf8: request.nonUtf8Files ?? [] }) : null;
  const away = new Set(byMean.filter((hook) => shard?.parts.get(hook.name)?.kind === 'elsewhere'));
  appendAll(done, [...away].map((hook) => skipBeforeStart(hook, IN_ANOTHER_SHARD, emit)));

  const controller = new AbortController();
  // Every queued job and lock waiter listens to this one signal.
  setMaxListeners(0, controller.signal);
  const onOuterAbort = (): void => controller.abort();
  request.signal?.addEventListener('abort', onOuterAbort, { once: true });
  // A signal aborted before the run began fires no event.
  if (request.signal?.aborted === true) controller.abort();
  const { runner } = request;
  const stamp = (paths: Iterable<string>, fresh: boolean): ReturnType<typeof stampFiles> => stampFiles(runner, request.root, cache, paths, workers, fresh);
  const context: PhaseContext = {
    runner,
    locks: new FileLocks(),
    cache,
    signal: controller.signal,
    failFast: request.failFast,
    abort: () => controller.abort(),
    since,
    emit,
  };
  const configIndex = new Map(request.config.hooks.map((hook, index) => [hook.name, index]));
  let nextId = 1;
  const readCache = request.useCache !== false && !unsaved;
  const remote = unsaved ? null : (request.remote ?? null);
  if (remote) context.remote = remote;
  const here = byMean.filter((hook) => !away.has(hook));
  // Version commands run while the first phase's files are hashed.
  const portableTools = remote
    ? remote.identifyTools(here, request.root, (hook, argv) => runVersionCommand(runner, { id: nextId++, hook, argv, root: request.root, signal: controller.signal }))
    : undefined;

  /** Builds, orders and runs the jobs of a phase's hooks. */
  const execute = async (works: HookWork[]): Promise<HookDone[]> => {
    if (works.length === 0) return [];
    const built = await buildJobs(works, profiles, {
      root: request.root,
      workers,
      outputCapBytes: request.outputCapBytes ?? OUTPUT_CAP_BYTES,
      nextId: () => nextId++,
      buffers: request.buffers,
      keepOutput: request.keepOutput,
      fix,
    });
    const planned = built.map((entry, key) => ({
      key,
      hookIndex: configIndex.get(entry.job.hook) ?? 0,
      estimateMs: entry.estimateMs,
      meanMs: meanDuration(profiles, entry.job.hook),
      timeoutMs: entry.job.timeoutMs,
      entry,
    }));
    const jobs = orderJobs(planned, workers, request.optimize).map((job) => job.entry);
    traceMark(`planned ${jobs.length} jobs for ${works.length} hooks`);
    return executePhase(works, jobs, context);
  };

  try {
    for (const phase of [here.filter(rewrites), here.filter((hook) => !rewrites(hook))]) {
      if (phase.length === 0) continue;
      if (controller.signal.aborted) {
        appendAll(done, phase.map((hook) => cancelBeforeStart(hook, emit)));
        continue;
      }
      const works = await planPhase({
        root: request.root,
        hooks: phase,
        candidates: request.files,
        allFiles: request.allFiles ?? null,
        nonUtf8: request.nonUtf8Files ?? [],
        allNonUtf8: request.allNonUtf8Files ?? request.nonUtf8Files ?? [],
        cache,
        readCache,
        stamp,
        portableTools,
        fix,
        ...(shard ? { shard: shard.parts } : {}),
      });
      // Hooks with results to look up in the remote cache start when the answers are in; the others at once.
      const asking = remote && readCache ? works.filter((work) => work.remote !== null && (work.toRun.length > 0 || work.runWhole)) : [];
      const [now, later] = await Promise.all([
        execute(works.filter((work) => !asking.includes(work))),
        asking.length === 0 || !remote ? [] : remote.lookUp(asking, cache).then(() => execute(asking)),
      ]);
      appendAll(done, now);
      appendAll(done, later);
    }
  } finally {
    request.signal?.removeEventListener('abort', onOuterAbort);
    // A run that planned no phase never awaited its tools: their version commands end with it.
    await portableTools?.catch(() => undefined);
  }

  for (const { report } of done) {
    const sample = sampleHookReport(report, Date.now());
    if (sample) recordSample(profiles, report.name, sample);
  }
  if (remote) cache.noteRemote(remote.counts.lookups, remote.counts.hits);
  const byName = new Map(done.map((entry) => [entry.report.name, entry]));
  return {
    hooks: ordered.map((hook) => byName.get(hook.name)).filter((entry) => entry !== undefined),
    wallMs: since(),
    maxWorkers: workers,
    remote: remote?.summarize() ?? null,
    shard: request.shard && shard ? { index: request.shard.index, count: request.shard.count, split: shard.digest } : undefined,
  };
}

/** A run's report: what `executeRun` did, with figures and diagnostics in report order. */
export async function runHooks(request: RunRequest): Promise<RunReport> {
  const report = reportOutcome(request.root, await executeRun(request));
  request.onEvent?.({ type: 'run-finished', report });
  return report;
}

/** The report of what a run did. */
export function reportOutcome(root: string, outcome: RunOutcome): RunReport {
  return buildRunReport({
    root,
    wallMs: outcome.wallMs,
    maxWorkers: outcome.maxWorkers,
    hooks: outcome.hooks.map((entry) => entry.report),
    diagnostics: sortDiagnostics(outcome.hooks.flatMap((entry) => entry.diagnostics)),
    remote: outcome.remote,
    shard: outcome.shard,
  });
}

function selectHooks(request: RunRequest): Hook[] {
  const only = request.only ? new Set(request.only) : null;
  return request.config.hooks.filter(
    (hook) => (only === null || only.has(hook.name)) && (request.stage === undefined || hook.stage === request.stage),
  );
}

function cancelBeforeStart(hook: Hook, emit: (event: RunEvent) => void): HookDone {
  return skipBeforeStart(hook, 'cancelled', emit, 'cancelled');
}

function skipBeforeStart(hook: Hook, reason: string, emit: (event: RunEvent) => void, status: 'skipped' | 'cancelled' = 'skipped'): HookDone {
  const report = skipHook(hook.name, 0, reason, status);
  emit({ type: 'hook-finished', hook: report, diagnostics: [] });
  return { report, diagnostics: [] };
}
