import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { findRepoRoot, listChangedFiles, listFiles, listFileSet, listStagedFiles } from '../../engine/files/git.js';

const execFileAsync = promisify(execFile);

// Names that break naive parsing: spaces, quotes, a tab, a newline, a backslash, non-ASCII.
const ODD_NAMES = [
  'with space.txt',
  'double"quote.txt',
  "single'quote.txt",
  'tab\there.txt',
  'new\nline.txt',
  'back\\slash.txt',
  'ünïcødé/日本語 ファイル.txt',
  '-starts-with-dash.txt',
  ' leading space.txt',
  'trailing space.txt ',
];

const temps: string[] = [];
let sandbox: string;

beforeAll(async () => {
  sandbox = await realpath(await mkdtemp(join(tmpdir(), 'gauntlet-git-sandbox-')));
  // Hermetic git: no user or system config (a global excludes file would hide test files).
  const emptyConfig = join(sandbox, 'empty-gitconfig');
  await writeFile(emptyConfig, '');
  vi.stubEnv('GIT_CONFIG_GLOBAL', emptyConfig);
  vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
  // Never find a repository above the temp folders (in case the temp dir lives inside one).
  vi.stubEnv('GIT_CEILING_DIRECTORIES', dirname(sandbox));
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) vi.stubEnv(name, undefined);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(sandbox, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(temps.splice(0).map((path) => rm(path, { recursive: true, force: true })));
});

async function makeTempDir(): Promise<string> {
  const path = await realpath(await mkdtemp(join(tmpdir(), 'gauntlet-git-')));
  temps.push(path);
  return path;
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const identity = ['-c', 'user.name=Gauntlet Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];
  const { stdout } = await execFileAsync('git', [...identity, ...args], { cwd });
  return stdout;
}

async function makeRepo(): Promise<string> {
  const root = await makeTempDir();
  await git(root, 'init', '-q');
  return root;
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

async function commitAll(root: string, message = 'commit'): Promise<void> {
  await git(root, 'add', '-A');
  await git(root, 'commit', '-q', '-m', message);
}

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
      vi.stubEnv('GIT_CEILING_DIRECTORIES', dirname(sandbox));
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
    const missing = join(sandbox, 'does-not-exist');
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

describe.skipIf(process.platform === 'win32')('odd file names', () => {
  it('come through intact from every listing', async () => {
    const root = await makeRepo();
    const [committed = '', ...rest] = ODD_NAMES;
    await writeFiles(root, Object.fromEntries(ODD_NAMES.map((name) => [name, 'v1'])));
    await git(root, 'add', '--', committed);
    await git(root, 'commit', '-q', '-m', 'one odd name');
    await writeFiles(root, { [committed]: 'v2' });
    await git(root, 'add', '--', ...rest.slice(0, 3));

    const sorted = [...ODD_NAMES].sort();
    expect(await listFiles(root)).toEqual(sorted);
    expect(await listChangedFiles(root)).toEqual(sorted);
    expect(await listStagedFiles(root)).toEqual(rest.slice(0, 3).sort());
  });

  it('come through intact from the staged listing before the first commit', async () => {
    const root = await makeRepo();
    await writeFiles(root, Object.fromEntries(ODD_NAMES.map((name) => [name, 'v1'])));
    await git(root, 'add', '-A');
    expect(await listStagedFiles(root)).toEqual([...ODD_NAMES].sort());
  });

  it('come through intact whatever core.quotePath says', async () => {
    const root = await makeRepo();
    await writeFiles(root, Object.fromEntries(ODD_NAMES.map((name) => [name, 'v1'])));
    await git(root, 'add', '-A');
    for (const quotePath of ['true', 'false']) {
      await git(root, 'config', 'core.quotePath', quotePath);
      expect(await listFiles(root)).toEqual([...ODD_NAMES].sort());
      expect(await listStagedFiles(root)).toEqual([...ODD_NAMES].sort());
    }
  });
});

describe.skipIf(process.platform !== 'linux')('names that are not UTF-8', () => {
  // Linux file names are bytes: these are valid names no UTF-8 string can spell.
  const NAMED_FF = Buffer.from([0x61, 0xff, 0x2e, 0x74, 0x78, 0x74]); // a\xff.txt
  const IN_FOLDER_FE = Buffer.concat([Buffer.from('d'), Buffer.from([0xfe]), Buffer.from('/b.txt')]);

  async function writeRaw(root: string, name: Buffer, content = 'v1'): Promise<void> {
    const path = Buffer.concat([Buffer.from(`${root}/`), name]);
    const slash = name.lastIndexOf(0x2f);
    if (slash !== -1) await mkdir(Buffer.concat([Buffer.from(`${root}/`), name.subarray(0, slash)]), { recursive: true });
    await writeFile(path, content);
  }

  it('are listed apart, with the text globs see and the bytes escaped, never as files to pass', async () => {
    const root = await makeRepo();
    await writeFiles(root, { 'plain.txt': 'v1' });
    await writeRaw(root, NAMED_FF);
    await git(root, 'add', '-A');
    await writeRaw(root, IN_FOLDER_FE);

    expect(await listFileSet(root, 'all')).toEqual({
      files: ['plain.txt'],
      nonUtf8: [
        { path: 'a\uFFFD.txt', shown: 'a\\xff.txt' },
        { path: 'd\uFFFD/b.txt', shown: 'd\\xfe/b.txt' },
      ],
    });
    expect(await listFiles(root)).toEqual(['plain.txt']);
  });

  it('are listed as changed and staged when they are, and not once deleted from disk', async () => {
    const root = await makeRepo();
    await writeRaw(root, NAMED_FF);
    await writeRaw(root, IN_FOLDER_FE);
    await commitAll(root);
    await writeRaw(root, NAMED_FF, 'v2');
    await writeRaw(root, IN_FOLDER_FE, 'v2');
    await git(root, 'add', '-A');
    await unlink(Buffer.concat([Buffer.from(`${root}/`), IN_FOLDER_FE]));

    const ff = { path: 'a\uFFFD.txt', shown: 'a\\xff.txt' };
    expect(await listFileSet(root, 'changed')).toEqual({ files: [], nonUtf8: [ff] });
    expect(await listFileSet(root, 'staged')).toEqual({ files: [], nonUtf8: [ff] });
    expect(await listFileSet(root, 'all')).toEqual({ files: [], nonUtf8: [ff] });
  });
});
