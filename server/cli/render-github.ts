import type { Severity } from '../../protocol/diagnostic.js';
import type { DiagnosticReport, HookReport, RunReport } from '../../protocol/report.js';
import { groupBy } from '../../engine/arrays.js';
import { formatDiagnosticLine } from '../../engine/report/hook-report.js';
import { toRegion } from '../../engine/report/sarif-location.js';
import { makeColors } from './colors.js';
import { renderSummary } from './render-text.js';
import { isFailure } from '../../engine/report/status.js';
import { formatCommand, formatLogLine, type AnnotationKind } from './workflow-commands.js';

/**
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, and 50 per job
 * across its steps: "10 warning annotations, 10 error annotations, and 10 notice annotations per
 * step; 50 annotations per job (sum of annotations from all the steps)"
 * (https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations). Past
 * these it drops them without a word.
 */
export const ANNOTATIONS_PER_KIND_PER_STEP = 10;
export const ANNOTATIONS_PER_JOB = 50;

const KINDS: Readonly<Record<Severity, AnnotationKind>> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
const KIND_ORDER: Readonly<Record<AnnotationKind, number>> = { error: 0, warning: 1, notice: 2 };
/** Lines of a hook's output shown under a failure that gave no diagnostic, as the text output does. */
const OUTPUT_TAIL_LINES = 20;

/** Something an annotation can be made for: a diagnostic, or a hook that failed without one. */
type Finding = { kind: AnnotationKind; rank: number; subject: DiagnosticReport | HookReport };

/**
 * The run as GitHub Actions workflow commands: a `::group::` per hook in report order, holding
 * an annotation per diagnostic (or, for a hook that failed without one, an `::error` with its
 * reason) while GitHub's caps allow, most serious first, and the rest as plain lines so that
 * nothing is lost; then a line counting what was not annotated, and the text output's summary.
 */
export function renderGithubCommands(report: RunReport): string {
  const byHook = groupBy(report.diagnostics, (diagnostic) => diagnostic.hook);
  const findings = listFindings(report, byHook);
  const annotated = chooseAnnotated(findings);
  const lines: string[] = [];
  for (const hook of report.hooks) {
    const diagnostics = byHook.get(hook.name) ?? [];
    const count = diagnostics.length === 0 ? '' : ` (${diagnostics.length} diagnostic${diagnostics.length === 1 ? '' : 's'})`;
    lines.push(formatCommand('group', [], `${hook.name} — ${hook.status}${count}`));
    lines.push(...renderHookLines(hook, diagnostics, annotated));
    lines.push(formatCommand('endgroup', [], ''));
  }
  const missed = findings.length - annotated.size;
  if (missed > 0) {
    lines.push(
      `gauntlet: ${missed} of ${findings.length} findings not annotated: GitHub shows at most ${ANNOTATIONS_PER_KIND_PER_STEP} error, ` +
        `${ANNOTATIONS_PER_KIND_PER_STEP} warning and ${ANNOTATIONS_PER_KIND_PER_STEP} notice annotations per step (${ANNOTATIONS_PER_JOB} per job); ` +
        'each is listed in its hook\'s group above',
    );
  }
  lines.push(renderSummary(report, { colors: makeColors(false), quiet: false, verbose: false }).trimEnd());
  return `${lines.join('\n')}\n`;
}

function renderHookLines(hook: HookReport, diagnostics: DiagnosticReport[], annotated: ReadonlySet<Finding['subject']>): string[] {
  const lines: string[] = [];
  const reason = hook.reason ?? hook.status;
  if (failsSilently(hook, diagnostics)) {
    lines.push(annotated.has(hook) ? formatCommand('error', [['title', hook.name]], reason) : formatLogLine(`  ${hook.name}: ${reason}`));
    // What the tool said is all there is to go on.
    const output = hook.output.replace(/\n$/u, '').split('\n').slice(-OUTPUT_TAIL_LINES);
    if (hook.output !== '') lines.push(...output.map((line) => formatLogLine(`  | ${line}`)));
  } else if (hook.status !== 'passed' && hook.reason !== null) {
    lines.push(formatLogLine(`  reason: ${hook.reason}`));
  }
  for (const diagnostic of diagnostics) {
    lines.push(annotated.has(diagnostic) ? formatAnnotation(diagnostic) : formatLogLine(`  - ${formatDiagnosticLine(diagnostic)}`));
  }
  return lines;
}

/** A failed, timed-out or errored hook with no diagnostic: the hook itself is the finding. */
function failsSilently(hook: HookReport, diagnostics: readonly DiagnosticReport[]): boolean {
  return isFailure(hook.status) && diagnostics.length === 0;
}

/** Everything that could be annotated, each with its kind and how urgent it is (lower first). */
function listFindings(report: RunReport, byHook: ReadonlyMap<string, DiagnosticReport[]>): Finding[] {
  const failing = new Set(report.hooks.filter((hook) => isFailure(hook.status)).map((hook) => hook.name));
  const findings: Finding[] = report.hooks
    .filter((hook) => failsSilently(hook, byHook.get(hook.name) ?? []))
    .map((hook) => ({ kind: 'error', rank: 0, subject: hook }));
  for (const diagnostic of report.diagnostics) {
    findings.push({ kind: KINDS[diagnostic.severity], rank: failing.has(diagnostic.hook) ? 1 : 2, subject: diagnostic });
  }
  return findings;
}

/** The findings GitHub will show: errors first, those of failed hooks first, up to each cap. */
function chooseAnnotated(findings: Finding[]): Set<Finding['subject']> {
  const ordered = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => KIND_ORDER[a.finding.kind] - KIND_ORDER[b.finding.kind] || a.finding.rank - b.finding.rank || a.index - b.index);
  const perKind: Record<AnnotationKind, number> = { error: 0, warning: 0, notice: 0 };
  const chosen = new Set<Finding['subject']>();
  for (const { finding } of ordered) {
    if (chosen.size >= ANNOTATIONS_PER_JOB) break;
    if (perKind[finding.kind] >= ANNOTATIONS_PER_KIND_PER_STEP) continue;
    perKind[finding.kind] += 1;
    chosen.add(finding.subject);
  }
  return chosen;
}

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<hook>: <code>::message`; columns only within one line, as GitHub takes them. */
function formatAnnotation(diagnostic: DiagnosticReport): string {
  const region = toRegion(diagnostic);
  const oneLine = region.endLine === undefined || region.endLine === region.startLine;
  const column = oneLine ? region.startColumn : undefined;
  const title = diagnostic.code === null ? diagnostic.hook : `${diagnostic.hook}: ${diagnostic.code}`;
  const message = diagnostic.message.trim() === '' ? title : diagnostic.message;
  return formatCommand(
    KINDS[diagnostic.severity],
    [
      ['file', diagnostic.file],
      ['line', region.startLine],
      ['col', column],
      ['endLine', region.endLine],
      ['endColumn', column === undefined ? undefined : region.endColumn],
      ['title', title],
    ],
    message,
  );
}
