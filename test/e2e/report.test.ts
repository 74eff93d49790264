import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import { hookOf, type MakeRepo, repoTest as it, TempRepo } from '../helpers/e2e.js';
import { fixtureHook } from '../helpers/paths.js';

const HOOK_FIELDS = [
  'batches',
  'diagnostics',
  'duration_ms',
  'end_ms',
  'exit_code',
  'files',
  'name',
  'output',
  'reason',
  'start_ms',
  'status',
];

const DIAGNOSTIC_FIELDS = ['code', 'column', 'end_column', 'end_line', 'file', 'hook', 'line', 'message', 'severity'];

/** A repository with a passing, a failing, a warning-only, a skipped and an unstartable hook. */
async function makeMixedRepo(makeRepo: MakeRepo): Promise<TempRepo> {
  const repo = await makeRepo();
  repo.write('a.py', 'print(1)\n');
  repo.write('src/b.py', 'print(2)\n');
  repo.write('README.md', '# readme\n');
  repo.writeConfig({
    hooks: [
      { name: 'pass', command: [fixtureHook('print-exit.sh'), '0', 'all good'], files: ['*.py'], pass_files: false },
      { name: 'lint', command: [fixtureHook('report-each.sh'), 'bad thing'], files: ['*.py'] },
      {
        name: 'warn',
        command: [
          fixtureHook('print-exit.sh'),
          '0',
          'src/app.py:12:5: warning: line too long [E501]',
          `${repo.root}/src/abs.py:3:1: note: named by an absolute path`,
          'Found 2 problems',
        ],
        pass_files: false,
        always_run: true,
      },
      { name: 'rust', command: ['cargo', 'check'], files: ['*.rs'] },
      { name: 'missing', command: ['no-such-tool-gauntlet-e2e', '--check'], pass_files: false, always_run: true },
    ],
  });
  return repo;
}

