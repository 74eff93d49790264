import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config/load-config.js';
import { useConfigFiles } from '../helpers/config-files.js';

const { writeConfig } = useConfigFiles();

describe('loadConfig on a valid file', () => {
  it('fills every omitted field with its default', async () => {
    const path = await writeConfig('hooks:', '  - name: ruff', '    command: ruff check {files}', '    files: "*.py"');
    await expect(loadConfig(path)).resolves.toEqual({
      path,
      maxWorkers: null,
      failFast: false,
      hooks: [
        {
          name: 'ruff',
          argv: ['ruff', 'check', '{files}'],
          files: ['*.py'],
          exclude: [],
          passFiles: true,
          alwaysRun: false,
          timeoutMs: 60_000,
          stage: 'fast',
          parser: { type: 'gnu' },
          okExitCodes: [0],
          failOnDiagnostics: false,
          env: {},
          autoTimeout: false,
          cacheInputs: [],
          requireSerial: false,
          batchSize: null,
          modifiesFiles: false,
          fixOk: false,
        },
      ],
    });
  });

  it('resolves every field that is written out', async () => {
    const path = await writeConfig(
      'max_workers: 4',
      'fail_fast: true',
      'hooks:',
      '  - name: mypy',
      '    command: mypy .',
      '    files: [src/**/*.py, "*.pyi"]',
      '    exclude: vendor/**',
      '    pass_files: false',
      '    always_run: true',
      '    timeout: 2.5',
      '    stage: comprehensive',
      '    parser: { regex: "(?<file>[^:]+):(?<line>\\\\d+): (?<message>.*)" }',
      '    ok_exit_codes: [0, 1]',
      '    fail_on_diagnostics: true',
      '    env: { MYPY_CACHE: .cache, LEVEL: 3, STRICT: true }',
      '    cache_inputs: [setup.cfg, mypy.ini]',
      '    require_serial: true',
      '    batch_size: 50',
      '    modifies_files: true',
      '    fix_ok: true',
    );
    const config = await loadConfig(path);
    expect(config.maxWorkers).toBe(4);
    expect(config.failFast).toBe(true);
    expect(config.hooks[0]).toEqual({
      name: 'mypy',
      argv: ['mypy', '.'],
      files: ['src/**/*.py', '*.pyi'],
      exclude: ['vendor/**'],
      passFiles: false,
      alwaysRun: true,
      timeoutMs: 2_500,
      stage: 'comprehensive',
      parser: { type: 'regex', pattern: '(?<file>[^:]+):(?<line>\\d+): (?<message>.*)' },
      okExitCodes: [0, 1],
      failOnDiagnostics: true,
      env: { MYPY_CACHE: '.cache', LEVEL: '3', STRICT: 'true' },
      autoTimeout: false,
      cacheInputs: ['setup.cfg', 'mypy.ini'],
      requireSerial: true,
      batchSize: 50,
      modifiesFiles: true,
      fixOk: true,
    });
  });

  it('reads files_after_double_dash, and leaves it out of a hook that does not set it', async () => {
    const path = await writeConfig('hooks:', '  - name: a', '    command: a', '    files_after_double_dash: true', '  - name: b', '    command: b');
    const [a, b] = (await loadConfig(path)).hooks;
    expect(a?.filesAfterDoubleDash).toBe(true);
    expect(b).not.toHaveProperty('filesAfterDoubleDash');
  });

  it('reads timeout: auto as a calibrated timeout with the 60 s default until profiled', async () => {
    const path = await writeConfig('hooks:', '  - name: slow', '    command: slow', '    timeout: auto');
    const config = await loadConfig(path);
    expect(config.hooks[0]).toMatchObject({ autoTimeout: true, timeoutMs: 60_000 });
  });

  it('reports a timeout that is neither a positive number nor auto', async () => {
    const path = await writeConfig('hooks:', '  - name: slow', '    command: slow', '    timeout: sometimes');
    await expect(loadConfig(path)).rejects.toThrow(/^.*gauntlet\.yaml:4:14: hooks\[0\]\.timeout: expected /);
  });

  it('keeps a command list exactly as written, shell words included', async () => {
    const path = await writeConfig('hooks:', '  - name: count', '    command: ["sh", "-c", "eslint . | wc -l", "a  b"]');
    const config = await loadConfig(path);
    expect(config.hooks[0]?.argv).toEqual(['sh', '-c', 'eslint . | wc -l', 'a  b']);
  });

  it('honours quotes and backslashes when splitting a command string', async () => {
    const path = await writeConfig(
      'hooks:',
      '  - name: lint',
      `    command: lint --config "my config.ini" 'a b' --sep '|' a\\ b {files}`,
    );
    const config = await loadConfig(path);
    expect(config.hooks[0]?.argv).toEqual(['lint', '--config', 'my config.ini', 'a b', '--sep', '|', 'a b', '{files}']);
  });
});
