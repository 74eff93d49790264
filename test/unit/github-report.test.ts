import { describe, expect, it } from 'vitest';
import type { DiagnosticReport, HookReport, RunReport } from '../../protocol/report.js';
import { ANNOTATIONS_PER_KIND_PER_STEP, renderGithubCommands } from '../../server/cli/render-github.js';
import { makeDiagnosticReport, makeHookReport, makeRunReport } from '../helpers/report-fixtures.js';

function hook(name: string, status: HookReport['status'], fields: Partial<HookReport> = {}): HookReport {
  return makeHookReport(name, status, { files: 1, durationMs: 5 }, fields);
}

function diagnostic(hookName: string, fields: Partial<DiagnosticReport> = {}): DiagnosticReport {
  return makeDiagnosticReport(hookName, 'a.py', { code: 'X1', message: 'bad' }, fields);
}

function render(hooks: HookReport[], diagnostics: DiagnosticReport[]): string[] {
  const report: RunReport = makeRunReport('/repo', 1_500, hooks, diagnostics);
  return renderGithubCommands(report).trimEnd().split('\n');
}

const commandsOf = (lines: string[], name: string): string[] => lines.filter((line) => line.startsWith(`::${name} `) || line.startsWith(`::${name}::`));

describe('--format github: workflow commands', () => {
  it.each([
    ['error', '::error file=a.py,line=3,col=5,title=lint%3A X1::bad'],
    ['warning', '::warning file=a.py,line=3,col=5,title=lint%3A X1::bad'],
    ['info', '::notice file=a.py,line=3,col=5,title=lint%3A X1::bad'],
    ['hint', '::notice file=a.py,line=3,col=5,title=lint%3A X1::bad'],
  ] as const)('annotates a diagnostic of severity %s as %j', (severity, line) => {
    expect(render([hook('lint', 'failed')], [diagnostic('lint', { severity })])).toContain(line);
  });

  it.each([
    ['a span on one line', { line: 2, column: 4, end_line: 2, end_column: 9 }, 'file=a.py,line=2,col=4,endLine=2,endColumn=9'],
    ['a span over lines, whose columns GitHub refuses', { line: 2, column: 4, end_line: 5, end_column: 1 }, 'file=a.py,line=2,endLine=5'],
    ['no column', { line: 7, column: null }, 'file=a.py,line=7'],
    ['line 0', { line: 0, column: 0 }, 'file=a.py,line=1'],
    ['an end column without a column', { column: null, end_column: 8 }, 'file=a.py,line=3'],
    ['a file name with a comma and a colon', { file: 'a,b:c.py' }, 'file=a%2Cb%3Ac.py,line=3,col=5'],
  ])('places %s', (_, fields, properties) => {
    expect(render([hook('lint', 'failed')], [diagnostic('lint', fields)])).toContain(`::error ${properties},title=lint%3A X1::bad`);
  });

  it('titles a diagnostic without a code by its hook and escapes its message as data', () => {
    const lines = render([hook('lint', 'failed')], [diagnostic('lint', { code: null, message: '100% wrong\nsee: here, there' })]);
    expect(lines).toContain('::error file=a.py,line=3,col=5,title=lint::100%25 wrong%0Asee: here, there');
  });

  it('groups each hook in report order, with its status, and ends with the summary line', () => {
    const lines = render(
      [hook('b', 'failed'), hook('a', 'passed'), hook('c', 'skipped', { reason: 'no files' })],
      [diagnostic('b'), diagnostic('b', { line: 4 })],
    );
    expect(commandsOf(lines, 'group')).toEqual(['::group::b — failed (2 diagnostics)', '::group::a — passed', '::group::c — skipped']);
    expect(lines.filter((line) => line === '::endgroup::')).toHaveLength(3);
    expect(lines).toContain('  reason: no files');
    expect(lines.at(-1)).toBe('0 passed, 0 failed in 1.50s (2 workers)');
  });

  it('gives a hook that failed, timed out or errored without diagnostics one error with its reason, and its output', () => {
    const lines = render(
      [
        hook('crash', 'failed', { reason: 'exited with code 2', output: 'one\n::error::forged\n' }),
        hook('slow', 'timeout', { reason: 'timed out after 5 s' }),
        hook('gone', 'error', { reason: 'command not found: x' }),
        hook('stop', 'cancelled', { reason: 'cancelled by --fail-fast' }),
      ],
      [],
    );
    expect(commandsOf(lines, 'error')).toEqual([
      '::error title=crash::exited with code 2',
      '::error title=slow::timed out after 5 s',
      '::error title=gone::command not found: x',
    ]);
    expect(lines).toContain('  | one');
    expect(lines).toContain('  | ::error::forged');
    expect(lines).toContain('  reason: cancelled by --fail-fast');
  });

  it('annotates at most 10 of each kind, errors of failed hooks first, lists the rest and counts them', () => {
    const passing = Array.from({ length: 5 }, (_, index) => diagnostic('warn', { line: index + 1, message: `passing ${index}` }));
    const failing = Array.from({ length: 12 }, (_, index) => diagnostic('lint', { line: index + 1, message: `failing ${index}` }));
    const warnings = Array.from({ length: 11 }, (_, index) => diagnostic('lint', { line: index + 1, severity: 'warning', message: `w ${index}` }));
    const notes = Array.from({ length: 3 }, (_, index) => diagnostic('lint', { line: index + 1, severity: 'info', message: `n ${index}` }));
    const lines = render([hook('warn', 'passed'), hook('lint', 'failed'), hook('crash', 'error', { reason: 'no such tool' })], [
      ...passing,
      ...failing,
      ...warnings,
      ...notes,
    ]);
    const errors = commandsOf(lines, 'error');
    expect(errors).toHaveLength(ANNOTATIONS_PER_KIND_PER_STEP);
    // The silent failure and the failed hook's first errors; the passing hook's errors wait (in report order, by group).
    expect(errors).toContain('::error title=crash::no such tool');
    expect(errors.filter((line) => /::failing [0-8]$/.test(line))).toHaveLength(9);
    expect(commandsOf(lines, 'warning')).toHaveLength(ANNOTATIONS_PER_KIND_PER_STEP);
    expect(commandsOf(lines, 'notice')).toHaveLength(3);
    // Nothing is lost: every diagnostic not annotated is a plain line of its group.
    expect(lines.filter((line) => line.startsWith('  - '))).toHaveLength(5 + 3 + 1);
    expect(lines).toContain('  - a.py:1:5 error X1 passing 0');
    expect(lines).toContain('  - a.py:11:5 warning X1 w 10');
    expect(lines.at(-2)).toMatch(/^gauntlet: 9 of 32 findings not annotated: GitHub shows at most 10 error, 10 warning and 10 notice annotations per step/);
  });

  it('says nothing of annotations when every finding is annotated', () => {
    const lines = render([hook('lint', 'failed')], [diagnostic('lint')]);
    expect(lines.some((line) => line.includes('not annotated'))).toBe(false);
  });

  it('keeps a tool\'s text in plain lines from being read as a command', () => {
    const many = Array.from({ length: 11 }, (_, index) => diagnostic('lint', { line: index + 1 }));
    const forged = diagnostic('lint', { file: '::warning::x.py', line: 20, message: 'a ##[add-mask]secret' });
    const lines = render([hook('lint', 'failed')], [...many, forged]);
    expect(lines).toContain('  - ::warning::x.py:20:5 error X1 a ##\\[add-mask]secret');
    expect(lines.filter((line) => line.trimStart().startsWith('::warning'))).toEqual([]);
  });
});
