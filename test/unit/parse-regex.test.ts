import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { parseRegex, validateRegexPattern } from '../../engine/parse/regex.js';
import { parseOutput } from '../../engine/parse/parse-output.js';
import { toSeverity } from '../../engine/parse/severity.js';

const CAPTURES = new URL('../fixtures/parse/', import.meta.url);
// The captures were made by running each tool inside src/, so src/ is the repository root here.
const ROOT = fileURLToPath(new URL('src', CAPTURES));
const CONTEXT = { hook: 'types', root: ROOT };

// mypy --show-column-numbers --show-error-end, every field named.
const MYPY_PATTERN =
  String.raw`^(?<file>[^:\n]+):(?<line>\d+):(?<column>\d+):(?<end_line>\d+):(?<end_column>\d+): (?<severity>\w+): (?<message>.*?)(?:  \[(?<code>[\w-]+)\])?$`;

// gcc: a finding and the source excerpt line under it, so the message spans two lines.
const GCC_WITH_EXCERPT_PATTERN =
  String.raw`^(?<file>[^:\n]+):(?<line>\d+):(?<column>\d+): (?<severity>\w+): (?<message>.*\n +\d+ \|.*)$`;

function readCapture(name: string): string {
  return readFileSync(new URL(name, CAPTURES), 'utf8');
}

/** A diagnostic of hook "types" with the optional fields defaulting to "unknown". */
function diagnostic(fields: Partial<Diagnostic> & Pick<Diagnostic, 'file' | 'line' | 'message'>): Diagnostic {
  return {
    hook: 'types',
    column: null,
    endLine: null,
    endColumn: null,
    severity: 'error',
    code: null,
    ...fields,
  };
}

describe('parseRegex', () => {
  it('reads every named group from real mypy output', () => {
    const diagnostics = parseRegex(MYPY_PATTERN, readCapture('mypy-columns.txt'), CONTEXT);
    expect(diagnostics).toHaveLength(4);
    expect(diagnostics[1]).toEqual(
      diagnostic({
        file: 'file.py',
        line: 17,
        column: 14,
        endLine: 17,
        endColumn: 22,
        code: 'assignment',
        message: 'Incompatible types in assignment (expression has type "int", variable has type "str")',
      }),
    );
    expect(diagnostics[3]).toEqual(
      diagnostic({
        file: 'file.py',
        line: 21,
        column: 13,
        endLine: 21,
        endColumn: 17,
        severity: 'info',
        message: 'Revealed type is "builtins.int"',
      }),
    );
  });

  it('gives null for groups the pattern does not have', () => {
    const pattern = String.raw`^(?<file>[^:\n]+):(?<line>\d+):(?<message>.*)$`;
    expect(parseRegex(pattern, readCapture('grep.txt'), CONTEXT)).toEqual([
      diagnostic({ file: 'file.py', line: 10, message: '# TODO: use an f-string here instead of concatenation' }),
      diagnostic({ file: 'script.sh', line: 2, message: '# TODO: quote every expansion' }),
    ]);
  });

  it('uses the whole match as message when there is no message group', () => {
    const pattern = String.raw`^(?<file>script\.sh):(?<line>\d+):`;
    expect(parseRegex(pattern, readCapture('grep.txt'), CONTEXT)).toEqual([
      diagnostic({ file: 'script.sh', line: 2, message: 'script.sh:2:' }),
    ]);
  });

  it('matches patterns that span lines', () => {
    const diagnostics = parseRegex(GCC_WITH_EXCERPT_PATTERN, readCapture('gcc.txt'), CONTEXT);
    // The note on line 8 has no excerpt under it, so only the four findings with one match.
    expect(diagnostics.map((d) => [d.line, d.severity])).toEqual([
      [6, 'warning'],
      [7, 'warning'],
      [8, 'error'],
      [5, 'warning'],
    ]);
    expect(diagnostics[3]).toEqual(
      diagnostic({
        file: 'file.c',
        line: 5,
        column: 9,
        severity: 'warning',
        message: 'unused variable ‘unused’ [-Wunused-variable]\n    5 |     int unused;',
      }),
    );
  });

  it('maps severity words as the gnu parser does', () => {
    const pattern = String.raw`^(?<file>[^:\n]+):(?<line>\d+):(?<column>\d+): (?<severity>\w+): (?<message>.*) \[(?<code>SC\d+)\]$`;
    const diagnostics = parseRegex(pattern, readCapture('shellcheck.txt'), CONTEXT);
    expect(diagnostics.map((d) => d.severity)).toEqual(['info', 'info', 'warning', 'info', 'warning', 'info']);
    expect(diagnostics[4]).toEqual(
      diagnostic({
        file: 'script.sh',
        line: 9,
        column: 13,
        severity: 'warning',
        code: 'SC2046',
        message: 'Quote this to prevent word splitting.',
      }),
    );
  });

  it('skips matches whose line is not a positive number', () => {
    const pattern = String.raw`^(?<file>\S+) line (?<line>\w+): (?<message>.*)$`;
    const output = 'a.py line 0: zero\na.py line x: word\na.py line 3: real';
    expect(parseRegex(pattern, output, CONTEXT)).toEqual([diagnostic({ file: 'a.py', line: 3, message: 'real' })]);
  });

  it('skips matches whose file group is empty or did not take part', () => {
    const pattern = String.raw`^(?:(?<file>\S*):)?(?<line>\d+) (?<message>.*)$`;
    const output = ':4 empty file\n5 no file\nb.py:6 kept';
    expect(parseRegex(pattern, output, CONTEXT)).toEqual([diagnostic({ file: 'b.py', line: 6, message: 'kept' })]);
  });

  it('treats empty optional groups as missing', () => {
    const pattern = String.raw`^(?<file>[^:]+):(?<line>\d+):(?<column>\d*):(?<severity>\w*):(?<code>\w*):(?<message>.*)$`;
    expect(parseRegex(pattern, 'a.py:3::::text', CONTEXT)).toEqual([diagnostic({ file: 'a.py', line: 3, message: 'text' })]);
  });

  it('does not loop forever on a pattern that matches the empty string', () => {
    const pattern = String.raw`(?<file>[a-z.]*):?(?<line>\d*)`;
    expect(parseRegex(pattern, 'a.py:3\n\n  x.sh:4', CONTEXT)).toEqual([
      diagnostic({ file: 'a.py', line: 3, message: 'a.py:3' }),
      diagnostic({ file: 'x.sh', line: 4, message: 'x.sh:4' }),
    ]);
  });

  it('passes file names through toRepoPath', () => {
    const pattern = String.raw`^(?<file>\S+) (?<line>\d+)$`;
    expect(parseRegex(pattern, `./a/../b.py 1\n${ROOT}/c.py 2`, CONTEXT).map((d) => d.file)).toEqual(['b.py', 'c.py']);
  });

  it('can run twice with the same pattern', () => {
    const output = readCapture('mypy-columns.txt');
    expect(parseRegex(MYPY_PATTERN, output, CONTEXT)).toEqual(parseRegex(MYPY_PATTERN, output, CONTEXT));
  });

  it('throws on an invalid pattern', () => {
    expect(() => parseRegex('(?<file>', '', CONTEXT)).toThrow(SyntaxError);
  });
});

