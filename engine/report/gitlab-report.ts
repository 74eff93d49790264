import type { Severity } from '../../protocol/diagnostic.js';
import type { RunReport } from '../../protocol/report.js';
import { describeCheck, fingerprintDiagnostics, NO_LINES, type LineLookup } from './fingerprint.js';
import { isPositive } from './sarif-location.js';

/** GitLab Code Quality's severities, least to most serious. */
export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/**
 * How gauntlet's severities read in GitLab. A tool's error is `major`, its warning `minor`,
 * the rest `info`: `critical` and `blocker` are left for what a tool's own word cannot say
 * (an error is an error whether it is a typo or a crash), so gauntlet never uses them.
 */
export const CODE_QUALITY_SEVERITIES: Readonly<Record<Severity, CodeQualitySeverity>> = {
  error: 'major',
  warning: 'minor',
  info: 'info',
  hint: 'info',
};

/** One finding of a GitLab Code Quality report (the subset of the Code Climate issue GitLab reads). */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

/**
 * The run's diagnostics as a GitLab Code Quality report
 * (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): an array of
 * issues with `description`, `check_name` (`<hook>/<code>`, or `<hook>`), a `fingerprint`
 * (the one SARIF results carry; GitLab shows issues with one fingerprint as one), a `severity`
 * and a `location` with the repository-relative path and its lines. A hook that failed without
 * a diagnostic has nothing to place on a line, so it is not an issue here: the job's exit code says it.
 */
export function buildCodeQualityReport(report: RunReport, lineOf: LineLookup = NO_LINES): CodeQualityIssue[] {
  const fingerprints = fingerprintDiagnostics(report.diagnostics, lineOf);
  return report.diagnostics.map((diagnostic, index) => {
    const checkName = describeCheck(diagnostic.hook, diagnostic.code);
    // GitLab wants a line of at least 1; an end before the start is the tool's mistake.
    const begin = Math.max(1, Math.trunc(diagnostic.line));
    const end = isPositive(diagnostic.end_line) && diagnostic.end_line >= begin ? diagnostic.end_line : begin;
    return {
      description: diagnostic.message.trim() === '' ? checkName : diagnostic.message,
      check_name: checkName,
      fingerprint: fingerprints[index] ?? '',
      severity: CODE_QUALITY_SEVERITIES[diagnostic.severity],
      location: { path: diagnostic.file, lines: { begin, end } },
    };
  });
}
