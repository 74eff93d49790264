import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { parseGnu, parseGnuLine } from '../../engine/parse/gnu.js';
import { parseOutput } from '../../engine/parse/parse-output.js';
import { CAPTURE_SRC as ROOT, expectedDiagnostic, readCapture, type DiagnosticFields } from '../helpers/parse-captures.js';

const CONTEXT = { hook: 'lint', root: ROOT };

function diagnostic(fields: DiagnosticFields): Diagnostic {
  return expectedDiagnostic('lint', fields);
}

describe('parseGnuLine', () => {
  it('reads "fatal error" as one severity word', () => {
    expect(parseGnuLine('a.c:1:10: fatal error: missing.h: No such file or directory', CONTEXT)).toEqual(
      diagnostic({ file: 'a.c', line: 1, column: 10, message: 'missing.h: No such file or directory' }),
    );
  });

  it('recognises severity words in any case', () => {
    expect(parseGnuLine('a.sh:3:1: WARNING: x', CONTEXT)?.severity).toBe('warning');
    expect(parseGnuLine('a.sh:3:1: Warn: x', CONTEXT)?.severity).toBe('warning');
    expect(parseGnuLine('a.sh:3:1: style: x', CONTEXT)?.severity).toBe('hint');
    expect(parseGnuLine('a.sh:3:1: hint: x', CONTEXT)?.severity).toBe('hint');
    expect(parseGnuLine('a.sh:3:1: Info: x', CONTEXT)?.severity).toBe('info');
  });

  it("reads pylint's text format with a colon after the code", () => {
    expect(parseGnuLine('file.py:11:4: W0612: Unused variable (unused-variable)', CONTEXT)).toEqual(
      diagnostic({
        file: 'file.py',
        line: 11,
        column: 4,
        severity: 'warning',
        code: 'W0612',
        message: 'Unused variable (unused-variable)',
      }),
    );
  });

  it('treats column 0 as unknown', () => {
    expect(parseGnuLine('file.py:12:0: C0301: Line too long', CONTEXT)?.column).toBeNull();
  });

  it('skips line 0', () => {
    expect(parseGnuLine('a.py:0:1: E999 bad', CONTEXT)).toBeNull();
  });

  it('skips clock times and ISO timestamps', () => {
    expect(parseGnuLine('12:30:45 something happened', CONTEXT)).toBeNull();
    expect(parseGnuLine('[12:30:45] something happened', CONTEXT)).toBeNull();
    expect(parseGnuLine('2024-05-01T12:30:45Z started', CONTEXT)).toBeNull();
  });

  it('skips URLs with a port', () => {
    expect(parseGnuLine('http://x:80:/path', CONTEXT)).toBeNull();
    expect(parseGnuLine('https://example.com:443/index.html', CONTEXT)).toBeNull();
  });

  it('skips lines whose file would start with whitespace', () => {
    expect(parseGnuLine(' a.py:3:1: E1 x', CONTEXT)).toBeNull();
    expect(parseGnuLine('\ta.py:3: error: x', CONTEXT)).toBeNull();
  });

  it('skips lines with whitespace before the line number', () => {
    expect(parseGnuLine('Found 3 errors in 1 file: 12: x', CONTEXT)).toBeNull();
  });

  it('defaults to error when no severity word or code is given', () => {
    expect(parseGnuLine('notes.txt:4:remember the milk', CONTEXT)).toEqual(
      diagnostic({ file: 'notes.txt', line: 4, message: 'remember the milk' }),
    );
  });

  it('passes file names through toRepoPath', () => {
    expect(parseGnuLine('./src/../a.py:3: error: x', CONTEXT)?.file).toBe('a.py');
    expect(parseGnuLine(`${ROOT}/lib/b.py:3: error: x`, CONTEXT)?.file).toBe('lib/b.py');
  });
});

describe('parseGnu', () => {
  it('reads output with CRLF line ends', () => {
    expect(parseGnu('a.py:1:2: E1 x\r\nb.py:3:4: W2 y\r\n', CONTEXT)).toEqual([
      diagnostic({ file: 'a.py', line: 1, column: 2, code: 'E1', message: 'x' }),
      diagnostic({ file: 'b.py', line: 3, column: 4, severity: 'warning', code: 'W2', message: 'y' }),
    ]);
  });

  it('gives nothing for empty output', () => {
    expect(parseGnu('', CONTEXT)).toEqual([]);
  });
});

describe('parseOutput', () => {
  it('gives no diagnostics for parser none, whatever the output', async () => {
    expect(await parseOutput({ type: 'none' }, readCapture('flake8.txt'), CONTEXT)).toEqual([]);
  });

  it('dispatches gnu specs to the gnu parser', async () => {
    const output = readCapture('shellcheck.txt');
    expect(await parseOutput({ type: 'gnu' }, output, CONTEXT)).toEqual(parseGnu(output, CONTEXT));
  });
});
