import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Diagnostic, Severity } from '../../protocol/diagnostic.js';
import { toDiagnostics, type Finding } from './finding.js';
import { readInteger, readRecords, readText } from './json-values.js';
import type { ParseContext } from './parse-context.js';
import { DEFAULT_SEVERITY, toSeverity } from './severity.js';
import { appendAll } from '../arrays.js';

/** Each checkstyle document in the output; other text (stderr, summaries) around them is ignored. */
const CHECKSTYLE_DOCUMENT = /<checkstyle\b[^>]*\/>|<checkstyle\b[\s\S]*?<\/checkstyle\s*>/g;

const CHECKSTYLE_LEVELS = new Set(['error', 'warning', 'info']);

const XML_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

// Entities are decoded here, in one pass: the library's decoder leaves numeric
// references (shellcheck writes every quote as &#39;) and caps expansions per document.
const PARSER = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: false,
  isArray: (name) => name === 'file' || name === 'error',
});

/**
 * Reads checkstyle XML (`shellcheck -f checkstyle`, `biome --reporter=checkstyle`,
 * ESLint's and many Java tools' checkstyle formatters): `<file name>` holding
 * `<error line column severity message source>`. The source's last dot-separated
 * part is the code (`ShellCheck.SC2086` gives `SC2086`). Errors of severity
 * `ignore` are skipped. Throws when the output has no checkstyle document or one
 * that is not well-formed XML.
 */
export function parseCheckstyle(output: string, context: ParseContext): Diagnostic[] {
  if (output.trim() === '') return [];
  const documents = output.match(CHECKSTYLE_DOCUMENT);
  if (documents === null) throw new Error('expected checkstyle XML (a <checkstyle> element), found none');
  const findings: Finding[] = [];
  for (const document of documents) {
    const valid = XMLValidator.validate(document);
    if (valid !== true) {
      throw new Error(`invalid checkstyle XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col} of the document)`);
    }
    appendAll(findings, readDocument(PARSER.parse(document) as unknown));
  }
  return toDiagnostics(findings, context);
}

function readDocument(parsed: unknown): Finding[] {
  const root = readRecords([parsed])[0]?.checkstyle;
  const findings: Finding[] = [];
  for (const file of readRecords(readRecords([root])[0]?.file)) {
    const name = readText(file.name);
    for (const error of readRecords(file.error)) {
      const severity = readText(error.severity)?.toLowerCase();
      if (severity === 'ignore') continue;
      findings.push({
        file: name === null ? null : decodeEntities(name),
        line: readInteger(error.line),
        column: readInteger(error.column),
        severity: toCheckstyleSeverity(severity),
        code: toCode(readText(error.source)),
        message: decodeEntities(readText(error.message) ?? ''),
      });
    }
  }
  return findings;
}

/** Checkstyle's own levels are error, warning and info; another word is kept visible as a warning. */
function toCheckstyleSeverity(word: string | undefined): Severity {
  if (word === undefined) return DEFAULT_SEVERITY;
  return CHECKSTYLE_LEVELS.has(word) ? toSeverity(word) : 'warning';
}

function toCode(source: string | null): string | null {
  if (source === null) return null;
  const decoded = decodeEntities(source).trim();
  return decoded.slice(decoded.lastIndexOf('.') + 1) || decoded;
}

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(\w+));/g, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return Object.hasOwn(XML_ENTITIES, name) ? (XML_ENTITIES[name] ?? whole) : whole;
    const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
  });
}
