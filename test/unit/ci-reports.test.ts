import { describe, expect, it } from 'vitest';
import type { DiagnosticReport, HookReport } from '../../protocol/report.js';
import { describeCheck, fingerprintDiagnostics, FINGERPRINT_KEY, normaliseLineText, type LineLookup } from '../../engine/report/fingerprint.js';
import { buildCodeQualityReport, CODE_QUALITY_SEVERITIES } from '../../engine/report/gitlab-report.js';
import { buildSarifLog } from '../../engine/report/sarif-report.js';
import { makeDiagnosticReport, makeHookReport, makeRunReport } from '../helpers/report-fixtures.js';

function diagnostic(fields: Partial<DiagnosticReport> = {}): DiagnosticReport {
  return makeDiagnosticReport('lint', 'a.py', { code: 'E1', message: 'bad' }, fields);
}

/** A lookup over files given as text. */
function linesOf(files: Record<string, string>): LineLookup {
  return (file, line) => files[file]?.split('\n')[line - 1] ?? '';
}

const HOOKS: HookReport[] = [makeHookReport('lint', 'failed', { files: 1, durationMs: 5 })];

describe('fingerprints', () => {
  it.each([
    ['  x = 1  ', 'x = 1'],
    ['\tx  =\t1', 'x = 1'],
    ['x = 1\r', 'x = 1'],
    ['', ''],
    ['   ', ''],
  ])('normalise %j as %j', (text, normalised) => {
    expect(normaliseLineText(text)).toBe(normalised);
  });

  it('stay equal when the line moves or is re-indented, and change with its text, its check or its file', () => {
    const [before] = fingerprintDiagnostics([diagnostic({ line: 2 })], linesOf({ 'a.py': 'import os\nx = 1\n' }));
    const [moved] = fingerprintDiagnostics([diagnostic({ line: 4 })], linesOf({ 'a.py': '# new\n\nimport os\n    x  =  1\n' }));
    const [edited] = fingerprintDiagnostics([diagnostic({ line: 2 })], linesOf({ 'a.py': 'import os\nx = 2\n' }));
    const [otherCode] = fingerprintDiagnostics([diagnostic({ line: 2, code: 'E2' })], linesOf({ 'a.py': 'import os\nx = 1\n' }));
    const [otherFile] = fingerprintDiagnostics([diagnostic({ line: 2, file: 'b.py' })], linesOf({ 'b.py': 'import os\nx = 1\n' }));
    expect(before).toMatch(/^[0-9a-f]{32}$/);
    expect(moved).toBe(before);
    expect(new Set([before, edited, otherCode, otherFile]).size).toBe(4);
  });

  it('tell apart findings of one check on lines of the same text, whatever order the report lists them in', () => {
    const lines = linesOf({ 'a.py': 'x = 1\ny = 2\nx = 1\n' });
    const first = diagnostic({ line: 1 });
    const second = diagnostic({ line: 3 });
    const forward = fingerprintDiagnostics([first, second], lines);
    expect(forward[0]).not.toBe(forward[1]);
    expect(fingerprintDiagnostics([second, first], lines)).toEqual([forward[1], forward[0]]);
  });

  it('hash an unreadable file as empty lines, still apart by check and file', () => {
    const none: LineLookup = () => '';
    const [a, b] = fingerprintDiagnostics([diagnostic(), diagnostic({ file: 'b.py' })], none);
    expect(a).not.toBe(b);
  });

  it('are the same in the SARIF and the GitLab report', () => {
    const report = makeRunReport('/repo', 10, HOOKS, [diagnostic({ line: 1 }), diagnostic({ line: 2, code: null })]);
    const lineOf = linesOf({ 'a.py': 'one\ntwo\n' });
    const sarif = buildSarifLog(report, { lineOf }).runs[0]?.results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]);
    const gitlab = buildCodeQualityReport(report, lineOf).map((issue) => issue.fingerprint);
    expect(sarif).toEqual(gitlab);
    expect(gitlab).toEqual(fingerprintDiagnostics(report.diagnostics, lineOf));
  });
});

describe('the GitLab Code Quality report', () => {
  it.each([
    ['error', 'major'],
    ['warning', 'minor'],
    ['info', 'info'],
    ['hint', 'info'],
  ] as const)('gives severity %s as %s', (severity, expected) => {
    expect(CODE_QUALITY_SEVERITIES[severity]).toBe(expected);
    expect(buildCodeQualityReport(makeRunReport('/repo', 10, HOOKS, [diagnostic({ severity })]))[0]?.severity).toBe(expected);
  });

  it.each([
    ['a code', { code: 'E501' }, 'lint/E501', 'bad', { begin: 3, end: 3 }],
    ['no code', { code: null }, 'lint', 'bad', { begin: 3, end: 3 }],
    ['an end line', { end_line: 6 }, 'lint/E1', 'bad', { begin: 3, end: 6 }],
    ['an end before the start', { line: 4, end_line: 2 }, 'lint/E1', 'bad', { begin: 4, end: 4 }],
    ['line 0', { line: 0 }, 'lint/E1', 'bad', { begin: 1, end: 1 }],
    ['an empty message', { message: '  ' }, 'lint/E1', 'lint/E1', { begin: 3, end: 3 }],
  ])('writes a diagnostic with %s', (_, fields, checkName, description, lines) => {
    const [issue] = buildCodeQualityReport(makeRunReport('/repo', 10, HOOKS, [diagnostic(fields)]));
    expect(issue).toEqual({
      description,
      check_name: checkName,
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
      severity: 'major',
      location: { path: 'a.py', lines },
    });
  });

  it('names checks as <hook>/<code>', () => {
    expect(describeCheck('lint', 'E1')).toBe('lint/E1');
    expect(describeCheck('lint', null)).toBe('lint');
  });
});
