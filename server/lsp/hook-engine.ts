import { availableParallelism } from 'node:os';
import type { HookReport, RunReport } from '../../protocol/report.js';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { Hook, ResolvedConfig } from '../../protocol/hook.js';
import { createFileFilter } from '../../engine/files/match.js';
import { WorkerPool } from '../../engine/pool/pool.js';
import { runHooks, type RunRequest } from '../../engine/run.js';
import type { RunProgress } from './progress.js';

/** The part of a run request a caller decides; the engine fills in the rest. */
export type EngineRequest = Pick<RunRequest, 'files' | 'allFiles' | 'nonUtf8Files' | 'only' | 'useCache' | 'buffers' | 'signal'>;

/** Called as each hook finishes, with its report and diagnostics. */
export type OnHookFinished = (hook: HookReport, diagnostics: Diagnostic[]) => void;

interface SelectableHook {
  hook: Hook;
  matches: (file: string) => boolean;
}

/**
 * One workspace's trusted config running on its own long-lived worker pool. Every subprocess,
 * hash and parse happens in the pool's threads; this thread only coordinates.
 */
export class HookEngine {
  readonly pool: WorkerPool;
  private hooks: SelectableHook[] = [];
  private configValue: ResolvedConfig;

  constructor(
    readonly root: string,
    config: ResolvedConfig,
    private readonly progress: RunProgress,
    private readonly log: (message: string) => void,
  ) {
    this.configValue = config;
    this.pool = new WorkerPool({ size: poolSize(config), warm: 1 });
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
    this.pool.resize(poolSize(config));
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

  /** Runs hooks; resolves with the report, or null when the run failed (the reason is logged). */
  async run(request: EngineRequest, onHookFinished: OnHookFinished): Promise<RunReport | null> {
    const tracked = this.progress.start();
    try {
      return await runHooks({
        ...request,
        root: this.root,
        config: this.configValue,
        optimize: true,
        failFast: false,
        maxWorkers: poolSize(this.configValue),
        pool: this.pool,
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
      tracked.end();
    }
  }

  /** Ends every running hook (process groups killed) and stops the threads. */
  close(): Promise<void> {
    return this.pool.close();
  }
}

function poolSize(config: ResolvedConfig): number {
  return config.maxWorkers ?? availableParallelism();
}
