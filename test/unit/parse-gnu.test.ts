import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { parseGnu, parseGnuLine } from '../../engine/parse/gnu.js';
import { parseOutput } from '../../engine/parse/parse-output.js';

const CAPTURES = new URL('../fixtures/parse/', import.meta.url);
// The captures were made by running each tool inside src/, so src/ is the repository root here.
const ROOT = fileURLToPath(new URL('src', CAPTURES));
const CONTEXT = { hook: 'lint', root: ROOT };

function readCapture(name: string): string {
  return readFileSync(new URL(name, CAPTURES), 'utf8');
}

/** A diagnostic of hook "lint" with the location fields defaulting to "unknown". */
function diagnostic(fields: Partial<Diagnostic> & Pick<Diagnostic, 'file' | 'line' | 'message'>): Diagnostic {
  return {
    hook: 'lint',
    column: null,
    endLine: null,
    endColumn: null,
    severity: 'error',
    code: null,
    ...fields,
  };
}

describe('parseGnu on real flake8 output', () => {
  const diagnostics = parseGnu(readCapture('flake8.txt'), CONTEXT);

  it('reads every finding flake8 printed', () => {
    expect(diagnostics).toHaveLength(8);
  });

  it("reads flake8's code and column", () => {
    expect(diagnostics[0]).toEqual(
      diagnostic({ file: 'file.py', line: 1, column: 1, code: 'F401', message: "'os' imported but unused" }),
    );
    expect(diagnostics[3]).toEqual(
      diagnostic({ file: 'file.py', line: 12, column: 80, code: 'E501', message: 'line too long (109 > 79 characters)' }),
    );
    expect(diagnostics[5]).toEqual(
      diagnostic({
        file: 'file.py',
        line: 19,
        column: 10,
        code: 'E711',
        message: "comparison to None should be 'if cond is None:'",
      }),
    );
  });

  it('keeps a colon inside the message', () => {
    expect(diagnostics[5]?.message).toBe("comparison to None should be 'if cond is None:'");
  });

  it('treats E and F codes as errors', () => {
    expect(new Set(diagnostics.map((d) => d.severity))).toEqual(new Set(['error']));
  });
});

describe('parseGnu on real mypy output', () => {
  it("takes the code from mypy's trailing [code] and drops the padding before it", () => {
    const diagnostics = parseGnu(readCapture('mypy.txt'), CONTEXT);
    expect(diagnostics[0]).toEqual(
      diagnostic({
        file: 'file.py',
        line: 16,
        code: 'arg-type',
        message: 'Argument 2 to "add" has incompatible type "str"; expected "int"',
      }),
    );
    expect(diagnostics[2]).toEqual(
      diagnostic({ file: 'file.py', line: 18, code: 'name-defined', message: 'Name "undefined_name" is not defined' }),
    );
  });

  it('reads a mypy note as info without a code', () => {
    const diagnostics = parseGnu(readCapture('mypy.txt'), CONTEXT);
    expect(diagnostics[3]).toEqual(
      diagnostic({ file: 'file.py', line: 21, severity: 'info', message: 'Revealed type is "builtins.int"' }),
    );
  });

  it('skips the "Found 3 errors" summary', () => {
    expect(parseGnu(readCapture('mypy.txt'), CONTEXT)).toHaveLength(4);
  });

  it('reads end line and end column printed by --show-error-end', () => {
    const diagnostics = parseGnu(readCapture('mypy-columns.txt'), CONTEXT);
    expect(diagnostics).toHaveLength(4);
    expect(diagnostics[0]).toEqual(
      diagnostic({
        file: 'file.py',
        line: 16,
        column: 21,
        endLine: 16,
        endColumn: 25,
        code: 'arg-type',
        message: 'Argument 2 to "add" has incompatible type "str"; expected "int"',
      }),
    );
    expect(diagnostics[3]).toMatchObject({ line: 21, column: 13, endLine: 21, endColumn: 17, severity: 'info' });
  });
});

