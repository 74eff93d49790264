import { describe, expect } from 'vitest';
import { hookOf, type MakeRepo, repoTest as it, splitLines, TempRepo } from '../helpers/e2e.js';
import { fixtureHook } from '../helpers/paths.js';

// eslint-disable-next-line no-control-regex -- looking for escape sequences is the point
const ANSI_ESCAPE = /\x1b/;
const SUMMARY_LINE = /^\d+ passed, \d+ failed(, \d+ (timed out|errored|cancelled|skipped))* in \d+(ms|\.\d\ds) \(\d+ workers?\)$/;

/** A passing hook (with raw output and a warning), a failing one, and a skipped one. */
async function makeTextRepo(makeRepo: MakeRepo): Promise<TempRepo> {
  const repo = await makeRepo();
  repo.write('a.py');
  repo.write('src/b.py');
  repo.writeConfig({
    hooks: [
      {
        name: 'chatty',
        command: [fixtureHook('print-exit.sh'), '0', 'raw output marker', 'notes.md:7:3: warning: consider a heading [MD001]'],
        pass_files: false,
        always_run: true,
      },
      { name: 'lint', command: [fixtureHook('report-each.sh'), 'bad thing'], files: ['*.py'] },
      { name: 'rust', command: ['cargo', 'check'], files: ['*.rs'] },
    ],
  });
  return repo;
}

