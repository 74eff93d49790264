import { diffArrays } from 'diff';
import type { TextEdit } from 'vscode-languageserver';
import { LineIndex } from './text-offsets.js';

/** Past this many line insertions and deletions, the changed middle becomes one edit rather than a search for fewer. */
const MAX_LINE_EDITS = 2_000;
/** A changed hunk longer than this (in characters, both sides) is replaced whole, not diffed by character. */
const MAX_HUNK_CHARACTERS = 20_000;

/** One replacement, as offsets into the text it applies to. */
interface Replacement {
  start: number;
  end: number;
  text: string;
}

/**
 * The fewest edits, near enough, that turn `before` into `after`: a line diff, then a character
 * diff within each changed run of lines, as LSP TextEdits in the order of the text, none
 * overlapping. No edit splits a `\r\n` or a surrogate pair. Applied to `before`, they give `after`.
 */
export function computeTextEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const index = new LineIndex(before);
  return listReplacements(before, after).map(({ start, end, text }) => ({
    range: { start: index.positionAt(start), end: index.positionAt(end) },
    newText: text,
  }));
}

function listReplacements(before: string, after: string): Replacement[] {
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  const changes = diffArrays(oldLines, newLines, { maxEditLength: MAX_LINE_EDITS });
  if (!changes) return refineHunk(0, before, after);
  const replacements: Replacement[] = [];
  let offset = 0;
  let removed = '';
  let added = '';
  const flush = (): void => {
    if (removed === '' && added === '') return;
    replacements.push(...refineHunk(offset, removed, added));
    offset += removed.length;
    removed = '';
    added = '';
  };
  for (const change of changes) {
    const text = change.value.join('');
    if (change.removed) removed += text;
    else if (change.added) added += text;
    else {
      flush();
      offset += text.length;
    }
  }
  flush();
  return replacements;
}

/** Edits within one changed run: by character (code points, `\r\n` as one), or whole when long. */
function refineHunk(offset: number, removed: string, added: string): Replacement[] {
  if (removed.length + added.length > MAX_HUNK_CHARACTERS) return [{ start: offset, end: offset + removed.length, text: added }];
  const changes = diffArrays(splitCharacters(removed), splitCharacters(added));
  const replacements: Replacement[] = [];
  let at = offset;
  let pending: Replacement | null = null;
  for (const change of changes) {
    const text = change.value.join('');
    if (!change.added && !change.removed) {
      if (pending) replacements.push(pending);
      pending = null;
      at += text.length;
      continue;
    }
    pending ??= { start: at, end: at, text: '' };
    if (change.added) pending.text += text;
    else {
      pending.end += text.length;
      at += text.length;
    }
  }
  if (pending) replacements.push(pending);
  return replacements;
}

/** Lines with their line breaks (`\r\n`, `\r` or `\n`); the last may have none. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** Code points, with `\r\n` kept as one. */
function splitCharacters(text: string): string[] {
  return text.match(/\r\n|[\s\S]/gu) ?? [];
}
