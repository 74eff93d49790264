import { describe, expect, it } from 'vitest';
import { decodeName, escapeInvalidBytes } from '../../engine/files/non-utf8.js';
import { reportNonUtf8Files, skipHook, summarizeHook } from '../../engine/report/hook-report.js';

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

describe('escapeInvalidBytes', () => {
  it('writes each byte that is not UTF-8 as \\xNN and keeps the rest as text', () => {
    expect(escapeInvalidBytes(bytes('a', [0xff], '.txt'))).toBe('a\\xff.txt');
    expect(escapeInvalidBytes(bytes([0x80, 0x0a], 'x', [0xfe]))).toBe('\\x80\nx\\xfe');
  });

  it('keeps valid multi-byte characters and escapes a truncated or overlong one byte by byte', () => {
    expect(escapeInvalidBytes(bytes('é日', [0xe6, 0x97], '.py'))).toBe('é日\\xe6\\x97.py');
    expect(escapeInvalidBytes(bytes([0xc0, 0xaf]))).toBe('\\xc0\\xaf');
    // A lone surrogate encoded as UTF-8 (CESU) is not UTF-8 either.
    expect(escapeInvalidBytes(bytes([0xed, 0xa0, 0x80]))).toBe('\\xed\\xa0\\x80');
  });

  it('leaves a valid name as it is', () => {
    expect(escapeInvalidBytes(bytes('ünïcødé 日本.py'))).toBe('ünïcødé 日本.py');
  });
});

describe('decodeName', () => {
  it('gives a UTF-8 name as its text, with nothing to report', () => {
    expect(decodeName(bytes('new\nline "q".txt'))).toEqual({ path: 'new\nline "q".txt', nonUtf8: null });
  });

  it('gives a name that is not UTF-8 the text globs see (U+FFFD) and the text messages show', () => {
    expect(decodeName(bytes('d', [0xff], '/a.txt'))).toEqual({
      path: 'd\uFFFD/a.txt',
      nonUtf8: { path: 'd\uFFFD/a.txt', shown: 'd\\xff/a.txt' },
    });
  });
});

describe('reportNonUtf8Files', () => {
  it('turns a hook that passed on its other files into an error naming the file', () => {
    const passed = summarizeHook({ name: 'nobad', files: 1, results: [], cached: [{ ok: true, diagnostics: [] }], filesCached: 1, filesRun: 0, modified: [], startMs: null, endMs: null });
    expect(reportNonUtf8Files(passed, ['a\\xff.txt'])).toMatchObject({
      status: 'error',
      files: 2,
      reason: 'a\\xff.txt: gauntlet cannot pass file names that are not UTF-8 to a hook (rename the file, or exclude it in the hook)',
    });
  });

  it('names three files at most and keeps the reason the hook had', () => {
    const failed = { ...skipHook('nobad', 2, 'x'), status: 'failed' as const, reason: 'exit code 2' };
    const report = reportNonUtf8Files(failed, ['a\\xff', 'b\\xff', 'c\\xff', 'd\\xff']);
    expect(report.reason).toBe(
      'a\\xff, b\\xff, c\\xff, ...: gauntlet cannot pass file names that are not UTF-8 to a hook (rename the 4 files, or exclude them in the hook); exit code 2',
    );
    expect(report.status).toBe('error');
  });

  it('leaves the report alone when there is no such file', () => {
    const skipped = skipHook('nobad', 0, 'no matching files');
    expect(reportNonUtf8Files(skipped, [])).toBe(skipped);
  });
});
