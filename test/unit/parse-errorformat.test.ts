import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { ParserSpec } from '../../protocol/parser.js';
import { compileErrorformat, splitErrorformat } from '../../engine/parse/errorformat-compile.js';
import { parseErrorformat } from '../../engine/parse/errorformat.js';
import { parseGnu } from '../../engine/parse/gnu.js';
import { parseOutput } from '../../engine/parse/parse-output.js';
import { CAPTURE_SRC as ROOT, expectedDiagnostic, readCapture, type DiagnosticFields } from '../helpers/parse-captures.js';

const CONTEXT = { hook: 'lint', root: ROOT };
/** Where src/ was when the captures with absolute paths (ESLint's, make's) were made. */
const CAPTURE_ROOT = '/work/main/test/fixtures/parse/src';

function diagnostic(fields: DiagnosticFields): Diagnostic {
  return expectedDiagnostic('lint', fields);
}

function pickLocations(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column ?? '-'} ${d.severity} ${d.code ?? '-'}`);
}

describe('parseErrorformat with the one-line formats efm-langserver configs use', () => {
  it('reads flake8 with %t%n, taking the letter and number together as the code', () => {
    const diagnostics = parseErrorformat(['%f:%l:%c: %t%n %m'], readCapture('flake8.txt'), CONTEXT);
    expect(diagnostics).toHaveLength(8);
    expect(diagnostics[0]).toEqual(diagnostic({ file: 'file.py', line: 1, column: 1, code: 'F401', message: "'os' imported but unused" }));
    expect(diagnostics[3]).toEqual(
      diagnostic({ file: 'file.py', line: 12, column: 80, code: 'E501', message: 'line too long (109 > 79 characters)' }),
    );
    // The colon inside the message does not end the file name: %f matches lazily up to ":<line>:".
    expect(diagnostics[5]?.message).toBe("comparison to None should be 'if cond is None:'");
  });

  it('reads flake8 with the plain %f:%l:%c: %m, keeping the code in the message', () => {
    const diagnostics = parseErrorformat(['%f:%l:%c: %m'], readCapture('flake8.txt'), CONTEXT);
    expect(diagnostics[0]).toEqual(diagnostic({ file: 'file.py', line: 1, column: 1, message: "F401 'os' imported but unused" }));
  });

  it('reads shellcheck -f gcc with the formats of Vim\'s compiler/shellcheck.vim as the gnu parser does', () => {
    const formats = ['%f:%l:%c: %trror: %m [SC%n]', '%f:%l:%c: %tarning: %m [SC%n]', '%f:%l:%c: %tote: %m [SC%n]', '%-G%.%#'];
    const output = readCapture('shellcheck.txt');
    const diagnostics = parseErrorformat(formats, output, CONTEXT);
    expect(diagnostics).toEqual(parseGnu(output, CONTEXT));
    expect(pickLocations(diagnostics)).toEqual([
      'script.sh:4:12 info SC2035',
      'script.sh:6:8 info SC2086',
      'script.sh:8:1 warning SC2164',
      'script.sh:8:4 info SC2086',
      'script.sh:9:13 warning SC2046',
      'script.sh:9:13 info SC2006',
    ]);
  });

  it('reads mypy --show-column-numbers with the %trror/%tarning/%tote formats', () => {
    const formats = ['%f:%l:%c: %trror: %m', '%f:%l:%c: %tarning: %m', '%f:%l:%c: %tote: %m'];
    const diagnostics = parseErrorformat(formats, readCapture('mypy-show-columns.txt'), CONTEXT);
    expect(diagnostics).toHaveLength(4);
    expect(diagnostics[0]).toEqual(
      diagnostic({ file: 'file.py', line: 16, column: 21, message: 'Argument 2 to "add" has incompatible type "str"; expected "int"  [arg-type]' }),
    );
    expect(diagnostics[3]).toEqual(diagnostic({ file: 'file.py', line: 21, column: 13, severity: 'info', message: 'Revealed type is "builtins.int"' }));
  });

  it('reads end lines and end columns with %e and %k', () => {
    const formats = ['%f:%l:%c:%e:%k: %t%*[a-z]: %m'];
    const diagnostics = parseErrorformat(formats, readCapture('mypy-columns.txt'), CONTEXT);
    expect(diagnostics.map((d) => [d.line, d.column, d.endLine, d.endColumn, d.severity])).toEqual([
      [16, 21, 16, 25, 'error'],
      [17, 14, 17, 22, 'error'],
      [18, 7, 18, 7, 'error'],
      [21, 13, 21, 17, 'info'],
    ]);
  });

  it('reads pylint parseable output with %*[^)] and judges an unknown %t letter by the code family', () => {
    const diagnostics = parseErrorformat(['%f:%l: [%t%n(%*[^)])%.%#] %m'], readCapture('pylint.txt'), CONTEXT);
    expect(diagnostics).toHaveLength(13);
    expect(diagnostics[0]).toEqual(diagnostic({ file: 'file.py', line: 12, severity: 'warning', code: 'C0301', message: 'Line too long (109/100)' }));
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['E0602', 'E0602']);
  });
});

describe('parseErrorformat with multi-line formats', () => {
  it('reads shellcheck\'s default output: %A opens, %C skips the source line, %Z takes the column from the ^ pointer', () => {
    const formats = ['%AIn %f line %l:', '%Z%p^%*[-^] SC%n (%t%*[a-z]): %m', '%C%.%#'];
    const diagnostics = parseErrorformat(formats, readCapture('shellcheck-tty.txt'), CONTEXT);
    // As in Vim, a second pointer under the same source line comes after %Z closed the message and is lost.
    expect(pickLocations(diagnostics)).toEqual([
      'script.sh:4:12 info SC2035',
      'script.sh:6:8 info SC2086',
      'script.sh:8:1 warning SC2164',
      'script.sh:9:13 warning SC2046',
    ]);
    expect(diagnostics[0]?.message).toBe("Use ./*glob* or -- *glob* so names with dashes won't become options.");
  });

  it('reads ESLint\'s stylish output, file names on their own lines, with %P and %Q', () => {
    const formats = ['%-P%f', '%\\s%#%l:%c%\\s%#%t%*[a-z]%\\s%#%m', '%-Q'];
    const output = readCapture('eslint-stylish.txt');
    // %P takes only lines naming a file that exists, as Vim does; the capture names the files where they were then.
    const fileExists = (path: string): boolean => existsSync(path.replace(CAPTURE_ROOT, ROOT));
    const diagnostics = parseErrorformat(formats, output, { ...CONTEXT, root: CAPTURE_ROOT, fileExists });
    expect(pickLocations(diagnostics)).toEqual([
      'broken.js:2:3 error -',
      'file.js:1:7 error -',
      'file.js:2:1 warning -',
      'file.js:5:13 warning -',
      'file.js:6:5 error -',
    ]);
    expect(diagnostics[0]?.message).toBe("Parsing error: Unexpected keyword 'return'");
  });

  it('reads the javac example of :help errorformat-multi-line, with an escaped space and %-Z%p^', () => {
    const output = ['Test.java:5: error: cannot find symbol', '        foo();', '        ^', '  symbol:   method foo()', '1 error'].join('\n');
    expect(parseErrorformat(splitErrorformat('%A%f:%l:\\ %m,%-Z%p^,%-C%.%#'), output, CONTEXT)).toEqual([
      diagnostic({ file: 'Test.java', line: 5, column: 9, message: 'error: cannot find symbol' }),
    ]);
  });

  it('reads the file stack example of :help errorformat-separate-filename', () => {
    const output = [
      '[a1.tt]',
      "(1,17)  error: ';' missing",
      "(21,2)  warning: variable 'z' not defined",
      '(67,3)  error: end of file found before string ended',
      '',
      '[a2.tt]',
      '',
      '[a3.tt]',
      'NEW compiler v1.1',
      "(2,2)   warning: variable 'x' not defined",
      "(67,3)  warning: 's' already defined",
    ].join('\n');
    const fileExists = (path: string): boolean => /\/a[123]\.tt$/.test(path);
    const diagnostics = parseErrorformat(splitErrorformat('%+P[%f],(%l\\,%c)%*[ ]%t%*[^:]: %m,%-Q'), output, { ...CONTEXT, fileExists });
    expect(pickLocations(diagnostics)).toEqual(['a1.tt:1:17 error -', 'a1.tt:21:2 warning -', 'a1.tt:67:3 error -', 'a3.tt:2:2 warning -', 'a3.tt:67:3 warning -']);
    expect(diagnostics[0]?.message).toBe("';' missing");
  });

  it('does not take a %P line for a file that does not exist', () => {
    const output = ['[missing.tt]', '(1,17)  error: oops'].join('\n');
    expect(parseErrorformat(['%P[%f]', '(%l,%c)%*[ ]%t%*[^:]: %m'], output, { ...CONTEXT, fileExists: () => false })).toEqual([]);
  });

  it('places file names under the directory make says it entered, with %D and %X', () => {
    const formats = [
      "%D%*\\a: Entering directory %*[`']%f'",
      "%X%*\\a: Leaving directory %*[`']%f'",
      '%f:%l:%c: %trror: %m',
      '%f:%l:%c: %tarning: %m',
      '%f:%l:%c: %tote: %m',
      '%-G%.%#',
    ];
    const root = CAPTURE_ROOT.replace(/\/src$/, '');
    const diagnostics = parseErrorformat(formats, readCapture('make-gcc.txt'), { hook: 'lint', root });
    expect(pickLocations(diagnostics)).toEqual([
      'src/file.c:6:18 warning -',
      'src/file.c:7:14 warning -',
      'src/file.c:8:12 error -',
      'src/file.c:8:12 info -',
      'src/file.c:5:9 warning -',
    ]);
  });

  it('keeps the whole line with %+, appends %C messages, and drops a message opened with %-', () => {
    const output = ['E1 a.c:3 first', 'more detail', 'E2 b.c:4 hidden', 'hidden detail', 'W3 c.c:5 last'].join('\n');
    const formats = ['%-EE2 %f:%l %m', '%+EE%n %f:%l %m', '%WW%n %f:%l %m', '%C%m'];
    expect(parseErrorformat(formats, output, CONTEXT)).toEqual([
      diagnostic({ file: 'a.c', line: 3, code: 'E1', message: 'E1 a.c:3 first\nmore detail' }),
      diagnostic({ file: 'c.c', line: 5, code: 'W3', severity: 'warning', message: 'last' }),
    ]);
  });

  it('skips lines no format matches and never throws on noise', () => {
    const noise = '\u0000\u001b[31m binary \uFFFD\n:::\n%%%\n\r\n'.repeat(50);
    expect(parseErrorformat(['%f:%l:%c: %m', '%E%f:%l %m', '%C%m', '%Z'], noise, CONTEXT)).toEqual([]);
  });

  it('is reached through parseOutput with an errorformat spec', async () => {
    const spec: ParserSpec = { type: 'errorformat', formats: ['%f:%l:%c: %t%n %m'] };
    expect(await parseOutput(spec, readCapture('flake8.txt'), CONTEXT)).toHaveLength(8);
  });
});

