import { describe, expect, it } from 'vitest';
import type { DiagnosticReport, HookReport, RunReport } from '../../protocol/report.js';
import { buildSarifLog, SARIF_MAX_RESULTS_PER_RUN, type SarifLog, type SarifRun } from '../../engine/report/sarif-report.js';
import { describeSarifErrors } from '../helpers/sarif-schema.js';
import { makeDiagnosticReport, makeHookReport, makeRunReport } from '../helpers/report-fixtures.js';

const ROOT = '/tmp/work space/répo';

function hook(name: string, status: HookReport['status'], fields: Partial<HookReport> = {}): HookReport {
  return makeHookReport(name, status, { files: 2, durationMs: 10 }, fields);
}

function diagnostic(hookName: string, file: string, fields: Partial<DiagnosticReport> = {}): DiagnosticReport {
  return makeDiagnosticReport(hookName, file, { code: null, message: 'something is wrong' }, fields);
}

function makeReport(hooks: HookReport[], diagnostics: DiagnosticReport[]): RunReport {
  return makeRunReport(ROOT, 120, hooks, diagnostics);
}

/** Passed, failed with and without codes, error, timeout, cancelled and skipped hooks, odd paths. */
const MIXED = makeReport(
  [
    hook('pass', 'passed'),
    hook('lint', 'failed', { exit_code: 1 }),
    hook('bare', 'failed', { exit_code: 2, reason: 'exited with code 2' }),
    hook('slow', 'timeout', { exit_code: null, reason: 'timed out after 5 s' }),
    hook('missing', 'error', { exit_code: null, reason: 'command not found: no-such-tool' }),
    hook('stopped', 'cancelled', { exit_code: null, reason: 'cancelled by --fail-fast' }),
    hook('rust', 'skipped', { files: 0, reason: 'no files' }),
  ],
  [
    diagnostic('pass', 'src/app.py', { severity: 'warning', code: 'W1', end_line: 3, end_column: 9 }),
    diagnostic('lint', 'dir with space/ünïcødé.py', { code: 'E501', severity: 'error' }),
    diagnostic('lint', 'a.py', { code: 'E501', line: 7, column: null, severity: 'warning' }),
    diagnostic('lint', 'a.py', { code: null, severity: 'info', message: 'no code here' }),
    diagnostic('lint', 'weird#name?.py', { code: 'W2', severity: 'hint', line: 0, column: 0 }),
    diagnostic('lint', 'a:b%c.py', { code: 'E501', end_line: 2, end_column: 1 }),
    diagnostic('slow', 'b.py', { code: 'S1' }),
    diagnostic('lint', '/elsewhere/outside.py', { code: 'E501' }),
  ],
);

function runOf(log: SarifLog, name: string): SarifRun {
  const run = log.runs.find((entry) => entry.tool.driver.name === name);
  if (!run) throw new Error(`no run for "${name}"`);
  return run;
}

