import { listFileSet } from '../../engine/files/git.js';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { HookReport } from '../../protocol/report.js';
import { isFailure } from '../../engine/report/status.js';
import { groupByFile, type DiagnosticStore } from './diagnostic-store.js';
import type { HookEngine } from './hook-engine.js';

export interface ProjectContext {
  root: string;
  engine: () => HookEngine | null;
  store: DiagnosticStore;
  publish: (file: string) => void;
  debounceMs: () => number;
  log: (message: string) => void;
}

interface HookState {
  timer: NodeJS.Timeout | null;
  running: AbortController | null;
  /** A save came in while it ran: run once more when it ends. */
  again: boolean;
  /** Files saved since its last start. */
  saved: Set<string>;
}

/**
 * Project-level hooks (pass_files: false): after a save of a file one matches, it runs on the
 * whole project, debounced, one run at a time per hook. Its findings are published for every
 * file it reports on; files it reported on before and no longer does are cleared.
 */
export class ProjectRuns {
  private readonly states = new Map<string, HookState>();

  constructor(private readonly ctx: ProjectContext) {}

  /** A file was saved: schedules the project-level hooks that match it. */
  saved(file: string): void {
    for (const hook of this.ctx.engine()?.projectHooks(file) ?? []) {
      const state = this.stateOf(hook.name);
      state.saved.add(file);
      if (state.timer) clearTimeout(state.timer);
      state.timer = setTimeout(() => {
        state.timer = null;
        this.start(hook.name, state);
      }, this.ctx.debounceMs());
    }
  }

  /** Cancels pending and running project runs (config change, shutdown). */
  cancelAll(): void {
    for (const state of this.states.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      state.again = false;
      state.running?.abort();
    }
  }

  private stateOf(name: string): HookState {
    let state = this.states.get(name);
    if (!state) {
      state = { timer: null, running: null, again: false, saved: new Set() };
      this.states.set(name, state);
    }
    return state;
  }

  private start(name: string, state: HookState): void {
    if (state.running) {
      state.again = true;
      return;
    }
    const controller = new AbortController();
    state.running = controller;
    const saved = [...state.saved];
    state.saved.clear();
    void this.runOnce(name, saved, controller).finally(() => {
      state.running = null;
      if (state.again && !controller.signal.aborted) {
        state.again = false;
        this.start(name, state);
      }
    });
  }

  private async runOnce(name: string, saved: string[], controller: AbortController): Promise<void> {
    const engine = this.ctx.engine();
    if (!engine) return;
    const { files, nonUtf8 } = await listFileSet(this.ctx.root, 'all').catch((error: unknown) => {
      this.ctx.log(`${name}: cannot list the repository's files (${String(error)}); checking the saved files only`);
      return { files: saved, nonUtf8: [] };
    });
    await engine.run({ files, allFiles: files, nonUtf8Files: nonUtf8, only: [name], signal: controller.signal }, (report, diagnostics) => {
      if (controller.signal.aborted || report.status === 'cancelled' || this.ctx.engine() !== engine) return;
      publishProjectResult(this.ctx, report, diagnostics);
    });
  }
}

/** Stores and publishes everything a project-level hook found, clearing what it no longer reports. */
export function publishProjectResult(ctx: Pick<ProjectContext, 'store' | 'publish' | 'log'>, report: HookReport, diagnostics: readonly Diagnostic[]): void {
  if (isFailure(report.status) && diagnostics.length === 0) {
    ctx.log(`${report.name}: ${report.status} (${report.reason ?? 'no reason given'}) without a diagnostic to show`);
  }
  for (const file of ctx.store.setProject(report.name, groupByFile(diagnostics))) ctx.publish(file);
}
