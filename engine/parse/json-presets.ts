import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { JsonPreset } from '../../protocol/parser.js';
import { toDiagnostics, type Finding } from './finding.js';
import { readJsonDocument, readJsonLines } from './json-document.js';
import { readBiome, readEslint, readMarkdownlint, readMypy, readPylint, readPyright, readRuff, readShellcheck } from './json-readers.js';
import { isRecord } from './json-values.js';
import type { ParseContext } from './parse-context.js';
import { findRuleUrl } from '../report/tool-docs.js';

/** How one tool's native JSON is recognised and read. */
interface JsonReader {
  /** What the output should hold, for the error when it does not: `eslint -f json output (...)`. */
  expected: string;
  /** True when a JSON document is this tool's report, so noise that happens to be JSON is skipped. */
  accept: (document: unknown) => boolean;
  read: (document: unknown) => Finding[];
  /** One document per line instead of one for the whole output. */
  lines?: boolean;
}

const READERS: Record<JsonPreset, JsonReader> = {
  eslint: {
    expected: 'ESLint `-f json` output (a JSON list of {filePath, messages})',
    accept: (document) => isListOf(document, 'filePath') || (isRecord(document) && Array.isArray(document.results)),
    read: readEslint,
  },
  ruff: {
    expected: 'Ruff `--output-format json` output (a JSON list of {filename, location, code, message})',
    accept: (document) => isListOf(document, 'filename'),
    read: readRuff,
  },
  biome: {
    expected: 'Biome `--reporter=json` output (a JSON object with "diagnostics")',
    accept: (document) => isRecord(document) && Array.isArray(document.diagnostics),
    read: readBiome,
  },
  shellcheck: {
    expected: 'ShellCheck `-f json1` output (a JSON object with "comments")',
    accept: (document) => (isRecord(document) && Array.isArray(document.comments)) || isListOf(document, 'code'),
    read: readShellcheck,
  },
  pylint: {
    expected: 'pylint `--output-format=json` output (a JSON list of {path, line, message-id, message})',
    accept: (document) => isListOf(document, 'message-id') || (isRecord(document) && Array.isArray(document.messages)),
    read: readPylint,
  },
  mypy: {
    expected: 'mypy `--output json` output (one JSON object per line)',
    accept: (document) => isRecord(document) && 'file' in document,
    read: readMypy,
    lines: true,
  },
  pyright: {
    expected: 'Pyright `--outputjson` output (a JSON object with "generalDiagnostics")',
    accept: (document) => isRecord(document) && Array.isArray(document.generalDiagnostics),
    read: readPyright,
  },
  markdownlint: {
    expected: 'markdownlint `--json` output (a JSON list of {fileName, lineNumber, ruleNames})',
    accept: (document) => isListOf(document, 'fileName'),
    read: readMarkdownlint,
  },
};

/**
 * Reads a tool's native JSON report with the preset for that tool. Noise around the
 * document is skipped; blank output means no findings; output without the tool's
 * document throws, naming the flag that makes the tool write it.
 */
export function parseJsonPreset(preset: JsonPreset, output: string, context: ParseContext): Diagnostic[] {
  const reader = READERS[preset];
  const read = (document: unknown): Finding[] => addRuleUrls(preset, reader.read(document));
  if (reader.lines === true) {
    return toDiagnostics(readJsonLines(output).filter(reader.accept).flatMap(read), context);
  }
  const document = readJsonDocument(output, reader.accept, reader.expected);
  return document === null ? [] : toDiagnostics(read(document), context);
}

/** The rule page the tool gave, else the one gauntlet knows for the preset's tool (tool-docs.ts decides). */
function addRuleUrls(preset: JsonPreset, findings: Finding[]): Finding[] {
  for (const finding of findings) finding.url ??= findRuleUrl(preset, finding.code ?? null, finding.message);
  return findings;
}

/** A list that is empty or whose first item is a record with `key`. */
function isListOf(document: unknown, key: string): boolean {
  if (!Array.isArray(document)) return false;
  const first: unknown = document[0];
  return first === undefined || (isRecord(first) && key in first);
}
