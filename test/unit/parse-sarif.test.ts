import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { parseOutput } from '../../engine/parse/parse-output.js';
import { parseSarif } from '../../engine/parse/sarif.js';

const CAPTURES = new URL('../fixtures/parse/', import.meta.url);
/** Where src/ was when the captures were made: ESLint and Biome write absolute paths. */
const CAPTURE_ROOT = '/work/main/test/fixtures/parse/src';
const CONTEXT = { hook: 'sarif', root: CAPTURE_ROOT };

function readCapture(name: string): string {
  return readFileSync(new URL(name, CAPTURES), 'utf8');
}

function diagnostic(fields: Partial<Diagnostic> & Pick<Diagnostic, 'file' | 'line' | 'message'>): Diagnostic {
  return { hook: 'sarif', column: null, endLine: null, endColumn: null, severity: 'warning', code: null, ...fields };
}

/** A one-run SARIF log around the given results and run fields. */
function sarifLog(results: unknown[], run: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'tool', rules: [] } }, results, ...run }] });
}

function resultAt(uri: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ruleId: 'R1',
    message: { text: 'found it' },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: 3 } } }],
    ...extra,
  };
}

describe('parseSarif on real SARIF logs', () => {
  it('reads ESLint\'s SARIF formatter: file:// URIs, levels, and parse errors from the invocation notifications', () => {
    expect(parseSarif(readCapture('eslint.sarif'), CONTEXT)).toEqual([
      diagnostic({ file: 'file.js', line: 1, column: 7, endLine: 1, endColumn: 13, severity: 'error', code: 'no-unused-vars', url: 'https://eslint.org/docs/latest/rules/no-unused-vars', message: "'unused' is assigned a value but never used." }),
      diagnostic({ file: 'file.js', line: 2, column: 1, endLine: 2, endColumn: 15, code: 'no-var', url: 'https://eslint.org/docs/latest/rules/no-var', message: 'Unexpected var, use let or const instead.' }),
      diagnostic({ file: 'file.js', line: 5, column: 13, endLine: 5, endColumn: 15, code: 'eqeqeq', url: 'https://eslint.org/docs/latest/rules/eqeqeq', message: "Expected '===' and instead saw '=='." }),
      diagnostic({ file: 'file.js', line: 6, column: 5, endLine: 6, endColumn: 14, severity: 'error', code: 'no-debugger', url: 'https://eslint.org/docs/latest/rules/no-debugger', message: "Unexpected 'debugger' statement." }),
      diagnostic({ file: 'broken.js', line: 2, column: 3, severity: 'error', code: 'ESL0999', message: "Parsing error: Unexpected keyword 'return'" }),
    ]);
  });

  it('reads Biome\'s SARIF reporter, which writes plain absolute paths as URIs', () => {
    const diagnostics = parseSarif(readCapture('biome.sarif'), CONTEXT);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code}`)).toEqual([
      'file.js:1:7-1:13 warning lint/correctness/noUnusedVariables',
      'file.js:5:13-5:15 error lint/suspicious/noDoubleEquals',
      'file.js:6:5-6:14 error lint/suspicious/noDebugger',
    ]);
    expect(diagnostics[0]?.message).toBe('This variable unused is unused.');
  });

  it('reads flawfinder\'s SARIF: a relative URI under an undeclared SRCROOT base, and endLine defaulting to startLine', () => {
    expect(parseSarif(readCapture('flawfinder.sarif'), { hook: 'sarif', root: '/anywhere' })).toEqual([
      diagnostic({
        file: 'file.c',
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 26,
        severity: 'info',
        code: 'FF1016',
        url: 'https://cwe.mitre.org/data/definitions/134.html',
        message: 'format/printf:If format strings can be influenced by an attacker, they can be exploited (CWE-134).',
      }),
    ]);
  });

  it('tolerates noise before and after the log, as when stderr follows stdout', () => {
    const output = `npm warn config {"x": 1}\n[1]\n${readCapture('biome.sarif')}\n${readCapture('biome-report.stderr.txt')}`;
    expect(parseSarif(output, CONTEXT)).toEqual(parseSarif(readCapture('biome.sarif'), CONTEXT));
  });
});

// Shapes from the SARIF 2.1.0 specification's examples (no tool here writes them).
describe('parseSarif on the specification\'s forms', () => {
  it('resolves uriBaseId through a chain of originalUriBaseIds and decodes percent escapes', () => {
    const log = sarifLog([resultAt('lib/my%20file.js', { locations: [{ physicalLocation: { artifactLocation: { uri: 'lib/my%20file.js', uriBaseId: 'SRC' }, region: { startLine: 3 } } }] })], {
      originalUriBaseIds: { PROJECT: { uri: 'file:///home/me/repo/' }, SRC: { uri: 'src/', uriBaseId: 'PROJECT' } },
    });
    expect(parseSarif(log, { hook: 'sarif', root: '/home/me/repo' })).toEqual([diagnostic({ file: 'src/lib/my file.js', line: 3, code: 'R1', message: 'found it' })]);
  });

  it('fills a message string of the rule with the result\'s arguments, finding the rule by ruleIndex alone', () => {
    const log = sarifLog(
      [
        {
          ruleIndex: 0,
          message: { id: 'default', arguments: ['count'] },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'a.c' }, region: { startLine: 9, startColumn: 2 } } }],
        },
      ],
      {
        tool: {
          driver: {
            name: 'tool',
            rules: [{ id: 'CA2101', defaultConfiguration: { level: 'error' }, messageStrings: { default: { text: "Variable '{0}' was used without being {{initialized}}." } } }],
          },
        },
      },
    );
    expect(parseSarif(log, CONTEXT)).toEqual([
      diagnostic({ file: 'a.c', line: 9, column: 2, severity: 'error', code: 'CA2101', message: "Variable 'count' was used without being {initialized}." }),
    ]);
  });

  it('maps levels, defaulting to warning, and skips suppressed, passing and absent results', () => {
    const log = sarifLog([
      resultAt('e.c', { level: 'error' }),
      resultAt('n.c', { level: 'note' }),
      resultAt('none.c', { level: 'none' }),
      resultAt('default.c'),
      resultAt('suppressed.c', { suppressions: [{ kind: 'inSource' }] }),
      resultAt('rejected.c', { suppressions: [{ kind: 'inSource', status: 'rejected' }] }),
      resultAt('pass.c', { kind: 'pass' }),
      resultAt('gone.c', { baselineState: 'absent' }),
    ]);
    expect(parseSarif(log, CONTEXT).map((d) => `${d.file} ${d.severity}`)).toEqual([
      'e.c error',
      'n.c info',
      'none.c info',
      'default.c warning',
      'rejected.c warning',
    ]);
  });

  it('reads every run, takes markdown when there is no text, and puts a result without a region on line 1', () => {
    const log = JSON.stringify({
      version: '2.1.0',
      runs: [
        { tool: { driver: { name: 'one' } }, results: [resultAt('one.py')] },
        {
          tool: { driver: { name: 'two' } },
          results: [{ ruleId: 'R2', message: { markdown: '**bold**' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///elsewhere/two.py' } } }] }],
        },
        { tool: { driver: { name: 'three' } } },
      ],
    });
    expect(parseSarif(log, CONTEXT)).toEqual([
      diagnostic({ file: 'one.py', line: 3, code: 'R1', message: 'found it' }),
      diagnostic({ file: '/elsewhere/two.py', line: 1, code: 'R2', message: '**bold**' }),
    ]);
  });

  it('skips results without a location and fields of the wrong type instead of throwing', () => {
    const log = sarifLog([
      { ruleId: 'R', message: { text: 'nowhere' } },
      { ruleId: 7, message: 'not an object', locations: [{ physicalLocation: { artifactLocation: { uri: 'x.c' }, region: { startLine: 'two', startColumn: -1 } } }] },
      null,
      'text',
    ]);
    expect(parseSarif(log, CONTEXT)).toEqual([diagnostic({ file: 'x.c', line: 1, code: '7', message: '' })]);
  });
});

describe('parseSarif on output that is not SARIF', () => {
  it('finds nothing in blank output', () => {
    expect(parseSarif('  \n', CONTEXT)).toEqual([]);
  });

  it('throws a one-line error when there is no SARIF log', () => {
    for (const output of ['Traceback (most recent call last):\n  boom', '{"version": "2.1.0"}', '{"runs": [']) {
      expect(() => parseSarif(output, CONTEXT)).toThrow(/^expected a SARIF log \(a JSON object with "runs"\), found none \([^\n]*\)$/);
    }
  });

  it('is reached through parseOutput with a sarif spec', async () => {
    expect(await parseOutput({ type: 'sarif' }, readCapture('biome.sarif'), CONTEXT)).toHaveLength(3);
  });
});
