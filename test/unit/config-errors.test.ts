import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../engine/config/config-error.js';
import { loadConfig } from '../../engine/config/load-config.js';
import { validateRegexPattern } from '../../engine/parse/regex.js';
import { useConfigFiles } from '../helpers/config-files.js';

const { folder, loadFailure } = useConfigFiles();

const SHELL_HINT = 'gauntlet runs commands without one (write ["sh", "-c", "..."] to use a shell)';

describe('loadConfig errors', () => {
  it('reports a missing file with a hint to create one or pass --config', async () => {
    const path = join(folder(), 'nowhere', 'gauntlet.yaml');
    await expect(loadConfig(path)).rejects.toThrow(
      new ConfigError({ file: path, detail: 'file not found (create one, or pass --config PATH)' }),
    );
    await expect(loadConfig(path)).rejects.toThrow(`${path}: file not found (create one, or pass --config PATH)`);
  });

  it.each<[string, string, string]>([
    ['an absolute path', '/etc/setup.cfg', '"/etc/setup.cfg" is absolute; give a path relative to the repository root (files outside it are not tracked)'],
    ['a path outside the repository', '../common/setup.cfg', '"../common/setup.cfg" is outside the repository; give a path inside it'],
    ['a glob', 'configs/*.cfg', '"configs/*.cfg" looks like a glob; cache_inputs takes paths of files'],
    ['the repository itself', './', 'expected a file, not the repository itself'],
  ])('refuses %s in cache_inputs, naming the entry', async (_what, input, detail) => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: flake8', `    cache_inputs: ["setup.cfg", "${input}"]`)).toBe(
      `gauntlet.yaml:4:33: hooks[0].cache_inputs[1]: ${detail}`,
    );
  });

  it('refuses a cache scope it does not know', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: flake8', '    cache: always')).toBe(
      'gauntlet.yaml:4:12: hooks[0].cache: expected one of: file, project, off',
    );
  });

  it('refuses a named pipe or a folder as the config at once, in one line', async () => {
    const fifo = join(folder(), 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    await expect(loadConfig(fifo)).rejects.toThrow(`${fifo}: cannot read the file: it is a named pipe (FIFO), not a regular file`);
    await expect(loadConfig(folder())).rejects.toThrow(`${folder()}: is a directory (pass --config PATH to a file)`);
  });

  it('reports a YAML syntax error at its line and column', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '  bad: [1, 2')).toBe(
      'gauntlet.yaml:4:1: invalid YAML: All mapping items must start at the same column',
    );
  });

  it('reports a second YAML document in the file as something to remove', async () => {
    expect(await loadFailure('hooks: []', '---', 'hooks: []')).toBe(
      'gauntlet.yaml:2:1: invalid YAML: holds more than one YAML document (remove the extra "---")',
    );
  });

  it('reports a duplicate YAML key at the second key', async () => {
    expect(await loadFailure('fail_fast: true', 'fail_fast: false', 'hooks: []')).toBe(
      'gauntlet.yaml:2:1: invalid YAML: Map keys must be unique',
    );
  });

  it('reports an empty file as empty', async () => {
    expect(await loadFailure('# nothing yet')).toBe('gauntlet.yaml: file is empty (add a "hooks:" list)');
  });

  it('reports a file that is not a mapping', async () => {
    expect(await loadFailure('- name: lint')).toBe('gauntlet.yaml:1:1: expected a mapping');
  });

  it('reports an empty hooks list at the list', async () => {
    expect(await loadFailure('hooks: []')).toBe('gauntlet.yaml:1:8: hooks: expected at least one hook');
  });

  it('reports a value of the wrong type with a short message', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    pass_files: "yes"')).toBe(
      'gauntlet.yaml:4:17: hooks[0].pass_files: expected a boolean',
    );
  });

  it('reports files_after_double_dash on a hook that is given no files', async () => {
    expect(await loadFailure('hooks:', '  - name: tsc', '    command: tsc', '    pass_files: false', '    files_after_double_dash: true')).toBe(
      'gauntlet.yaml:5:30: hooks[0].files_after_double_dash: a hook with pass_files: false is given no files to put after "--" (remove files_after_double_dash)',
    );
  });

  it('reports a negative timeout', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    timeout: -5')).toBe(
      'gauntlet.yaml:4:14: hooks[0].timeout: expected a positive number',
    );
  });

  it('reports a timeout too long for a timer', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    timeout: 99999999')).toBe(
      'gauntlet.yaml:4:14: hooks[0].timeout: expected at most 2147483 seconds (about 24 days)',
    );
  });

  it('reports a command that is neither a string nor a list of strings', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: 5')).toBe(
      'gauntlet.yaml:3:14: hooks[0].command: expected a string or a list of strings',
    );
  });

  it('reports a wrong element inside a list at the element', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    files: ["*.js", 7]')).toBe(
      'gauntlet.yaml:4:21: hooks[0].files[1]: expected a string',
    );
  });

  it('lists the allowed values of an enum', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    stage: slow')).toBe(
      'gauntlet.yaml:4:12: hooks[0].stage: expected one of: fast, comprehensive',
    );
  });

  it('reports an env value that is neither a string, a number nor a boolean', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    env:', '      LEVEL: [1, 2]')).toBe(
      'gauntlet.yaml:5:14: hooks[0].env.LEVEL: expected a string, a number or a boolean',
    );
  });

  it('reports a fractional max_workers as not a whole number', async () => {
    expect(await loadFailure('max_workers: 1.5', 'hooks:', '  - name: lint', '    command: eslint')).toBe(
      'gauntlet.yaml:1:14: max_workers: expected a whole number',
    );
  });

  it('reports a max_workers above the maximum at once, in one line', async () => {
    const started = performance.now();
    expect(await loadFailure('max_workers: 100000000', 'hooks:', '  - name: lint', '    command: eslint')).toBe(
      'gauntlet.yaml:1:14: max_workers: expected at most 256 workers',
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reports a max_workers of zero as not positive', async () => {
    expect(await loadFailure('max_workers: 0', 'hooks:', '  - name: lint', '    command: eslint')).toBe(
      'gauntlet.yaml:1:14: max_workers: expected a positive whole number',
    );
  });

  it('reports an empty ok_exit_codes list', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    ok_exit_codes: []')).toBe(
      'gauntlet.yaml:4:20: hooks[0].ok_exit_codes: expected at least 1 item',
    );
  });

  it('reports an exit code that is not a whole number at the code', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    ok_exit_codes: [0, 1.5]')).toBe(
      'gauntlet.yaml:4:24: hooks[0].ok_exit_codes[1]: expected a whole number',
    );
  });

  it('lists the parser presets and the regex form for an unknown parser', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    parser: clang')).toBe(
      'gauntlet.yaml:4:13: hooks[0].parser: expected one of: gnu, none, sarif, checkstyle, eslint, ruff, biome, shellcheck, pylint, mypy, pyright, markdownlint, {regex: ...}, {errorformat: ...}, {json: ...}',
    );
  });

  it('points at an unknown field and suggests the closest allowed one', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    timout: 5')).toBe(
      'gauntlet.yaml:4:5: hooks[0]: unknown field "timout" (did you mean "timeout"?)',
    );
  });

  it('reports an unknown field without a suggestion when nothing is close', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    colour: red')).toBe(
      'gauntlet.yaml:4:5: hooks[0]: unknown field "colour"',
    );
  });

  it('prefers a misspelt key over the required field it was meant to be', async () => {
    expect(await loadFailure('hook:', '  - name: lint', '    command: eslint')).toBe(
      'gauntlet.yaml:1:1: unknown field "hook" (did you mean "hooks"?)',
    );
  });

  it('suggests the key inside a regex parser mapping', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    parser: { regx: "x" }')).toBe(
      'gauntlet.yaml:4:15: hooks[0].parser: unknown field "regx" (did you mean "regex"?)',
    );
  });

  it('reports a missing name at the hook that lacks it', async () => {
    expect(await loadFailure('hooks:', '  - command: eslint', '    timeout: 5')).toBe(
      'gauntlet.yaml:2:5: hooks[0].name: required field is missing',
    );
  });

  it('reports a duplicate hook name at the second one', async () => {
    expect(
      await loadFailure('hooks:', '  - name: lint', '    command: eslint', '  - name: lint', '    command: tsc'),
    ).toBe('gauntlet.yaml:4:11: hooks[1].name: duplicate hook name "lint" (also used by hooks[0]); names must be unique');
  });

  it('reports a regex parser that does not compile', async () => {
    const pattern = '(?<file>[^:]+:(?<line>\\d+)';
    const message = await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    parser:', `      regex: '${pattern}'`);
    expect(message).toBe(`gauntlet.yaml:5:14: hooks[0].parser.regex: ${validateRegexPattern(pattern)}`);
    expect(validateRegexPattern(pattern)).not.toBeNull();
  });

  it('reports a regex parser without the file and line groups', async () => {
    const pattern = '(?<path>\\S+):(?<line>\\d+)';
    const message = await loadFailure('hooks:', '  - name: lint', '    command: eslint', '    parser:', `      regex: '${pattern}'`);
    expect(message).toBe(`gauntlet.yaml:5:14: hooks[0].parser.regex: ${validateRegexPattern(pattern)}`);
  });

  it('reports an unterminated quote at the command', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', `    command: eslint --rule "no-console`)).toBe(
      'gauntlet.yaml:3:14: hooks[0].command: unterminated " quote (close it, or write the command as a list)',
    );
  });

  it.each([
    ['|', 'eslint . | tee out.txt'],
    ['&&', 'make && make test'],
    ['||', 'make || true'],
    [';', 'cd src; make'],
    ['>', 'eslint . > out.txt'],
    ['<', 'wc -l < list.txt'],
    ['2>', 'tsc 2>/dev/null'],
  ])('refuses an unquoted %j in a command string because it needs a shell', async (operator, command) => {
    expect(await loadFailure('hooks:', '  - name: lint', `    command: ${command}`)).toBe(
      `gauntlet.yaml:3:14: hooks[0].command: "${operator}" needs a shell; ${SHELL_HINT}`,
    );
  });

  it('reports {files} written twice', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: eslint {files} {files}')).toBe(
      'gauntlet.yaml:3:14: hooks[0].command: "{files}" may appear at most once',
    );
  });

  it('reports {files} in a hook that does not pass files', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', '    command: [eslint, "{files}"]', '    pass_files: false')).toBe(
      'gauntlet.yaml:3:14: hooks[0].command: "{files}" is only replaced when pass_files is true (remove it, or set pass_files: true)',
    );
  });

  it('reports a command whose first word is empty', async () => {
    expect(await loadFailure('hooks:', '  - name: lint', `    command: "'' --fix"`)).toBe(
      'gauntlet.yaml:3:14: hooks[0].command: the first word must name the program to run',
    );
  });
});
