import type { Severity } from '../../protocol/diagnostic.js';
import type { Finding } from './finding.js';
import { isRecord, readInteger, readPath, readRecords, readText, type JsonRecord } from './json-values.js';
import { toSeverity, toSeverityFromCode } from './severity.js';
import { readEslintFixes, readMarkdownlintFix, readRuffFix, readShellcheckFix } from './tool-fixes.js';

// Readers of each tool's native JSON report, for the presets in json-presets.ts. Each takes
// the parsed document and returns what it can read; fields of the wrong shape become null.

/**
 * ESLint `-f json`: a list of {filePath, messages: [{line, column, endLine, endColumn, severity 1|2,
 * ruleId, message, fix, suggestions}]}; or `-f json-with-metadata`: {results: that list, metadata:
 * {rulesMeta}}, whose rules' `docs.url` also documents plugins' rules.
 */
export function readEslint(document: unknown): Finding[] {
  const results = isRecord(document) ? document.results : document;
  const rulesMeta = readPath(document, ['metadata', 'rulesMeta']);
  return readRecords(results).flatMap((result) =>
    readRecords(result.messages).map((message) => ({
      file: readText(result.filePath),
      line: readInteger(message.line),
      column: readInteger(message.column),
      endLine: readInteger(message.endLine),
      endColumn: readInteger(message.endColumn),
      // 2 is "error", 1 is "warn"; a fatal parse error is 2 with ruleId null.
      severity: message.severity === 2 || message.fatal === true ? 'error' : message.severity === 1 ? 'warning' : 'info',
      code: readText(message.ruleId),
      message: readText(message.message) ?? '',
      fixes: readEslintFixes(message),
      url: readText(readPath(rulesMeta, [readText(message.ruleId) ?? '', 'docs', 'url'])),
    })),
  );
}

/** Ruff `--output-format json`: a list of {filename, location: {row, column}, end_location, code, message, fix, url}. */
export function readRuff(document: unknown): Finding[] {
  return readRecords(document).map((item) => {
    const code = readText(item.code);
    return {
      file: readText(item.filename),
      line: readInteger(readPath(item, ['location', 'row'])),
      column: readInteger(readPath(item, ['location', 'column'])),
      endLine: readInteger(readPath(item, ['end_location', 'row'])),
      endColumn: readInteger(readPath(item, ['end_location', 'column'])),
      // Ruff has no severities; a code family decides as for flake8, and a syntax error (no code) is an error.
      severity: code === null ? 'error' : toSeverityFromCode(code),
      code,
      message: readText(item.message) ?? '',
      fixes: readRuffFix(item),
      url: readText(item.url),
    };
  });
}

/** Biome `--reporter=json` (experimental in Biome 2): {diagnostics: [{severity, message, category, location: {path, start, end}}]}. */
export function readBiome(document: unknown): Finding[] {
  const diagnostics = isRecord(document) ? readRecords(document.diagnostics) : [];
  return diagnostics.map((diagnostic) => {
    const location = isRecord(diagnostic.location) ? diagnostic.location : {};
    return {
      // Biome 2 writes the path as a string; earlier versions wrapped it as {file}.
      file: readText(location.path) ?? readText(readPath(location, ['path', 'file'])),
      line: readInteger(readPath(location, ['start', 'line'])),
      column: readInteger(readPath(location, ['start', 'column'])),
      endLine: readInteger(readPath(location, ['end', 'line'])),
      endColumn: readInteger(readPath(location, ['end', 'column'])),
      severity: toSeverity(readText(diagnostic.severity) ?? undefined),
      code: readText(diagnostic.category),
      message: readMarkup(diagnostic.message) ?? readMarkup(diagnostic.description) ?? '',
    };
  });
}

/** Biome's message: plain text, or markup as a list of {content} parts. */
function readMarkup(value: unknown): string | null {
  if (typeof value === 'string') return readText(value);
  if (!Array.isArray(value)) return null;
  return readText(value.map((part) => (isRecord(part) && typeof part.content === 'string' ? part.content : '')).join(''));
}

/** ShellCheck `-f json1` ({comments: [...]}) or `-f json` (the list itself): file, line, column, endLine, endColumn, level, code. */
export function readShellcheck(document: unknown): Finding[] {
  const comments = isRecord(document) ? readRecords(document.comments) : readRecords(document);
  return comments.map((comment) => {
    const code = readText(comment.code);
    return {
      file: readText(comment.file),
      line: readInteger(comment.line),
      column: readInteger(comment.column),
      endLine: readInteger(comment.endLine),
      endColumn: readInteger(comment.endColumn),
      severity: toSeverity(readText(comment.level) ?? undefined),
      code: code === null ? null : `SC${code}`,
      message: readText(comment.message) ?? '',
      fixes: readShellcheckFix(comment),
    };
  });
}

