import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { parseCheckstyle } from '../../engine/parse/checkstyle.js';
import { parseJsonPreset } from '../../engine/parse/json-presets.js';
import { parseOutput } from '../../engine/parse/parse-output.js';
import { CAPTURE_SRC as ROOT, expectedDiagnostic, readCapture, type DiagnosticFields } from '../helpers/parse-captures.js';

const CONTEXT = { hook: 'style', root: ROOT };

function diagnostic(fields: DiagnosticFields): Diagnostic {
  return expectedDiagnostic('style', fields);
}

describe('parseCheckstyle on real checkstyle XML', () => {
  it('reads shellcheck -f checkstyle, decoding its numeric character references', () => {
    const diagnostics = parseCheckstyle(readCapture('shellcheck-checkstyle.xml'), CONTEXT);
    expect(diagnostics).toHaveLength(6);
    expect(diagnostics[2]).toEqual(
      diagnostic({ file: 'script.sh', line: 8, column: 1, severity: 'warning', code: 'SC2164', message: "Use 'cd ... || exit' or 'cd ... || return' in case cd fails." }),
    );
    expect(diagnostics[0]?.message).toBe("Use ./*glob* or -- *glob* so names with dashes won't become options.");
  });

  it('finds the same places, severities and codes as shellcheck\'s own JSON', () => {
    const fromXml = parseCheckstyle(readCapture('shellcheck-checkstyle.xml'), CONTEXT);
    const fromJson = parseJsonPreset('shellcheck', readCapture('shellcheck.json'), CONTEXT);
    // Checkstyle has no "style" level: shellcheck writes its style findings as info.
    const comparable = (d: Diagnostic): string => `${d.file}:${d.line}:${d.column} ${d.severity === 'hint' ? 'info' : d.severity} ${d.code} ${d.message}`;
    expect(fromXml.map(comparable)).toEqual(fromJson.map(comparable));
  });

  it('reads Biome\'s checkstyle reporter, whose sources have no dots', () => {
    expect(parseCheckstyle(readCapture('biome-checkstyle.xml'), CONTEXT).map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual([
      '1:7 warning lint/correctness/noUnusedVariables',
      '5:13 error lint/suspicious/noDoubleEquals',
      '6:5 error lint/suspicious/noDebugger',
    ]);
  });

  it('tolerates stderr noise after the document', () => {
    const output = `${readCapture('biome-checkstyle.xml')}\n${readCapture('biome-report.stderr.txt')}`;
    expect(parseCheckstyle(output, CONTEXT)).toHaveLength(3);
  });
});

// As ESLint's eslint-formatter-checkstyle and Checkstyle itself write them (neither runs here).
describe('parseCheckstyle on documented forms', () => {
  it('keeps the last dot-separated part of the source as code and makes absolute names relative', () => {
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?><checkstyle version="4.3">',
      `<file name="${ROOT}/file.js"><error line="1" column="7" severity="error" message="&apos;unused&apos; is assigned a value but never used. (no-unused-vars)" source="eslint.rules.no-unused-vars" /></file>`,
      '<file name="src/main/java/App.java"><error line="3" severity="info" message="Missing a Javadoc comment." source="com.puppycrawl.tools.checkstyle.checks.javadoc.MissingJavadocTypeCheck"/></file>',
      '<file name="quiet.c"><error line="2" severity="ignore" message="hidden" source="x"/></file>',
      '<file name="empty.c"/>',
      '</checkstyle>',
    ].join('\n');
    expect(parseCheckstyle(xml, CONTEXT)).toEqual([
      diagnostic({ file: 'file.js', line: 1, column: 7, code: 'no-unused-vars', message: "'unused' is assigned a value but never used. (no-unused-vars)" }),
      diagnostic({ file: 'src/main/java/App.java', line: 3, severity: 'info', code: 'MissingJavadocTypeCheck', message: 'Missing a Javadoc comment.' }),
    ]);
  });

  it('reads an empty report as no findings', () => {
    expect(parseCheckstyle('<?xml version="1.0"?>\n<checkstyle version="4.3"></checkstyle>\n', CONTEXT)).toEqual([]);
    expect(parseCheckstyle('<checkstyle version="4.3"/>', CONTEXT)).toEqual([]);
    expect(parseCheckstyle('', CONTEXT)).toEqual([]);
  });
});

describe('parseCheckstyle on output that is not checkstyle', () => {
  it('throws a one-line error when there is no checkstyle element', () => {
    expect(() => parseCheckstyle('shellcheck: script.sh: openBinaryFile: does not exist', CONTEXT)).toThrow(
      'expected checkstyle XML (a <checkstyle> element), found none',
    );
  });

  it('throws a one-line error on XML that is not well-formed', () => {
    const broken = '<checkstyle><file name="a"><error line="1" message="x"></file></checkstyle>';
    expect(() => parseCheckstyle(broken, CONTEXT)).toThrow(/^invalid checkstyle XML: [^\n]+ \(line 1, column \d+ of the document\)$/);
  });

  it('is reached through parseOutput with a checkstyle spec', async () => {
    expect(await parseOutput({ type: 'checkstyle' }, readCapture('shellcheck-checkstyle.xml'), CONTEXT)).toHaveLength(6);
  });
});
