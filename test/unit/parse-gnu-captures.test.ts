import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { parseGnu } from '../../engine/parse/gnu.js';
import { CAPTURE_SRC as ROOT, expectedDiagnostic, readCapture, type DiagnosticFields } from '../helpers/parse-captures.js';

const CONTEXT = { hook: 'lint', root: ROOT };

function diagnostic(fields: DiagnosticFields): Diagnostic {
  return expectedDiagnostic('lint', fields);
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