describe('validateRegexPattern', () => {
  it('accepts a pattern with file and line groups', () => {
    expect(validateRegexPattern(MYPY_PATTERN)).toBeNull();
    expect(validateRegexPattern(String.raw`(?<line>\d+) in (?<file>\S+)`)).toBeNull();
  });

  it('reports invalid syntax in one line', () => {
    const error = validateRegexPattern(String.raw`(?<file>\S+):(?<line>\d+`);
    expect(error).toMatch(/^Invalid regular expression: .*/);
    expect(error).not.toContain('\n');
  });

  it('asks for the file and line groups when one is missing', () => {
    const expected = 'pattern needs named groups (?<file>...) and (?<line>...)';
    expect(validateRegexPattern(String.raw`(?<file>\S+):(\d+)`)).toBe(expected);
    expect(validateRegexPattern(String.raw`(\S+):(?<line>\d+)`)).toBe(expected);
  });

  it('finds named groups that sit in a branch that never matches', () => {
    expect(validateRegexPattern(String.raw`never(?<file>x)|(?<line>\d+)`)).toBeNull();
  });

  it('does not mistake an escaped parenthesis for a group', () => {
    expect(validateRegexPattern(String.raw`\(?<file>x\)(?<line>\d+)`)).toBe(
      'pattern needs named groups (?<file>...) and (?<line>...)',
    );
  });

  it('rejects a named group that the parser would ignore', () => {
    expect(validateRegexPattern(String.raw`(?<file>\S+):(?<line>\d+):(?<col>\d+)`)).toBe(
      'pattern has unknown named group (?<col>...); use file, line, column, end_line, end_column, severity, code, message',
    );
  });
});

describe('toSeverity', () => {
  it('maps tool words case-insensitively', () => {
    expect(['Error', 'FATAL', 'fatal error', 'err'].map(toSeverity)).toEqual(['error', 'error', 'error', 'error']);
    expect(['warning', 'WARN'].map(toSeverity)).toEqual(['warning', 'warning']);
    expect(['note', 'Info'].map(toSeverity)).toEqual(['info', 'info']);
    expect(['hint', 'style'].map(toSeverity)).toEqual(['hint', 'hint']);
  });

  it('maps the one-letter forms of compact formats', () => {
    expect(['E', 'W', 'I', 'H'].map(toSeverity)).toEqual(['error', 'warning', 'info', 'hint']);
  });

  it('gives error for a missing or unknown word so nothing is hidden', () => {
    expect(toSeverity(undefined)).toBe('error');
    expect(toSeverity('convention')).toBe('error');
  });
});

describe('parseOutput', () => {
  it('dispatches regex specs to the regex parser', async () => {
    const output = readCapture('mypy-columns.txt');
    expect(await parseOutput({ type: 'regex', pattern: MYPY_PATTERN }, output, CONTEXT)).toEqual(
      parseRegex(MYPY_PATTERN, output, CONTEXT),
    );
  });
});
