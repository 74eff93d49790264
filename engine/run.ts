import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from '../protocol/diagnostic.js';
import type { RunEvent } from '../protocol/events.js';
import type { Hook, ResolvedConfig } from '../protocol/hook.js';
import type { Job, JobResult } from '../protocol/job.js';
import type { HookReport, RunReport } from '../protocol/report.js';
import type { Stage } from '../protocol/config.js';
import { WorkerPool } from './pool/pool.js';
import { orderHooks } from './schedule/order.js';
import { planHook, placeFiles, type HookPlan } from './schedule/plan-jobs.js';
import { loadProfiles, meanDuration, recordSample, saveProfiles } from './store/profiles.js';
import { skipHook, sortDiagnostics, summarizeHook } from './report/hook-report.js';
import { buildRunReport } from './report/run-report.js';
import { OUTPUT_CAP_BYTES } from './worker/capture.js';

/** Everything a front end decides about one run. */
export interface RunRequest {
  /** Absolute repository root. */
  root: string;
  config: ResolvedConfig;
  /** Candidate files, repository-relative: every file, or the ones the user named. */
  files: string[];
  /** Names of the hooks to run (already checked to exist); every hook when absent. */
  only?: string[];
  stage?: Stage;
  /** Fastest-first from profiles; false keeps config order. */
  optimize: boolean;
  maxWorkers: number;
  failFast: boolean;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  outputCapBytes?: number;
  /**
   * Workers to run on, kept open for the caller (a server reuses one pool; a
   * CLI starts its threads early). Without one, the run opens and closes its own.
   */
  pool?: WorkerPool;
}

/** Statuses after which fail-fast stops the run. */
const FAILING = new Set<JobResult['status']>(['failed', 'timeout', 'error']);

/** Runs the request's hooks to a report: cached profiles decide order, workers do the work. */
export async function runHooks(request: RunRequest): Promise<RunReport> {
  const started = performance.now();
  const since = (): number => Math.round(performance.now() - started);
  const emit = (event: RunEvent): void => request.onEvent?.(event);

  const { profiles, warning } = await loadProfiles(request.root);
  if (warning) emit({ type: 'warning', message: warning });
  const selected = selectHooks(request);
  const ordered = orderHooks(selected, (name) => meanDuration(profiles, name), request.optimize);
  const plans = await Promise.all(ordered.map((hook) => planHook(hook, request.files)));
  const jobCount = plans.reduce((sum, plan) => sum + (plan.kind === 'run' ? plan.batches.length : 0), 0);
  const workers = Math.max(1, Math.min(request.maxWorkers, jobCount));
  emit({ type: 'run-started', hooks: ordered.map((hook) => hook.name), workers });

  const controller = new AbortController();
  // Every queued job listens to this one signal.
  setMaxListeners(0, controller.signal);
  const onOuterAbort = (): void => controller.abort();
  request.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const ownPool = request.pool === undefined;
  const pool = request.pool ?? new WorkerPool({ size: workers });
  const reports = new Map<string, HookReport>();
  const diagnostics: Diagnostic[] = [];
  let nextId = 1;

  const runPlan = async (plan: Extract<HookPlan, { kind: 'run' }>): Promise<void> => {
    let startMs: number | null = null;
    const onStart = (): void => {
      if (startMs !== null) return;
      startMs = since();
      emit({ type: 'hook-started', hook: plan.hook.name });
    };
    const results = await Promise.all(
      plan.batches.map((batch) =>
        pool.run(makeJob(nextId++, plan.hook, batch, request), { signal: controller.signal, onStart }),
      ),
    );
    const report = summarizeHook(plan.hook.name, plan.files.length, results, {
      startMs,
      endMs: startMs === null ? null : since(),
    });
    const found = results.flatMap((result) => result.diagnostics);
    reports.set(plan.hook.name, report);
    diagnostics.push(...found);
    if (request.failFast && results.some((result) => FAILING.has(result.status))) controller.abort();
    emit({ type: 'hook-finished', hook: report, diagnostics: found });
  };

  try {
    for (const plan of plans) {
      if (plan.kind === 'skip') {
        const report = skipHook(plan.hook.name, plan.files.length, plan.reason);
        reports.set(plan.hook.name, report);
        emit({ type: 'hook-finished', hook: report, diagnostics: [] });
      }
    }
    await Promise.all(plans.filter((plan) => plan.kind === 'run').map(runPlan));
  } finally {
    request.signal?.removeEventListener('abort', onOuterAbort);
    if (ownPool) await pool.close();
  }

  for (const report of reports.values()) {
    if (report.status === 'passed' || report.status === 'failed' || report.status === 'timeout') {
      recordSample(profiles, report.name, {
        durationMs: report.duration_ms,
        files: report.files,
        batches: report.batches,
        ok: report.status === 'passed',
        at: Date.now(),
      });
    }
  }
  await saveProfiles(request.root, profiles).catch((error: unknown) =>
    emit({ type: 'warning', message: `could not save profiles: ${(error as Error).message}` }),
  );

  const report = buildRunReport({
    root: request.root,
    wallMs: since(),
    maxWorkers: workers,
    hooks: ordered.map((hook) => reports.get(hook.name)).filter((entry) => entry !== undefined),
    diagnostics: sortDiagnostics(diagnostics),
  });
  emit({ type: 'run-finished', report });
  return report;
}

function selectHooks(request: RunRequest): Hook[] {
  const only = request.only ? new Set(request.only) : null;
  return request.config.hooks.filter(
    (hook) => (only === null || only.has(hook.name)) && (request.stage === undefined || hook.stage === request.stage),
  );
}

function makeJob(id: number, hook: Hook, batch: string[], request: RunRequest): Job {
  return {
    id,
    hook: hook.name,
    argv: placeFiles(hook, batch),
    root: request.root,
    files: batch,
    env: hook.env,
    timeoutMs: hook.timeoutMs,
    outputCapBytes: request.outputCapBytes ?? OUTPUT_CAP_BYTES,
    parser: hook.parser,
    okExitCodes: hook.okExitCodes,
    failOnDiagnostics: hook.failOnDiagnostics,
  };
}
