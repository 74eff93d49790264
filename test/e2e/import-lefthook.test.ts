import { describe, expect } from 'vitest';
import { repoTest as it, splitLines, type TempRepo } from '../helpers/e2e.js';
import { filesPerHook, hasTool, LEFTHOOK_BIN, readRecords, RECORD_HOOK, runTool } from '../helpers/external-tools.js';
import { makeFixtureRepo, runGauntletRecorded } from '../helpers/import-fixture.js';

const HAS_LEFTHOOK = hasTool(LEFTHOOK_BIN);
const HAS_LINTERS = hasTool('flake8') && hasTool('shellcheck');

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
