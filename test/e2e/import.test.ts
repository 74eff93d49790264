import { chmodSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { type MakeRepo, repoTest as it, splitLines, TempRepo } from '../helpers/e2e.js';
import { filesPerHook, hasTool, LEFTHOOK_BIN, readRecords, RECORD_HOOK, runTool } from '../helpers/external-tools.js';

const HAS_PRE_COMMIT = hasTool('pre-commit');
const HAS_LEFTHOOK = hasTool(LEFTHOOK_BIN);
const HAS_LINTERS = hasTool('flake8') && hasTool('shellcheck');

/** A repository with something for every kind of selection: lint errors, a symlink, an executable script, binary files. */
async function makeFixtureRepo(makeRepo: MakeRepo): Promise<TempRepo> {
  const repo = await makeRepo();
  repo.write('a.py', 'import os\n\nprint(os.name)\n');
  repo.write('bad.py', 'import os\n');
  repo.write('src/c.py', 'print("c")\n');
  repo.write('src/sp ace.py', 'print("space")\n');
  repo.write('src/deep/d.py', 'print("d")\n');
  repo.write('docs/conf.py', 'import sys\n');
  repo.write('scripts/ok.sh', '#!/bin/sh\necho "$1"\n');
  repo.write('scripts/bad.sh', '#!/bin/sh\necho $1\n');
  repo.write('bin/tool', '#!/bin/sh\necho tool\n');
  chmodSync(path.join(repo.root, 'bin/tool'), 0o755);
  repo.write('notes.md', 'TODO: write the notes\n');
  repo.write('README.md', '# readme\n');
  repo.write('img.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]));
  repo.write('blob.dat', Buffer.from([0x00, 0x01, 0x02, 0x03]));
  symlinkSync('a.py', path.join(repo.root, 'link.py'));
  return repo;
}

/** The names of the hooks a gauntlet report says failed. */
function gauntletFailures(stdout: string): string[] {
  const report = JSON.parse(stdout) as { hooks: { name: string; status: string }[] };
  return report.hooks.filter((hook) => hook.status === 'failed').map((hook) => hook.name).sort();
}

async function runGauntletRecorded(repo: TempRepo, config: string, code = 1): Promise<{ failed: string[]; files: Record<string, string[]>; records: Map<string, string[][]>; stderr: string }> {
  const dir = repo.scratchDir('gauntlet-records');
  const result = await repo.run(['run', '--config', config, '--format', 'json', '--no-cache'], { env: { RECORD_DIR: dir } });
  expect(result.code, result.stderr).toBe(code);
  const records = readRecords(dir);
  return { failed: gauntletFailures(result.stdout), files: filesPerHook(records), records, stderr: result.stderr };
}

const PRE_COMMIT_CONFIG = `
repos:
- repo: meta
  hooks:
  - id: identity
- repo: local
  hooks:
  - id: flake8
    name: flake8
    entry: flake8
    language: system
    types: [python]
    exclude: ^docs/
  - id: shellcheck
    name: shellcheck
    entry: shellcheck -f gcc
    language: system
    types: [shell]
  - id: no-todo
    name: no-todo
    entry: sh -c '! grep -nH TODO "$@"' --
    language: system
    files: \\.(md|txt)$
  - id: record-text
    name: record-text
    entry: ${RECORD_HOOK} record-text
    language: system
    types: [text]
    exclude: |
      (?x)^(
        docs/.*|
        .*\\.md
      )$
  - id: record-py-or-sh
    name: record-py-or-sh
    entry: ${RECORD_HOOK} record-py-or-sh
    language: system
    types_or: [python, shell]
  - id: record-src
    name: record-src
    entry: ${RECORD_HOOK} record-src
    language: system
    files: ^src/(?!deep/)
  - id: record-once
    name: record-once
    entry: ${RECORD_HOOK} record-once
    language: system
    pass_filenames: false
    files: \\.md$
  - id: record-binary
    name: record-binary
    entry: ${RECORD_HOOK} record-binary
    language: system
    types: [binary]
  - id: record-exec
    name: record-exec
    entry: ${RECORD_HOOK} record-exec
    language: system
    types: [executable]
    exclude_types: [python]
`;

describe.runIf(HAS_PRE_COMMIT && HAS_LINTERS).concurrent('a .pre-commit-config.yaml', () => {
  it('fails the same hooks and gives each hook the same files as pre-commit run --all-files', async ({ makeRepo }) => {
    const repo = await makeFixtureRepo(makeRepo);
    repo.write('.pre-commit-config.yaml', PRE_COMMIT_CONFIG);
    await repo.commitAll();

    const preCommitRecords = repo.scratchDir('pre-commit-records');
    const env = { RECORD_DIR: preCommitRecords, PRE_COMMIT_HOME: repo.scratchDir('pre-commit-home'), PRE_COMMIT_COLOR: 'never' };
    const preCommit = await runTool('pre-commit', ['run', '--all-files', '--color', 'never'], repo.root, env);
    expect(preCommit.code, preCommit.output).toBe(1);
    const preCommitFailed = splitLines(preCommit.output).flatMap((line) => /^(\S+?)\.{3,}.*Failed$/.exec(line)?.[1] ?? []).sort();
    const preCommitFiles = filesPerHook(readRecords(preCommitRecords));

    const gauntlet = await runGauntletRecorded(repo, '.pre-commit-config.yaml');
    expect(preCommitFailed).toEqual(['flake8', 'no-todo', 'shellcheck']);
    expect(gauntlet.failed).toEqual(preCommitFailed);
    expect(gauntlet.files).toEqual(preCommitFiles);
    expect(Object.keys(preCommitFiles)).toEqual(['record-binary', 'record-exec', 'record-once', 'record-py-or-sh', 'record-src', 'record-text']);
    expect(gauntlet.records.get('record-once')).toEqual([[]]);
    expect(splitLines(gauntlet.stderr)).toEqual([
      `gauntlet: warning: .pre-commit-config.yaml: skipping hook "identity" from meta: pre-commit's meta hooks check pre-commit's own config`,
    ]);
  });

  it('imports into a gauntlet.yaml that refuses to be overwritten without --force, and runs', async ({ makeRepo }) => {
    const repo = await makeFixtureRepo(makeRepo);
    repo.write('.pre-commit-config.yaml', PRE_COMMIT_CONFIG);
    const first = await repo.run(['import', 'pre-commit']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('wrote gauntlet.yaml: 9 hooks from .pre-commit-config.yaml\n');
    expect(first.stderr).toContain('.pre-commit-config.yaml: hook "record-src": files: ^src/(?!deep/): no glob says the same');
    expect(repo.read('gauntlet.yaml')).toContain('# pre-commit hook "flake8"');

    const again = await repo.run(['import', 'pre-commit']);
    expect(again.code).toBe(2);
    expect(splitLines(again.stderr)).toEqual(['gauntlet: gauntlet.yaml already exists (pass --force to overwrite it)']);
    expect((await repo.run(['import', 'pre-commit', '--force', '--output', 'other.yaml'])).code).toBe(0);

    const dir = repo.scratchDir('records');
    const run = await repo.run(['run', '--format', 'json'], { env: { RECORD_DIR: dir } });
    expect(run.code, run.stderr).toBe(1);
    expect(gauntletFailures(run.stdout)).toEqual(['flake8', 'no-todo', 'shellcheck']);
    expect(filesPerHook(readRecords(dir))['record-py-or-sh']).toEqual(['a.py', 'bad.py', 'bin/tool', 'docs/conf.py', 'scripts/bad.sh', 'scripts/ok.sh', 'src/c.py', 'src/deep/d.py', 'src/sp ace.py']);
  });
});

const LEFTHOOK_CONFIG = `
pre-commit:
  commands:
    flake8:
      glob: "*.py"
      exclude: ["docs/*"]
      run: flake8 {staged_files}
    shellcheck:
      glob: "*.sh"
      run: shellcheck -f gcc {staged_files}
    no-todo:
      glob: "*.{md,txt}"
      run: "! grep -nH TODO {staged_files}"
    record-src:
      glob: "src/*.py"
      run: ${RECORD_HOOK} record-src {staged_files}
    record-all:
      run: ${RECORD_HOOK} record-all {all_files}
    record-once:
      glob: "*.md"
      run: ${RECORD_HOOK} record-once
    record-case:
      glob: "*.PY"
      exclude: ["src/*.PY", "src/deep/*"]
      run: ${RECORD_HOOK} record-case {files}
    record-none:
      glob: "*.rb"
      run: ${RECORD_HOOK} record-none {staged_files}
`;

// Jobs that record the files (and the environment) a group passes down to them.
const LEFTHOOK_GROUP_CONFIG = `
pre-commit:
  jobs:
    - name: python
      glob: "*.py"
      exclude: ["src/deep/*"]
      env: {E1: hello, E2: two}
      group:
        parallel: true
        jobs:
          - run: ${RECORD_HOOK} group-plain "E1=$E1" "E2=$E2" {staged_files}
          - name: own
            glob: "*.sh"
            exclude: ["docs/*"]
            env: {E1: bonjour}
            run: ${RECORD_HOOK} group-own "E1=$E1" "E2=$E2" {staged_files}
          - group:
              jobs:
                - run: ${RECORD_HOOK} group-nested "E1=$E1" "E3=$E3" {staged_files}
                  env: {E3: three}
    - name: executables
      file_types: executable
      group:
        jobs:
          - run: ${RECORD_HOOK} group-exec-text {staged_files}
            file_types: text
`;

/** Runs `lefthook run pre-commit --all-files` in the repository; its exit code, output and records. */
async function runLefthook(repo: TempRepo): Promise<{ code: number; output: string; files: Record<string, string[]> }> {
  const dir = repo.scratchDir('lefthook-records');
  const result = await runTool(LEFTHOOK_BIN, ['run', 'pre-commit', '--all-files', '--no-auto-install', '--no-tty', '--colors', 'off'], repo.root, { RECORD_DIR: dir });
  return { ...result, files: filesPerHook(readRecords(dir)) };
}

describe.runIf(HAS_LEFTHOOK && HAS_LINTERS).concurrent('a lefthook.yml', () => {
  it('fails the same commands and gives each the same files as lefthook run pre-commit --all-files', async ({ makeRepo }) => {
    const repo = await makeFixtureRepo(makeRepo);
    repo.write('lefthook.yml', LEFTHOOK_CONFIG);
    await repo.commitAll();

    const lefthook = await runLefthook(repo);
    expect(lefthook.code, lefthook.output).toBe(1);
    const lefthookFailed = splitLines(lefthook.output).flatMap((line) => /^\s*✗\s+(\S+)/.exec(line)?.[1] ?? []).sort();
    const gauntlet = await runGauntletRecorded(repo, 'lefthook.yml');

    expect(lefthookFailed).toEqual(['flake8', 'no-todo', 'shellcheck']);
    expect(gauntlet.failed).toEqual(lefthookFailed);
    expect(gauntlet.files).toEqual(lefthook.files);
    expect(Object.keys(lefthook.files)).toEqual(['record-all', 'record-case', 'record-once', 'record-src']);
    expect(gauntlet.records.get('record-once')).toEqual([[]]);
    expect(gauntlet.records.has('record-none')).toBe(false);
    expect(gauntlet.stderr).toBe('');
  });

  it('gives the jobs of a group the files and environment lefthook gives them', async ({ makeRepo }) => {
    const repo = await makeFixtureRepo(makeRepo);
    repo.write('lefthook.yml', LEFTHOOK_GROUP_CONFIG);
    await repo.commitAll();

    const lefthook = await runLefthook(repo);
    expect(lefthook.code, lefthook.output).toBe(0);
    const gauntlet = await runGauntletRecorded(repo, 'lefthook.yml', 0);
    expect(gauntlet.files).toEqual(lefthook.files);
    expect(lefthook.files).toEqual({
      'group-exec-text': ['bin/tool'],
      'group-nested': ['E1=hello', 'E3=three', 'a.py', 'bad.py', 'docs/conf.py', 'link.py', 'src/c.py', 'src/sp ace.py'],
      'group-own': ['E1=bonjour', 'E2=two', 'a.py', 'bad.py', 'link.py', 'scripts/bad.sh', 'scripts/ok.sh', 'src/c.py', 'src/sp ace.py'],
      'group-plain': ['E1=hello', 'E2=two', 'a.py', 'bad.py', 'docs/conf.py', 'link.py', 'src/c.py', 'src/sp ace.py'],
    });
    expect(gauntlet.stderr).toBe('');
  });

  it('fails a job that empties and stages the files of its group glob, and gives it only those files', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('a.txt', 'alpha\n');
    repo.write('b.txt', 'beta\n');
    repo.write('notes.md', 'gamma\n');
    repo.write('lefthook.yml', [
      'pre-commit:',
      '  jobs:',
      '    - name: text',
      '      glob: "*.txt"',
      '      group:',
      '        jobs:',
      '          - name: empty-them',
      `            run: ${RECORD_HOOK} empty-them {staged_files} && for f in {staged_files}; do printf '' > "$f"; done && git add {staged_files}`,
      '',
    ].join('\n'));
    await repo.commitAll();

    const dir = repo.scratchDir('records');
    const result = await repo.run(['run', '--config', 'lefthook.yml', '--format', 'json'], { env: { RECORD_DIR: dir } });
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as { hooks: { name: string; status: string; modified_files: string[] }[] };
    expect(report.hooks.map(({ name, status, modified_files }) => ({ name, status, modified_files }))).toEqual([
      { name: 'empty-them', status: 'failed', modified_files: ['a.txt', 'b.txt'] },
    ]);
    expect(filesPerHook(readRecords(dir))).toEqual({ 'empty-them': ['a.txt', 'b.txt'] });
    expect([repo.read('a.txt'), repo.read('b.txt'), repo.read('notes.md')]).toEqual(['', '', 'gamma\n']);
    expect(splitLines(result.stderr)).toEqual([
      'gauntlet: warning: lefthook.yml:8:18: ["pre-commit"].jobs[0].group.jobs[0].run: hook "empty-them" runs "git add": imported as a fixer (modifies_files: true), failed when it changes a file; gauntlet never stages files itself',
    ]);
  });

  it('imports the chosen group into gauntlet.yaml', async ({ makeRepo }) => {
    const repo = await makeFixtureRepo(makeRepo);
    repo.write('lefthook.yml', `${LEFTHOOK_CONFIG}pre-push:\n  commands:\n    slow:\n      run: "true"\n`);
    const result = await repo.run(['import', 'lefthook', '--group', 'pre-push']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('wrote gauntlet.yaml: 1 hook from lefthook.yml\n');
    expect(repo.read('gauntlet.yaml')).toContain('stage: comprehensive');
    const missing = await repo.run(['import', 'lefthook', '--force', '--group', 'post-merge']);
    expect(splitLines(missing.stderr)).toEqual(['lefthook.yml:2:1: no "post-merge" hook group (found: pre-commit, pre-push; choose one with --group)']);
  });
});

describe.concurrent('a foreign config with nothing gauntlet can run', () => {
  it('is an error after one warning per skipped hook, not an empty success', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('ci/hooks.yaml', 'repos:\n- repo: https://github.com/psf/black\n  rev: 24.1.0\n  hooks:\n  - id: black\n');
    const result = await repo.run(['run', '--config', 'ci/hooks.yaml']);
    expect(result.code).toBe(2);
    expect(splitLines(result.stderr)).toEqual([
      'gauntlet: warning: ci/hooks.yaml: skipping hook "black" from https://github.com/psf/black: gauntlet does not install tool environments; add it as a local hook',
      'ci/hooks.yaml: no hook gauntlet can run (each was skipped: see the warnings above)',
    ]);
  });
});
