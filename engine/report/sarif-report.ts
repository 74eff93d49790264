import { pathToFileURL } from 'node:url';
import type { Severity } from '../../protocol/diagnostic.js';
import type { DiagnosticReport, HookReport, RunReport } from '../../protocol/report.js';

/** GitHub code scanning rejects a run with more results than this; past it the least severe are dropped. */
export const SARIF_MAX_RESULTS_PER_RUN = 25_000;

const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
/** Which results survive the cap first: lower ranks are kept. */
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

type SarifLevel = 'error' | 'warning' | 'note';

interface SarifMessage {
  text: string;
}

interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: SarifRegion;
    };
  }[];
}

interface SarifRule {
  id: string;
  shortDescription: SarifMessage;
}

interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
}

interface SarifInvocation {
  executionSuccessful: boolean;
  exitCode?: number;
  toolExecutionNotifications?: SarifNotification[];
}

/** One SARIF run: what one hook found. */
export interface SarifRun {
  tool: { driver: { name: string; rules: SarifRule[] } };
  automationDetails: { id: string };
  originalUriBaseIds: Record<string, { uri: string }>;
  columnKind: 'utf16CodeUnits';
  invocations: SarifInvocation[];
  results: SarifResult[];
}

/** A SARIF 2.1.0 log, as `gauntlet run --format sarif` writes it. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
  /** The hooks left out of `runs` because they were skipped, each with its reason. */
  properties?: { skipped: { hook: string; reason: string | null }[] };
}

/**
 * The run report as a SARIF 2.1.0 log: one run per hook that ran, each its own tool and
 * automation category so GitHub code scanning keeps their alerts apart. Skipped hooks are
 * left out: an empty run would tell code scanning that the tool looked and found nothing.
 */
export function buildSarifLog(report: RunReport): SarifLog {
  const byHook = new Map<string, DiagnosticReport[]>();
  for (const diagnostic of report.diagnostics) {
    const list = byHook.get(diagnostic.hook);
    if (list) list.push(diagnostic);
    else byHook.set(diagnostic.hook, [diagnostic]);
  }
  const srcroot = pathToFileURL(report.root.endsWith('/') ? report.root : `${report.root}/`).href;
  const skipped = report.hooks.filter((hook) => hook.status === 'skipped').map((hook) => ({ hook: hook.name, reason: hook.reason }));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: report.hooks
      .filter((hook) => hook.status !== 'skipped')
      .map((hook) => buildRun(hook, byHook.get(hook.name) ?? [], srcroot)),
    // Still said, in the log's property bag, so a reader knows the hook was not forgotten.
    ...(skipped.length > 0 ? { properties: { skipped } } : {}),
  };
}

function buildRun(hook: HookReport, diagnostics: DiagnosticReport[], srcroot: string): SarifRun {
  const kept = capDiagnostics(diagnostics, SARIF_MAX_RESULTS_PER_RUN);
  const rules: SarifRule[] = [];
  const ruleIndexes = new Map<string, number>();
  const results = kept.map((diagnostic): SarifResult => {
    const ruleId = diagnostic.code ?? hook.name;
    let ruleIndex = ruleIndexes.get(ruleId);
    if (ruleIndex === undefined) {
      ruleIndex = rules.length;
      ruleIndexes.set(ruleId, ruleIndex);
      rules.push({ id: ruleId, shortDescription: { text: describeRule(hook.name, diagnostic.code) } });
    }
    return {
      ruleId,
      ruleIndex,
      level: LEVELS[diagnostic.severity],
      message: { text: diagnostic.message.trim() === '' ? ruleId : diagnostic.message },
      locations: [{ physicalLocation: { artifactLocation: toArtifactLocation(diagnostic.file), region: toRegion(diagnostic) } }],
    };
  });
  return {
    tool: { driver: { name: hook.name, rules } },
    // The part before the last slash is code scanning's category: one per hook.
    automationDetails: { id: `gauntlet/${hook.name}/` },
    originalUriBaseIds: { [SRCROOT]: { uri: srcroot } },
    columnKind: 'utf16CodeUnits',
    invocations: [buildInvocation(hook, diagnostics.length, kept.length)],
    results,
  };
}

function describeRule(hook: string, code: string | null): string {
  return code === null ? `${hook}: a diagnostic without a code` : `${hook}: ${code}`;
}

/** Keeps at most `max` diagnostics, the most severe first, in their original order. */
function capDiagnostics(diagnostics: DiagnosticReport[], max: number): DiagnosticReport[] {
  if (diagnostics.length <= max) return diagnostics;
  const keep = new Set(
    diagnostics
      .map((diagnostic, index) => ({ rank: SEVERITY_RANK[diagnostic.severity], index }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .slice(0, max)
      .map((entry) => entry.index),
  );
  return diagnostics.filter((_, index) => keep.has(index));
}

function buildInvocation(hook: HookReport, found: number, kept: number): SarifInvocation {
  const notifications: SarifNotification[] = [];
  const reason = hook.reason ?? hook.status;
  if (hook.status === 'timeout' || hook.status === 'error') {
    notifications.push({ level: 'error', message: { text: `${hook.name}: ${reason}` } });
  } else if (hook.status === 'cancelled') {
    notifications.push({ level: 'warning', message: { text: `${hook.name} was cancelled: ${reason}` } });
  } else if (hook.status === 'failed' && found === 0) {
    // Otherwise the failure would leave no trace in the log.
    notifications.push({ level: 'error', message: { text: `${hook.name} failed without a diagnostic gauntlet could read: ${reason}` } });
  }
  if (kept < found) {
    notifications.push({
      level: 'warning',
      message: { text: `${found - kept} of ${found} results left out: code scanning accepts at most ${SARIF_MAX_RESULTS_PER_RUN} per run` },
    });
  }
  return {
    // A hook that ran to its end and reported findings executed successfully; one that timed out, could not start or was cancelled did not.
    executionSuccessful: hook.status === 'passed' || hook.status === 'failed',
    ...(hook.exit_code === null ? {} : { exitCode: hook.exit_code }),
    ...(notifications.length === 0 ? {} : { toolExecutionNotifications: notifications }),
  };
}

/** A repository-relative path against %SRCROOT%; a path outside the repository as a file: URI. */
function toArtifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (file.startsWith('/')) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeSegment).join('/'), uriBaseId: SRCROOT };
}

function encodeSegment(segment: string): string {
  // encodeURIComponent throws on a lone surrogate.
  return encodeURIComponent(segment.replace(/\p{Cs}/gu, '\uFFFD'));
}

/** SARIF lines and columns are 1-based like gauntlet's; impossible ends are dropped rather than guessed. */
function toRegion(diagnostic: DiagnosticReport): SarifRegion {
  // Code scanning refuses a result without a startLine of at least 1.
  const startLine = Math.max(1, Math.trunc(diagnostic.line));
  const startColumn = isPositive(diagnostic.column) ? diagnostic.column : null;
  const region: SarifRegion = { startLine };
  if (startColumn !== null) region.startColumn = startColumn;
  const endLine = isPositive(diagnostic.end_line) && diagnostic.end_line >= startLine ? diagnostic.end_line : null;
  if (endLine !== null) region.endLine = endLine;
  const endColumn = diagnostic.end_column;
  if (isPositive(endColumn) && ((endLine ?? startLine) > startLine || endColumn >= (startColumn ?? 1))) region.endColumn = endColumn;
  return region;
}

function isPositive(value: number | null): value is number {
  return value !== null && Number.isInteger(value) && value >= 1;
}
