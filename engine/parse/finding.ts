import type { Diagnostic, Fix, Severity } from '../../protocol/diagnostic.js';
import type { ParseContext } from './parse-context.js';
import { toRepoPath } from './paths.js';

/** A finding as read from a structured report, before the invariants of Diagnostic are applied. */
export interface Finding {
  file: string | null;
  line: number | null;
  column?: number | null;
  endLine?: number | null;
  endColumn?: number | null;
  severity: Severity;
  code?: string | null;
  message: string;
  fixes?: Fix[];
  /** The rule's page, as the tool gives it. */
  url?: string | null;
}

/**
 * Makes a diagnostic of a finding: the path repository-relative, positions positive
 * integers or null, a finding without a line on line 1 (a file-level finding, which
 * structured reports state openly). Null when there is no file to put it on.
 */
export function toDiagnostic(finding: Finding, context: ParseContext): Diagnostic | null {
  const file = finding.file?.trim();
  if (file === undefined || file === '') return null;
  const diagnostic: Diagnostic = {
    hook: context.hook,
    file: toRepoPath(file, context.root),
    line: toPosition(finding.line) ?? 1,
    column: toPosition(finding.column),
    endLine: toPosition(finding.endLine),
    endColumn: toPosition(finding.endColumn),
    severity: finding.severity,
    code: finding.code === undefined || finding.code === null || finding.code.trim() === '' ? null : finding.code.trim(),
    message: finding.message.trim(),
  };
  // Set only when known, so that a diagnostic without them is what it was before fixes existed.
  if (finding.fixes !== undefined && finding.fixes.length > 0) diagnostic.fixes = finding.fixes;
  if (typeof finding.url === 'string' && isWebAddress(finding.url)) diagnostic.url = finding.url;
  return diagnostic;
}

/** An http(s) address: what an editor can open as a rule's page. */
export function isWebAddress(text: string): boolean {
  return /^https?:\/\/[^\s]+$/.test(text);
}

/** Collects the diagnostics of the findings that have a file. */
export function toDiagnostics(findings: Iterable<Finding>, context: ParseContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    const diagnostic = toDiagnostic(finding, context);
    if (diagnostic !== null) diagnostics.push(diagnostic);
  }
  return diagnostics;
}

/** A 1-based position, or null for anything that is not a positive safe integer (0 means "unknown" to some tools). */
export function toPosition(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : null;
}
