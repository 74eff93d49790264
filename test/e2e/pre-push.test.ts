import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { PASSING_CONFIG, readInvocations, repoTest as it, splitLines, type TempRepo } from '../helpers/e2e.js';
import { hasTool, runTool } from '../helpers/external-tools.js';
import { fixtureHook } from '../helpers/paths.js';

/** Hooks: one fails on a TODO in a *.txt file, the other records the files it is given. */
function writeCheckedConfig(repo: TempRepo, calls: string): void {
  repo.writeConfig({
    hooks: [
      { name: 'no-todo', command: ['grep', '-nH', 'TODO'], ok_exit_codes: [1], files: ['*.txt'] },
      { name: 'record', command: [fixtureHook('write-args.sh'), calls], files: ['*.txt'], parser: 'none' },
    ],
  });
}

/** The files the record hook was given since the folder was last emptied, sorted. */
function takeRecordedFiles(calls: string): string[] {
  const files = readInvocations(calls).flat().sort();
  rmSync(calls, { recursive: true, force: true });
  mkdirSync(calls);
  return files;
}

describe.concurrent('gauntlet run --from-ref/--to-ref', () => {
  it('checks the files a branch changed since it forked, as they are in the work tree, not those changed on the base since', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const calls = repo.scratchDir('calls');
    writeCheckedConfig(repo, calls);
    repo.write('base.txt', 'base\n');
    repo.write('doomed.txt', 'deleted on the branch\n');
    await repo.commitAll('start');
    await repo.git('branch', '-M', 'main');
    await repo.git('checkout', '-q', '-b', 'feature');
    repo.write('feature.txt', 'TODO: feature work\n');
    repo.write('sub/renamed.txt', 'moved\n');
    await repo.git('rm', '-q', 'doomed.txt');
    await repo.commitAll('feature');
    await repo.git('checkout', '-q', 'main');
    repo.write('base.txt', 'changed on main after the fork\n');
    await repo.commitAll('main moves on');
    await repo.git('checkout', '-q', 'feature');
    repo.write('feature.txt', 'work tree copy, TODO: still\n');

    const { result, report } = await repo.runJson(['--from-ref', 'main', '--to-ref', 'feature']);

    expect(result.code, result.stderr).toBe(1);
    expect(takeRecordedFiles(calls)).toEqual(['feature.txt', 'sub/renamed.txt']);
    expect(report.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual(['feature.txt:1 work tree copy, TODO: still']);
  });

  it('refuses one ref without the other, --staged with them, and an unknown ref, in one line each (exit 2)', async ({ makeRepo }) => {
    const repo = await makeRepo();
    writeCheckedConfig(repo, repo.scratchDir('calls'));
    await repo.commitAll('start');
    const cases: [string[], string][] = [
      [['--from-ref', 'HEAD'], 'gauntlet: --from-ref and --to-ref go together: give both (the files changed between the two refs)'],
      [['--to-ref', 'HEAD'], 'gauntlet: --from-ref and --to-ref go together: give both (the files changed between the two refs)'],
      [['--staged', '--from-ref', 'HEAD', '--to-ref', 'HEAD'], 'gauntlet: --staged and --from-ref/--to-ref cannot be used together'],
      [['--from-ref', 'HEAD', '--to-ref', 'no-such-branch'], `gauntlet: unknown ref: no-such-branch (no such commit in ${repo.root})`],
    ];
    for (const [args, message] of cases) {
      const result = await repo.run(['run', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(splitLines(result.stderr)).toEqual([message]);
    }
  });
});

/** A checked repository with an empty bare remote next to it; returns the record folder and the remote. */
async function makeRepoWithRemote(repo: TempRepo): Promise<{ calls: string; remote: string }> {
  const calls = repo.scratchDir('calls');
  const remote = repo.scratchPath('remote.git');
  await repo.git('init', '-q', '--bare', remote);
  writeCheckedConfig(repo, calls);
  return { calls, remote };
}

describe.concurrent('gauntlet install --hook pre-push', () => {
  it('checks what each git push sends to a real remote: blocks a failing push, lets a fixed one, a new branch and a deletion through', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const { calls, remote } = await makeRepoWithRemote(repo);
    repo.write('old.txt', 'TODO: pushed before the hook\n');
    await repo.commitAll('start');
    await repo.git('branch', '-M', 'main');
    await repo.git('remote', 'add', 'origin', remote);
    await repo.git('push', '-q', 'origin', 'main');

    const installed = await repo.run(['install', '--hook', 'pre-push']);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toBe(
      'created .gitignore ignoring .gauntlet/\n' +
        'installed .git/hooks/pre-push: runs "gauntlet run --from-ref <remote sha> --to-ref <local sha>" for each ref before each push\n',
    );
    const push = (...args: string[]): Promise<{ code: number; output: string }> => runTool('git', ['push', '-q', 'origin', ...args], repo.root);
    const remoteHead = async (ref: string): Promise<string> => (await runTool('git', ['ls-remote', remote, ref], repo.root)).output.split('\t')[0] ?? '';

    repo.write('new.txt', 'TODO: not done\n');
    await repo.commitAll('adds a TODO');
    const before = await remoteHead('refs/heads/main');
    const blocked = await push('main');
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('new.txt:1 error TODO: not done [no-todo]');
    expect(await remoteHead('refs/heads/main')).toBe(before);
    expect(takeRecordedFiles(calls)).toEqual(['new.txt']);

    repo.write('new.txt', 'done\n');
    await repo.commitAll('fixes it');
    const fixed = await push('main');
    expect(fixed.code, fixed.output).toBe(0);
    expect(await remoteHead('refs/heads/main')).toBe((await repo.git('rev-parse', 'main')).trim());
    expect(takeRecordedFiles(calls)).toEqual(['new.txt']);

    await repo.git('checkout', '-q', '-b', 'topic');
    repo.write('topic.txt', 'topic work\n');
    await repo.commitAll('topic');
    const branch = await push('topic');
    expect(branch.code, branch.output).toBe(0);
    expect(takeRecordedFiles(calls)).toEqual(['topic.txt']);

    const deleted = await push('--delete', 'topic');
    expect(deleted.code, deleted.output).toBe(0);
    expect(takeRecordedFiles(calls)).toEqual([]);
    expect(await remoteHead('refs/heads/topic')).toBe('');
  });

  it('checks every file when the remote has none of the history pushed', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const { calls, remote } = await makeRepoWithRemote(repo);
    repo.write('one.txt', 'one\n');
    await repo.commitAll('first');
    repo.write('two.txt', 'TODO: two\n');
    await repo.commitAll('second');
    await repo.git('remote', 'add', 'origin', remote);
    expect((await repo.run(['install', '--hook', 'pre-push'])).code).toBe(0);

    const blocked = await runTool('git', ['push', '-q', 'origin', 'HEAD:refs/heads/main'], repo.root);

    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('two.txt:1 error TODO: two [no-todo]');
    expect(takeRecordedFiles(calls)).toEqual(['one.txt', 'two.txt']);
  });

  it.skipIf(!hasTool('shellcheck'))('writes a hook shellcheck finds nothing to say about, which uninstall --hook pre-push removes alone', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig(PASSING_CONFIG);
    expect((await repo.run(['install', '--hook', 'pre-push', '--stage', 'comprehensive'])).code).toBe(0);
    expect((await repo.run(['install'])).code).toBe(0);
    const hook = path.join(repo.root, '.git/hooks/pre-push');
    expect(readFileSync(hook, 'utf8')).toContain('--to-ref "$local_sha" --stage comprehensive </dev/null');
    const lint = await runTool('shellcheck', [hook], repo.root);
    expect(lint, lint.output).toEqual({ code: 0, output: '' });

    const removed = await repo.run(['uninstall', '--hook', 'pre-push']);
    expect(removed.stdout).toBe('removed .git/hooks/pre-push\n');
    expect(existsSync(hook)).toBe(false);
    expect(existsSync(path.join(repo.root, '.git/hooks/pre-commit'))).toBe(true);
  });
});
