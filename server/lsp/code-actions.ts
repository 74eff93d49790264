import type { Diagnostic, Fix } from '../../protocol/diagnostic.js';
import { placeFix, type PlacedEdit } from './fix-edits.js';

/** The kind of gauntlet's fix-all source action (under `source.fixAll`, as editors' "fix on save" asks for). */
export const FIX_ALL_KIND = 'source.fixAll.gauntlet';
export const QUICK_FIX_KIND = 'quickfix';
/** What the server advertises in `codeActionProvider`. */
export const CODE_ACTION_KINDS = [QUICK_FIX_KIND, FIX_ALL_KIND];

/** What an LSP diagnostic with fixes carries in `data`, to find its fixes again: its hook and its key. */
export interface FixReference {
  hook: string;
  key: string;
}

/** One fix of one diagnostic, placed in the document's text. */
export interface PlacedFix {
  diagnostic: Diagnostic;
  fix: Fix;
  edits: PlacedEdit[];
}

/** The fixes chosen for a fix-all: one hook's, none touching another. */
export interface FixAllChoice {
  hook: string;
  fixes: PlacedFix[];
}

/** What tells a diagnostic apart among its hook's on one file: everything but the fixes and the page. */
export function describeFixKey(diagnostic: Diagnostic): string {
  return JSON.stringify([diagnostic.line, diagnostic.column, diagnostic.endLine, diagnostic.endColumn, diagnostic.code, diagnostic.message]);
}

/** The `data` of an LSP diagnostic, when it is one gauntlet published with fixes; null otherwise. */
export function readFixReference(data: unknown): FixReference | null {
  if (typeof data !== 'object' || data === null) return null;
  const { hook, key } = data as Record<string, unknown>;
  return typeof hook === 'string' && typeof key === 'string' ? { hook, key } : null;
}

/** Whether an action of `kind` is among the kinds the client asked for (all of them when it named none). */
export function isKindWanted(kind: string, only: readonly string[] | undefined): boolean {
  return only === undefined || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

/**
 * The fixes of the diagnostic `reference` names, among the hooks' fresh diagnostics, that fit
 * `text`: none when its hook's result is not of this text, or the diagnostic is not among it.
 */
export function selectQuickFixes(reference: FixReference, fresh: ReadonlyMap<string, readonly Diagnostic[]>, text: string): PlacedFix[] {
  const diagnostic = fresh.get(reference.hook)?.find((candidate) => describeFixKey(candidate) === reference.key);
  if (diagnostic === undefined) return [];
  return (diagnostic.fixes ?? []).flatMap((fix) => {
    const edits = placeFix(fix, text);
    return edits === null ? [] : [{ diagnostic, fix, edits }];
  });
}

/**
 * What a fix-all applies: the safe fixes of one hook, as ESLint's server applies one tool's
 * fixes at a time (two tools' fixes are not made against each other's result). The hook is
 * the one with the most fixes that fit the text, the first by name on a tie. In text order, a
 * diagnostic's first safe fix is taken unless it overlaps or touches one taken before (as
 * `eslint --fix` skips them); a second fix-all then applies what was skipped, on the new text.
 */
export function selectFixAll(fresh: ReadonlyMap<string, readonly Diagnostic[]>, text: string): FixAllChoice | null {
  let best: FixAllChoice | null = null;
  for (const hook of [...fresh.keys()].sort()) {
    const candidates = (fresh.get(hook) ?? []).flatMap((diagnostic) => {
      const fix = diagnostic.fixes?.find((candidate) => candidate.safe);
      const edits = fix === undefined ? null : placeFix(fix, text);
      return fix === undefined || edits === null || edits.length === 0 ? [] : [{ diagnostic, fix, edits }];
    });
    const fixes = dropOverlaps(candidates);
    if (fixes.length > 0 && (best === null || fixes.length > best.fixes.length)) best = { hook, fixes };
  }
  return best;
}

/** Keeps fixes, in text order, whose span starts after the end of every one kept before. */
function dropOverlaps(fixes: PlacedFix[]): PlacedFix[] {
  const spanOf = (fix: PlacedFix): [number, number] => [fix.edits[0]?.start ?? 0, fix.edits.at(-1)?.end ?? 0];
  const sorted = [...fixes].sort((a, b) => spanOf(a)[0] - spanOf(b)[0] || spanOf(a)[1] - spanOf(b)[1]);
  const kept: PlacedFix[] = [];
  let lastEnd = -1;
  for (const fix of sorted) {
    const [start, end] = spanOf(fix);
    if (start <= lastEnd) continue;
    kept.push(fix);
    lastEnd = end;
  }
  return kept;
}