describe('parseGnu on real shellcheck -f gcc output', () => {
  const diagnostics = parseGnu(readCapture('shellcheck.txt'), CONTEXT);

  it('reads the SC code and the severity word', () => {
    expect(diagnostics).toHaveLength(6);
    expect(diagnostics[2]).toEqual(
      diagnostic({
        file: 'script.sh',
        line: 8,
        column: 1,
        severity: 'warning',
        code: 'SC2164',
        message: "Use 'cd ... || exit' or 'cd ... || return' in case cd fails.",
      }),
    );
  });

  it('reads "note" (shellcheck prints its info and style levels so in gcc format) as info', () => {
    expect(diagnostics[1]).toEqual(
      diagnostic({
        file: 'script.sh',
        line: 6,
        column: 8,
        severity: 'info',
        code: 'SC2086',
        message: 'Double quote to prevent globbing and word splitting.',
      }),
    );
  });

  it('keeps brackets and backticks inside the message', () => {
    expect(diagnostics[5]).toEqual(
      diagnostic({
        file: 'script.sh',
        line: 9,
        column: 13,
        severity: 'info',
        code: 'SC2006',
        message: 'Use $(...) notation instead of legacy backticks `...`.',
      }),
    );
  });
});

describe('parseGnu on real pylint --output-format=parseable output', () => {
  const diagnostics = parseGnu(readCapture('pylint.txt'), CONTEXT);

  it('skips the module banner and the score', () => {
    expect(diagnostics).toHaveLength(13);
  });

  it('reads the message id as code and keeps the symbol in the message', () => {
    expect(diagnostics[2]).toEqual(
      diagnostic({
        file: 'file.py',
        line: 1,
        severity: 'warning',
        code: 'C0114',
        message: 'Missing module docstring (missing-module-docstring)',
      }),
    );
  });

  it('drops the object name between the brackets', () => {
    expect(diagnostics[7]).toEqual(
      diagnostic({
        file: 'file.py',
        line: 11,
        severity: 'warning',
        code: 'W0612',
        message: "Unused variable 'unused' (unused-variable)",
      }),
    );
  });

  it('treats E message ids as errors', () => {
    expect(diagnostics[8]).toEqual(
      diagnostic({
        file: 'file.py',
        line: 18,
        code: 'E0602',
        message: "Undefined variable 'undefined_name' (undefined-variable)",
      }),
    );
  });
});

describe('parseGnu on real grep -nH output', () => {
  it('reads a match without a column as an error whose message is the trimmed line', () => {
    expect(parseGnu(readCapture('grep.txt'), CONTEXT)).toEqual([
      diagnostic({ file: 'file.py', line: 10, message: '# TODO: use an f-string here instead of concatenation' }),
      diagnostic({ file: 'script.sh', line: 2, message: '# TODO: quote every expansion' }),
    ]);
  });
});

describe('parseGnu on real gcc output', () => {
  const diagnostics = parseGnu(readCapture('gcc.txt'), CONTEXT);

  it('skips "In function" headers and indented source excerpts', () => {
    expect(diagnostics.map((d) => `${d.line}:${d.column ?? ''}`)).toEqual(['6:18', '7:14', '8:12', '8:12', '5:9']);
  });

  it('takes the warning flag as code', () => {
    expect(diagnostics[4]).toEqual(
      diagnostic({
        file: 'file.c',
        line: 5,
        column: 9,
        severity: 'warning',
        code: '-Wunused-variable',
        message: 'unused variable ‘unused’',
      }),
    );
  });

  it('reads an error without a flag and the note that follows it', () => {
    expect(diagnostics[2]).toEqual(
      diagnostic({ file: 'file.c', line: 8, column: 12, message: '‘undeclared’ undeclared (first use in this function)' }),
    );
    expect(diagnostics[3]).toMatchObject({ severity: 'info', code: null });
  });
});

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
  it('gives no diagnostics for parser none, whatever the output', () => {
    expect(parseOutput({ type: 'none' }, readCapture('flake8.txt'), CONTEXT)).toEqual([]);
  });

  it('dispatches gnu specs to the gnu parser', () => {
    const output = readCapture('shellcheck.txt');
    expect(parseOutput({ type: 'gnu' }, output, CONTEXT)).toEqual(parseGnu(output, CONTEXT));
  });
});
