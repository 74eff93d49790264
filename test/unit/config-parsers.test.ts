import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config/load-config.js';
import type { ParserSpec } from '../../protocol/parser.js';
import { useConfigFiles } from '../helpers/config-files.js';

const HOOK_LINES = ['hooks:', '  - name: lint', '    command: lint'];
const files = useConfigFiles();

/** Writes a one-hook gauntlet.yaml whose hook ends with the given lines. */
function writeHook(...parserLines: string[]): Promise<string> {
  return files.writeConfig(...HOOK_LINES, ...parserLines);
}

async function loadParser(...parserLines: string[]): Promise<ParserSpec | undefined> {
  const config = await loadConfig(await writeHook(...parserLines));
  return config.hooks[0]?.parser;
}

/** Loads a config that must fail; returns its one-line message with the temp path shown as `gauntlet.yaml`. */
function loadFailure(...parserLines: string[]): Promise<string> {
  return files.loadFailure(...HOOK_LINES, ...parserLines);
}

const CHOICES =
  'one of: gnu, none, sarif, checkstyle, eslint, ruff, biome, shellcheck, pylint, mypy, pyright, markdownlint, {regex: ...}, {errorformat: ...}, {json: ...}';

describe('parser: in gauntlet.yaml', () => {
  it('takes the report formats and JSON presets by name', async () => {
    expect(await loadParser('    parser: sarif')).toEqual({ type: 'sarif' });
    expect(await loadParser('    parser: checkstyle')).toEqual({ type: 'checkstyle' });
    expect(await loadParser('    parser: eslint')).toEqual({ type: 'json-preset', preset: 'eslint' });
    expect(await loadParser('    parser: markdownlint')).toEqual({ type: 'json-preset', preset: 'markdownlint' });
    expect(await loadParser()).toEqual({ type: 'gnu' });
  });

  it('splits an errorformat string at unescaped commas, as Vim reads the option', async () => {
    expect(await loadParser("    parser: { errorformat: '%f:%l:%c: %m,(%l\\,%c) %m,%-G%.%#' }")).toEqual({
      type: 'errorformat',
      formats: ['%f:%l:%c: %m', '(%l\\,%c) %m', '%-G%.%#'],
    });
  });

  it('takes an errorformat list one format per item, as efm-langserver does', async () => {
    expect(await loadParser('    parser:', '      errorformat:', "        - '%f:%l:%c: %trror: %m'", "        - '%f:%l, %m'")).toEqual({
      type: 'errorformat',
      formats: ['%f:%l:%c: %trror: %m', '%f:%l, %m'],
    });
  });

  it('fills a JSON mapping\'s optional fields', async () => {
    expect(
      await loadParser('    parser:', '      json: { root: results, file: path, line: start.line, message: text, column: start.col, column_base: 0 }'),
    ).toEqual({
      type: 'json',
      mapping: {
        root: 'results',
        lines: false,
        file: 'path',
        line: 'start.line',
        column: 'start.col',
        endLine: null,
        endColumn: null,
        severity: null,
        code: null,
        message: 'text',
        lineBase: 1,
        columnBase: 0,
        fix: null,
      },
    });
  });
});

describe('a bad parser: in gauntlet.yaml', () => {
  it('lists every choice for an unknown name', async () => {
    expect(await loadFailure('    parser: eslnt')).toBe(`gauntlet.yaml:4:13: hooks[0].parser: expected ${CHOICES}`);
    expect(await loadFailure('    parser: 3')).toBe(`gauntlet.yaml:4:13: hooks[0].parser: expected ${CHOICES}`);
  });

  it('reports an errorformat that does not compile at the format, in Vim\'s terms', async () => {
    expect(await loadFailure("    parser: { errorformat: '%f:%l:%q' }")).toBe(
      'gauntlet.yaml:4:28: hooks[0].parser.errorformat: "%f:%l:%q" has an invalid %q (see :help errorformat for the items)',
    );
    expect(await loadFailure('    parser:', '      errorformat:', "        - '%f:%l: %m'", "        - '%f:%l:%l'")).toBe(
      'gauntlet.yaml:7:11: hooks[0].parser.errorformat[1]: "%f:%l:%l" has %l twice (each item may appear once)',
    );
    expect(await loadFailure("    parser: { errorformat: '%f:%l: %m,%E%f:%*[' }")).toBe(
      'gauntlet.yaml:4:28: hooks[0].parser.errorformat: format 2 "%E%f:%*[" has a "[" without its "]"',
    );
  });

  it('reports an errorformat of the wrong type or without formats', async () => {
    expect(await loadFailure('    parser: { errorformat: 5 }')).toBe('gauntlet.yaml:4:28: hooks[0].parser.errorformat: expected a string or a list of strings');
    expect(await loadFailure('    parser: { errorformat: [] }')).toBe('gauntlet.yaml:4:28: hooks[0].parser.errorformat: expected at least one format');
    expect(await loadFailure("    parser: { errorformat: ',' }")).toBe('gauntlet.yaml:4:28: hooks[0].parser.errorformat: expected at least one format');
  });

  it('reports a JSON mapping without file, line or message at the mapping', async () => {
    expect(await loadFailure('    parser: { json: { file: path, message: text } }')).toBe(
      'gauntlet.yaml:4:21: hooks[0].parser.json.line: required field is missing',
    );
    expect(await loadFailure('    parser: { json: { file: path, line: l, mesage: text } }')).toBe(
      'gauntlet.yaml:4:44: hooks[0].parser.json: unknown field "mesage" (did you mean "message"?)',
    );
  });

  it('reports a JSON path with an empty segment and a base other than 0 or 1', async () => {
    expect(await loadFailure("    parser: { json: { file: path, line: 'start..line', message: text } }")).toBe(
      'gauntlet.yaml:4:41: hooks[0].parser.json.line: "start..line" is not a dotted path (write names separated by single dots, like location.row)',
    );
    expect(await loadFailure('    parser: { json: { file: f, line: l, message: m, line_base: 2 } }')).toBe(
      'gauntlet.yaml:4:64: hooks[0].parser.json.line_base: expected 0 or 1',
    );
  });

  it('reports a mapping with no parser key or with two', async () => {
    expect(await loadFailure('    parser: {}')).toBe('gauntlet.yaml:4:13: hooks[0].parser: expected exactly one of the keys regex, errorformat or json');
    expect(await loadFailure("    parser: { regex: '(?<file>a):(?<line>1)', errorformat: '%f:%l: %m' }")).toBe(
      'gauntlet.yaml:4:13: hooks[0].parser: expected exactly one of the keys regex, errorformat or json',
    );
  });

  it('suggests the parser key meant by a typo', async () => {
    expect(await loadFailure("    parser: { errorformats: '%f:%l: %m' }")).toBe(
      'gauntlet.yaml:4:15: hooks[0].parser: unknown field "errorformats" (did you mean "errorformat"?)',
    );
  });
});
