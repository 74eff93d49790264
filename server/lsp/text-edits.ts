import type { TextEdit } from 'vscode-languageserver';
import { LineIndex } from './text-offsets.js';
import { diffSequences } from './sequence-diff.js';

/** Past this many line insertions and deletions, the changed middle becomes one edit rather than a search for fewer. */
const MAX_LINE_EDITS = 2_000;
/** A changed hunk longer than this (in characters, both sides) is replaced whole, not diffed by character. */
const MAX_HUNK_CHARACTERS = 20_000;
/** Within a hunk, past this many character insertions and deletions it is replaced whole. */
const MAX_CHARACTER_EDITS = 2_000;

/** One replacement, as offsets into the text it applies to. */
interface Replacement {
  start: number;
  end: number;
  text: string;
}

/**
 * The fewest edits, near enough, that turn `before` into `after`: a line diff, then a character
 * diff within each changed run of lines (line by line where the run kept its line count), as LSP TextEdits in the order of the text, none
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
  const runs = diffSequences(oldLines, newLines, MAX_LINE_EDITS);
  if (!runs) return [{ start: 0, end: before.length, text: after }];
  const replacements: Replacement[] = [];
  let offset = 0;
  let oldLine = 0;
  let newLine = 0;
  let removed: string[] = [];
  let added: string[] = [];
  const flush = (): void => {
    if (removed.length === 0 && added.length === 0) return;
    replacements.push(...refineLines(offset, removed, added));
    offset += removed.join('').length;
    removed = [];
    added = [];
  };
  for (const run of runs) {
    if (run.kind === 'added') {
      added = added.concat(newLines.slice(newLine, newLine + run.count));
      newLine += run.count;
      continue;
    }
    const lines = oldLines.slice(oldLine, oldLine + run.count);
    oldLine += run.count;
    if (run.kind === 'removed') {
      removed = removed.concat(lines);
      continue;
    }
    flush();
    offset += lines.join('').length;
    newLine += run.count;
  }
  flush();
  return replacements;
}

/**
 * Edits for a changed run of lines. As many lines as before (a formatter rewrote them in
 * place): line by line, so each small character diff stays cheap however long the run is.
 * Otherwise the run is diffed as one text.
 */
function refineLines(offset: number, removed: readonly string[], added: readonly string[]): Replacement[] {
  if (removed.length !== added.length) return refineHunk(offset, removed.join(''), added.join(''));
  const replacements: Replacement[] = [];
  let at = offset;
  removed.forEach((line, index) => {
    const replacement = added[index] ?? '';
    if (line !== replacement) replacements.push(...refineHunk(at, line, replacement));
    at += line.length;
  });
  return replacements;
}

/** Edits within one changed run: by character (code points, `\r\n` as one), or whole when long. */
function refineHunk(offset: number, removed: string, added: string): Replacement[] {
  const whole = [{ start: offset, end: offset + removed.length, text: added }];
  if (removed.length + added.length > MAX_HUNK_CHARACTERS) return whole;
  const oldCharacters = splitCharacters(removed);
  const newCharacters = splitCharacters(added);
  const runs = diffSequences(oldCharacters, newCharacters, MAX_CHARACTER_EDITS);
  if (!runs) return whole;
  const replacements: Replacement[] = [];
  let at = offset;
  let oldIndex = 0;
  let newIndex = 0;
  let pending: Replacement | null = null;
  for (const run of runs) {
    if (run.kind === 'added') {
      pending ??= { start: at, end: at, text: '' };
      pending.text += newCharacters.slice(newIndex, newIndex + run.count).join('');
      newIndex += run.count;
      continue;
    }
    const length = oldCharacters.slice(oldIndex, oldIndex + run.count).join('').length;
    oldIndex += run.count;
    at += length;
    if (run.kind === 'removed') {
      pending ??= { start: at - length, end: at - length, text: '' };
      pending.end += length;
      continue;
    }
    if (pending) replacements.push(pending);
    pending = null;
    newIndex += run.count;
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
