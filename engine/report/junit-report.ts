import type { DiagnosticReport, HookReport, RunReport } from '../../protocol/report.js';
import { groupBy } from '../arrays.js';
import { formatDiagnosticLine } from './hook-report.js';
import { isFailure } from './status.js';

/**
 * One testcase of the JUnit report. `outcome` says which child element it carries; `body`
 * is that element's text (or the text of `<system-out>` for a passing case with diagnostics).
 */
interface TestCase {
  name: string;
  outcome: 'passed' | 'failure' | 'error' | 'skipped';
  message?: string;
  type?: string;
  body: string;
}

/**
 * The run report as JUnit XML: a `<testsuite>` per hook, a `<testcase>` per file it has
 * diagnostics on (failing when they failed the hook), one aggregate `<N other files>` case for
 * the files it checked without a diagnostic, and a case named after the hook when the hook
 * itself is the finding (no files, an error, a timeout, a cancel, a skip, or a failure without
 * diagnostics). The report counts files per hook but does not list them, so clean files are
 * counted, not named. Per-file times are not measured: the hook's time is shared evenly.
 */
export function buildJunitXml(report: RunReport): string {
  const byHook = groupBy(report.diagnostics, (diagnostic) => diagnostic.hook);
  const suites = report.hooks.map((hook) => ({ hook, cases: buildTestCases(hook, byHook.get(hook.name) ?? []) }));
  const total = (outcome: TestCase['outcome']): number =>
    suites.reduce((sum, suite) => sum + suite.cases.filter((testCase) => testCase.outcome === outcome).length, 0);
  const tests = suites.reduce((sum, suite) => sum + suite.cases.length, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({
      name: 'gauntlet',
      tests,
      failures: total('failure'),
      errors: total('error'),
      skipped: total('skipped'),
      time: seconds(report.wall_ms),
    })}>`,
    ...suites.flatMap(({ hook, cases }) => renderSuite(hook, cases)),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function buildTestCases(hook: HookReport, diagnostics: DiagnosticReport[]): TestCase[] {
  const byFile = groupBy(diagnostics, (diagnostic) => diagnostic.file);
  // Diagnostics of a hook that did not fail are informational.
  const failing = isFailure(hook.status);
  const cases: TestCase[] = [...byFile].map(([file, found]) => {
    const body = found.map(formatDiagnosticLine).join('\n');
    if (!failing) return { name: file, outcome: 'passed', body };
    return { name: file, outcome: 'failure', message: plural(found.length, 'diagnostic'), type: hook.status, body };
  });
  const reason = hook.reason ?? hook.status;
  switch (hook.status) {
    case 'timeout':
    case 'error':
      cases.unshift({ name: hook.name, outcome: 'error', message: reason, type: hook.status, body: hook.output });
      return cases;
    case 'cancelled':
    case 'skipped':
      cases.unshift({ name: hook.name, outcome: 'skipped', message: reason, body: '' });
      return cases;
    case 'failed':
      if (cases.length === 0) return [{ name: hook.name, outcome: 'failure', message: reason, type: 'failed', body: hook.output }];
      break;
    case 'passed':
      break;
  }
  // Files it checked and said nothing about (diagnostics may name files outside its set).
  const others = Math.max(0, hook.files - byFile.size);
  if (others > 0) cases.push({ name: `<${plural(others, cases.length === 0 ? 'file' : 'other file')}>`, outcome: 'passed', body: '' });
  if (cases.length === 0) cases.push({ name: hook.name, outcome: 'passed', body: '' });
  return cases;
}

function renderSuite(hook: HookReport, cases: TestCase[]): string[] {
  const count = (outcome: TestCase['outcome']): number => cases.filter((testCase) => testCase.outcome === outcome).length;
  const caseTime = seconds(hook.duration_ms / Math.max(1, cases.length));
  const properties = [
    `    <property${attributes({ name: 'status', value: hook.status })}/>`,
    ...(hook.exit_code === null ? [] : [`    <property${attributes({ name: 'exit_code', value: hook.exit_code })}/>`]),
  ];
  return [
    `  <testsuite${attributes({
      name: hook.name,
      tests: cases.length,
      failures: count('failure'),
      errors: count('error'),
      skipped: count('skipped'),
      time: seconds(hook.duration_ms),
    })}>`,
    '    <properties>',
    ...properties.map((line) => `  ${line}`),
    '    </properties>',
    ...cases.map((testCase) => renderCase(hook.name, testCase, caseTime)),
    '  </testsuite>',
  ];
}

function renderCase(hook: string, testCase: TestCase, time: string): string {
  const open = `    <testcase${attributes({ classname: hook, name: testCase.name, time })}`;
  const details = { message: testCase.message ?? '', ...(testCase.type === undefined ? {} : { type: testCase.type }) };
  switch (testCase.outcome) {
    case 'passed':
      return testCase.body === '' ? `${open}/>` : `${open}>\n      <system-out>${escapeText(testCase.body)}</system-out>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped${attributes({ message: details.message })}/>\n    </testcase>`;
    case 'failure':
    case 'error':
      return `${open}>\n      <${testCase.outcome}${attributes(details)}>${escapeText(testCase.body)}</${testCase.outcome}>\n    </testcase>`;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

/**
 * Characters XML 1.0 cannot carry at all, even as references: C0 controls but tab, newline and
 * carriage return; lone surrogates; U+FFFE and U+FFFF. They are written as visible `\uXXXX`.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNREPRESENTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;

function replaceUnrepresentable(text: string): string {
  return text.replace(UNREPRESENTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

function escapeText(text: string): string {
  // A carriage return as a reference survives the parser's line-end normalisation.
  return replaceUnrepresentable(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escapeAttribute(text: string): string {
  // Tabs and line breaks as references survive attribute-value normalisation.
  return escapeText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
