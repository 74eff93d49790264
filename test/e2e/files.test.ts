import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { diagnosedFiles, hookOf, type MakeRepo, readInvocations, repoTest as it, TempRepo } from '../helpers/e2e.js';
import { fixtureHook } from '../helpers/paths.js';

/** A repository whose `seen` hook reports every .py file it is given as a gnu diagnostic. */
async function makeReportingRepo(makeRepo: MakeRepo, files: string[]): Promise<TempRepo> {
  const repo = await makeRepo();
  repo.writeConfig({ hooks: [{ name: 'seen', command: [fixtureHook('report-each.sh'), 'seen'], files: ['*.py'] }] });
  for (const file of files) repo.write(file, `# ${file}\n`);
  return repo;
}

/** The .py files the `seen` hook was given in a run with these arguments. */
async function seenFiles(repo: TempRepo, args: string[], cwd?: string): Promise<string[]> {
  // --no-cache: the hook itself must see the files, not the cache answer for it.
  const { result, report } = await repo.runJson(['--no-cache', ...args], { cwd });
  expect(result.stderr).toBe('');
  return diagnosedFiles(report, 'seen');
}

describe.concurrent('file selection', () => {
  it('passes every file git knows by default: tracked and untracked, not ignored ones', async ({ makeRepo }) => {
    const repo = await makeReportingRepo(makeRepo, ['a.py', 'src/b.py', 'ignored.py', 'deleted.py']);
    repo.write('.gitignore', 'ignored.py\n');
    await repo.commitAll();
    repo.write('new.py');
    rmSync(path.join(repo.root, 'deleted.py'));
    expect(await seenFiles(repo, [])).toEqual(['a.py', 'new.py', 'src/b.py']);
  });

  it('reads the diagnostics a hook prints on file names with spaces, as one argument each', async ({ makeRepo }) => {
    const repo = await makeReportingRepo(makeRepo, ['my dir/bad file.py', 'plain.py', 'two  spaces.py']);
    expect(await seenFiles(repo, [])).toEqual(['my dir/bad file.py', 'plain.py', 'two  spaces.py']);
  });

  it('passes only the file named on the command line', async ({ makeRepo }) => {
    const repo = await makeReportingRepo(makeRepo, ['a.py', 'b.py', 'src/c.py']);
    const { result, report } = await repo.runJson(['a.py']);
    expect(result.code).toBe(1);
    expect(diagnosedFiles(report, 'seen')).toEqual(['a.py']);
    expect(hookOf(report, 'seen').files).toBe(1);
  });

  it('selects the files under a folder argument, not those of a sibling with the same prefix', async ({ makeRepo }) => {
    const repo = await makeReportingRepo(makeRepo, ['a.py', 'src/b.py', 'src/deep/c.py', 'src-other/d.py']);
    expect(await seenFiles(repo, ['src'])).toEqual(['src/b.py', 'src/deep/c.py']);
  });

  it('takes arguments relative to the folder gauntlet runs in and reports repository-relative paths', async ({ makeRepo }) => {
    const repo = await makeReportingRepo(makeRepo, ['a.py', 'src/b.py', 'src/deep/c.py']);
    expect(await seenFiles(repo, ['.'], 'src')).toEqual(['src/b.py', 'src/deep/c.py']);
    expect(await seenFiles(repo, ['deep/c.py'], 'src')).toEqual(['src/deep/c.py']);
  });

  it('skips the hook when the named files match none of its globs', async ({ makeRepo }) => {
    const repo = await makeReportingRepo(makeRepo, ['a.py']);
    repo.write('notes.txt');
    const { result, report } = await repo.runJson(['notes.txt']);
    expect(result.code).toBe(0);
    expect(hookOf(report, 'seen')).toMatchObject({ status: 'skipped', reason: 'no matching files' });
  });

  it('passes modified, staged and untracked files with --changed, never unchanged or deleted ones', async ({ makeRepo }) => {
    const repo = await makeReportingRepo(makeRepo, ['unchanged.py', 'modified.py', 'staged.py', 'deleted.py', 'staged-deleted.py', 'sub/mod.py']);
    await repo.commitAll();
    repo.write('modified.py', 'changed\n');
    repo.write('sub/mod.py', 'changed\n');
    repo.write('staged.py', 'changed\n');
    await repo.git('add', 'staged.py');
    repo.write('untracked.py');
    rmSync(path.join(repo.root, 'deleted.py'));
    await repo.git('rm', '-q', 'staged-deleted.py');
    repo.write('added-then-removed.py');
    await repo.git('add', 'added-then-removed.py');
    rmSync(path.join(repo.root, 'added-then-removed.py'));

    expect(await seenFiles(repo, ['--changed'])).toEqual(['modified.py', 'staged.py', 'sub/mod.py', 'untracked.py']);
    // Named paths narrow the changed set.
    expect(await seenFiles(repo, ['--changed', 'sub', 'unchanged.py'])).toEqual(['sub/mod.py']);
  });

  it('passes only staged files with --staged', async ({ makeRepo }) => {
    const repo = await makeReportingRepo(makeRepo, ['unchanged.py', 'modified.py', 'staged.py', 'both.py', 'removed.py']);
    await repo.commitAll();
    repo.write('modified.py', 'changed\n');
    repo.write('staged.py', 'changed\n');
    repo.write('both.py', 'changed\n');
    repo.write('new-staged.py');
    await repo.git('add', 'staged.py', 'both.py', 'new-staged.py');
    repo.write('both.py', 'changed again\n');
    await repo.git('rm', '-q', 'removed.py');
    repo.write('untracked.py');
    repo.write('staged-then-deleted.py');
    await repo.git('add', 'staged-then-deleted.py');
    rmSync(path.join(repo.root, 'staged-then-deleted.py'));

    // A file deleted only in the work tree is committed as staged, so it is checked as staged.
    expect(await seenFiles(repo, ['--staged'])).toEqual(['both.py', 'new-staged.py', 'staged-then-deleted.py', 'staged.py']);
    expect(repo.exists('staged-then-deleted.py')).toBe(false);
  });

  it('passes staged files with --staged before the first commit', async ({ makeRepo }) => {
    const repo = await makeReportingRepo(makeRepo, ['staged.py', 'untracked.py']);
    await repo.git('add', 'staged.py');
    expect(await seenFiles(repo, ['--staged'])).toEqual(['staged.py']);
  });

  it('treats every file as changed in a repository without a commit', async ({ makeRepo }) => {
    const repo = await makeReportingRepo(makeRepo, ['a.py', 'b.py']);
    expect(await seenFiles(repo, ['--changed'])).toEqual(['a.py', 'b.py']);
  });

  it('passes a file name with spaces and quotes as one argv element', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const args = repo.scratchDir('args');
    const odd = [`it's a "quoted" name.py`, 'with  two spaces.py', '-dash first.py', 'sub dir/$HOME;x.py', 'tab\there.py', 'new\nline.py', 'ünïcødé 日本.py'];
    for (const file of odd) repo.write(file);
    repo.write('plain.py');
    repo.writeConfig({ hooks: [{ name: 'args', command: [fixtureHook('write-args.sh'), args], files: ['*.py'] }] });

    const { result } = await repo.runJson([]);

    expect(result.code).toBe(0);
    // However the files are split into batches, each arrives once, whole; a leading "-" as "./-" so it is no option.
    const passed = [...odd, 'plain.py'].map((name) => (name.startsWith('-') ? `./${name}` : name));
    expect(readInvocations(args).flat().sort()).toEqual(passed.sort());
  });

  it('places the files at {files} in a list command, in the middle of argv', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const args = repo.scratchDir('args');
    repo.write('b.py');
    repo.write('a b.py');
    repo.write('c.txt');
    repo.writeConfig({
      hooks: [{ name: 'args', command: [fixtureHook('write-args.sh'), args, '--before', '{files}', '--after', 'x'], files: ['*.py'] }],
    });

    const { result } = await repo.runJson([]);

    expect(result.code).toBe(0);
    const invocations = readInvocations(args);
    expect(invocations.length).toBeGreaterThanOrEqual(1);
    for (const argv of invocations) {
      expect(argv.slice(0, 1)).toEqual(['--before']);
      expect(argv.slice(-2)).toEqual(['--after', 'x']);
    }
    expect(invocations.flatMap((argv) => argv.slice(1, -2)).sort()).toEqual(['a b.py', 'b.py']);

    // One worker: one invocation with every file in place.
    const serialArgs = repo.scratchDir('serial-args');
    repo.writeConfig({
      hooks: [{ name: 'args', command: [fixtureHook('write-args.sh'), serialArgs, '--before', '{files}', '--after', 'x'], files: ['*.py'] }],
    });
    expect((await repo.runJson(['--serial'])).result.code).toBe(0);
    expect(readInvocations(serialArgs)).toEqual([['--before', 'a b.py', 'b.py', '--after', 'x']]);
  });

  it('places the files at {files} in a string command too', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const args = repo.scratchDir('args');
    repo.write('one.py');
    repo.writeConfig({
      hooks: [{ name: 'args', command: `${fixtureHook('write-args.sh')} '${args}' "--first arg" {files} --last`, files: ['*.py'] }],
    });

    const { result } = await repo.runJson([]);

    expect(result.code).toBe(0);
    expect(readInvocations(args)).toEqual([['--first arg', 'one.py', '--last']]);
  });

  it('passes no files to a hook with pass_files: false and runs it once', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const args = repo.scratchDir('args');
    repo.write('a.py');
    repo.write('b.py');
    repo.writeConfig({ hooks: [{ name: 'args', command: [fixtureHook('write-args.sh'), args, 'only'], files: ['*.py'], pass_files: false }] });

    const { result, report } = await repo.runJson(['-j', '2']);

    expect(result.code).toBe(0);
    expect(readInvocations(args)).toEqual([['only']]);
    expect(hookOf(report, 'args')).toMatchObject({ files: 2, batches: 1 });
  });

  it('passes every file exactly once when a hook is split into batches across workers', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const args = repo.scratchDir('args');
    const files = Array.from({ length: 9 }, (_, index) => `f${index}.py`);
    for (const file of files) repo.write(file);
    repo.writeConfig({ hooks: [{ name: 'args', command: [fixtureHook('write-args.sh'), args], files: ['*.py'] }] });

    const { result, report } = await repo.runJson(['-j', '3']);

    expect(result.code).toBe(0);
    const invocations = readInvocations(args);
    expect(invocations).toHaveLength(hookOf(report, 'args').batches);
    expect(invocations.flat().sort()).toEqual(files);
  });

  it('accepts a file or folder inside the repository whose name starts with two dots', async ({ makeRepo }) => {
    const repo = await makeReportingRepo(makeRepo, ['..weird.py', '..dir/inner.py', 'other.py']);
    const named = await repo.runJson(['..weird.py', '..dir']);
    expect(named.result.stderr).toBe('');
    expect(named.result.code).toBe(1);
    expect(diagnosedFiles(named.report, 'seen')).toEqual(['..dir/inner.py', '..weird.py']);
  });

  // Product bug (result cache, engine/coordinate/plan-phase.ts planHookWork + computeProjectKey): the
  // cache key of a project-level hook (pass_files: false) hashes only the files of the current
  // selection that it matches. Run on named files (or --changed/--staged), a change to another file
  // the hook matches leaves the key as it was, so the hook is answered "pass  cached" although
  // running it would fail now — a wrong answer.
  it('keys a project-level hook on every file it matches, also when files are named', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('a.txt', 'ok\n');
    repo.write('b.txt', 'ok\n');
    repo.writeConfig({
      hooks: [{ name: 'project', command: ['sh', '-c', '! grep -H BAD -- *.txt'], pass_files: false, files: ['*.txt'] }],
    });
    const first = await repo.runJson(['a.txt']);
    expect(hookOf(first.report, 'project').status).toBe('passed');

    repo.write('b.txt', 'BAD\n');
    // The whole repository: the hook runs and fails.
    const whole = await repo.runJson(['--tool', 'project']);
    expect(hookOf(whole.report, 'project').status).toBe('failed');
    // The same check with a.txt named must not answer "passed" from the first run's entry:
    // the key covers b.txt too, so it is the whole run's (failed) result that is served.
    const named = await repo.runJson(['a.txt']);
    expect(named.result.code).toBe(1);
    expect(hookOf(named.report, 'project')).toMatchObject({ status: 'failed', cached: true });
    repo.write('b.txt', 'ok again\n');
    const fixed = await repo.runJson(['a.txt']);
    expect(hookOf(fixed.report, 'project')).toMatchObject({ status: 'passed', cached: false });
  });
});
