import { execFile } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { findRepoRoot, listChangedFiles, listFileSet, listFiles, listStagedFiles } from '../../engine/files/git.js';
import { commitAll, git, makeRepo, makeTempDir, readCeiling, writeFiles } from '../helpers/git-sandbox.js';

const execFileAsync = promisify(execFile);

describe('findRepoRoot', () => {
  it('finds the top of the work tree from a subfolder', async () => {
    const root = await makeRepo();
    await mkdir(join(root, 'deep', 'er'), { recursive: true });
    expect(await findRepoRoot(join(root, 'deep', 'er'))).toBe(root);
  });

  it('finds the same top by its .git entry as git does, for a repository and a linked worktree', async () => {
    const root = await makeRepo();
    await writeFiles(root, { 'a.txt': 'a' });
    await git(root, 'add', '-A');
    await git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-m', 'one');
    const linked = join(await makeTempDir(), 'linked');
    await git(root, 'worktree', 'add', '-q', linked);
    await mkdir(join(linked, 'sub'), { recursive: true });
    // Without the ceiling git's own discovery is not forced: the .git lookup answers.
    vi.stubEnv('GIT_CEILING_DIRECTORIES', undefined);
    try {
      expect(await findRepoRoot(join(linked, 'sub'))).toBe(linked);
      expect(await findRepoRoot(root)).toBe(root);
      // A folder that is not there is not taken for the repository around it.
      await expect(findRepoRoot(join(root, 'missing'))).rejects.toThrow(`folder not found: ${join(root, 'missing')}`);
    } finally {
      vi.stubEnv('GIT_CEILING_DIRECTORIES', readCeiling());
    }
    const { stdout } = await execFileAsync('git', ['rev-parse', '--show-toplevel'], { cwd: join(linked, 'sub') });
    expect(stdout.trim()).toBe(linked);
  });

  it('rejects with a one-line message outside a git repository', async () => {
    const folder = await makeTempDir();
    await expect(findRepoRoot(folder)).rejects.toThrow(
      new Error(`not a git repository: ${folder} (gauntlet runs in a git repository)`),
    );
  });

  it('says so when the folder does not exist', async () => {
    const missing = join(await makeTempDir(), 'does-not-exist');
    await expect(findRepoRoot(missing)).rejects.toThrow(`folder not found: ${missing}`);
  });
});

describe('listFiles', () => {
  it('lists tracked and untracked files but not ignored ones', async () => {
    const root = await makeRepo();
    await writeFiles(root, { '.gitignore': 'ignored.txt\nbuild/\n', 'a.ts': 'a', 'src/b.ts': 'b' });
    await commitAll(root);
    await writeFiles(root, { 'c.ts': 'c', 'src/new/d.ts': 'd', 'ignored.txt': 'x', 'build/out.js': 'x' });

    expect(await listFiles(root)).toEqual(['.gitignore', 'a.ts', 'c.ts', 'src/b.ts', 'src/new/d.ts']);
  });

  it("never lists gauntlet's own state folder, even in the instant before it ignores itself", async () => {
    const root = await makeRepo();
    await writeFiles(root, { 'a.ts': 'a' });
    await commitAll(root);
    // What a first run's .gauntlet/ holds while its .gitignore is still being written.
    await writeFiles(root, { '.gauntlet/clock-1': 'x', '.gauntlet/.gitignore.tmp-1': '*\n', 'b.ts': 'b' });

    expect(await listFiles(root)).toEqual(['a.ts', 'b.ts']);
    expect(await listChangedFiles(root)).toEqual(['b.ts']);
  });

  it('never lists files deleted from disk that are still in the index', async () => {
    const root = await makeRepo();
    await writeFiles(root, { 'kept.ts': 'k', 'gone.ts': 'g', 'dir/gone-too.ts': 'g' });
    await commitAll(root);
    await writeFiles(root, { 'staged-then-deleted.ts': 's' });
    await git(root, 'add', 'staged-then-deleted.ts');
    await rm(join(root, 'gone.ts'));
    await rm(join(root, 'dir'), { recursive: true });
    await rm(join(root, 'staged-then-deleted.ts'));

    expect(await listFiles(root)).toEqual(['kept.ts']);
  });

  it('leaves a tracked file deleted from disk in the listing of a run, without a stat of each file', async () => {
    const root = await makeRepo();
    await writeFiles(root, { 'kept.ts': 'k', 'gone.ts': 'g' });
    await commitAll(root);
    await rm(join(root, 'gone.ts'));

    // A run stamps every file in its workers; the file without a stamp goes to no hook.
    expect((await listFileSet(root, 'all')).files).toEqual(['gone.ts', 'kept.ts']);
    expect(await listFiles(root)).toEqual(['kept.ts']);
  });

  it('leaves out skip-worktree entries that are not on disk', async () => {
    const root = await makeRepo();
    await writeFiles(root, { 'here.ts': 'h', 'sparse.ts': 's' });
    await commitAll(root);
    await git(root, 'update-index', '--skip-worktree', 'sparse.ts');
    await rm(join(root, 'sparse.ts'));

    expect(await listFiles(root)).toEqual(['here.ts']);
  });

  it('does not list a nested repository as a file', async () => {
    const root = await makeRepo();
    await writeFiles(root, { 'top.ts': 't' });
    await commitAll(root);
    const nested = join(root, 'nested');
    await mkdir(nested);
    await git(nested, 'init', '-q');
    await writeFiles(nested, { 'inner.ts': 'i' });

    expect(await listFiles(root)).toEqual(['top.ts']);
  });

  it('does not list a submodule as a file', async () => {
    const root = await makeRepo();
    await writeFiles(root, { 'top.ts': 't' });
    await commitAll(root);
    const nested = join(root, 'module');
    await mkdir(nested);
    await git(nested, 'init', '-q');
    await writeFiles(nested, { 'inner.ts': 'i' });
    await commitAll(nested);
    // Adding an embedded repository records a gitlink, as a submodule does.
    await git(root, 'add', 'module');

    expect(await listFiles(root)).toEqual(['top.ts']);
    expect(await listChangedFiles(root)).toEqual([]);
    expect(await listStagedFiles(root)).toEqual([]);
  });

  it('lists each path once, sorted', async () => {
    const root = await makeRepo();
    await writeFiles(root, { 'b.ts': 'b', 'a.ts': 'a', 'C.ts': 'c' });
    await git(root, 'add', 'b.ts');
    await writeFiles(root, { 'b.ts': 'modified' });

    expect(await listFiles(root)).toEqual(['C.ts', 'a.ts', 'b.ts']);
  });
});

