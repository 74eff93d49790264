import type { Fix } from '../../protocol/diagnostic.js';
import { describeFix, keepFixes, readLinePlace, readOffset, toFix, toFixEdit } from './fix-values.js';
import { isRecord, readInteger, readPath, readRecords, readText, type JsonRecord } from './json-values.js';

/** Ruff's positions are 1-based lines and columns already. */
const ONE_BASED = { line: 0, column: 0 };

/**
 * ESLint's `fix` ({range: [start, end], text}, offsets into the file's text) and its
 * `suggestions` ([{desc, fix}]): the fix is what `--fix` applies, suggestions only on request.
 */
export function readEslintFixes(message: JsonRecord): Fix[] {
  const code = readText(message.ruleId);
  const own = isRecord(message.fix) ? readEslintEdit(describeFix(code), true, message.fix) : null;
  const suggestions = readRecords(message.suggestions).map((suggestion) =>
    isRecord(suggestion.fix) ? readEslintEdit(readText(suggestion.desc) ?? describeFix(code), false, suggestion.fix) : null,
  );
  return keepFixes([own, ...suggestions]);
}

function readEslintEdit(description: string, safe: boolean, fix: JsonRecord): Fix | null {
  const start = readOffset(readPath(fix, ['range', '0']));
  const end = readOffset(readPath(fix, ['range', '1']));
  return toFix(description, safe, [start !== null && end !== null && end >= start ? toFixEdit(start, end, fix.text) : null]);
}

/**
 * Ruff's `fix`: {applicability, message, edits: [{content, location: {row, column}, end_location}]}.
 * The applicability is `safe`, `unsafe` or `display-only` (older Ruff: {automatic: "safe"}); a
 * display-only fix is not meant to be applied and is left out.
 */
export function readRuffFix(item: JsonRecord): Fix[] {
  const fix = item.fix;
  if (!isRecord(fix)) return [];
  const applicability = readApplicability(fix.applicability);
  if (applicability === 'display-only' || applicability === 'displayonly') return [];
  const edits = readRecords(fix.edits).map((edit) =>
    toFixEdit(
      readLinePlace(readPath(edit, ['location', 'row']), readPath(edit, ['location', 'column']), ONE_BASED, 1),
      readLinePlace(readPath(edit, ['end_location', 'row']), readPath(edit, ['end_location', 'column']), ONE_BASED, null),
      edit.content,
    ),
  );
  return keepFixes([toFix(readText(fix.message) ?? describeFix(readText(item.code)), applicability === 'safe', edits)]);
}

/** The applicability in lower case, from its text or a one-key record of it. */
function readApplicability(value: unknown): string {
  const text = isRecord(value) ? readText(Object.values(value)[0]) : readText(value);
  return (text ?? '').toLowerCase();
}

/** ShellCheck `-f json1`'s `fix`: {replacements: [{line, column, endLine, endColumn, replacement}]}, 1-based, end excluded, tabs one column. */
export function readShellcheckFix(comment: JsonRecord): Fix[] {
  const fix = comment.fix;
  if (!isRecord(fix)) return [];
  const edits = readRecords(fix.replacements).map((replacement) =>
    toFixEdit(
      readLinePlace(replacement.line, replacement.column, ONE_BASED, 1),
      readLinePlace(replacement.endLine, replacement.endColumn, ONE_BASED, 1),
      replacement.replacement,
    ),
  );
  const code = readText(comment.code);
  return keepFixes([toFix(describeFix(code === null ? null : `SC${code}`), true, edits)]);
}

/**
 * markdownlint's `fixInfo`: {lineNumber (the finding's line when absent), editColumn (1), deleteCount
 * (0; -1 deletes the whole line), insertText ("")}, as `markdownlint --fix` applies it.
 */
export function readMarkdownlintFix(item: JsonRecord, code: string | null): Fix[] {
  const info = item.fixInfo;
  if (!isRecord(info)) return [];
  const line = readInteger(info.lineNumber) ?? readInteger(item.lineNumber);
  const column = readInteger(info.editColumn) ?? 1;
  const deleted = readInteger(info.deleteCount) ?? 0;
  const text = info.insertText === undefined ? '' : info.insertText;
  if (line === null) return [];
  const edit =
    deleted === -1
      ? toFixEdit({ line, column: 1 }, { line: line + 1, column: 1 }, text)
      : toFixEdit(readLinePlace(line, column, ONE_BASED, 1), readLinePlace(line, deleted >= 0 ? column + deleted : null, ONE_BASED, 1), text);
  return keepFixes([toFix(describeFix(code), true, [edit])]);
}
