import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range } from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../../protocol/diagnostic.js';
import { describeFixKey, type FixReference } from './code-actions.js';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What counts as part of a word when a tool gives only a start column. */
const WORD_CHARACTER = /[\p{L}\p{N}_$]/u;

/** The lines of a text, without their line breaks (LSP counts \r\n, \r and \n alike). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * An engine diagnostic (1-based lines and columns) as an LSP one (0-based): `source` is
 * the hook, `code` when the tool gave one. `lines` is the checked text, when known.
 */
export function toLspDiagnostic(diagnostic: Diagnostic, lines: readonly string[] | null): LspDiagnostic {
  const converted: LspDiagnostic = {
    range: toLspRange(diagnostic, lines),
    severity: SEVERITIES[diagnostic.severity],
    source: diagnostic.hook,
    message: diagnostic.message,
  };
  if (diagnostic.code !== null) converted.code = diagnostic.code;
  if (diagnostic.url !== undefined) converted.codeDescription = { href: diagnostic.url };
  // What finds the fixes again when the editor asks for code actions on this diagnostic.
  if (diagnostic.fixes !== undefined) converted.data = { hook: diagnostic.hook, key: describeFixKey(diagnostic) } satisfies FixReference;
  return converted;
}

/**
 * The range a diagnostic covers: to the parser's end when it gave one; else to the end of the
 * word at the column; else the whole line. Without the text, a column-less or end-less
 * diagnostic runs to the start of the next line, which editors show as the rest of the line.
 */
export function toLspRange(diagnostic: Diagnostic, lines: readonly string[] | null): Range {
  const lastLine = lines === null ? Number.MAX_SAFE_INTEGER : Math.max(lines.length - 1, 0);
  const line = clamp(diagnostic.line - 1, 0, lastLine);
  const text = lines?.[line];
  const startCharacter = clamp((diagnostic.column ?? 1) - 1, 0, text?.length ?? Number.MAX_SAFE_INTEGER);
  const start = { line, character: startCharacter };

  if (diagnostic.endLine !== null || diagnostic.endColumn !== null) {
    const endLine = clamp((diagnostic.endLine ?? diagnostic.line) - 1, line, lastLine);
    const endText = lines?.[endLine];
    if (diagnostic.endColumn === null) {
      return endText === undefined ? { start, end: { line: endLine + 1, character: 0 } } : { start, end: { line: endLine, character: endText.length } };
    }
    // Tools give an exclusive 1-based end column, as SARIF and ESLint do.
    const endCharacter = clamp(diagnostic.endColumn - 1, 0, endText?.length ?? Number.MAX_SAFE_INTEGER);
    const end = { line: endLine, character: endCharacter };
    return endLine === line && endCharacter < startCharacter ? { start, end: start } : { start, end };
  }
  if (text === undefined) return { start, end: { line: line + 1, character: 0 } };
  if (diagnostic.column === null) return { start, end: { line, character: text.length } };
  return { start, end: { line, character: findWordEnd(text, startCharacter) } };
}

/** The end of the word starting at `from`; one character when there is no word there. */
function findWordEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && WORD_CHARACTER.test(text.charAt(end))) end += 1;
  return end > from ? end : Math.min(from + 1, text.length);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
