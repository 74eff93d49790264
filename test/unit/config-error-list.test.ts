import { describe, expect, it } from 'vitest';
import { ConfigError, joinErrorLines, MAX_REPORTED_ERRORS } from '../../engine/config/config-error.js';
import { loadConfig } from '../../engine/config/load-config.js';
import { useConfigFiles } from '../helpers/config-files.js';

const { writeConfig } = useConfigFiles();

/** Loads a config that must fail; returns the ConfigError and its lines, the temp path shown as `gauntlet.yaml`. */
async function loadErrors(...lines: string[]): Promise<{ error: ConfigError; lines: string[] }> {
  const path = await writeConfig(...lines);
  const error = await loadConfig(path).then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return { error, lines: error.message.split('\n').map((line) => line.replaceAll(path, 'gauntlet.yaml')) };
}

describe('a config with several errors', () => {
  it.each<[string, string[], string[]]>([
    [
      'schema errors in different hooks, in file order',
      ['hooks:', '  - name: a', '    command: x', '    timeout: -1', '  - command: y', '  - name: c', '    command: z', '    timout: 3'],
      [
        'gauntlet.yaml:4:14: hooks[0].timeout: expected a positive number',
        'gauntlet.yaml:5:5: hooks[1].name: required field is missing',
        'gauntlet.yaml:8:5: hooks[2]: unknown field "timout" (did you mean "timeout"?)',
      ],
    ],
    [
      'problems found after the schema, in several hooks and in one hook',
      [
        'hooks:',
        '  - name: a',
        '    command: x',
        '  - name: a',
        '    command: y',
        '  - name: c',
        '    command: z',
        '    stdin: true',
        '    pass_files: false',
        '    cache_inputs: ["/etc/c.cfg"]',
      ],
      [
        'gauntlet.yaml:4:11: hooks[1].name: duplicate hook name "a" (also used by hooks[0]); names must be unique',
        'gauntlet.yaml:8:12: hooks[2].stdin: a stdin hook checks one file at a time (remove stdin, or set pass_files: true)',
        'gauntlet.yaml:10:20: hooks[2].cache_inputs[0]: "/etc/c.cfg" is absolute; give a path relative to the repository root (files outside it are not tracked)',
      ],
    ],
  ])('reports every one, one line each: %s', async (_case, yaml, expected) => {
    const { error, lines } = await loadErrors(...yaml);
    expect(lines).toEqual(expected);
    expect(error.problems).toHaveLength(expected.length);
  });
});

describe('a misspelt field', () => {
  it.each<[string, string[], string[]]>([
    ['a required command', ['hooks:', '  - name: lint', '    comand: eslint'], ['gauntlet.yaml:3:5: hooks[0]: unknown field "comand" (did you mean "command"?)']],
    ['a required name', ['hooks:', '  - nme: lint', '    command: eslint'], ['gauntlet.yaml:2:5: hooks[0]: unknown field "nme" (did you mean "name"?)']],
    [
      'a required field and an optional one in the same hook',
      ['hooks:', '  - name: lint', '    comand: eslint', '    timout: 3'],
      ['gauntlet.yaml:3:5: hooks[0]: unknown field "comand" (did you mean "command"?); unknown field "timout" (did you mean "timeout"?)'],
    ],
    ['the key of a parser mapping', ['hooks:', '  - name: lint', '    command: eslint', "    parser: { regx: '(?<file>a)' }"], ['gauntlet.yaml:4:15: hooks[0].parser: unknown field "regx" (did you mean "regex"?)']],
    [
      'a required field written as no near name',
      ['hooks:', '  - name: lint', '    run: eslint'],
      ['gauntlet.yaml:2:5: hooks[0].command: required field is missing', 'gauntlet.yaml:3:5: hooks[0]: unknown field "run"'],
    ],
  ])('is one line with a did-you-mean when it is near a known name: %s', async (_case, yaml, expected) => {
    expect((await loadErrors(...yaml)).lines).toEqual(expected);
  });
});

describe('many errors', () => {
  it('lists the first 20 and counts the rest in a last line', async () => {
    const count = MAX_REPORTED_ERRORS + 5;
    const hooks = Array.from({ length: count }, (_, index) => [`  - name: h${index}`, '    command: x', '    timout: 3']).flat();
    const { error, lines } = await loadErrors('hooks:', ...hooks);
    expect(error.problems).toHaveLength(count);
    expect(lines).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(lines[0]).toBe('gauntlet.yaml:4:5: hooks[0]: unknown field "timout" (did you mean "timeout"?)');
    expect(lines[MAX_REPORTED_ERRORS - 1]).toBe('gauntlet.yaml:61:5: hooks[19]: unknown field "timout" (did you mean "timeout"?)');
    expect(lines.at(-1)).toBe('gauntlet.yaml: and 5 more errors (fix the ones above first)');
  });

  it('says one more error in the singular', () => {
    const problems = Array.from({ length: MAX_REPORTED_ERRORS + 1 }, (_, index) => ({ file: 'g.yaml', position: { line: index + 1, column: 1 }, detail: 'bad' }));
    const [first, ...rest] = problems;
    if (!first) throw new Error('no problems');
    expect(new ConfigError([first, ...rest]).message.split('\n').at(-1)).toBe('g.yaml: and 1 more error (fix the ones above first)');
  });
});

describe('joinErrorLines', () => {
  it.each([
    ['g.yaml:1:1: a: bad', 'g.yaml:1:1: a: bad'],
    ['g.yaml:1:1: a: bad\ng.yaml:2:1: b: worse', 'g.yaml:1:1: a: bad; g.yaml:2:1: b: worse'],
  ])('makes one line for an editor of %j', (message, joined) => {
    expect(joinErrorLines(message)).toBe(joined);
  });
});
