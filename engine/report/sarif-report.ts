import { pathToFileURL } from 'node:url';
import type { Severity } from '../../protocol/diagnostic.js';
import type { DiagnosticReport, HookReport, RunReport } from '../../protocol/report.js';
import { GAUNTLET_VERSION } from '../../protocol/version.js';
import { groupBy } from '../arrays.js';
import { FINGERPRINT_KEY, mapFingerprints, NO_LINES, type LineLookup } from './fingerprint.js';
import { toSarifFixes, type SarifFix } from './sarif-fix-report.js';
import { SRCROOT, toArtifactLocation, toRegion, type SarifRegion } from './sarif-location.js';
import { mapToolDocs, type HookTool, type ToolDocs } from './tool-docs.js';
import { ranToVerdict } from './status.js';

/** GitHub code scanning rejects a run with more results than this; past it the least severe are dropped. */
export const SARIF_MAX_RESULTS_PER_RUN = 25_000;

const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
/** Which results survive the cap first: lower ranks are kept. */
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

type SarifLevel = 'error' | 'warning' | 'note';

interface SarifMessage {
  text: string;
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
  /** gauntlet's fingerprint (see fingerprint.ts) under FINGERPRINT_KEY. */
  partialFingerprints: Record<string, string>;
  fixes?: SarifFix[];
}

interface SarifRule {
  id: string;
  shortDescription: SarifMessage;
  helpUri?: string;
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

/** The tool of a run: the hook, run by this version of gauntlet, with its tool's home page when gauntlet knows it. */
interface SarifDriver {
  name: string;
  version: string;
  informationUri?: string;
  rules: SarifRule[];
}

/** One SARIF run: what one hook found. */
export interface SarifRun {
  tool: { driver: SarifDriver };
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

/** What a SARIF log is built from besides the report; both may be missing (a merged report), and the log is still whole. */
export interface SarifSources {
  /** The text of the flagged lines, for the fingerprints; without it every line hashes as empty. */
  lineOf?: LineLookup;
  /** The config's hooks, to name each hook's tool and its rules' pages. */
  hooks?: readonly HookTool[];
}

/**
 * The run report as a SARIF 2.1.0 log: one run per hook that ran, each its own tool and
 * automation category so GitHub code scanning keeps their alerts apart. Skipped hooks are
 * left out: an empty run would tell code scanning that the tool looked and found nothing.
 */
export function buildSarifLog(report: RunReport, sources: SarifSources = {}): SarifLog {
  const byHook = groupBy(report.diagnostics, (diagnostic) => diagnostic.hook);
  // Every diagnostic is fingerprinted before any is capped, so the cap changes no fingerprint.
  const fingerprints = mapFingerprints(report.diagnostics, sources.lineOf ?? NO_LINES);
  const docs = mapToolDocs(sources.hooks ?? []);
  const srcroot = pathToFileURL(report.root.endsWith('/') ? report.root : `${report.root}/`).href;
  const skipped = report.hooks.filter((hook) => hook.status === 'skipped').map((hook) => ({ hook: hook.name, reason: hook.reason }));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: report.hooks
      .filter((hook) => hook.status !== 'skipped')
      .map((hook) => buildRun(hook, byHook.get(hook.name) ?? [], { srcroot, fingerprints, docs: docs.get(hook.name) ?? null })),
    // Still said, in the log's property bag, so a reader knows the hook was not forgotten.
    ...(skipped.length > 0 ? { properties: { skipped } } : {}),
  };
}

/** What every run of one log shares, and what is known of this run's tool. */
interface RunContext {
  srcroot: string;
  fingerprints: ReadonlyMap<DiagnosticReport, string>;
  docs: ToolDocs | null;
}

function buildRun(hook: HookReport, diagnostics: DiagnosticReport[], context: RunContext): SarifRun {
  const kept = capDiagnostics(diagnostics, SARIF_MAX_RESULTS_PER_RUN);
  const rules: SarifRule[] = [];
  const ruleIndexes = new Map<string, number>();
  const results = kept.map((diagnostic): SarifResult => {
    const ruleId = diagnostic.code ?? hook.name;
    let ruleIndex = ruleIndexes.get(ruleId);
    if (ruleIndex === undefined) {
      ruleIndex = rules.length;
      ruleIndexes.set(ruleId, ruleIndex);
      rules.push(buildRule(hook.name, diagnostic, context.docs));
    }
    const fixes = toSarifFixes(diagnostic);
    return {
      ruleId,
      ruleIndex,
      level: LEVELS[diagnostic.severity],
      message: { text: diagnostic.message.trim() === '' ? ruleId : diagnostic.message },
      locations: [{ physicalLocation: { artifactLocation: toArtifactLocation(diagnostic.file), region: toRegion(diagnostic) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: context.fingerprints.get(diagnostic) ?? '' },
      ...(fixes === undefined ? {} : { fixes }),
    };
  });
  const informationUri = context.docs?.homepage;
  return {
    tool: { driver: { name: hook.name, version: GAUNTLET_VERSION, ...(informationUri === undefined ? {} : { informationUri }), rules } },
    // The part before the last slash is code scanning's category: one per hook.
    automationDetails: { id: `gauntlet/${hook.name}/` },
    originalUriBaseIds: { [SRCROOT]: { uri: context.srcroot } },
    columnKind: 'utf16CodeUnits',
    invocations: [buildInvocation(hook, diagnostics.length, kept.length)],
    results,
  };
}

/** A rule from its first diagnostic: the page the tool gave, else the page of its code where the tool's documentation has one. */
function buildRule(hook: string, diagnostic: DiagnosticReport, docs: ToolDocs | null): SarifRule {
  const code = diagnostic.code;
  const helpUri = diagnostic.url ?? (code === null ? null : (docs?.ruleUri?.(code, diagnostic.message) ?? null));
  return { id: code ?? hook, shortDescription: { text: describeRule(hook, code) }, ...(helpUri === null ? {} : { helpUri }) };
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
    executionSuccessful: ranToVerdict(hook.status),
    ...(hook.exit_code === null ? {} : { exitCode: hook.exit_code }),
    ...(notifications.length === 0 ? {} : { toolExecutionNotifications: notifications }),
  };
}
