import { describe, expect, it } from 'vitest';
import type { DiagnosticReport, HookReport, RunReport } from '../../protocol/report.js';
import { buildJunitXml } from '../../engine/report/junit-report.js';
import { makeDiagnosticReport, makeHookReport, makeRunReport, parseJunitXml } from '../helpers/report-fixtures.js';

interface ParsedCase {
  classname: string;
  name: string;
  time: string;
  failure?: { message: string; type: string; '#text'?: string };
  error?: { message: string; type: string; '#text'?: string };
  skipped?: { message: string };
  'system-out'?: string;
}

interface ParsedSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  time: string;
  properties: { property: { name: string; value: string }[] };
  testcase: ParsedCase[];
}

interface ParsedXml {
  testsuites: { name: string; tests: string; failures: string; errors: string; skipped: string; time: string; testsuite?: ParsedSuite[] };
}

function parseJunit(xml: string): ParsedXml {
  return parseJunitXml(xml) as ParsedXml;
}

function hook(name: string, status: HookReport['status'], fields: Partial<HookReport> = {}): HookReport {
  return makeHookReport(name, status, { files: 5, durationMs: 300 }, fields);
}

function diagnostic(hookName: string, file: string, fields: Partial<DiagnosticReport> = {}): DiagnosticReport {
  return makeDiagnosticReport(hookName, file, { code: 'E1', message: 'bad' }, fields);
}

function makeReport(hooks: HookReport[], diagnostics: DiagnosticReport[]): RunReport {
  return makeRunReport('/repo', 1_234, hooks, diagnostics);
}

const MIXED = makeReport(
  [
    hook('pass', 'passed'),
    hook('lint', 'failed', { exit_code: 1 }),
    hook('bare', 'failed', { exit_code: 2, files: 3, reason: 'exited with code 2', output: 'usage: bare [options]' }),
    hook('slow', 'timeout', { exit_code: null, reason: 'timed out after 5 s', output: 'partial output' }),
    hook('missing', 'error', { exit_code: null, files: 0, reason: 'command not found: no-such-tool' }),
    hook('stopped', 'cancelled', { exit_code: null, reason: 'cancelled by --fail-fast' }),
    hook('rust', 'skipped', { files: 0, reason: 'no files' }),
    hook('project', 'passed', { files: 0 }),
    hook('warn', 'passed'),
  ],
  [
    diagnostic('lint', 'a.py'),
    diagnostic('lint', 'a.py', { line: 9, column: null, code: null, severity: 'warning', message: 'no code' }),
    diagnostic('lint', 'dir with space/ü.py', { code: 'E2' }),
    diagnostic('slow', 'b.py', { code: 'S1' }),
    diagnostic('warn', 'c.py', { severity: 'warning', code: 'W1', message: 'just a warning' }),
  ],
);

function suiteOf(parsed: ParsedXml, name: string): ParsedSuite {
  const suite = parsed.testsuites.testsuite?.find((entry) => entry.name === name);
  if (!suite) throw new Error(`no testsuite "${name}"`);
  return suite;
}

function counts(element: { tests: string; failures: string; errors: string; skipped: string }): number[] {
  return [element.tests, element.failures, element.errors, element.skipped].map(Number);
}

