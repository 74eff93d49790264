import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Fix } from '../../protocol/diagnostic.js';
import { parseJsonPreset } from '../../engine/parse/json-presets.js';
import { applyEdits, placeFix } from '../../server/lsp/fix-edits.js';

const CAPTURES = new URL('../fixtures/parse/', import.meta.url);
/** Where src/ was when the captures were made (see the fixture README). */
const CONTEXT = { hook: 'lint', root: '/work/main/test/fixtures/parse/src' };

function readCapture(name: string): string {
  return readFileSync(new URL(name, CAPTURES), 'utf8');
}

/** The text a fix makes of `text`; null when it does not fit it. */
function applyFix(fix: Fix | undefined, text: string): string | null {
  const placed = fix === undefined ? null : placeFix(fix, text);
  return placed === null ? null : applyEdits(text, placed);
}

function find(diagnostics: readonly Diagnostic[], code: string, line?: number): Diagnostic {
  const found = diagnostics.find((d) => d.code === code && (line === undefined || d.line === line));
  if (!found) throw new Error(`no ${code} diagnostic`);
  return found;
}

const FILE_JS = readCapture('src/file.js');
const SCRIPT_SH = readCapture('src/script.sh');
const DOC_MD = readCapture('src/doc.md');

describe('fixes and rule pages read from real tool output', () => {
  const eslint = parseJsonPreset('eslint', readCapture('eslint.json'), CONTEXT);
  const metadata = parseJsonPreset('eslint', readCapture('eslint-metadata.json'), CONTEXT);
  const shellcheck = parseJsonPreset('shellcheck', readCapture('shellcheck.json'), CONTEXT);
  const markdownlint = parseJsonPreset('markdownlint', readCapture('markdownlint.json'), CONTEXT);

  it.each([
    // [what, diagnostic, fix index, source, line of the fixed text that shows it]
    ['eslint --fix of no-var', () => find(eslint, 'no-var'), 0, FILE_JS, 'let count = 0;'],
    ['an eslint suggestion of eqeqeq', () => find(eslint, 'eqeqeq'), 0, FILE_JS, '  if (value === 0) {'],
    ['a shellcheck quoting fix', () => find(shellcheck, 'SC2086', 6), 0, SCRIPT_SH, '  echo "$f"'],
    ['a shellcheck fix of two edits', () => find(shellcheck, 'SC2006'), 0, SCRIPT_SH, 'echo "done" $(date)'],
    ['a markdownlint fix in the line', () => find(markdownlint, 'MD018'), 0, DOC_MD, '# Missing space'],
    ['a markdownlint fix replacing a character', () => find(markdownlint, 'MD004'), 0, DOC_MD, '* second'],
  ])('%s applies to the checked file', (_what, pick, index, source, expected) => {
    const fixed = applyFix(pick().fixes?.[index], source);
    expect(fixed?.split('\n')).toContain(expected);
  });

  it('eslint: the fix is safe, suggestions are not, and a finding without either has none', () => {
    expect(find(eslint, 'no-var').fixes).toEqual([{ description: 'Fix this no-var problem', safe: true, edits: [{ start: 18, end: 32, text: 'let count = 0;' }] }]);
    expect(find(eslint, 'no-unused-vars').fixes).toEqual([{ description: "Remove unused variable 'unused'.", safe: false, edits: [{ start: 0, end: 17, text: '' }] }]);
    expect(find(eslint, 'no-debugger').fixes).toBeUndefined();
  });

  it('eslint: core rules get their page on eslint.org, plugin rules only from json-with-metadata', () => {
    expect(find(eslint, 'no-var').url).toBe('https://eslint.org/docs/latest/rules/no-var');
    expect(eslint.find((d) => d.code === null)?.url).toBeUndefined();
    expect(find(metadata, '@typescript-eslint/no-unused-vars').url).toBe('https://typescript-eslint.io/rules/no-unused-vars');
    expect(applyFix(find(metadata, 'no-var').fixes?.[0], FILE_JS)).toContain('let count = 0;');
  });

  it.each([
    ['shellcheck', () => find(shellcheck, 'SC2035').url, 'https://www.shellcheck.net/wiki/SC2035'],
    ['markdownlint (its ruleInformation)', () => find(markdownlint, 'MD013').url, 'https://github.com/DavidAnson/markdownlint/blob/v0.40.0/doc/md013.md'],
    ['biome (from the category)', () => parseJsonPreset('biome', readCapture('biome-report.json'), CONTEXT)[1]?.url, 'https://biomejs.dev/linter/rules/no-double-equals'],
    ['pylint (from the symbol)', () => parseJsonPreset('pylint', readCapture('pylint.json'), CONTEXT)[0]?.url, 'https://pylint.readthedocs.io/en/stable/user_guide/messages/convention/line-too-long.html'],
    ['mypy (its error code)', () => parseJsonPreset('mypy', readCapture('mypy.jsonl'), CONTEXT)[1]?.url, 'https://mypy.readthedocs.io/en/stable/_refs.html#code-call-overload'],
  ])('%s: the rule page is on the diagnostic', (_tool, read, url) => {
    expect(read()).toBe(url);
  });

  it("biome: its JSON reporter names a fix in words but gives no edit, so there is none", () => {
    // Biome 2.6.8 `lint --reporter=json` on `let a = 1;`: {advices: [{start, end, text: "Safe fix: Use const instead."}]}.
    const output = JSON.stringify({
      diagnostics: [
        { severity: 'warning', message: 'This let declares a variable that is only assigned once.', category: 'lint/style/useConst', location: { path: 'f.js', start: { line: 1, column: 1 }, end: { line: 1, column: 4 } }, advices: [{ start: { line: 1, column: 5 }, end: { line: 1, column: 6 }, text: 'Safe fix: Use const instead.' }] },
      ],
    });
    const [diagnostic] = parseJsonPreset('biome', output, CONTEXT);
    expect(diagnostic?.fixes).toBeUndefined();
    expect(diagnostic?.url).toBe('https://biomejs.dev/linter/rules/use-const');
  });
});

