import { describe, expect, it } from 'vitest';
import { resolveImportedConfig } from '../../engine/config/import/imported-hook.js';
import { compileLefthookGlob, expandBraces } from '../../engine/config/import/lefthook-glob.js';
import { parseGoDuration, translateRun } from '../../engine/config/import/lefthook-run.js';
import { detectConfigFormat } from '../../engine/config/import/load-foreign.js';
import { writeHookGlobs } from '../../engine/config/import/hook-globs.js';
import { createMatcher, matchFiles } from '../../engine/files/match.js';

import { FILES, importText } from '../helpers/lefthook-import.js';

function globSelect(glob: string, matcher: 'gobwas' | 'doublestar', ignoreCase = true): string[] {
  const regex = new RegExp(compileLefthookGlob(glob, matcher, ignoreCase).regex);
  return FILES.filter((file) => regex.test(file));
}

describe('lefthook globs', () => {
  // Observed with lefthook 2.2.2 (`lefthook run pre-commit --all-files`).
  it('matches gobwas globs as lefthook does: * crosses folders, case does not matter', () => {
    expect(globSelect('*.py', 'gobwas')).toEqual(['a.py', 'X.PY', '.hidden.py', 'src/b.py', 'src/Y.Py', 'src/deep/c.py', 'sub/d.py']);
    expect(globSelect('src/*.py', 'gobwas')).toEqual(['src/b.py', 'src/Y.Py', 'src/deep/c.py']);
    expect(globSelect('**/*.py', 'gobwas')).toEqual(['src/b.py', 'src/Y.Py', 'src/deep/c.py', 'sub/d.py']);
    expect(globSelect('*.{py,js}', 'gobwas', false)).toEqual(['a.py', '.hidden.py', 'src/b.py', 'src/deep/c.py', 'sub/d.py', 'e.js', 'src/deep/f.js']);
    expect(globSelect('?.py', 'gobwas')).toEqual(['a.py', 'X.PY']);
  });

  it('matches doublestar globs with the usual folder rules', () => {
    expect(globSelect('*.py', 'doublestar')).toEqual(['a.py', 'X.PY', '.hidden.py']);
    expect(globSelect('src/*.py', 'doublestar')).toEqual(['src/b.py', 'src/Y.Py']);
    expect(globSelect('**/*.py', 'doublestar')).toEqual(['a.py', 'X.PY', '.hidden.py', 'src/b.py', 'src/Y.Py', 'src/deep/c.py', 'sub/d.py']);
    expect(globSelect('src/**', 'doublestar')).toEqual(['src/b.py', 'src/Y.Py', 'src/deep/c.py', 'src/deep/f.js']);
  });

  it('writes gauntlet globs that select the same files (case aside)', () => {
    for (const glob of ['*.py', 'src/*.py', '**/*.js', 'sub/*', '*.{py,js}', 'bin/tool']) {
      const compiled = compileLefthookGlob(glob, 'gobwas', false);
      const globs = compiled.globs;
      if (globs === null || globs === 'all') throw new Error(`no globs for ${glob}`);
      const regex = new RegExp(compiled.regex);
      expect(FILES.filter(createMatcher(globs, [])), glob).toEqual(FILES.filter((file) => regex.test(file)));
    }
  });

  it('expands nested braces', () => {
    expect(expandBraces('a{b,c{d,e}}f')).toEqual(['abf', 'acdf', 'acef']);
  });
});

describe('translateRun', () => {
  it('passes files as arguments of sh -c, never pasted into the script', () => {
    expect(translateRun('flake8 {staged_files} && echo {all_files}', { name: 'lint', templates: {}, env: {} })).toEqual({
      argv: ['sh', '-c', 'flake8 "$@" && echo "$@"', 'sh', '{files}'],
      passFiles: true,
      stagesFiles: false,
    });
  });

  it('runs a command without a file template once, without files', () => {
    expect(translateRun('make check {0}', { name: 'x', templates: {}, env: {} })).toEqual({ argv: ['sh', '-c', 'make check'], passFiles: false, stagesFiles: false });
  });

  it('fills custom templates and the job name, and exports env values that refer to variables', () => {
    const { argv } = translateRun('{runner} {lefthook_job_name}', { name: 'lint', templates: { runner: 'npx' }, env: { PATH: '$PATH:/opt/"x"', PLAIN: 'a' } });
    expect(argv).toEqual(['sh', '-c', 'export PATH="$PATH:/opt/\\"x\\""; npx lint']);
  });

  it('knows a command that runs git add, in any of its spellings', () => {
    const stages = (run: string, templates: Record<string, string> = {}): boolean => translateRun(run, { name: 'x', templates, env: {} }).stagesFiles;
    for (const run of ['prettier -w {staged_files} && git add {staged_files}', 'git add -u', 'fix; git -C . add .', '/usr/bin/git --no-pager stage x', 'x\ngit add y', '{stage}']) {
      expect(stages(run, { stage: 'git add .' }), run).toBe(true);
    }
    for (const run of ['git diff --exit-code', 'legit add', 'git addendum', 'echo git-add', 'git commit -m add']) expect(stages(run), run).toBe(false);
  });

  it('reads Go durations', () => {
    expect(parseGoDuration('1m30s')).toBe(90);
    expect(parseGoDuration('500ms')).toBe(0.5);
    expect(parseGoDuration('soon')).toBeNull();
  });
});