/** pylint's message types: conventions and refactoring advice are warnings, as their codes are in the gnu parser. */
const PYLINT_TYPES: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ['fatal', 'error'],
  ['error', 'error'],
  ['warning', 'warning'],
  ['convention', 'warning'],
  ['refactor', 'warning'],
  ['info', 'info'],
]);

/** pylint `--output-format=json` (a list) or `json2` ({messages}): path, line, column, endLine, endColumn, type, message-id, symbol. */
export function readPylint(document: unknown): Finding[] {
  // `json` is a list; pylint 3's `json2` is {messages, statistics} with camelCase ids.
  const messages = isRecord(document) ? readRecords(document.messages) : readRecords(document);
  return messages.map((item) => {
    const symbol = readText(item.symbol);
    const text = readText(item.message) ?? '';
    return {
      file: readText(item.path),
      line: readInteger(item.line),
      // pylint counts columns from 0 and ends them exclusively.
      column: readInteger(item.column, 1),
      endLine: readInteger(item.endLine),
      endColumn: readInteger(item.endColumn, 1),
      severity: PYLINT_TYPES.get(readText(item.type) ?? '') ?? 'warning',
      code: readText(item['message-id']) ?? readText(item.messageId),
      // The symbol is what `# pylint: disable=` takes, so it stays visible as in pylint's text format.
      message: symbol === null ? text : `${text} (${symbol})`,
    };
  });
}

/** One line of mypy `--output json`: {file, line, column, end_line, end_column, severity, code, message, hint}. */
export function readMypy(document: unknown): Finding[] {
  if (!isRecord(document)) return [];
  const hint = readText(document.hint);
  const message = readText(document.message) ?? '';
  return [
    {
      file: readText(document.file),
      line: readInteger(document.line),
      // 0-based start, 0-based exclusive end (-1 when mypy has no column).
      column: readInteger(document.column, 1),
      endLine: readInteger(document.end_line),
      endColumn: readInteger(document.end_column, 1),
      severity: toSeverity(readText(document.severity) ?? undefined),
      code: readText(document.code),
      message: hint === null ? message : `${message}\n${hint}`,
    },
  ];
}

/** Pyright `--outputjson`: {generalDiagnostics: [{file, range, severity, rule, message}]}. */
export function readPyright(document: unknown): Finding[] {
  const diagnostics = isRecord(document) ? readRecords(document.generalDiagnostics) : [];
  return diagnostics.map((diagnostic) => ({
    file: readText(diagnostic.file),
    // Pyright's ranges are LSP ranges: 0-based lines and characters, exclusive end.
    line: readInteger(readPath(diagnostic, ['range', 'start', 'line']), 1),
    column: readInteger(readPath(diagnostic, ['range', 'start', 'character']), 1),
    endLine: readInteger(readPath(diagnostic, ['range', 'end', 'line']), 1),
    endColumn: readInteger(readPath(diagnostic, ['range', 'end', 'character']), 1),
    severity: toSeverity(readText(diagnostic.severity) ?? undefined),
    code: readText(diagnostic.rule),
    message: readText(diagnostic.message) ?? '',
  }));
}

/** markdownlint-cli `--json` (on stderr): a list of {fileName, lineNumber, ruleNames, ruleDescription, errorDetail, errorContext, errorRange}. */
export function readMarkdownlint(document: unknown): Finding[] {
  return readRecords(document).map((item: JsonRecord) => {
    // errorRange is [column, length], both 1-based, or null for the whole line.
    const column = readInteger(readPath(item, ['errorRange', '0']));
    const length = readInteger(readPath(item, ['errorRange', '1']));
    const names = Array.isArray(item.ruleNames) ? item.ruleNames : [];
    const code = readText(names[0]);
    return {
      file: readText(item.fileName),
      line: readInteger(item.lineNumber),
      column,
      endLine: column === null ? null : readInteger(item.lineNumber),
      endColumn: column === null || length === null ? null : column + length,
      severity: toSeverity(readText(item.severity) ?? undefined),
      code,
      message: describeMarkdownlint(item),
      fixes: readMarkdownlintFix(item, code),
      url: readText(item.ruleInformation),
    };
  });
}

/** markdownlint's own wording: `description [detail] [Context: "..."]`. */
function describeMarkdownlint(item: JsonRecord): string {
  const detail = readText(item.errorDetail);
  const context = readText(item.errorContext);
  return [readText(item.ruleDescription) ?? '', detail === null ? '' : `[${detail}]`, context === null ? '' : `[Context: "${context}"]`]
    .filter((part) => part !== '')
    .join(' ');
}
