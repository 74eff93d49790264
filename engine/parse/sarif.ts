import type { Diagnostic, Severity } from '../../protocol/diagnostic.js';
import type { Finding } from './finding.js';
import { toDiagnostics } from './finding.js';
import { readJsonDocument } from './json-document.js';
import { isRecord, readInteger, readPath, readRecordAt, readRecords, readText, type JsonRecord } from './json-values.js';
import type { ParseContext } from './parse-context.js';
import { readSarifFixes } from './sarif-fixes.js';
import { appendAll } from '../arrays.js';

const LEVELS: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ['error', 'error'],
  ['warning', 'warning'],
  ['note', 'info'],
  ['none', 'info'],
]);

/** SARIF's default level for a result whose rule does not set one. */
const DEFAULT_LEVEL = 'warning';

/** Result kinds that are not findings: the check passed, or did not apply. */
const NON_FINDING_KINDS = new Set(['pass', 'notApplicable']);

/** Chains of uriBaseId longer than this are taken as cycles. */
const MAX_BASE_DEPTH = 8;

/** What a run says about its rules and files, for resolving results. */
interface RunContext {
  run: JsonRecord;
  driver: JsonRecord;
  bases: JsonRecord;
}

/**
 * Reads a SARIF 2.1.0 log: every result of every run, plus the invocation
 * notifications that point at a file (ESLint's SARIF formatter reports parse errors
 * there). Suppressed results, results of kind pass/notApplicable and baseline-absent
 * results are skipped. Throws when the output holds no SARIF log at all.
 */
export function parseSarif(output: string, context: ParseContext): Diagnostic[] {
  const log = readJsonDocument(output, isSarifLog, 'a SARIF log (a JSON object with "runs")');
  if (!isRecord(log)) return [];
  const findings: Finding[] = [];
  for (const run of readRecords(log.runs)) {
    const tool = isRecord(run.tool) ? run.tool : {};
    const runContext: RunContext = {
      run,
      driver: isRecord(tool.driver) ? tool.driver : {},
      bases: isRecord(run.originalUriBaseIds) ? run.originalUriBaseIds : {},
    };
    for (const result of readRecords(run.results)) {
      const finding = readResult(result, runContext);
      if (finding !== null) findings.push(finding);
    }
    appendAll(findings, readNotifications(runContext));
  }
  return toDiagnostics(findings, context);
}

function isSarifLog(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value.runs);
}

function readResult(result: JsonRecord, context: RunContext): Finding | null {
  if (isSuppressed(result) || NON_FINDING_KINDS.has(String(result.kind)) || result.baselineState === 'absent') return null;
  const rule = findRule(result, context);
  const configuration = isRecord(rule?.defaultConfiguration) ? rule.defaultConfiguration : {};
  const level = readText(result.level) ?? readText(configuration.level) ?? DEFAULT_LEVEL;
  const reference = isRecord(result.rule) ? result.rule : {};
  const location = readLocation(readRecords(result.locations)[0], context);
  const code = readText(result.ruleId) ?? readText(reference.id) ?? readText(rule?.id);
  return {
    ...location,
    severity: LEVELS.get(level) ?? 'warning',
    code,
    message: readMessage(result.message, rule, context) ?? readText(readPath(rule, ['shortDescription', 'text'])) ?? '',
    fixes: readSarifFixes(result, location.file, code, (artifact) => resolveArtifact(artifact, context)),
    url: readText(rule?.helpUri),
  };
}

function isSuppressed(result: JsonRecord): boolean {
  // A suppression under review or rejected does not hide the result.
  return readRecords(result.suppressions).some((suppression) => {
    const status = suppression.status;
    return status === undefined || status === 'accepted';
  });
}

/** Notifications with a file location (parse errors, crashed rules) are findings too. */
function readNotifications(context: RunContext): Finding[] {
  const findings: Finding[] = [];
  for (const invocation of readRecords(context.run.invocations)) {
    const notifications = [...readRecords(invocation.toolExecutionNotifications), ...readRecords(invocation.toolConfigurationNotifications)];
    for (const notification of notifications) {
      const location = readLocation(readRecords(notification.locations)[0], context);
      if (location.file === null) continue;
      const descriptor = isRecord(notification.descriptor) ? notification.descriptor : {};
      findings.push({
        ...location,
        severity: LEVELS.get(readText(notification.level) ?? DEFAULT_LEVEL) ?? 'warning',
        code: readText(descriptor.id),
        message: readMessage(notification.message, null, context) ?? '',
      });
    }
  }
  return findings;
}

