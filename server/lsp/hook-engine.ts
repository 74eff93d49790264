import type { HookReport } from '../../protocol/report.js';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { Hook, ResolvedConfig } from '../../protocol/hook.js';
import { createFileFilter } from '../../engine/files/match.js';
import { WorkerPool } from '../../engine/pool/pool.js';
import { WORKER_URL } from '../worker-url.js';
import { executeRun, type RunOutcome, type RunRequest } from '../../engine/run.js';
import type { JobRunner } from '../../engine/pool/job-runner.js';
import { LiveStores } from '../../engine/store/live-stores.js';
import { collectGarbage } from '../../engine/collect-garbage.js';
import { resolveWorkerCount } from '../../engine/config/worker-count.js';

/** The server collects its garbage every this many runs, its workers every this many jobs (see engine/collect-garbage.ts). */
const RUNS_PER_COLLECTION = 64;
import type { RunProgress } from './progress.js';

/** The part of a run request a caller decides; the engine fills in the rest. */
export type EngineRequest = Pick<RunRequest, 'files' | 'allFiles' | 'nonUtf8Files' | 'only' | 'useCache' | 'buffers' | 'signal'>;

/** Called as each hook finishes, with its report and diagnostics. */
export type OnHookFinished = (hook: HookReport, diagnostics: Diagnostic[]) => void;

/** What an engine runs its jobs on: a worker pool, or an in-process fake in tests. */
export interface EngineRunner extends JobRunner {
  resize(size: number): void;
  /** Ends every running job (process groups killed) and stops. */
  close(): Promise<void>;
}

/** Makes the runner of a workspace's engine; threads start on first use but one. */
export type MakeRunner = (size: number) => EngineRunner;

export const makeWorkerPool: MakeRunner = (size) => new WorkerPool({ workerUrl: WORKER_URL, size, warm: 1, collectGarbageEvery: RUNS_PER_COLLECTION });

interface SelectableHook {
  hook: Hook;
  matches: (file: string) => boolean;
}

/**
 * One workspace's trusted config running on its own long-lived worker pool, with its profiles
 * and result cache kept in memory for the engine's lifetime and saved in the background. Every
 * subprocess, hash and parse happens in the pool's threads; this thread only coordinates.
 */
export class HookEngine {
  readonly runner: EngineRunner;
  readonly stores: LiveStores;
  private hooks: SelectableHook[] = [];
  private runsEnded = 0;
  private configValue: ResolvedConfig;

  constructor(
    readonly root: string,
    config: ResolvedConfig,
    private readonly progress: RunProgress,
    private readonly log: (message: string) => void,
    makeRunner: MakeRunner = makeWorkerPool,
  ) {
    this.configValue = config;
    this.runner = makeRunner(resolveWorkerCount({}, config.maxWorkers));
    this.stores = new LiveStores(root, { warn: (message) => this.log(`warning: ${message}`) });
    this.setConfig(config);
  }

  get config(): ResolvedConfig {
    return this.configValue;
  }

  /** Switches to a new config; running jobs finish, new ones use it. */
  setConfig(config: ResolvedConfig): void {
    this.configValue = config;
    // A hook that rewrites files would rewrite them under the editor: never run from here.
    this.hooks = config.hooks.filter((hook) => !hook.modifiesFiles).map((hook) => ({ hook, matches: createFileFilter(hook) }));
    this.runner.resize(resolveWorkerCount({}, config.maxWorkers));
  }

  /** File-level hooks that check this file. */
  fileHooks(file: string): Hook[] {
    return this.hooks.filter(({ hook, matches }) => hook.passFiles && matches(file)).map(({ hook }) => hook);
  }

  /** File-level hooks that can check the file's unsaved text (stdin: true). */
  stdinHooks(file: string): Hook[] {
    return this.fileHooks(file).filter((hook) => hook.stdin === true);
  }

  /** Project-level hooks that a save of this file concerns. */
  projectHooks(file: string): Hook[] {
    return this.hooks.filter(({ hook, matches }) => !hook.passFiles && matches(file)).map(({ hook }) => hook);
  }

  /** Every hook the editor may run. */
  runnableHooks(): Hook[] {
    return this.hooks.map(({ hook }) => hook);
  }

  /**
   * Runs hooks on the engine's stores; resolves with what each hook did, or null when the run
   * failed (the reason is logged). No report is built: a caller that wants one builds it.
   */
  async run(request: EngineRequest, onHookFinished: OnHookFinished): Promise<RunOutcome | null> {
    const tracked = this.progress.start();
    try {
      return await executeRun({
        ...request,
        root: this.root,
        config: this.configValue,
        optimize: true,
        failFast: false,
        maxWorkers: resolveWorkerCount({}, this.configValue.maxWorkers),
        runner: this.runner,
        stores: await this.stores.acquire(),
        // Diagnostics are what an editor shows; output only where it explains a failure.
        keepOutput: 'unexplained',
        onEvent: (event) => {
          if (event.type === 'run-started') tracked.addHooks(event.hooks.length);
          else if (event.type === 'warning') this.log(`warning: ${event.message}`);
          else if (event.type === 'hook-finished') {
            tracked.hookDone();
            onHookFinished(event.hook, event.diagnostics);
          }
        },
      });
    } catch (error) {
      this.log(`a run failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    } finally {
      this.stores.release();
      tracked.end();
      this.runsEnded += 1;
      if (this.runsEnded % RUNS_PER_COLLECTION === 0) setImmediate(collectGarbage);
    }
  }

  /** Ends every running hook (process groups killed), stops the threads and saves the stores. */
  async close(): Promise<void> {
    await this.runner.close();
    await this.stores.close();
  }
}