describe('the SARIF report against the official schema', () => {
  it('is valid SARIF 2.1.0 for passed, failed, errored, timed-out, cancelled and skipped hooks', () => {
    const log = buildSarifLog(MIXED);
    expect(describeSarifErrors(log)).toBe('');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
  });

  it('is valid for a report without hooks or diagnostics', () => {
    expect(describeSarifErrors(buildSarifLog(makeReport([], [])))).toBe('');
  });

  it('rejects what the schema forbids, so a pass means something', () => {
    const log = buildSarifLog(MIXED);
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { message?: unknown; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const result = broken.runs[1]?.results[0];
    if (!result) throw new Error('no result to break');
    delete result.message;
    expect(describeSarifErrors(broken)).not.toBe('');
    result.message = { text: 'back' };
    const location = result.locations[0];
    if (!location) throw new Error('no location to break');
    location.physicalLocation.artifactLocation.uri = 'dir with space/ü.py';
    expect(describeSarifErrors(broken)).toMatch(/uri-reference/);
  });

  it('stays valid when a run is capped', () => {
    const many = Array.from({ length: SARIF_MAX_RESULTS_PER_RUN + 1 }, (_, index) => diagnostic('lint', 'a.py', { line: index + 1 }));
    expect(describeSarifErrors(buildSarifLog(makeReport([hook('lint', 'failed')], many)))).toBe('');
  });
});

describe('the SARIF report', () => {
  it('has one run per hook that ran and leaves skipped hooks out', () => {
    const log = buildSarifLog(MIXED);
    expect(log.runs.map((run) => run.tool.driver.name)).toEqual(['pass', 'lint', 'bare', 'slow', 'missing', 'stopped']);
    const ids = log.runs.map((run) => run.automationDetails.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const run of log.runs) {
      expect(run.columnKind).toBe('utf16CodeUnits');
      expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///tmp/work%20space/r%C3%A9po/' } });
    }
  });

  it('builds one rule per distinct code, and one named after the hook for diagnostics without a code', () => {
    const log = buildSarifLog(MIXED);
    for (const run of log.runs) {
      const ruleIds = run.tool.driver.rules.map((rule) => rule.id);
      expect(new Set(ruleIds).size).toBe(ruleIds.length);
      for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(new Set(run.results.map((result) => result.ruleId))).toEqual(new Set(ruleIds));
    }
    expect(runOf(log, 'lint').tool.driver.rules.map((rule) => rule.id).sort()).toEqual(['E501', 'W2', 'lint']);
    expect(runOf(log, 'lint').results.find((result) => result.message.text === 'no code here')?.ruleId).toBe('lint');
  });

  it('maps severities to levels: info and hint become note', () => {
    const levels = runOf(buildSarifLog(MIXED), 'lint').results.map((result) => [result.message.text, result.level]);
    expect(levels).toContainEqual(['no code here', 'note']);
    expect(runOf(buildSarifLog(MIXED), 'pass').results[0]?.level).toBe('warning');
    const hint = runOf(buildSarifLog(MIXED), 'lint').results.find((result) => result.ruleId === 'W2');
    expect(hint?.level).toBe('note');
  });

  it('percent-encodes repository-relative paths against %SRCROOT% and keeps outside paths absolute', () => {
    const locations = runOf(buildSarifLog(MIXED), 'lint').results.map((result) => result.locations[0]?.physicalLocation.artifactLocation);
    expect(locations).toContainEqual({ uri: 'dir%20with%20space/%C3%BCn%C3%AFc%C3%B8d%C3%A9.py', uriBaseId: '%SRCROOT%' });
    expect(locations).toContainEqual({ uri: 'weird%23name%3F.py', uriBaseId: '%SRCROOT%' });
    expect(locations).toContainEqual({ uri: 'a%3Ab%25c.py', uriBaseId: '%SRCROOT%' });
    expect(locations).toContainEqual({ uri: 'file:///elsewhere/outside.py' });
    for (const location of locations) {
      if (location?.uriBaseId === undefined) continue;
      const resolved = new URL(location.uri, 'file:///root/');
      expect(resolved.pathname.startsWith('/root/')).toBe(true);
      expect(MIXED.diagnostics.map((entry) => entry.file)).toContain(decodeURIComponent(resolved.pathname.slice('/root/'.length)));
    }
  });

  it('gives every result a region with startLine at least 1, and columns and ends only when they make sense', () => {
    const log = buildSarifLog(MIXED);
    const regions = (name: string): unknown[] => runOf(log, name).results.map((result) => result.locations[0]?.physicalLocation.region);
    expect(regions('pass')).toEqual([{ startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 }]);
    expect(regions('lint')).toEqual([
      { startLine: 3, startColumn: 5 },
      { startLine: 7 },
      { startLine: 3, startColumn: 5 },
      { startLine: 1 },
      // An end before the start is dropped rather than guessed.
      { startLine: 3, startColumn: 5 },
      { startLine: 3, startColumn: 5 },
    ]);
  });

  it('records how each hook ended in its invocation', () => {
    const log = buildSarifLog(MIXED);
    expect(runOf(log, 'pass').invocations).toEqual([{ executionSuccessful: true, exitCode: 0 }]);
    expect(runOf(log, 'lint').invocations).toEqual([{ executionSuccessful: true, exitCode: 1 }]);
    expect(runOf(log, 'bare').invocations).toEqual([
      {
        executionSuccessful: true,
        exitCode: 2,
        toolExecutionNotifications: [
          { level: 'error', message: { text: "bare failed without a diagnostic gauntlet could read: exited with code 2" } },
        ],
      },
    ]);
    expect(runOf(log, 'slow').invocations).toEqual([
      { executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'slow: timed out after 5 s' } }] },
    ]);
    expect(runOf(log, 'slow').results).toHaveLength(1);
    expect(runOf(log, 'missing').invocations[0]?.toolExecutionNotifications?.[0]?.message.text).toBe(
      'missing: command not found: no-such-tool',
    );
    expect(runOf(log, 'stopped').invocations[0]).toMatchObject({ executionSuccessful: false });
  });

  it(`keeps at most ${SARIF_MAX_RESULTS_PER_RUN} results per run, the most severe first, and says so`, () => {
    const hints = Array.from({ length: SARIF_MAX_RESULTS_PER_RUN }, (_, index) =>
      diagnostic('lint', 'a.py', { line: index + 1, severity: 'hint' }),
    );
    const errors = [diagnostic('lint', 'z.py', { line: 1 }), diagnostic('lint', 'z.py', { line: 2 })];
    const run = runOf(buildSarifLog(makeReport([hook('lint', 'failed')], [...hints, ...errors])), 'lint');
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS_PER_RUN);
    expect(run.results.filter((result) => result.level === 'error')).toHaveLength(2);
    expect(run.invocations[0]?.toolExecutionNotifications).toEqual([
      { level: 'warning', message: { text: `2 of ${SARIF_MAX_RESULTS_PER_RUN + 2} results left out: code scanning accepts at most 25000 per run` } },
    ]);
  });

  it('falls back to the rule id when a diagnostic has an empty message', () => {
    const run = runOf(buildSarifLog(makeReport([hook('lint', 'failed')], [diagnostic('lint', 'a.py', { code: 'X', message: ' ' })])), 'lint');
    expect(run.results[0]?.message.text).toBe('X');
  });
});