describe('importLefthook', () => {
  it('reads commands, jobs (groups flattened) and scripts of the chosen group', async () => {
    const imported = await importText([
      'pre-commit:',
      '  piped: true',
      '  commands:',
      '    lint:',
      '      glob: "*.py"',
      '      exclude: ["src/deep/*"]',
      '      run: flake8 {staged_files}',
      '      env: {FLAKE8: "1"}',
      '      timeout: 30s',
      '  jobs:',
      '    - name: types',
      '      run: mypy .',
      '    - group:',
      '        jobs:',
      '          - run: echo {files}',
      '  scripts:',
      '    "check.sh":',
      '      runner: bash',
      'pre-push:',
      '  commands:',
      '    slow:',
      '      run: make test',
    ].join('\n'));
    expect(imported.warnings).toEqual([]);
    expect(imported.failFast).toBe(true);
    expect(imported.hooks.map((hook) => [hook.name, hook.argv, hook.passFiles, hook.stage])).toEqual([
      ['lint', ['sh', '-c', 'flake8 "$@"', 'sh', '{files}'], true, 'fast'],
      ['types', ['sh', '-c', 'mypy .'], false, 'fast'],
      ['echo-files', ['sh', '-c', 'echo "$@"', 'sh', '{files}'], true, 'fast'],
      ['check.sh', ['bash', '.lefthook/pre-commit/check.sh'], false, 'fast'],
    ]);
    expect(imported.hooks[0]).toMatchObject({ env: { FLAKE8: '1' }, timeoutSeconds: 30 });
    const lint = resolveImportedConfig(imported, '/r/lefthook.yml').hooks[0];
    expect(lint && matchFiles(lint, FILES)).toEqual(['a.py', 'X.PY', '.hidden.py', 'src/b.py', 'src/Y.Py', 'sub/d.py']);
    expect((await importText('pre-push:\n  commands:\n    t:\n      run: make', 'pre-push')).hooks[0]?.stage).toBe('comprehensive');
  });

  it('skips a command with root or skip: true, and notes conditions it does not check', async () => {
    const imported = await importText([
      'pre-commit:',
      '  commands:',
      '    web:',
      '      root: frontend/',
      '      run: npm test',
      '    off:',
      '      skip: true',
      '      run: x',
      '    sometimes:',
      '      skip: [merge, rebase]',
      '      run: y',
    ].join('\n'));
    expect(imported.hooks.map((hook) => hook.name)).toEqual(['sometimes']);
    expect(imported.warnings).toEqual([
      'lefthook.yml: skipping hook "web": root "frontend/": gauntlet runs every hook at the repository root',
      'lefthook.yml: skipping hook "off": skip: true',
      'lefthook.yml:10:13: ["pre-commit"].commands.sometimes.skip: conditions are not checked; gauntlet always runs "sometimes"',
    ]);
  });

  it('selects files by file_types with identify, and skips mime types', async () => {
    const imported = await importText('pre-commit:\n  commands:\n    x:\n      file_types: executable\n      run: x {staged_files}\n    y:\n      file_types: text/x-python\n      run: y');
    const hook = resolveImportedConfig(imported, '/r/x').hooks[0];
    expect(hook && matchFiles(hook, FILES)).toEqual(['bin/tool']);
    expect(imported.warnings).toEqual(['lefthook.yml: skipping hook "y": file_types "text/x-python" is not supported by gauntlet']);
  });

  it('says which groups exist when the chosen one is missing', async () => {
    await expect(importText('pre-push:\n  commands:\n    a:\n      run: x')).rejects.toThrow(
      'lefthook.yml:1:1: no "pre-commit" hook group (found: pre-push; choose one with --group)',
    );
  });

  it('writes the hook-level exclude and glob as gauntlet globs', async () => {
    const imported = await importText('pre-commit:\n  exclude: ["vendor/*"]\n  commands:\n    x:\n      glob: "*.py"\n      run: x {staged_files}');
    const hook = imported.hooks[0];
    expect(hook && writeHookGlobs(hook)).toEqual({ files: ['*.py'], exclude: ['vendor/**'], problems: [] });
  });
});

describe('detectConfigFormat', () => {
  it('knows the files by name, and by content when named otherwise', () => {
    expect(detectConfigFormat('/r/.pre-commit-config.yaml', null)).toBe('pre-commit');
    expect(detectConfigFormat('/r/lefthook.yml', null)).toBe('lefthook');
    expect(detectConfigFormat('/r/ci.yaml', 'repos:\n- repo: local\n')).toBe('pre-commit');
    expect(detectConfigFormat('/r/ci.yaml', 'pre-commit:\n  commands: {}\n')).toBe('lefthook');
    expect(detectConfigFormat('/r/ci.yaml', 'hooks:\n  - name: x\n')).toBe('gauntlet');
  });
});