describe('the JUnit report', () => {
  it('has a testsuite per hook and totals that add up', () => {
    const parsed = parseJunit(buildJunitXml(MIXED));
    const suites = parsed.testsuites.testsuite ?? [];
    expect(suites.map((suite) => suite.name)).toEqual(['pass', 'lint', 'bare', 'slow', 'missing', 'stopped', 'rust', 'project', 'warn']);
    expect(parsed.testsuites.name).toBe('gauntlet');
    expect(parsed.testsuites.time).toBe('1.234');
    const sums = suites.map(counts).reduce((acc, row) => acc.map((value, index) => value + (row[index] ?? 0)), [0, 0, 0, 0]);
    expect(counts(parsed.testsuites)).toEqual(sums);
    for (const suite of suites) {
      expect(Number(suite.tests)).toBe(suite.testcase.length);
      expect(Number(suite.failures)).toBe(suite.testcase.filter((testCase) => testCase.failure).length);
      expect(Number(suite.errors)).toBe(suite.testcase.filter((testCase) => testCase.error).length);
      expect(Number(suite.skipped)).toBe(suite.testcase.filter((testCase) => testCase.skipped).length);
      for (const testCase of suite.testcase) expect(testCase.classname).toBe(suite.name);
    }
  });

  it('fails a testcase per file with diagnostics and counts the other files in one passing case', () => {
    const lint = suiteOf(parseJunit(buildJunitXml(MIXED)), 'lint');
    expect(counts(lint)).toEqual([3, 2, 0, 0]);
    expect(lint.time).toBe('0.300');
    expect(lint.testcase.map((testCase) => testCase.name)).toEqual(['a.py', 'dir with space/ü.py', '<3 other files>']);
    expect(lint.testcase[0]?.failure).toEqual({
      message: '2 diagnostics',
      type: 'failed',
      '#text': 'a.py:3:5 error E1 bad\na.py:9 warning no code',
    });
    expect(lint.testcase[1]?.failure?.message).toBe('1 diagnostic');
    expect(lint.testcase[2]?.failure).toBeUndefined();
    expect(lint.properties.property).toEqual([
      { name: 'status', value: 'failed' },
      { name: 'exit_code', value: '1' },
    ]);
  });

  it('reports a failure without diagnostics on one testcase named after the hook', () => {
    const bare = suiteOf(parseJunit(buildJunitXml(MIXED)), 'bare');
    expect(counts(bare)).toEqual([1, 1, 0, 0]);
    expect(bare.testcase[0]).toMatchObject({
      name: 'bare',
      time: '0.300',
      failure: { message: 'exited with code 2', type: 'failed', '#text': 'usage: bare [options]' },
    });
  });

  it('turns timeouts and errors into <error> with the reason, keeping the diagnostics found before', () => {
    const parsed = parseJunit(buildJunitXml(MIXED));
    const slow = suiteOf(parsed, 'slow');
    expect(counts(slow)).toEqual([2, 1, 1, 0]);
    expect(slow.testcase[0]).toMatchObject({
      name: 'slow',
      error: { message: 'timed out after 5 s', type: 'timeout', '#text': 'partial output' },
    });
    expect(slow.testcase[1]).toMatchObject({ name: 'b.py', failure: { message: '1 diagnostic', type: 'timeout' } });
    const missing = suiteOf(parsed, 'missing');
    expect(counts(missing)).toEqual([1, 0, 1, 0]);
    expect(missing.testcase[0]?.error).toMatchObject({ message: 'command not found: no-such-tool', type: 'error' });
  });

  it('marks cancelled and skipped hooks <skipped/> with their reason', () => {
    const parsed = parseJunit(buildJunitXml(MIXED));
    expect(counts(suiteOf(parsed, 'stopped'))).toEqual([1, 0, 0, 1]);
    expect(suiteOf(parsed, 'stopped').testcase[0]).toMatchObject({ name: 'stopped', skipped: { message: 'cancelled by --fail-fast' } });
    expect(counts(suiteOf(parsed, 'rust'))).toEqual([1, 0, 0, 1]);
    expect(suiteOf(parsed, 'rust').testcase[0]).toMatchObject({ name: 'rust', time: '0.000', skipped: { message: 'no files' } });
  });

  it('has one passing testcase for a passing hook: named after it without files, counting them with', () => {
    const parsed = parseJunit(buildJunitXml(MIXED));
    expect(suiteOf(parsed, 'project').testcase).toEqual([{ classname: 'project', name: 'project', time: '0.300' }]);
    expect(suiteOf(parsed, 'pass').testcase).toEqual([{ classname: 'pass', name: '<5 files>', time: '0.300' }]);
  });

  it('keeps the diagnostics of a passing hook as system-out of passing testcases', () => {
    const warn = suiteOf(parseJunit(buildJunitXml(MIXED)), 'warn');
    expect(counts(warn)).toEqual([2, 0, 0, 0]);
    expect(warn.testcase[0]).toMatchObject({ name: 'c.py', time: '0.150', 'system-out': 'c.py:3:5 warning W1 just a warning' });
    expect(warn.testcase[1]?.name).toBe('<4 other files>');
  });

  it('escapes markup, quotes, line breaks and control characters so the XML stays well-formed', () => {
    const nasty = 'a<b>&"c\'\td\ne\rf\u0000g\u001bh\uFFFEi\uD800j';
    const report = makeReport(
      [hook('x<&>"', 'error', { reason: nasty, output: nasty }), hook('y', 'failed')],
      [diagnostic('y', `we"ird <&> ${'\u0007'}.py`, { message: nasty, code: '<C>' })],
    );
    const xml = buildJunitXml(report);
    // eslint-disable-next-line no-control-regex -- asserting that none survive
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u);
    const parsed = parseJunit(xml);
    const visible = 'a<b>&"c\'\td\ne\rf\\u0000g\\u001Bh\\uFFFEi\\uD800j';
    const x = suiteOf(parsed, 'x<&>"');
    expect(x.testcase[0]?.classname).toBe('x<&>"');
    expect(x.testcase[0]?.error?.message).toBe(visible);
    expect(x.testcase[0]?.error?.['#text']).toBe(visible);
    const y = suiteOf(parsed, 'y');
    expect(y.testcase[0]?.name).toBe('we"ird <&> \\u0007.py');
    expect(y.testcase[0]?.failure?.['#text']).toBe(`we"ird <&> \\u0007.py:3:5 error <C> ${visible}`);
  });

  it('is a well-formed empty report when there are no hooks', () => {
    const parsed = parseJunit(buildJunitXml(makeReport([], [])));
    expect(counts(parsed.testsuites)).toEqual([0, 0, 0, 0]);
  });
});
