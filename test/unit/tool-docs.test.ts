import { describe, expect, it } from 'vitest';
import type { ParserSpec } from '../../protocol/parser.js';
import type { DiagnosticReport } from '../../protocol/report.js';
import { GAUNTLET_VERSION } from '../../protocol/version.js';
import { buildSarifLog } from '../../engine/report/sarif-report.js';
import { findToolDocs, type HookTool } from '../../engine/report/tool-docs.js';
import { describeSarifErrors } from '../helpers/sarif-schema.js';
import { makeDiagnosticReport, makeHookReport, makeRunReport } from '../helpers/report-fixtures.js';

const GNU: ParserSpec = { type: 'gnu' };

function hookTool(argv: string[], parser: ParserSpec = GNU): HookTool {
  return { name: 'check', parser, argv };
}

describe("a hook's tool documentation", () => {
  it.each([
    [['shellcheck', '-f', 'gcc'], GNU, 'https://www.shellcheck.net/'],
    [['sh', '-c', 'lint'], { type: 'json-preset', preset: 'shellcheck' } as const, 'https://www.shellcheck.net/'],
    [['python', '-m', 'flake8'], GNU, 'https://flake8.pycqa.org/'],
    [['uv', 'run', 'pylint'], GNU, 'https://pylint.readthedocs.io/'],
    [['mypy', '.'], GNU, 'https://mypy-lang.org/'],
    [['ruff', 'check'], GNU, 'https://docs.astral.sh/ruff/'],
    [['npx', 'eslint', '-f', 'unix'], GNU, 'https://eslint.org/'],
    [['node_modules/.bin/biome', 'lint'], GNU, 'https://biomejs.dev/'],
    [['markdownlint', '--json'], GNU, 'https://github.com/DavidAnson/markdownlint'],
    [['markdownlint-cli2'], GNU, 'https://github.com/DavidAnson/markdownlint-cli2'],
    [['yamllint', '-f', 'parsable'], GNU, 'https://github.com/adrienverge/yamllint'],
    [['prettier', '--check'], GNU, 'https://prettier.io/'],
    [['pyright', '--outputjson'], GNU, 'https://github.com/microsoft/pyright'],
    [['codespell'], GNU, 'https://github.com/codespell-project/codespell'],
    [['npx', 'tsc', '--noEmit'], GNU, 'https://www.typescriptlang.org/'],
    [['sh', '-c', 'cd src && mypy .'], GNU, 'https://mypy-lang.org/'],
  ])('knows %j (parser %j) as %s', (argv, parser, homepage) => {
    expect(findToolDocs(hookTool(argv, parser))?.homepage).toBe(homepage);
  });

  it.each([[['./scripts/check.sh']], [['cargo', 'clippy']], [['make', 'lint']]])('knows no page for %j', (argv) => {
    expect(findToolDocs(hookTool(argv))).toBeNull();
  });

  it.each([
    ['shellcheck', 'SC2086', '', 'https://www.shellcheck.net/wiki/SC2086'],
    ['shellcheck', 'style', '', null],
    ['eslint', 'no-unused-vars', '', 'https://eslint.org/docs/latest/rules/no-unused-vars'],
    ['eslint', '@typescript-eslint/no-explicit-any', '', null],
    ['eslint', 'react/jsx-key', '', null],
    ['mypy', 'attr-defined', '', 'https://mypy.readthedocs.io/en/stable/_refs.html#code-attr-defined'],
    ['pylint', 'C0114', 'Missing module docstring (missing-module-docstring)', 'https://pylint.readthedocs.io/en/stable/user_guide/messages/convention/missing-module-docstring.html'],
    ['pylint', 'W0611', 'Unused import os (unused-import)', 'https://pylint.readthedocs.io/en/stable/user_guide/messages/warning/unused-import.html'],
    ['pylint', 'C0114', 'Missing module docstring', null],
    ['markdownlint', 'MD013', '', 'https://github.com/DavidAnson/markdownlint/blob/main/doc/md013.md'],
    ['markdownlint', 'line-length', '', null],
    ['ruff', 'F401', '', null],
  ])('gives %s rule %s (message %j) the page %s', (tool, code, message, uri) => {
    expect(findToolDocs(hookTool([tool]))?.ruleUri?.(code, message) ?? null).toBe(uri);
  });
});

describe('the SARIF drivers', () => {
  const report = makeRunReport(
    '/repo',
    10,
    [makeHookReport('sc', 'failed', { files: 1, durationMs: 5 }), makeHookReport('own', 'failed', { files: 1, durationMs: 5 })],
    [
      makeDiagnosticReport('sc', 'run.sh', { code: 'SC2086', message: 'Double quote to prevent globbing.' }),
      makeDiagnosticReport('sc', 'run.sh', { code: null, message: 'no code' }),
      makeDiagnosticReport('own', 'a.py', { code: 'X1', message: 'mine' }),
    ] satisfies DiagnosticReport[],
  );
  const hooks: HookTool[] = [
    { name: 'sc', parser: { type: 'json-preset', preset: 'shellcheck' }, argv: ['shellcheck', '-f', 'json1', '{files}'] },
    { name: 'own', parser: GNU, argv: ['./check.sh'] },
  ];

  it("carry gauntlet's version, and the tool's home page and rule pages where gauntlet knows them", () => {
    const log = buildSarifLog(report, { hooks });
    expect(describeSarifErrors(log)).toBe('');
    const [sc, own] = log.runs;
    expect(sc?.tool.driver).toEqual({
      name: 'sc',
      version: GAUNTLET_VERSION,
      informationUri: 'https://www.shellcheck.net/',
      rules: [
        { id: 'SC2086', shortDescription: { text: 'sc: SC2086' }, helpUri: 'https://www.shellcheck.net/wiki/SC2086' },
        { id: 'sc', shortDescription: { text: 'sc: a diagnostic without a code' } },
      ],
    });
    expect(own?.tool.driver).toEqual({ name: 'own', version: GAUNTLET_VERSION, rules: [{ id: 'X1', shortDescription: { text: 'own: X1' } }] });
  });

  it('name no page without the config, and are still valid', () => {
    const log = buildSarifLog(report);
    expect(describeSarifErrors(log)).toBe('');
    expect(log.runs.map((run) => run.tool.driver.informationUri)).toEqual([undefined, undefined]);
    expect(log.runs.flatMap((run) => run.tool.driver.rules.map((rule) => rule.helpUri))).toEqual([undefined, undefined, undefined]);
  });
});
