import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { diagnosedFiles, hookOf, repoTest as it, splitLines, type TempRepo } from '../helpers/e2e.js';
import { hasTool } from '../helpers/external-tools.js';

const HAS_FLAKE8 = hasTool('flake8');
const FLAKE8_HOOK = { name: 'flake8', command: ['flake8'], files: ['*.py'] };
const UNUSED_IMPORT = 'import os\nimport sys\n\nprint(sys.argv)\n';
const CLEAN = 'import sys\n\nprint(sys.argv)\n';

/** A hook that copies each file it is given into `folder` (as `a_b.txt` for `a/b.txt`): what it saw. */
function snapshotHook(folder: string, files: string[] = ['*']): object {
  return { name: 'snapshot', command: ['sh', '-c', 'for f; do cp -- "$f" "$0/$(printf %s "$f" | tr / _)"; done', folder], files, parser: 'none' };
}

/** The bytes of each file a snapshot hook saw, by the name it saved it under. */
function readSnapshots(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).sort().map((name) => [name, readFileSync(path.join(folder, name), 'latin1')]));
}

function readBytes(repo: TempRepo, file: string): Buffer {
  return readFileSync(path.join(repo.root, file));
}

/** Everything git knows of the index and the work tree, to compare before and after a run. */
async function snapshotGitState(repo: TempRepo): Promise<string> {
  const [index, unstaged, status] = await Promise.all([
    repo.git('ls-files', '--stage'),
    repo.git('diff', '--binary'),
    repo.git('status', '--porcelain=v1', '--untracked-files=all'),
  ]);
  return `${index}\n${unstaged}\n${status}`;
}

function listPatches(repo: TempRepo): string[] {
  const folder = path.join(repo.root, '.gauntlet', 'patches');
  return existsSync(folder) ? readdirSync(folder) : [];
}

/** Stages `staged` as `file`, then leaves `work` in the work tree. */
async function stageThenEdit(repo: TempRepo, file: string, staged: string, work: string): Promise<void> {
  repo.write(file, staged);
  await repo.git('add', file);
  repo.write(file, work);
}

/** A repository checked by flake8 whose app.py is staged as `staged` and edited to `work`. */
async function makeFlake8Repo(repo: TempRepo, staged: string, work: string): Promise<void> {
  repo.writeConfig({ hooks: [FLAKE8_HOOK] });
  repo.write('app.py', 'print(1)\n');
  await repo.commitAll('start');
  await stageThenEdit(repo, 'app.py', staged, work);
}

