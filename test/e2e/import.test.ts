import { describe, expect } from 'vitest';
import { repoTest as it, splitLines } from '../helpers/e2e.js';
import { filesPerHook, hasTool, readRecords, RECORD_HOOK, runTool } from '../helpers/external-tools.js';
import { fixtureHook } from '../helpers/paths.js';
import { gauntletFailures, makeFixtureRepo, runGauntletRecorded } from '../helpers/import-fixture.js';
import { makeBarePath } from '../helpers/bare-path.js';

const HAS_PRE_COMMIT = hasTool('pre-commit');
const HAS_LINTERS = hasTool('flake8') && hasTool('shellcheck');

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
    // The meta hook runs through pre-commit.
    expect(gauntlet.stderr).toBe('');
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

describe.concurrent('a foreign config with nothing gauntlet can run', () => {
  it('is an error after one warning per skipped hook, not an empty success', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('ci/hooks.yaml', 'repos:\n- repo: https://github.com/psf/black\n  rev: 24.1.0\n  hooks:\n  - id: black\n');
    const result = await repo.run(['run', '--config', 'ci/hooks.yaml'], { env: { PATH: await makeBarePath(repo) } });
    expect(result.code).toBe(2);
    expect(splitLines(result.stderr)).toEqual([
      'gauntlet: warning: ci/hooks.yaml: skipping hook "black", which only pre-commit can run (its tool environments): install pre-commit ("pipx install pre-commit") or prek ("npm i -g @j178/prek") to run them through it',
      'ci/hooks.yaml: no hook gauntlet can run (each was skipped: see the warnings above)',
    ]);
  });
});

describe.concurrent('a repository whose only config is a pre-commit or lefthook one', () => {
  const report = `${fixtureHook('report-each.sh')} found`;
  it.for([
    { file: '.pre-commit-config.yaml', text: `repos:\n- repo: local\n  hooks:\n  - id: found\n    name: found\n    entry: ${report}\n    language: system\n    files: \\.txt$\n` },
    { file: 'lefthook.yml', text: `pre-commit:\n  commands:\n    found:\n      glob: "*.txt"\n      run: ${report} {all_files}\n` },
    { file: '.lefthook.yml', text: `pre-commit:\n  commands:\n    found:\n      glob: "*.txt"\n      run: ${report} {all_files}\n` },
  ])('is what gauntlet run and gauntlet trust use without --config ($file)', async ({ file, text }, { makeRepo }) => {
    const repo = await makeRepo();
    repo.write(file, text);
    repo.write('a.txt', 'a\n');
    const run = await repo.run(['run', '--format', 'json']);
    expect(run.code, run.stderr).toBe(1);
    expect(gauntletFailures(run.stdout)).toEqual(['found']);
    const trust = await repo.run(['trust'], { env: { XDG_DATA_HOME: repo.scratchDir('xdg') } });
    expect(trust.code, trust.stderr).toBe(0);
    expect(trust.stdout).toContain(`trusted ${file}`);
  });
});
