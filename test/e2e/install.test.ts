import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { PASSING_CONFIG, repoTest as it, splitLines, type TempRepo } from '../helpers/e2e.js';
import { runTool } from '../helpers/external-tools.js';
import { GAUNTLET_BIN } from '../helpers/paths.js';

const FOREIGN_HOOK = '#!/bin/sh\necho "another tool"\n';

function hookFile(repo: TempRepo, folder = '.git/hooks'): string {
  return path.join(repo.root, folder, 'pre-commit');
}

/** A repository whose one hook fails on any staged file containing TODO. */
async function makeCheckedRepo(repo: TempRepo): Promise<void> {
  repo.writeConfig({ hooks: [{ name: 'no-todo', command: ['grep', '-nH', 'TODO'], ok_exit_codes: [1], files: ['*.txt'] }] });
  repo.write('ok.txt', 'fine\n');
  await repo.commitAll('start');
}

describe.concurrent('gauntlet install and uninstall', () => {
  it('writes an executable pre-commit hook running this node and this gauntlet, and is idempotent', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig(PASSING_CONFIG);
    const first = await repo.run(['install']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('created .gitignore ignoring .gauntlet/\ninstalled .git/hooks/pre-commit: runs "gauntlet run --staged" before each commit\n');
    const script = readFileSync(hookFile(repo), 'utf8');
    expect(script).toContain('# gauntlet: installed by `gauntlet install`');
    expect(script).toContain(`node=${process.execPath}`);
    expect(script).toContain(`cli=${GAUNTLET_BIN}`);
    expect(statSync(hookFile(repo)).mode & 0o111).toBe(0o111);

    const again = await repo.run(['install']);
    expect(again.stdout).toBe('already installed: .git/hooks/pre-commit\n');
    expect(readFileSync(hookFile(repo), 'utf8')).toBe(script);
  });

  it("refuses to replace another tool's hook without --force, then keeps it as a backup that uninstall restores", async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig(PASSING_CONFIG);
    writeFileSync(hookFile(repo), FOREIGN_HOOK, { mode: 0o755 });
    const refused = await repo.run(['install']);
    expect(refused.code).toBe(2);
    expect(splitLines(refused.stderr)).toEqual([
      "gauntlet: .git/hooks/pre-commit is another tool's hook (pass --force to replace it; it is then kept as pre-commit.gauntlet-backup)",
    ]);
    expect(readFileSync(hookFile(repo), 'utf8')).toBe(FOREIGN_HOOK);

    const forced = await repo.run(['install', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('the previous hook is kept as .git/hooks/pre-commit.gauntlet-backup');
    expect(readFileSync(`${hookFile(repo)}.gauntlet-backup`, 'utf8')).toBe(FOREIGN_HOOK);

    const removed = await repo.run(['uninstall']);
    expect(removed.stdout).toBe('removed .git/hooks/pre-commit; restored the hook it had replaced\n');
    expect(readFileSync(hookFile(repo), 'utf8')).toBe(FOREIGN_HOOK);
    expect(existsSync(`${hookFile(repo)}.gauntlet-backup`)).toBe(false);

    const notOurs = await repo.run(['uninstall']);
    expect(notOurs.code).toBe(2);
    expect(splitLines(notOurs.stderr)).toEqual(["gauntlet: .git/hooks/pre-commit is not gauntlet's hook: left in place"]);
    expect(readFileSync(hookFile(repo), 'utf8')).toBe(FOREIGN_HOOK);
  });

  it('installs where core.hooksPath points, from a subfolder, with the config given', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await repo.git('config', 'core.hooksPath', '.githooks');
    repo.write('sub/file.txt');
    repo.writeConfig(PASSING_CONFIG, 'ci/gauntlet.yaml');
    const result = await repo.run(['install', '--config', '../ci/gauntlet.yaml'], { cwd: 'sub' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('created ../.gitignore ignoring .gauntlet/\ninstalled ../.githooks/pre-commit: runs "gauntlet run --staged --config ci/gauntlet.yaml" before each commit\n');
    expect(readFileSync(hookFile(repo, '.githooks'), 'utf8')).toContain('run --staged --config ci/gauntlet.yaml');
    expect((await repo.run(['uninstall'])).code).toBe(0);
    expect(existsSync(hookFile(repo, '.githooks'))).toBe(false);
  });

  it('blocks a git commit whose staged files fail a hook, and lets a clean one through', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await makeCheckedRepo(repo);
    expect((await repo.run(['install'])).code).toBe(0);
    repo.write('bad.txt', 'TODO: finish\n');
    await repo.git('add', 'bad.txt');
    const blocked = await runTool('git', ['-c', 'commit.gpgsign=false', 'commit', '-m', 'bad'], repo.root);
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('bad.txt:1 error TODO: finish [no-todo]');
    expect((await repo.git('log', '--format=%s')).trim()).toBe('start');

    repo.write('bad.txt', 'done\n');
    await repo.git('add', 'bad.txt');
    const passed = await runTool('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'good'], repo.root);
    expect(passed.code, passed.output).toBe(0);
    expect((await repo.git('log', '--format=%s')).trim().split('\n')).toEqual(['good', 'start']);
  });

  it('blocks a commit whose staged content fails though the work tree passes, lets the opposite through, and keeps the work tree', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await makeCheckedRepo(repo);
    expect((await repo.run(['install'])).code).toBe(0);
    const commit = (message: string): Promise<{ code: number; output: string }> =>
      runTool('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message], repo.root);

    repo.write('ok.txt', 'fine\nTODO: staged\n');
    await repo.git('add', 'ok.txt');
    repo.write('ok.txt', 'fine\ndone in the work tree only\n');
    const blocked = await commit('staged TODO');
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain('ok.txt:2 error TODO: staged [no-todo]');
    expect((await repo.git('log', '--format=%s')).trim()).toBe('start');
    expect(repo.read('ok.txt')).toBe('fine\ndone in the work tree only\n');

    repo.write('ok.txt', 'fine\nstaged and clean\n');
    await repo.git('add', 'ok.txt');
    repo.write('ok.txt', 'fine\nstaged and clean\nTODO: not staged\n');
    const passed = await commit('clean staged');
    expect(passed.code, passed.output).toBe(0);
    expect((await repo.git('log', '--format=%s')).trim().split('\n')).toEqual(['clean staged', 'start']);
    expect(await repo.git('show', 'HEAD:ok.txt')).toBe('fine\nstaged and clean\n');
    expect(repo.read('ok.txt')).toBe('fine\nstaged and clean\nTODO: not staged\n');
  });

  it.for<[string, string[], string]>([
    [
      'there is no config at all',
      [],
      'gauntlet: not installed: gauntlet.yaml: file not found, nor .pre-commit-config.yaml or lefthook.yml beside it (run "gauntlet init" to write one, or pass --config PATH)',
    ],
    ['the config given is missing', ['--config', 'ci/gauntlet.yaml'], 'gauntlet: not installed: ci/gauntlet.yaml: file not found (create one, or pass --config PATH)'],
  ])('refuses to install, changing nothing, when %s', async ([, args, message], { makeRepo }) => {
    const repo = await makeRepo();
    for (const hook of ['pre-commit', 'pre-push']) {
      const refused = await repo.run(['install', '--hook', hook, ...args]);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(splitLines(refused.stderr)).toEqual([message]);
    }
    expect(existsSync(hookFile(repo))).toBe(false);
    expect(repo.exists('.gitignore')).toBe(false);
  });

  it('refuses to install over an invalid config, naming its first error and pointing to gauntlet run for the rest', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('gauntlet.yaml', ['hooks:', '  - name: lint', '    comand: eslint', '  - name: test', '    command: "true"', '    timout: 3', ''].join('\n'));
    const refused = await repo.run(['install']);
    expect(refused.code).toBe(2);
    expect(splitLines(refused.stderr)).toEqual([
      'gauntlet: not installed: gauntlet.yaml:3:5: hooks[0]: unknown field "comand" (did you mean "command"?) (and 1 more); run "gauntlet run" to see every error, then install again once it is fixed',
    ]);
    expect(existsSync(hookFile(repo))).toBe(false);

    const run = await repo.run(['run']);
    expect(run.code).toBe(2);
    expect(splitLines(run.stderr)).toEqual([
      'gauntlet.yaml:3:5: hooks[0]: unknown field "comand" (did you mean "command"?)',
      'gauntlet.yaml:6:5: hooks[1]: unknown field "timout" (did you mean "timeout"?)',
    ]);
  });

  it('says so when there is no hook to remove', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const result = await repo.run(['uninstall']);
    expect(result).toMatchObject({ code: 0, stdout: 'no pre-commit hook at .git/hooks/pre-commit: nothing to remove\n' });
  });
});