describe.concurrent('the JSON report', () => {
  it('has the documented shape and values for passing, failing, skipped and unstartable hooks', async ({ makeRepo }) => {
    const repo = await makeMixedRepo(makeRepo);
    // --serial: one worker, so no hook is split into batches and every value is predictable.
    const { result, report } = await repo.runJson(['--serial']);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(report.schema).toBe('gauntlet-report/1');
    expect(report.ok).toBe(false);
    expect(report.root).toBe(repo.root);
    expect(Number.isInteger(report.wall_ms) && report.wall_ms >= 0).toBe(true);
    expect(report.max_workers).toBe(1);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['diagnostics', 'hooks', 'max_workers', 'ok', 'root', 'schema', 'summary', 'wall_ms']),
    );
    expect(report.hooks.map((hook) => hook.name).sort()).toEqual(['lint', 'missing', 'pass', 'rust', 'warn']);
    for (const hook of report.hooks) expect(Object.keys(hook)).toEqual(expect.arrayContaining(HOOK_FIELDS));

    expect(hookOf(report, 'pass')).toMatchObject({
      status: 'passed',
      exit_code: 0,
      files: 2,
      batches: 1,
      diagnostics: 0,
      output: 'all good\n',
      reason: null,
    });
    expect(hookOf(report, 'lint')).toMatchObject({
      status: 'failed',
      exit_code: 1,
      files: 2,
      batches: 1,
      diagnostics: 2,
      output: 'a.py:1:1: error: bad thing\nsrc/b.py:1:1: error: bad thing\n',
      reason: 'exit code 1',
    });
    expect(hookOf(report, 'warn')).toMatchObject({ status: 'passed', exit_code: 0, diagnostics: 2, reason: null });
    expect(hookOf(report, 'rust')).toMatchObject({
      name: 'rust',
      status: 'skipped',
      start_ms: null,
      end_ms: null,
      duration_ms: 0,
      exit_code: null,
      files: 0,
      batches: 0,
      diagnostics: 0,
      output: '',
      reason: 'no matching files',
    });
    const missing = hookOf(report, 'missing');
    expect(missing).toMatchObject({ status: 'error', exit_code: null, batches: 1, diagnostics: 0 });
    expect(missing.reason).toMatch(/^command not found: no-such-tool-gauntlet-e2e\b/);
    expect(missing.reason).not.toContain('\n');

    for (const hook of report.hooks.filter((entry) => entry.status !== 'skipped')) {
      const { start_ms: start, end_ms: end } = hook;
      if (start === null || end === null) throw new Error(`${hook.name} ran but has no start or end`);
      expect(Number.isInteger(start) && start >= 0).toBe(true);
      expect(end).toBeGreaterThanOrEqual(start);
      expect(end).toBeLessThanOrEqual(report.wall_ms);
      expect(Number.isInteger(hook.duration_ms) && hook.duration_ms >= 0).toBe(true);
      // The processes ran inside the hook's span (rounding aside).
      expect(hook.duration_ms).toBeLessThanOrEqual(end - start + 2);
    }

    for (const diagnostic of report.diagnostics) expect(Object.keys(diagnostic)).toEqual(expect.arrayContaining(DIAGNOSTIC_FIELDS));
    expect(report.diagnostics).toEqual([
      { hook: 'lint', file: 'a.py', line: 1, column: 1, end_line: null, end_column: null, severity: 'error', code: null, message: 'bad thing' },
      { hook: 'warn', file: 'src/abs.py', line: 3, column: 1, end_line: null, end_column: null, severity: 'info', code: null, message: 'named by an absolute path' },
      { hook: 'warn', file: 'src/app.py', line: 12, column: 5, end_line: null, end_column: null, severity: 'warning', code: 'E501', message: 'line too long' },
      { hook: 'lint', file: 'src/b.py', line: 1, column: 1, end_line: null, end_column: null, severity: 'error', code: null, message: 'bad thing' },
    ]);
    expect(report.summary).toMatchObject({ hooks: 5, passed: 2, failed: 1, timed_out: 0, errored: 1, cancelled: 0, skipped: 1 });
  });

  it('is ok with exit code 0 when every hook passed or was skipped', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('a.py');
    repo.writeConfig({
      hooks: [
        { name: 'pass', command: [fixtureHook('print-exit.sh'), '0'], files: ['*.py'] },
        { name: 'rust', command: ['cargo', 'check'], files: ['*.rs'] },
      ],
    });
    const { result, report } = await repo.runJson([]);
    expect(result.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.summary).toMatchObject({ hooks: 2, passed: 1, failed: 0, timed_out: 0, errored: 0, cancelled: 0, skipped: 1 });
  });

  it('reports a hook whose program is not executable as an error with a one-line reason', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [{ name: 'noexec', command: [fixtureHook('not-executable.sh')], pass_files: false, always_run: true }] });
    const { result, report } = await repo.runJson([]);
    expect(result.code).toBe(1);
    const hook = hookOf(report, 'noexec');
    expect(hook.status).toBe('error');
    expect(hook.reason).toMatch(/^permission denied: /);
    expect(hook.reason).not.toContain('\n');
  });

  it('takes max_workers from the config unless -j or --serial overrides it', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({
      max_workers: 1,
      hooks: ['one', 'two', 'three'].map((name) => ({
        name,
        command: [fixtureHook('sleep-exit.sh'), '0.01'],
        pass_files: false,
        always_run: true,
      })),
    });
    expect((await repo.runJson([])).report.max_workers).toBe(1);
    expect((await repo.runJson(['-j', '3'])).report.max_workers).toBe(3);
    expect((await repo.runJson(['-j', '3', '--serial'])).report.max_workers).toBe(1);
  });

  it('judges hooks by ok_exit_codes and fail_on_diagnostics, and parses output with a regex parser', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({
      hooks: [
        { name: 'grep-like', command: [fixtureHook('print-exit.sh'), '1'], pass_files: false, always_run: true, ok_exit_codes: [1] },
        {
          name: 'strict',
          command: [fixtureHook('print-exit.sh'), '0', 'a.py:2:4: warning: unused import'],
          pass_files: false,
          always_run: true,
          fail_on_diagnostics: true,
        },
        {
          name: 'custom',
          command: [fixtureHook('print-exit.sh'), '0', 'WARN lib/x.ts@7,9: [no-any] avoid any', 'noise line'],
          pass_files: false,
          always_run: true,
          parser: { regex: '^(?<severity>WARN|ERR) (?<file>[^@]+)@(?<line>\\d+),(?<column>\\d+): \\[(?<code>[^\\]]+)\\] (?<message>.*)$' },
        },
        {
          name: 'env',
          command: ['sh', '-c', 'test "$E2E_WORD" = "hello" && test "$E2E_NUMBER" = "3"'],
          pass_files: false,
          always_run: true,
          env: { E2E_WORD: 'hello', E2E_NUMBER: 3 },
        },
      ],
    });

    const { result, report } = await repo.runJson([]);

    expect(result.code).toBe(1);
    expect(hookOf(report, 'grep-like')).toMatchObject({ status: 'passed', exit_code: 1, reason: null });
    expect(hookOf(report, 'strict')).toMatchObject({ status: 'failed', exit_code: 0, diagnostics: 1, reason: '1 diagnostic (fail_on_diagnostics)' });
    expect(hookOf(report, 'custom')).toMatchObject({ status: 'passed', diagnostics: 1 });
    expect(hookOf(report, 'env').status).toBe('passed');
    expect(report.diagnostics.find((diagnostic) => diagnostic.hook === 'custom')).toEqual({
      hook: 'custom',
      file: 'lib/x.ts',
      line: 7,
      column: 9,
      end_line: null,
      end_column: null,
      severity: 'warning',
      code: 'no-any',
      message: 'avoid any',
    });
  });

  it('writes the JSON report to --output and the text to stdout', async ({ makeRepo }) => {
    const repo = await makeMixedRepo(makeRepo);
    const result = await repo.run(['run', '--format', 'json', '--output', 'report.json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(readFileSync(path.join(repo.root, 'report.json'), 'utf8')) as RunReport;
    expect(report.schema).toBe('gauntlet-report/1');
    expect(report.summary.hooks).toBe(5);
    expect(result.stdout).toMatch(/^FAIL {2}lint\b/m);
    expect(result.stdout).not.toContain('"schema"');
  });

  it('resolves --output against the folder gauntlet runs in', async ({ makeRepo }) => {
    const repo = await makeMixedRepo(makeRepo);
    const result = await repo.run(['run', '--format', 'json', '--output', 'report.json'], { cwd: 'src' });
    expect(result.code).toBe(1);
    expect(existsSync(path.join(repo.root, 'src', 'report.json'))).toBe(true);
  });

  it('writes the JSON report to --output also when the format is left at text', async ({ makeRepo }) => {
    const repo = await makeMixedRepo(makeRepo);
    const result = await repo.run(['run', '--output', 'report.json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL {2}lint\b/m);
    const report = JSON.parse(repo.read('report.json')) as RunReport;
    expect(report.schema).toBe('gauntlet-report/1');
    expect(report.summary.hooks).toBe(5);
  });
});
