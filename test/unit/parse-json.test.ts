import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { JsonMapping } from '../../protocol/parser.js';
import { parseJsonMapping, validateJsonMapping } from '../../engine/parse/json-mapping.js';
import { parseJsonPreset } from '../../engine/parse/json-presets.js';
import { parseOutput } from '../../engine/parse/parse-output.js';

const CAPTURES = new URL('../fixtures/parse/', import.meta.url);
/** Where src/ was when the captures were made: ESLint and Pyright write absolute paths. */
const CAPTURE_ROOT = '/work/main/test/fixtures/parse/src';
const CONTEXT = { hook: 'json', root: CAPTURE_ROOT };

function readCapture(name: string): string {
  return readFileSync(new URL(name, CAPTURES), 'utf8');
}

function diagnostic(fields: Partial<Diagnostic> & Pick<Diagnostic, 'file' | 'line' | 'message'>): Diagnostic {
  return { hook: 'json', column: null, endLine: null, endColumn: null, severity: 'error', code: null, ...fields };
}

function summarize(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column ?? '-'}-${d.endLine ?? '-'}:${d.endColumn ?? '-'} ${d.severity} ${d.code ?? '-'}`);
}

function mapping(fields: Partial<JsonMapping> & Pick<JsonMapping, 'file' | 'line' | 'message'>): JsonMapping {
  return { root: null, lines: false, column: null, endLine: null, endColumn: null, severity: null, code: null, lineBase: 1, columnBase: 1, fix: null, ...fields };
}

describe('JSON presets on real tool output', () => {
  it('eslint: reads every file\'s messages, a fatal parse error included', () => {
    const diagnostics = parseJsonPreset('eslint', readCapture('eslint.json'), CONTEXT);
    expect(summarize(diagnostics)).toEqual([
      'broken.js:2:3--:- error -',
      'file.js:1:7-1:13 error no-unused-vars',
      'file.js:2:1-2:15 warning no-var',
      'file.js:5:13-5:15 warning eqeqeq',
      'file.js:6:5-6:14 error no-debugger',
    ]);
    expect(diagnostics[0]?.message).toBe("Parsing error: Unexpected keyword 'return'");
  });

  it('biome: reads the JSON reporter and skips the notice it writes to stderr', () => {
    const output = `${readCapture('biome-report.json')}\n${readCapture('biome-report.stderr.txt')}`;
    const diagnostics = parseJsonPreset('biome', output, CONTEXT);
    expect(summarize(diagnostics)).toEqual([
      'file.js:1:7-1:13 warning lint/correctness/noUnusedVariables',
      'file.js:5:13-5:15 error lint/suspicious/noDoubleEquals',
      'file.js:6:5-6:14 error lint/suspicious/noDebugger',
    ]);
    expect(diagnostics[0]?.message).toBe('This variable unused is unused.');
  });

  it('shellcheck: reads -f json1, with SC codes and the style level as a hint', () => {
    const diagnostics = parseJsonPreset('shellcheck', readCapture('shellcheck.json'), CONTEXT);
    expect(summarize(diagnostics)).toEqual([
      'script.sh:4:12-4:13 info SC2035',
      'script.sh:6:8-6:10 info SC2086',
      'script.sh:8:1-8:11 warning SC2164',
      'script.sh:8:4-8:11 info SC2086',
      'script.sh:9:13-9:19 warning SC2046',
      'script.sh:9:13-9:19 hint SC2006',
    ]);
  });

  it('pylint: makes its 0-based columns 1-based and keeps the symbol in the message', () => {
    const diagnostics = parseJsonPreset('pylint', readCapture('pylint.json'), CONTEXT);
    expect(diagnostics).toHaveLength(13);
    expect(diagnostics[0]).toEqual(diagnostic({ file: 'file.py', line: 12, column: 1, severity: 'warning', code: 'C0301', message: 'Line too long (109/100) (line-too-long)', url: 'https://pylint.readthedocs.io/en/stable/user_guide/messages/convention/line-too-long.html' }));
    expect(diagnostics[4]).toEqual(
      diagnostic({
        file: 'file.py',
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 15,
        severity: 'warning',
        code: 'C0103',
        message: 'Argument name "a" doesn\'t conform to snake_case naming style (invalid-name)',
        url: 'https://pylint.readthedocs.io/en/stable/user_guide/messages/convention/invalid-name.html',
      }),
    );
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['18:7 E0602', '21:1 E0602']);
  });

  it('pyright: makes its 0-based LSP ranges 1-based', () => {
    const diagnostics = parseJsonPreset('pyright', readCapture('pyright.json'), CONTEXT);
    expect(summarize(diagnostics)).toEqual([
      'file.py:16:21-16:26 error reportArgumentType',
      'file.py:17:14-17:23 error reportAssignmentType',
      'file.py:18:7-18:21 error reportUndefinedVariable',
      'file.py:21:13-21:18 info -',
    ]);
    expect(diagnostics[2]?.message).toBe('"undefined_name" is not defined');
  });

  it('markdownlint: reads --json from stderr, with errorRange as column and length', () => {
    const diagnostics = parseJsonPreset('markdownlint', readCapture('markdownlint.json'), CONTEXT);
    expect(summarize(diagnostics)).toEqual([
      'doc.md:1:---:- error MD022',
      'doc.md:2:---:- error MD022',
      'doc.md:2:---:- error MD022',
      'doc.md:3:81-3:111 error MD013',
      'doc.md:5:---:- error MD032',
      'doc.md:6:---:- error MD032',
      'doc.md:6:1-6:2 error MD004',
      'doc.md:8:1-8:3 error MD018',
    ]);
    expect(diagnostics[0]?.message).toBe('Headings should be surrounded by blank lines [Expected: 1; Actual: 0; Below] [Context: "# Notes"]');
  });
});

// mypy here (1.0.1) predates --output json, and ruff cannot be installed: these captures are
// the tools' own test expectations (see the fixture README).
describe('JSON presets on the documented output of mypy and ruff', () => {
  it('mypy: reads one object per line, 0-based columns, with the hint under the message', () => {
    const diagnostics = parseJsonPreset('mypy', `${readCapture('mypy.jsonl')}Found 2 errors in 1 file (checked 1 source file)\n`, CONTEXT);
    expect(summarize(diagnostics)).toEqual(['main:12:13-12:16 info misc', 'main:14:1-14:10 error call-overload', 'main:17:1-17:10 error call-arg']);
    expect(diagnostics[1]?.message).toBe(
      'No overload variant of "foo" matches argument type "str"\nPossible overload variants:\n    def foo() -> None\n    def foo(x: int) -> None',
    );
  });

  it('ruff: reads locations as given and judges severity by the code family, a syntax error as an error', () => {
    expect(summarize(parseJsonPreset('ruff', readCapture('ruff.json'), CONTEXT))).toEqual([
      'fib.py:1:8-1:10 error F401',
      'fib.py:6:5-6:6 error F841',
      'undef.py:1:4-1:5 error F821',
    ]);
    expect(parseJsonPreset('ruff', readCapture('ruff-syntax-errors.json'), CONTEXT)).toEqual([
      diagnostic({ file: 'syntax_errors.py', line: 1, column: 15, endLine: 2, endColumn: 1, message: 'SyntaxError: Expected one or more symbol names after import' }),
      diagnostic({ file: 'syntax_errors.py', line: 3, column: 12, endLine: 4, endColumn: 1, message: "SyntaxError: Expected ')', found newline" }),
    ]);
  });
});

describe('JSON presets on output without the tool\'s report', () => {
  it('find nothing in blank output: markdownlint and mypy write nothing when all is well', () => {
    expect(parseJsonPreset('markdownlint', '', CONTEXT)).toEqual([]);
    expect(parseJsonPreset('mypy', 'Success: no issues found in 1 source file\n', CONTEXT)).toEqual([]);
    expect(parseJsonPreset('eslint', '[]\n', CONTEXT)).toEqual([]);
  });

  it('throw a one-line error naming the flag when the output is another format', () => {
    expect(() => parseJsonPreset('shellcheck', readCapture('shellcheck.txt'), CONTEXT)).toThrow(
      /^expected ShellCheck `-f json1` output \(a JSON object with "comments"\), found none \(not JSON: [^\n]*\)$/,
    );
    expect(() => parseJsonPreset('pyright', readCapture('eslint.json'), CONTEXT)).toThrow('(it has another shape)');
  });

  it('skip records of the wrong shape instead of throwing', () => {
    const output = JSON.stringify([{ filePath: 'a.js', messages: [null, 3, { line: 'x', message: 7 }, { line: 2, severity: 1, message: 'ok' }] }, 'junk']);
    expect(parseJsonPreset('eslint', output, { hook: 'json', root: '/r' })).toEqual([
      diagnostic({ file: 'a.js', line: 1, severity: 'info', message: '7' }),
      diagnostic({ file: 'a.js', line: 2, severity: 'warning', message: 'ok' }),
    ]);
  });

  it('are reached through parseOutput with a json-preset spec', async () => {
    expect(await parseOutput({ type: 'json-preset', preset: 'shellcheck' }, readCapture('shellcheck.json'), CONTEXT)).toHaveLength(6);
  });
});

describe('parseJsonMapping', () => {
  it('reads Pyright\'s report through a mapping as its preset does', () => {
    const pyright = mapping({
      root: 'generalDiagnostics',
      file: 'file',
      line: 'range.start.line',
      column: 'range.start.character',
      endLine: 'range.end.line',
      endColumn: 'range.end.character',
      severity: 'severity',
      code: 'rule',
      message: 'message',
      lineBase: 0,
      columnBase: 0,
    });
    const output = readCapture('pyright.json');
    expect(parseJsonMapping(pyright, output, CONTEXT)).toEqual(parseJsonPreset('pyright', output, CONTEXT));
  });

  it('reads a top-level list, with a digits segment indexing into a list', () => {
    const markdownlint = mapping({ file: 'fileName', line: 'lineNumber', column: 'errorRange.0', code: 'ruleNames.1', message: 'ruleDescription' });
    const diagnostics = parseJsonMapping(markdownlint, readCapture('markdownlint.json'), CONTEXT);
    expect(diagnostics).toHaveLength(8);
    expect(diagnostics[3]).toEqual(diagnostic({ file: 'doc.md', line: 3, column: 81, code: 'line-length', message: 'Line length' }));
  });

  it('reads one document per line with `lines`', () => {
    const mypy = mapping({ lines: true, file: 'file', line: 'line', column: 'column', severity: 'severity', code: 'code', message: 'message', columnBase: 0 });
    expect(summarize(parseJsonMapping(mypy, readCapture('mypy.jsonl'), CONTEXT))).toEqual(['main:12:13--:- info misc', 'main:14:1--:- error call-overload', 'main:17:1--:- error call-arg']);
  });

  it('reads 200,000 findings of one line with `lines`', () => {
    const records = Array.from({ length: 200_000 }, (_, index) => ({ f: 'a.py', l: index + 1, m: 'too long' }));
    const diagnostics = parseJsonMapping(mapping({ lines: true, file: 'f', line: 'l', message: 'm' }), `${JSON.stringify(records)}\n`, CONTEXT);
    expect(diagnostics).toHaveLength(200_000);
    expect(diagnostics.at(-1)).toEqual(diagnostic({ file: 'a.py', line: 200_000, message: 'too long' }));
  });

  it('throws when the document has no list at the root path', () => {
    expect(() => parseJsonMapping(mapping({ root: 'results', file: 'f', line: 'l', message: 'm' }), '{"result": []}', CONTEXT)).toThrow(
      'expected a JSON document with a list at "results", found none (it has another shape)',
    );
  });

  it('rejects a path with an empty segment before any run', () => {
    expect(validateJsonMapping(mapping({ file: 'a..b', line: 'l', message: 'm' }))).toEqual({
      field: 'file',
      problem: '"a..b" is not a dotted path (write names separated by single dots, like location.row)',
    });
    expect(validateJsonMapping(mapping({ file: 'f', line: 'l', message: 'm' }))).toBeNull();
  });
});
