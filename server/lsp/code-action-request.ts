import type { CodeAction, CodeActionParams, WorkspaceEdit } from 'vscode-languageserver';
import type { CheckStamps } from './check-stamps.js';
import { FIX_ALL_KIND, isKindWanted, QUICK_FIX_KIND, readFixReference, selectFixAll, selectQuickFixes } from './code-actions.js';
import type { OpenDocument } from './document-state.js';
import { toTextEdits, type PlacedEdit } from './fix-edits.js';

/**
 * Answers `textDocument/codeAction`: a quick fix per fix of each diagnostic in the request's
 * context, and the fix-all of one hook (when asked for by kind, or next to quick fixes when the
 * client named no kind). Only fixes computed for the document's current version and text are
 * offered; a document that changes while the answer is made gets none.
 */
export async function answerCodeActions(params: CodeActionParams, document: OpenDocument | null, stamps: CheckStamps): Promise<CodeAction[]> {
  if (document === null || document.closed) return [];
  const { uri } = params.textDocument;
  const { only } = params.context;
  const snapshot = { file: document.file, version: document.version, text: document.text };
  const fresh = await stamps.fresh(snapshot);
  if (document.version !== snapshot.version || document.text !== snapshot.text) return [];
  const edit = (edits: PlacedEdit[]): WorkspaceEdit => ({ changes: { [uri]: toTextEdits(snapshot.text, edits) } });

  const actions: CodeAction[] = [];
  if (isKindWanted(QUICK_FIX_KIND, only)) {
    for (const diagnostic of params.context.diagnostics) {
      const reference = readFixReference(diagnostic.data);
      const fixes = reference === null ? [] : selectQuickFixes(reference, fresh, snapshot.text);
      for (const placed of fixes) {
        actions.push({ title: placed.fix.description, kind: QUICK_FIX_KIND, diagnostics: [diagnostic], edit: edit(placed.edits), ...(fixes.length === 1 ? { isPreferred: true } : {}) });
      }
    }
  }
  if (only === undefined ? actions.length > 0 : isKindWanted(FIX_ALL_KIND, only)) {
    const choice = selectFixAll(fresh, snapshot.text);
    if (choice !== null) {
      actions.push({ title: `Fix all ${choice.hook} problems that have a fix`, kind: FIX_ALL_KIND, edit: edit(choice.fixes.flatMap((fix) => fix.edits)) });
    }
  }
  return actions;
}
