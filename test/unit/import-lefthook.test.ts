import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../../engine/config/import/identify-files.js';
import { resolveImportedConfig, type ImportedConfig } from '../../engine/config/import/imported-hook.js';
import { importLefthook } from '../../engine/config/import/lefthook.js';
import { compileLefthookGlob, expandBraces } from '../../engine/config/import/lefthook-glob.js';
import { parseGoDuration, translateRun } from '../../engine/config/import/lefthook-run.js';
import { detectConfigFormat } from '../../engine/config/import/load-foreign.js';
import { writeHookGlobs } from '../../engine/config/import/hook-globs.js';
import { renderGauntletYaml } from '../../engine/config/import/render-yaml.js';
import { parseYamlSource } from '../../engine/config/import/yaml-source.js';
import { createMatcher, matchFiles } from '../../engine/files/match.js';

const FACTS: FileFacts = { symlinks: new Set(), executables: new Set(['bin/tool']), interpreterTags: new Map(), binaryContent: new Set() };
const FILES = ['a.py', 'X.PY', '.hidden.py', 'src/b.py', 'src/Y.Py', 'src/deep/c.py', 'sub/d.py', 'e.js', 'src/deep/f.js', 'bin/tool', 'img.png'];

async function importText(yaml: string, group = 'pre-commit'): Promise<ImportedConfig> {
  return importLefthook(parseYamlSource(yaml, 'lefthook.yml'), { facts: () => Promise.resolve(FACTS) }, { group });
}

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

/** Per imported hook: the files of FILES it gets, and its environment. */
function selections(imported: ImportedConfig): Record<string, { files: string[]; env: Record<string, string> }> {
  const resolved = resolveImportedConfig(imported, '/r/lefthook.yml');
  return Object.fromEntries(resolved.hooks.map((hook) => [hook.name, { files: matchFiles(hook, FILES), env: hook.env }]));
}