describe('compileErrorformat', () => {
  it('compiles every item and pattern of :help errorformat', () => {
    for (const format of [
      '%f:%l:%c:%e:%k: %t%n %m',
      '%f(%l) : %v %s %o %r',
      '%-G%.%#',
      '%+C%.%#',
      '%*[^"]"%f"%*\\D%l: %m',
      '%f:%l:%c: %m%>',
      '%%%f:%l: %m',
      '%*\\s%l%[%^ ]%#',
    ]) {
      expect(() => compileErrorformat(format), format).not.toThrow();
    }
  });

  it('says what is wrong with a bad format, in Vim\'s terms', () => {
    expect(() => compileErrorformat('%f:%l:%q')).toThrow('has an invalid %q');
    expect(() => compileErrorformat('%f:%l:%l')).toThrow('has %l twice');
    expect(() => compileErrorformat('%f:%*[^:')).toThrow('has a "[" without its "]"');
    expect(() => compileErrorformat('%f:%l %E')).toThrow('has an invalid %E');
    expect(() => compileErrorformat('%-Y%f')).toThrow('has an invalid %-Y');
    expect(() => compileErrorformat('%f:%l%')).toThrow('ends with a lone "%"');
    expect(() => compileErrorformat('%*[a-z]%#')).toThrow('does not compile');
  });

  it('takes the letters written right before %n into the code', () => {
    const groups = compileErrorformat('%f:%l: [SC%n] %m').regex.exec('a.sh:3: [SC2086] quote it')?.groups;
    expect(groups?.code).toBe('SC2086');
  });

  it('splits a Vim option value at commas, keeping escaped ones', () => {
    expect(splitErrorformat('%f:%l:%m,%-G%.%#,(%l\\,%c) %m,,')).toEqual(['%f:%l:%m', '%-G%.%#', '(%l\\,%c) %m']);
  });
});
