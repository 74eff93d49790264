import { describe, expect, it } from 'vitest';
import { resolveImportedConfig, type ImportedConfig } from '../../engine/config/import/imported-hook.js';
import { renderGauntletYaml } from '../../engine/config/import/render-yaml.js';
import { matchFiles } from '../../engine/files/match.js';
import { FILES, importText } from '../helpers/lefthook-import.js';

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