describe.concurrent('gauntlet run --staged checks the staged content', () => {
  it.skipIf(!HAS_FLAKE8)('fails on an unused import that is staged though the work tree removed it, and keeps the work tree', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await makeFlake8Repo(repo, UNUSED_IMPORT, CLEAN);
    const before = await snapshotGitState(repo);

    const { result, report } = await repo.runJson(['--staged']);

    expect(result.code, result.stderr).toBe(1);
    expect(report.diagnostics.map((d) => `${d.file}:${d.line} ${d.code ?? ''}`)).toEqual(['app.py:1 F401']);
    expect(repo.read('app.py')).toBe(CLEAN);
    expect(await snapshotGitState(repo)).toBe(before);
    expect(listPatches(repo)).toEqual([]);
  });

  it.skipIf(!HAS_FLAKE8)('passes clean staged content though the work tree adds an unused import, and keeps the work tree', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await makeFlake8Repo(repo, CLEAN, UNUSED_IMPORT);
    const before = await snapshotGitState(repo);

    const { result, report } = await repo.runJson(['--staged']);

    expect(result.code, result.stderr).toBe(0);
    expect(hookOf(report, 'flake8')).toMatchObject({ status: 'passed', files: 1 });
    expect(repo.read('app.py')).toBe(UNUSED_IMPORT);
    expect(await snapshotGitState(repo)).toBe(before);
    // Without --staged, the same work tree fails: the run above did judge the staged copy.
    const plain = await repo.runJson([]);
    expect(diagnosedFiles(plain.report, 'flake8')).toEqual(['app.py']);
  });

  it('checks the staged bytes of a binary file and of a file without a final newline, and puts the work-tree bytes back', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const seen = repo.scratchDir('seen');
    repo.writeConfig({ hooks: [snapshotHook(seen, ['*.bin', '*.txt'])] });
    const stagedBinary = Buffer.from([0, 1, 2, 255, 254, 10, 0, 13]);
    const workBinary = Buffer.from([0, 1, 2, 255, 253, 0, 0, 13, 10, 7]);
    repo.write('blob.bin', Buffer.from([9, 9, 0]));
    repo.write('note.txt', 'first\n');
    await repo.commitAll('start');
    repo.write('blob.bin', stagedBinary);
    repo.write('note.txt', 'first\nstaged, no newline');
    await repo.git('add', 'blob.bin', 'note.txt');
    repo.write('blob.bin', workBinary);
    repo.write('note.txt', 'first\nstaged, no newline\nunstaged, no newline either');
    const before = await snapshotGitState(repo);

    const result = await repo.run(['run', '--staged']);

    expect(result.code, result.stderr).toBe(0);
    expect(readSnapshots(seen)).toEqual({ 'blob.bin': stagedBinary.toString('latin1'), 'note.txt': 'first\nstaged, no newline' });
    expect(readBytes(repo, 'blob.bin').equals(workBinary)).toBe(true);
    expect(repo.read('note.txt')).toBe('first\nstaged, no newline\nunstaged, no newline either');
    expect(await snapshotGitState(repo)).toBe(before);
  });

  it('checks a staged rename under its new name and a file deleted only in the work tree, never a staged deletion, and deletes again', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const seen = repo.scratchDir('seen');
    repo.writeConfig({ hooks: [snapshotHook(seen, ['*.txt'])] });
    repo.write('old.txt', 'moving\n');
    repo.write('kept.txt', 'kept in the index\n');
    repo.write('gone.txt', 'deleted in the index\n');
    await repo.commitAll('start');
    await repo.git('mv', 'old.txt', 'new.txt');
    repo.write('new.txt', 'moving\nstaged edit\n');
    await repo.git('add', 'new.txt');
    repo.write('new.txt', 'moving\nstaged edit\nunstaged edit\n');
    repo.write('kept.txt', 'kept in the index, staged\n');
    await repo.git('add', 'kept.txt');
    rmSync(path.join(repo.root, 'kept.txt'));
    await repo.git('rm', '-q', 'gone.txt');
    const before = await snapshotGitState(repo);

    const result = await repo.run(['run', '--staged']);

    expect(result.code, result.stderr).toBe(0);
    expect(readSnapshots(seen)).toEqual({ 'kept.txt': 'kept in the index, staged\n', 'new.txt': 'moving\nstaged edit\n' });
    expect(repo.exists('kept.txt')).toBe(false);
    expect(repo.exists('gone.txt')).toBe(false);
    expect(repo.read('new.txt')).toBe('moving\nstaged edit\nunstaged edit\n');
    expect(await snapshotGitState(repo)).toBe(before);
  });

  it("leaves untracked files, an intent-to-add file and a submodule's work tree alone", async ({ makeRepo }) => {
    const library = await makeRepo();
    library.write('lib.txt', 'library\n');
    await library.commitAll('library');
    const repo = await makeRepo();
    const seen = repo.scratchDir('seen');
    repo.writeConfig({ hooks: [snapshotHook(seen, ['*.txt'])] });
    repo.write('main.txt', 'main\n');
    await repo.git('-c', 'protocol.file.allow=always', 'submodule', '--quiet', 'add', library.root, 'lib');
    await repo.commitAll('start');
    await stageThenEdit(repo, 'main.txt', 'main\nstaged\n', 'main\nstaged\nunstaged\n');
    repo.write('lib/lib.txt', 'library\nchanged in the submodule\n');
    repo.write('untracked.txt', 'not in git\n');
    repo.write('later.txt', 'intent to add\n');
    await repo.git('add', '--intent-to-add', 'later.txt');
    const before = await snapshotGitState(repo);

    const result = await repo.run(['run', '--staged']);

    expect(result.code, result.stderr).toBe(0);
    expect(readSnapshots(seen)).toEqual({ 'main.txt': 'main\nstaged\n' });
    expect(repo.read('lib/lib.txt')).toBe('library\nchanged in the submodule\n');
    expect(repo.read('untracked.txt')).toBe('not in git\n');
    expect(repo.read('later.txt')).toBe('intent to add\n');
    expect(repo.read('main.txt')).toBe('main\nstaged\nunstaged\n');
    expect(await snapshotGitState(repo)).toBe(before);
  });

  it('runs before the first commit, and with nothing staged checks nothing and changes nothing', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const seen = repo.scratchDir('seen');
    repo.writeConfig({ hooks: [snapshotHook(seen, ['*.txt'])] });
    await stageThenEdit(repo, 'first.txt', 'staged\n', 'staged\nunstaged\n');

    const first = await repo.run(['run', '--staged']);
    expect(first.code, first.stderr).toBe(0);
    expect(readSnapshots(seen)).toEqual({ 'first.txt': 'staged\n' });
    expect(repo.read('first.txt')).toBe('staged\nunstaged\n');

    await repo.git('reset', '-q');
    await repo.commitAll('start');
    repo.write('first.txt', 'edited, not staged\n');
    const before = await snapshotGitState(repo);
    const { result, report } = await repo.runJson(['--staged']);
    expect(result.code, result.stderr).toBe(0);
    expect(hookOf(report, 'snapshot')).toMatchObject({ status: 'skipped', reason: 'no matching files' });
    expect(await snapshotGitState(repo)).toBe(before);
  });

  it("undoes a fixer's edits that clash with the unstaged changes, which come back byte for byte", async ({ makeRepo }) => {
    const repo = await makeRepo();
    const script = 'for f; do tr a-z A-Z < "$f" > "$f.up" && mv "$f.up" "$f"; done';
    repo.writeConfig({ hooks: [{ name: 'upcase', command: ['sh', '-c', script, 'upcase'], files: ['*.txt'], modifies_files: true, parser: 'none' }] });
    repo.write('a.txt', 'one\ntwo\n');
    await repo.commitAll('start');
    const mine = 'one, edited by hand\ntwo\nthree\n\tand a tab, no final newline';
    await stageThenEdit(repo, 'a.txt', 'one\ntwo\nthree\n', mine);
    const before = await snapshotGitState(repo);

    const { result, report } = await repo.runJson(['--staged']);

    expect(result.code).toBe(1);
    expect(hookOf(report, 'upcase').modified_files).toEqual(['a.txt']);
    expect(splitLines(result.stderr)).toEqual([
      'gauntlet: warning: the fixes made to a.txt clashed with its unstaged changes and were undone; your changes are back as they were',
    ]);
    expect(readBytes(repo, 'a.txt').equals(Buffer.from(mine))).toBe(true);
    expect(await snapshotGitState(repo)).toBe(before);
    expect(listPatches(repo)).toEqual([]);
  });

  it("keeps a fixer's edits that do not clash with the unstaged changes, next to them", async ({ makeRepo }) => {
    const repo = await makeRepo();
    const script = 'for f; do sed "1s/.*/FIXED/" "$f" > "$f.new" && mv "$f.new" "$f"; done';
    repo.writeConfig({ hooks: [{ name: 'fix-first', command: ['sh', '-c', script, 'fix'], files: ['*.txt'], modifies_files: true, parser: 'none' }] });
    repo.write('a.txt', 'head\n1\n2\n3\n4\n5\n6\ntail\n');
    await repo.commitAll('start');
    await stageThenEdit(repo, 'a.txt', 'staged head\n1\n2\n3\n4\n5\n6\ntail\n', 'staged head\n1\n2\n3\n4\n5\n6\ntail, unstaged\n');

    const result = await repo.run(['run', '--staged']);

    expect(result.code).toBe(1);
    expect(repo.read('a.txt')).toBe('FIXED\n1\n2\n3\n4\n5\n6\ntail, unstaged\n');
    expect(await repo.git('show', ':a.txt')).toBe('staged head\n1\n2\n3\n4\n5\n6\ntail\n');
  });
});
