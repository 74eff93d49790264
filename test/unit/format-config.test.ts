import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config/load-config.js';
import { useConfigFiles } from '../helpers/config-files.js';

const { writeConfig, loadFailure } = useConfigFiles();

describe('format and range_format in gauntlet.yaml', () => {
  it('resolves a formatter as a stdin hook, and a range formatter with its placeholders', async () => {
    const path = await writeConfig(
      'hooks:',
      '  - name: prettier',
      '    command: prettier --stdin-filepath {file} --range-start={range_start} --range-end={range_end}',
      '    format: true',
      '    range_format: true',
      '  - name: lint',
      '    command: flake8',
    );
    const [prettier, lint] = (await loadConfig(path)).hooks;
    expect(prettier).toMatchObject({ format: true, rangeFormat: true, stdin: true, modifiesFiles: false });
    expect(lint?.format).toBeUndefined();
    expect(lint?.rangeFormat).toBeUndefined();
  });

  it.each<[string, string[], string]>([
    ['range_format without format', ['    command: ruff format --range={range_start_line}:1-2:1 -', '    range_format: true'], 'gauntlet.yaml:4:19: hooks[0].range_format: hook "fmt": range_format is only for a formatter (add format: true, or remove range_format)'],
    ['a range placeholder on a hook that is no formatter', ['    command: tool --from={range_start}'], 'gauntlet.yaml:3:14: hooks[0].command: hook "fmt": "{range_start}" is only replaced for a hook with format: true and range_format: true'],
    ['a range placeholder without range_format', ['    command: prettier --range-end={range_end}', '    format: true'], 'gauntlet.yaml:3:14: hooks[0].command: hook "fmt": "{range_end}" is only replaced with range_format: true (add it, or remove the placeholder)'],
    ['range_format with no placeholder', ['    command: prettier --stdin-filepath {file}', '    format: true', '    range_format: true'], 'gauntlet.yaml:5:19: hooks[0].range_format: hook "fmt": the command has none of {range_start}, {range_end}, {range_start_line}, {range_start_column}, {range_end_line}, {range_end_column} (put them where the tool takes its range)'],
    ['a formatter with pass_files: false', ['    command: black -q -', '    format: true', '    pass_files: false'], 'gauntlet.yaml:4:13: hooks[0].format: hook "fmt": a formatter formats one file at a time on stdin (remove format, or set pass_files: true)'],
    ['a formatter that also modifies files', ['    command: black -q -', '    format: true', '    modifies_files: true'], 'gauntlet.yaml:4:13: hooks[0].format: hook "fmt": gauntlet writes a formatter\'s output itself with --fix (remove modifies_files, or remove format)'],
    ['a formatter that always runs', ['    command: black -q -', '    format: true', '    always_run: true'], 'gauntlet.yaml:4:13: hooks[0].format: hook "fmt": a formatter needs a file to format (remove always_run)'],
    ['a formatter given {files}', ['    command: prettier {files}', '    format: true'], 'gauntlet.yaml:3:14: hooks[0].command: hook "fmt": a formatter reads one file on stdin: write "{file}" for its path, not "{files}"'],
    ['format that is not a boolean', ['    command: black -q -', '    format: yes'], 'gauntlet.yaml:4:13: hooks[0].format: expected a boolean'],
  ])('refuses %s in one line naming the hook and the field', async (_what, lines, message) => {
    expect(await loadFailure('hooks:', '  - name: fmt', ...lines)).toBe(message);
  });
});
