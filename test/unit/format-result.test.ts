import { describe, expect, it } from 'vitest';
import type { FormatMode, Job, JobResult } from '../../engine/worker/contract.js';
import { judgeFormatted } from '../../engine/worker/format-result.js';
import { fillRangeWords, locateRangeWords } from '../../engine/format/range-argv.js';

function makeJob(): Job {
  return { id: 1, hook: 'fmt', argv: ['fmt'], root: '/nowhere', files: ['src/a.js'], env: {}, timeoutMs: 1_000, outputCapBytes: 1_000, parser: { type: 'none' }, okExitCodes: [0], failOnDiagnostics: false };
}

function makePassed(output = ''): JobResult {
  return { id: 1, hook: 'fmt', status: 'passed', exitCode: 0, signal: null, durationMs: 1, output, truncated: false, diagnostics: [], reason: null };
}

function judge(mode: FormatMode, input: string, stdout: string, judged = makePassed()): Promise<JobResult> {
  return judgeFormatted(makeJob(), { mode }, input, { stdout, truncated: false }, judged);
}

describe('a formatter judged in check mode', () => {
  it('passes when its output is the file', async () => {
    expect(await judge('check', 'a = 1\n', 'a = 1\n')).toMatchObject({ status: 'passed', diagnostics: [] });
  });

  it('fails with a unified diff and a finding at each changed hunk when its output differs', async () => {
    const input = ['x=1', ...Array.from({ length: 10 }, (_, i) => `ok${i}`), 'y=2', ''].join('\n');
    const result = await judge('check', input, input.replace('x=1', 'x = 1').replace('y=2', 'y = 2'), makePassed('warning: slow\n'));
    expect(result.status).toBe('failed');
    expect(result.reason).toBe('not formatted');
    expect(result.output).toBe(
      [
        '--- a/src/a.js',
        '+++ b/src/a.js',
        '@@ -1,4 +1,4 @@',
        '-x=1',
        '+x = 1',
        ' ok0',
        ' ok1',
        ' ok2',
        '@@ -9,4 +9,4 @@',
        ' ok7',
        ' ok8',
        ' ok9',
        '-y=2',
        '+y = 2',
        'warning: slow',
        '',
      ].join('\n'),
    );
    expect(result.diagnostics.map((finding) => [finding.file, finding.line, finding.severity])).toEqual([
      ['src/a.js', 1, 'warning'],
      ['src/a.js', 12, 'warning'],
    ]);
  });

  it('marks a missing final newline in the diff', async () => {
    const result = await judge('check', 'a', 'a\n');
    expect(result.output).toContain('-a\n\\ No newline at end of file\n+a\n');
  });

  it('fails a formatter that printed nothing for a file that is not empty, whatever the mode', async () => {
    for (const mode of ['check', 'write', 'print'] as const) {
      const result = await judge(mode, 'a = 1\n', '');
      expect(result.status).toBe('failed');
      expect(result.reason).toMatch(/^printed nothing for a file that is not empty/);
      expect(result.formatted).toBeUndefined();
    }
  });

  it('takes an empty output for a file of whitespace only', async () => {
    expect(await judge('print', ' \n\n', '')).toMatchObject({ status: 'passed', formatted: '' });
    expect((await judge('check', '', '')).status).toBe('passed');
  });

  it('keeps a failed tool failed, with its output, and never returns its text', async () => {
    const failed: JobResult = { ...makePassed(''), status: 'failed', exitCode: 2, reason: 'exit code 2' };
    const result = await judgeFormatted(makeJob(), { mode: 'print' }, 'a(\n', { stdout: 'SyntaxError at 1:3\n', truncated: false }, failed);
    expect(result).toMatchObject({ status: 'failed', reason: 'exit code 2', output: 'SyntaxError at 1:3\n' });
    expect(result.formatted).toBeUndefined();
  });

  it('refuses an output cut at the cap', async () => {
    const result = await judgeFormatted(makeJob(), { mode: 'print' }, 'a\n', { stdout: 'a', truncated: true }, makePassed());
    expect(result.status).toBe('error');
  });
});

describe('range placeholders', () => {
  const TEMPLATE = ['ruff', 'format', '--range={range_start_line}:{range_start_column}-{range_end_line}:{range_end_column}', '--stdin-filename', '{file}', '--start={range_start}', '--end={range_end}'];

  it('are replaced only in the template words, wherever the file went', () => {
    const placed = ['ruff', 'format', TEMPLATE[2] ?? '', '--stdin-filename', '--', '{range_start}.py', '--start={range_start}', '--end={range_end}'];
    const words = locateRangeWords(TEMPLATE, placed.length);
    expect(words).toEqual([2, 6, 7]);
    const text = 'a = 1\n😀b = 2\r\nc\n';
    const start = text.indexOf('b');
    expect(fillRangeWords(placed, words, text, { start, end: start + 5 })).toEqual([
      'ruff', 'format', '--range=2:2-2:7', '--stdin-filename', '--', '{range_start}.py', `--start=${start}`, `--end=${start + 5}`,
    ]);
  });

  it('cover the whole text without a range', () => {
    const words = locateRangeWords(TEMPLATE, TEMPLATE.length);
    expect(fillRangeWords(TEMPLATE, words, 'ab\ncd', undefined)[2]).toBe('--range=1:1-2:3');
    expect(fillRangeWords(TEMPLATE, words, '', undefined).slice(5)).toEqual(['--start=0', '--end=0']);
  });
});
