import { projectDirOfConfig } from '../../engine/config/find-config.js';
import { listFileSet } from '../../engine/files/git.js';
import { reportOutcome } from '../../engine/run.js';
import { matchFiles } from '../../engine/files/match.js';
import type { RunSummary } from '../../protocol/report.js';
import { isProblem } from '../../engine/report/status.js';
import { groupByFile, type DiagnosticStore } from './diagnostic-store.js';
import type { OpenDocuments } from './document-state.js';
import type { HookEngine } from './hook-engine.js';
import { publishProjectResult } from './project-runs.js';

export interface WorkspaceRunContext {
  root: string;
  /** Whether a file is this workspace's, not that of a project inside it (which checks it itself). */
  owns: (file: string) => boolean;
  engine: HookEngine;
  store: DiagnosticStore;
  documents: OpenDocuments;
  publish: (file: string) => void;
  log: (message: string) => void;
}

/** What `gauntlet.runWorkspace` answers for one workspace. */
export interface WorkspaceRunResult {
  root: string;
  ok: boolean;
  summary: RunSummary | null;
  /** Hooks that did not pass, with why. */
  problems: { hook: string; status: string; reason: string | null }[];
}

/**
 * Every hook on every file of the workspace (results served from the cache where the content
 * is known), publishing everything found. A document edited or saved while the run goes on
 * keeps its own newer results: a file's result is dropped when its document changed since.
 */
export async function runWorkspace(ctx: WorkspaceRunContext, signal: AbortSignal): Promise<WorkspaceRunResult> {
  const listing = await listFileSet(ctx.root, 'all');
  const owns = selectOwned(listing.files, ctx.owns);
  const files = listing.files.filter(owns);
  const nonUtf8 = listing.nonUtf8.filter((file) => owns(file.path));
  const epochs = new Map(ctx.documents.all().map((document) => [document.file, document.epoch]));
  const hooks = new Map(ctx.engine.runnableHooks().map((hook) => [hook.name, hook]));
  const outcome = await ctx.engine.run({ files, allFiles: files, nonUtf8Files: nonUtf8, only: [...hooks.keys()], useCache: true, signal }, (hookReport, diagnostics) => {
    const hook = hooks.get(hookReport.name);
    if (!hook || signal.aborted || hookReport.status === 'cancelled') return;
    if (!hook.passFiles) {
      publishProjectResult(ctx, hookReport, diagnostics);
      return;
    }
    const byFile = groupByFile(diagnostics);
    for (const file of matchFiles(hook, files)) {
      const document = ctx.documents.find(file);
      if (document && (document.dirty || document.epoch !== epochs.get(file))) continue;
      // An open document is published even when nothing changed: it was checked.
      if (ctx.store.set(file, hook.name, byFile.get(file) ?? []) || document) ctx.publish(file);
    }
  });
  const report = outcome ? reportOutcome(ctx.root, outcome) : null;
  return {
    root: ctx.root,
    ok: report?.ok ?? false,
    summary: report?.summary ?? null,
    problems: (report?.hooks ?? [])
      .filter((hook) => isProblem(hook.status))
      .map((hook) => ({ hook: hook.name, status: hook.status, reason: hook.reason })),
  };
}

/**
 * `owns`, asked only of files in a folder the listing shows a config in: a project inside this
 * one needs a config, and asking of every file would look for configs in every folder.
 */
function selectOwned(files: readonly string[], owns: (file: string) => boolean): (file: string) => boolean {
  const nested = files.flatMap((file) => {
    const dir = projectDirOfConfig(`/${file}`);
    return dir === null || dir === '' ? [] : [`${dir.slice(1)}/`];
  });
  if (nested.length === 0) return () => true;
  return (file) => !nested.some((dir) => file.startsWith(dir)) || owns(file);
}