// Ruff cannot be installed here: its captures are its own snapshot tests (see the fixture README),
// and these lines are the start of the `fib.py` those snapshots check.
const FIB_PY = 'import os\n\n\ndef fibonacci(n):\n    """Compute the nth number in the Fibonacci sequence."""\n    x = 1\n';

describe('ruff fixes from its documented JSON', () => {
  const ruff = parseJsonPreset('ruff', readCapture('ruff.json'), CONTEXT);

  it('keeps its fix with its applicability, message and url', () => {
    expect(find(ruff, 'F401')).toMatchObject({
      url: 'https://docs.astral.sh/ruff/rules/unused-import',
      fixes: [{ description: 'Remove unused import: `os`', safe: false, edits: [{ start: { line: 1, column: 1 }, end: { line: 2, column: 1 }, text: '' }] }],
    });
    expect(applyFix(find(ruff, 'F401').fixes?.[0], FIB_PY)).toBe(FIB_PY.slice('import os\n'.length));
    expect(applyFix(find(ruff, 'F841').fixes?.[0], FIB_PY)?.endsWith('\n    \n')).toBe(true);
    expect(find(ruff, 'F821').fixes).toBeUndefined();
  });

  it.each([
    ['safe', true, 1],
    ['unsafe', false, 1],
    ['display-only', false, 0],
  ])('reads the applicability "%s" of current Ruff', (applicability, safe, count) => {
    const item = { code: 'F401', filename: 'a.py', location: { row: 1, column: 8 }, end_location: { row: 1, column: 10 }, message: 'unused', url: null, fix: { applicability, message: null, edits: [{ content: '', location: { row: 1, column: 1 }, end_location: { row: 2, column: 1 } }] } };
    const fixes = parseJsonPreset('ruff', JSON.stringify([item]), CONTEXT)[0]?.fixes ?? [];
    expect(fixes).toHaveLength(count);
    if (count > 0) expect(fixes[0]).toMatchObject({ safe, description: 'Fix this F401 problem' });
  });

  it('drops a fix with an edit it cannot read whole', () => {
    const item = { code: 'F401', filename: 'a.py', location: { row: 1, column: 8 }, message: 'unused', fix: { applicability: 'safe', edits: [{ content: '', location: { row: 1, column: 1 }, end_location: { row: 2, column: 1 } }, { content: 3, location: { row: 1 } }] } };
    expect(parseJsonPreset('ruff', JSON.stringify([item]), CONTEXT)[0]?.fixes).toBeUndefined();
  });
});