describe('lefthook job groups', () => {
  // What lefthook 2.2.1 does (`lefthook run pre-commit --all-files`): a group's glob, exclude,
  // file_types, env and root, set beside `group:`, reach its jobs and nested groups' jobs.
  it('passes the glob, exclude, env and root set beside group: to the jobs, as lefthook does', async () => {
    const imported = await importText([
      'pre-commit:',
      '  jobs:',
      '    - name: py',
      '      glob: "*.py"',
      '      exclude: ["src/deep/*"]',
      '      env: {E1: hello, E2: two}',
      '      group:',
      '        piped: true',
      '        jobs:',
      '          - name: plain',
      '            run: x {staged_files}',
      '          - name: more',
      '            glob: "*.js"',
      '            exclude: ["sub/*"]',
      '            env: {E1: bonjour}',
      '            run: x {staged_files}',
      '          - group:',
      '              jobs:',
      '                - run: lint {staged_files}',
      '                  env: {E3: three}',
      '    - name: rooted',
      '      root: sub/',
      '      group:',
      '        jobs:',
      '          - name: in-sub',
      '            run: y',
      '          - name: back-at-top',
      '            root: ./',
      '            run: y {staged_files}',
    ].join('\n'));
    const py = ['a.py', 'X.PY', '.hidden.py', 'src/b.py', 'src/Y.Py', 'sub/d.py'];
    expect(selections(imported)).toEqual({
      plain: { files: py, env: { E1: 'hello', E2: 'two' } },
      // The job's own glob adds to the group's (a file matching either is the job's); excludes add up too.
      more: { files: ['a.py', 'X.PY', '.hidden.py', 'src/b.py', 'src/Y.Py', 'e.js'], env: { E1: 'bonjour', E2: 'two' } },
      'lint-staged_files': { files: py, env: { E1: 'hello', E2: 'two', E3: 'three' } },
      'back-at-top': { files: FILES, env: {} },
    });
    expect(imported.failFast).toBe(true);
    expect(imported.warnings).toEqual(['lefthook.yml: skipping hook "in-sub": root "sub/": gauntlet runs every hook at the repository root']);
  });

  it('keeps a file only when it is of every file type the job and its groups list', async () => {
    const imported = await importText([
      'pre-commit:',
      '  jobs:',
      '    - file_types: executable',
      '      group:',
      '        jobs:',
      '          - {name: exec-text, file_types: text, run: "x {staged_files}"}',
      '          - {name: exec-link, file_types: symlink, run: "x {staged_files}"}',
    ].join('\n'));
    expect(selections(imported)).toEqual({ 'exec-text': { files: ['bin/tool'], env: {} }, 'exec-link': { files: [], env: {} } });
  });

  it('skips a group with skip: true and warns about settings lefthook does not read inside group:', async () => {
    const imported = await importText([
      'pre-commit:',
      '  jobs:',
      '    - name: off',
      '      skip: true',
      '      group:',
      '        jobs: [{run: a}]',
      '    - name: misplaced',
      '      group:',
      '        glob: "*.js"',
      '        root: sub/',
      '        jobs: [{run: "b {files}"}]',
      '    - name: both',
      '      run: c',
      '      group:',
      '        jobs: [{run: d}]',
    ].join('\n'));
    expect(Object.keys(selections(imported))).toEqual(['b-files', 'both']);
    expect(imported.hooks[0]?.include).toEqual([]);
    expect(imported.warnings).toEqual([
      'lefthook.yml: skipping job group "off": skip: true',
      'lefthook.yml:9:9: ["pre-commit"].jobs[1].group.glob: lefthook does not read "glob" inside "group:" (set it beside "group:"), ignored',
      'lefthook.yml:10:9: ["pre-commit"].jobs[1].group.root: lefthook does not read "root" inside "group:" (set it beside "group:"), ignored',
      'lefthook.yml:14:7: ["pre-commit"].jobs[2].group: ignored, as lefthook ignores a group beside "run" or "script"',
    ]);
  });

  it('names jobs as lefthook does: by name, else by their command, made unique', async () => {
    const imported = await importText([
      'pre-commit:',
      '  jobs:',
      '    - {name: "lint js", run: eslint}',
      '    - run: npx prettier --check {staged_files}',
      '    - run: npx prettier --check {staged_files}',
      '    - run: |',
      '        set -e',
      '        make check',
      '    - {script: check.sh, runner: bash}',
    ].join('\n'));
    expect(imported.hooks.map((hook) => hook.name)).toEqual(['lint-js', 'npx-prettier-check-staged_files', 'npx-prettier-check-staged_files-2', 'set-e', 'check.sh']);
  });
});

describe('lefthook fixers', () => {
  it('imports jobs that stage files as fixers that fail when they change one, with a warning each', async () => {
    const imported = await importText([
      'pre-commit:',
      '  jobs:',
      '    - name: format',
      '      run: prettier -w {staged_files} && git add {staged_files}',
      '    - name: fix',
      '      run: eslint --fix {staged_files}',
      '      stage_fixed: true',
      '    - name: check',
      '      run: eslint {staged_files}',
    ].join('\n'));
    expect(imported.hooks.map((hook) => [hook.name, hook.modifiesFiles])).toEqual([['format', true], ['fix', true], ['check', false]]);
    expect(imported.warnings).toEqual([
      'lefthook.yml:4:12: ["pre-commit"].jobs[0].run: hook "format" runs "git add": imported as a fixer (modifies_files: true), failed when it changes a file; gauntlet never stages files itself',
      'lefthook.yml:7:20: ["pre-commit"].jobs[1].stage_fixed: hook "fix" has stage_fixed: true: imported as a fixer (modifies_files: true), failed when it changes a file; gauntlet never stages files itself',
    ]);
    expect(resolveImportedConfig(imported, '/r/lefthook.yml').hooks.map((hook) => [hook.modifiesFiles, hook.fixOk])).toEqual([[true, false], [true, false], [false, false]]);
    const { text } = renderGauntletYaml(imported, 'lefthook.yml', 'gauntlet import lefthook');
    expect(text.match(/modifies_files: true/g)).toHaveLength(2);
    expect(text).not.toContain('fix_ok');
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