describe.concurrent('text output', () => {
  it('prints a line per hook, the diagnostics as path:line:col severity message [hook], and a summary', async ({ makeRepo }) => {
    const repo = await makeTextRepo(makeRepo);
    // --serial: no hook is split into batches, so the reasons are predictable.
    const result = await repo.run(['run', '--serial']);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const lines = splitLines(result.stdout);
    const hookLines = lines.filter((line) => /^(pass|FAIL|TIME|ERR |stop|skip) {2}\S/.test(line));
    expect(hookLines).toHaveLength(3);
    expect(hookLines.filter((line) => line.startsWith('pass  chatty  '))).toHaveLength(1);
    expect(hookLines.find((line) => line.startsWith('pass  chatty'))).toMatch(/^pass {2}chatty {2}\d+(ms|\.\d\ds) {2}1 diagnostic$/);
    expect(hookLines.find((line) => line.startsWith('FAIL  lint'))).toMatch(/^FAIL {2}lint {2}\d+(ms|\.\d\ds) {2}2 diagnostics {2}\(exit code 1\)$/);
    expect(hookLines.find((line) => line.startsWith('skip  rust'))).toBe('skip  rust  (no matching files)');

    expect(lines).toContain('a.py:1:1 error bad thing [lint]');
    expect(lines).toContain('src/b.py:1:1 error bad thing [lint]');
    expect(lines).toContain('notes.md:7:3 warning MD001 consider a heading [chatty]');
    // Grouped by file, in path order.
    expect(lines.indexOf('a.py:1:1 error bad thing [lint]')).toBeLessThan(lines.indexOf('notes.md:7:3 warning MD001 consider a heading [chatty]'));
    expect(lines.indexOf('notes.md:7:3 warning MD001 consider a heading [chatty]')).toBeLessThan(lines.indexOf('src/b.py:1:1 error bad thing [lint]'));

    const summary = lines.at(-1) ?? '';
    expect(summary).toMatch(SUMMARY_LINE);
    expect(summary).toMatch(/^1 passed, 1 failed, 1 skipped in /);
    // Raw output of a passing hook only shows with -v.
    expect(result.stdout).not.toContain('raw output marker');
  });

  it('prints no ANSI escapes when stdout is not a terminal, even with CI set', async ({ makeRepo }) => {
    const repo = await makeTextRepo(makeRepo);
    const result = await repo.run(['run', '-v'], { env: { CI: 'true', TERM: 'xterm-256color', FORCE_COLOR: undefined, NO_COLOR: undefined } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  lint');
    expect(result.stdout).not.toMatch(ANSI_ESCAPE);
    expect(result.stderr).not.toMatch(ANSI_ESCAPE);
  });

  it('prints only failures with -q', async ({ makeRepo }) => {
    const repo = await makeTextRepo(makeRepo);
    const result = await repo.run(['run', '-q']);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL {2}lint\b/m);
    expect(result.stdout).toContain('a.py:1:1 error bad thing [lint]');
    expect(result.stdout).not.toMatch(/^pass /m);
    expect(result.stdout).not.toMatch(/^skip /m);
    expect(result.stdout).not.toContain('[chatty]');
    expect(result.stdout).not.toContain('raw output marker');
  });

  it('prints nothing but the summary with -q when everything passes', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [{ name: 'ok', command: [fixtureHook('print-exit.sh'), '0', 'x.py:1:1: warning: meh'], pass_files: false, always_run: true }] });
    const result = await repo.run(['run', '-q']);
    expect(result.code).toBe(0);
    const lines = splitLines(result.stdout);
    expect(lines.every((line) => SUMMARY_LINE.test(line))).toBe(true);
  });

  it("includes each hook's raw output with -v", async ({ makeRepo }) => {
    const repo = await makeTextRepo(makeRepo);
    const result = await repo.run(['run', '-v']);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    const chatty = lines.findIndex((line) => line.startsWith('pass  chatty'));
    expect(chatty).toBeGreaterThanOrEqual(0);
    expect(lines[chatty + 1]).toBe('    raw output marker');
    expect(result.stdout).toContain('    a.py:1:1: error: bad thing');
  });

  it('shows the tail of the output of a failing hook without diagnostics', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [{ name: 'broken', command: [fixtureHook('print-exit.sh'), '3', 'something went wrong'], pass_files: false, always_run: true }] });
    const result = await repo.run(['run']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL {2}broken {2}.*\(exit code 3\)$/m);
    expect(result.stdout).toContain('    something went wrong');
  });

  it("escapes terminal control sequences in a hook's output and diagnostics, and keeps them raw in the JSON report", async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('a.py');
    const title = '\x1b]0;owned\x07';
    repo.writeConfig({
      hooks: [
        { name: 'noisy', command: [fixtureHook('print-exit.sh'), '0', `${title}clear\x1b[2J`, '\x1b[31mred\x1b[0m\tcell\rback'], pass_files: false, always_run: true },
        { name: 'lint', command: [fixtureHook('report-each.sh'), `bad ${title}thing`], files: ['*.py'] },
      ],
    });
    const result = await repo.run(['run', '-v']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(ANSI_ESCAPE);
    expect(result.stdout).not.toContain('\x07');
    expect(result.stdout).toContain('    \\x1b]0;owned\\x07clear\\x1b[2J\n');
    // Colour is off (not a terminal): the colour codes go, the tab stays, the carriage return is shown.
    expect(result.stdout).toContain('    red\tcell\\x0dback\n');
    expect(result.stdout).toContain('a.py:1:1 error bad \\x1b]0;owned\\x07thing [lint]');

    const { report } = await repo.runJson(['--no-cache']);
    expect(hookOf(report, 'noisy').output).toContain(`${title}clear\x1b[2J`);
    expect(report.diagnostics.map((d) => d.message)).toContain(`bad ${title}thing`);
  });

  it('escapes terminal control sequences in a file name quoted by an error line', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [{ name: 'ok', command: ['true'] }] });
    const run = await repo.run(['run', 'x\x1b]0;owned\x07.txt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('gauntlet: x\\x1b]0;owned\\x07.txt: no such file or directory\n');
  });

  it('prints only the JSON report on stdout with --format json', async ({ makeRepo }) => {
    const repo = await makeTextRepo(makeRepo);
    const { result, report } = await repo.runJson([]);
    expect(result.code).toBe(1);
    expect(result.stdout.trimStart().startsWith('{')).toBe(true);
    expect(report.summary.hooks).toBe(3);
  });
});

describe.concurrent('output capture', () => {
  it('caps a hook that prints 50 MB and marks the truncation', { timeout: 30_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [{ name: 'flood', command: ['node', fixtureHook('flood.js'), '50'], pass_files: false, always_run: true }] });

    const { result, report } = await repo.runJson([]);

    expect(result.code).toBe(0);
    const flood = hookOf(report, 'flood');
    expect(flood.status).toBe('passed');
    expect(flood.output.length).toBeGreaterThan(1_000_000);
    expect(flood.output.length).toBeLessThan(2_100_000);
    expect(flood.output).toMatch(/\[gauntlet: output truncated, \d+ more bytes dropped\]/);
    // stderr is kept next to the capped stdout.
    expect(flood.output).toContain('flooding');
    expect(result.stdout.length).toBeLessThan(2_200_000);
  });
});