/** The rule a result refers to, by ruleIndex or rule.index, in the driver or the extension it names. */
function findRule(result: JsonRecord, context: RunContext): JsonRecord | null {
  const reference = isRecord(result.rule) ? result.rule : {};
  const component = isRecord(reference.toolComponent) ? reference.toolComponent : {};
  const extensionIndex = readInteger(component.index);
  const tool = isRecord(context.run.tool) ? context.run.tool : {};
  const owner = extensionIndex === null ? context.driver : readRecordAt(tool.extensions, extensionIndex);
  const indexed = readRecordAt(owner?.rules, readInteger(reference.index) ?? readInteger(result.ruleIndex));
  if (indexed !== null) return indexed;
  const id = readText(result.ruleId) ?? readText(reference.id);
  return id === null ? null : (readRecords(owner?.rules).find((rule) => rule.id === id) ?? null);
}

type Location = Pick<Finding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>;

function readLocation(location: JsonRecord | undefined, context: RunContext): Location {
  const physical = isRecord(location?.physicalLocation) ? location.physicalLocation : {};
  const region = isRecord(physical.region) ? physical.region : {};
  const artifact = isRecord(physical.artifactLocation) ? physical.artifactLocation : null;
  const line = readInteger(region.startLine);
  const endColumn = readInteger(region.endColumn);
  return {
    file: artifact === null ? null : resolveArtifact(artifact, context),
    line,
    column: readInteger(region.startColumn),
    // SARIF's endLine defaults to startLine; flawfinder gives only an endColumn.
    endLine: readInteger(region.endLine) ?? (endColumn === null ? null : line),
    endColumn,
  };
}

/** The file path of an artifact location: its uri (or the run's artifact it indexes) resolved against its base. */
function resolveArtifact(artifact: JsonRecord, context: RunContext): string | null {
  const indexed = readRecordAt(context.run.artifacts, readInteger(artifact.index));
  const indexedLocation = isRecord(indexed?.location) ? indexed.location : {};
  const uri = readText(artifact.uri) ?? readText(indexedLocation.uri);
  if (uri === null) return null;
  const baseId = readText(artifact.uriBaseId) ?? readText(indexedLocation.uriBaseId);
  return toFilePath(uri, baseId, context.bases, 0);
}

function toFilePath(uri: string, baseId: string | null, bases: JsonRecord, depth: number): string {
  if (hasScheme(uri)) return uriToPath(uri);
  const base = baseId === null || depth > MAX_BASE_DEPTH ? undefined : bases[baseId];
  const baseUri = isRecord(base) ? readText(base.uri) : null;
  // An unknown base (flawfinder's SRCROOT, CodeQL's %SRCROOT%) is the directory the tool ran in: the repository.
  if (!isRecord(base) || baseUri === null) return decodePercent(uri);
  const basePath = toFilePath(baseUri.endsWith('/') ? baseUri : `${baseUri}/`, readText(base.uriBaseId), bases, depth + 1);
  if (uri.startsWith('/')) return decodePercent(uri);
  return `${basePath.endsWith('/') ? basePath : `${basePath}/`}${decodePercent(uri)}`;
}

function hasScheme(uri: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri);
}

/** A file: URI's path; another scheme is kept whole (it names no file here, but says what it is). */
function uriToPath(uri: string): string {
  if (!/^file:/i.test(uri)) return uri;
  try {
    return decodePercent(new URL(uri).pathname);
  } catch {
    return decodePercent(uri.replace(/^file:(\/\/[^/]*)?/i, ''));
  }
}

function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A message's text, markdown, or the rule's (or driver's global) message string it names, with {0} arguments filled in. */
function readMessage(message: unknown, rule: JsonRecord | null, context: RunContext): string | null {
  if (!isRecord(message)) return null;
  const args = Array.isArray(message.arguments) ? message.arguments.map((argument) => String(argument)) : [];
  const direct = readText(message.text) ?? readText(message.markdown);
  if (direct !== null) return fillArguments(direct, args);
  const id = readText(message.id);
  if (id === null) return null;
  for (const strings of [rule?.messageStrings, context.driver.globalMessageStrings]) {
    const entry = isRecord(strings) ? strings[id] : undefined;
    const template = isRecord(entry) ? (readText(entry.text) ?? readText(entry.markdown)) : null;
    if (template !== null) return fillArguments(template, args);
  }
  return null;
}

/** SARIF placeholders: `{0}` is the first argument, `{{` and `}}` are literal braces. */
function fillArguments(template: string, args: readonly string[]): string {
  return template.replace(/\{\{|\}\}|\{(\d+)\}/g, (whole, index: string | undefined) => {
    if (index === undefined) return whole.charAt(0);
    return args[Number(index)] ?? whole;
  });
}
