import type { Range, TextEdit } from 'vscode-languageserver';
import { formatText } from '../../engine/format/format-text.js';
import type { OpenDocument } from './document-state.js';
import type { HookEngine } from './hook-engine.js';
import { computeTextEdits } from './text-edits.js';
import { LineIndex } from './text-offsets.js';
import { traceMark } from '../../engine/trace.js';

/** What formatting a document needs from its workspace. */
export interface FormatContext {
  engine: HookEngine;
  showMessage: (type: 'error' | 'warning' | 'info', message: string) => void;
  log: (message: string) => void;
}

/**
 * `textDocument/formatting` (range null) and `rangeFormatting`: the document's unsaved text goes
 * through the format hooks that match it, each on the previous one's output in config order (for a
 * range, only the first matching hook with `range_format`), and the answer is the few edits from
 * the text to the result. A formatter that fails gives no edits and one message naming it; a
 * cancelled request (its formatter killed) or a text edited meanwhile gives none, silently.
 */
export async function formatDocument(ctx: FormatContext, document: OpenDocument, range: Range | null, signal: AbortSignal): Promise<TextEdit[] | null> {
  const matching = ctx.engine.fileHooks(document.file).filter((hook) => hook.format === true);
  const hooks = range === null ? matching : matching.filter((hook) => hook.rangeFormat === true).slice(0, 1);
  if (hooks.length === 0) return [];
  const { text } = document;
  traceMark(`formatting ${document.file}`);
  const result = await formatText({
    runner: ctx.engine.runner,
    root: ctx.engine.root,
    hooks,
    file: document.file,
    text,
    ...(range === null ? {} : { range: new LineIndex(text).offsetsOf(range) }),
    signal,
  });
  if (!result.ok) {
    if (!result.cancelled) ctx.showMessage('warning', `gauntlet: ${result.hook} could not format ${document.file}: ${oneLine(result.reason)}`);
    return null;
  }
  if (document.text !== text || document.closed) {
    ctx.log(`formatting ${document.file}: the text changed while it was formatted; no edits`);
    return null;
  }
  traceMark(`formatted ${document.file}`);
  const edits = computeTextEdits(text, result.text);
  traceMark(`${edits.length} formatting edits computed`);
  return edits;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
