import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { HookReport } from '../../protocol/report.js';
import { isFailure } from '../../engine/report/status.js';
import type { DiagnosticStore } from './diagnostic-store.js';
import type { OpenDocument } from './document-state.js';
import type { HookEngine } from './hook-engine.js';

/** What set off a check of a document. */
export type Trigger = 'open' | 'save' | 'change';

export interface CheckContext {
  engine: HookEngine;
  store: DiagnosticStore;
  publish: (file: string) => void;
  /** Told what a hook found on the document's `version`; `text` is the text a stdin hook checked, null for the file on disk. */
  onChecked?: (document: OpenDocument, hook: string, version: number, diagnostics: Diagnostic[], text: string | null) => void;
}

/** Longest part of a hook's output quoted in a failure note. */
const MAX_NOTE_OUTPUT = 200;

/**
 * Checks one open document with the file-level hooks that match it: on open and save every one
 * of them (results served from the cache when the content is known), on an edit the stdin hooks
 * on the unsaved text. As each hook finishes, the file's merged diagnostics are published with
 * the version that was checked; a run of an older version (cancelled by the edit) publishes nothing.
 */
export async function checkDocument(ctx: CheckContext, document: OpenDocument, trigger: Trigger): Promise<void> {
  const hooks = trigger === 'change' ? ctx.engine.stdinHooks(document.file) : ctx.engine.fileHooks(document.file);
  if (hooks.length === 0 || document.closed) return;
  const controller = new AbortController();
  document.runs.add(controller);
  const { file, version, text } = document;
  try {
    await ctx.engine.run(
      {
        files: [file],
        only: hooks.map((hook) => hook.name),
        useCache: trigger !== 'change',
        buffers: trigger === 'change' ? new Map([[file, text]]) : undefined,
        signal: controller.signal,
      },
      (report, diagnostics) => {
        const stale = controller.signal.aborted || document.closed || document.version !== version;
        if (stale || report.status === 'cancelled') return;
        const selected = selectForFile(report, diagnostics, file);
        ctx.store.set(file, report.name, selected);
        ctx.onChecked?.(document, report.name, version, selected, trigger === 'change' ? text : null);
        ctx.publish(file);
      },
    );
  } finally {
    document.runs.delete(controller);
  }
}

/**
 * A hook's diagnostics on one file. A hook that failed without pointing at anything would
 * leave the editor silent: a note on the first line says what happened.
 */
export function selectForFile(report: HookReport, diagnostics: readonly Diagnostic[], file: string): Diagnostic[] {
  const own = diagnostics.filter((diagnostic) => diagnostic.file === file);
  if (!isFailure(report.status) || diagnostics.length > 0) return own;
  const output = report.output.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  const quoted = output === '' ? '' : `: ${output.length > MAX_NOTE_OUTPUT ? `${output.slice(0, MAX_NOTE_OUTPUT)}…` : output}`;
  return [
    {
      hook: report.name,
      file,
      line: 1,
      column: null,
      endLine: null,
      endColumn: null,
      severity: report.status === 'failed' ? 'error' : 'warning',
      code: null,
      message: `${report.name} ${report.status === 'failed' ? 'failed' : `ended with ${report.status}`} (${report.reason ?? 'no reason given'})${quoted}`,
    },
  ];
}