describe('changed and staged files', () => {
  async function makeWorkInProgress(): Promise<string> {
    const root = await makeRepo();
    await writeFiles(root, {
      '.gitignore': '*.log\n',
      'unchanged.ts': 'u',
      'unstaged.ts': 'u',
      'staged.ts': 's',
      'deleted.ts': 'd',
      'staged-deleted.ts': 'd',
      'old-name.ts': 'r',
    });
    await commitAll(root);
    await writeFiles(root, {
      'unstaged.ts': 'edited',
      'staged.ts': 'edited',
      'added.ts': 'new',
      'untracked.ts': 'n',
      'debug.log': 'x',
    });
    await git(root, 'add', 'staged.ts', 'added.ts');
    await git(root, 'rm', '-q', 'staged-deleted.ts');
    await git(root, 'mv', 'old-name.ts', 'new-name.ts');
    await rm(join(root, 'deleted.ts'));
    return root;
  }

  it('lists staged, unstaged and untracked changes that exist on disk as changed', async () => {
    const root = await makeWorkInProgress();
    const expected = ['added.ts', 'new-name.ts', 'staged.ts', 'unstaged.ts', 'untracked.ts'];
    expect(await listChangedFiles(root)).toEqual(expected);
  });

  it('lists only what the index adds or modifies as staged', async () => {
    const root = await makeWorkInProgress();
    expect(await listStagedFiles(root)).toEqual(['added.ts', 'new-name.ts', 'staged.ts']);
  });

  it('counts a file staged and then deleted from disk as neither changed nor staged', async () => {
    const root = await makeRepo();
    await writeFiles(root, { 'base.ts': 'b' });
    await commitAll(root);
    await writeFiles(root, { 'fleeting.ts': 'f' });
    await git(root, 'add', 'fleeting.ts');
    await rm(join(root, 'fleeting.ts'));

    expect(await listChangedFiles(root)).toEqual([]);
    expect(await listStagedFiles(root)).toEqual([]);
  });

  it('finds nothing changed in a clean repository', async () => {
    const root = await makeRepo();
    await writeFiles(root, { 'a.ts': 'a' });
    await commitAll(root);
    expect(await listChangedFiles(root)).toEqual([]);
    expect(await listStagedFiles(root)).toEqual([]);
  });
});

describe('a repository with no commit yet', () => {
  it('treats every file as changed and the index as staged', async () => {
    const root = await makeRepo();
    await writeFiles(root, { '.gitignore': 'out/\n', 'staged.ts': 's', 'untracked.ts': 'u', 'out/x.js': 'x' });
    await git(root, 'add', 'staged.ts');

    expect(await listFiles(root)).toEqual(['.gitignore', 'staged.ts', 'untracked.ts']);
    expect(await listChangedFiles(root)).toEqual(['.gitignore', 'staged.ts', 'untracked.ts']);
    expect(await listStagedFiles(root)).toEqual(['staged.ts']);
  });

  it('lists nothing in an empty repository', async () => {
    const root = await makeRepo();
    expect(await listFiles(root)).toEqual([]);
    expect(await listChangedFiles(root)).toEqual([]);
    expect(await listStagedFiles(root)).toEqual([]);
  });
});
