import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { listChangedFiles, listFiles, listFileSet, listStagedFiles } from '../../engine/files/git.js';
import { commitAll, git, makeRepo, writeFiles } from '../helpers/git-sandbox.js';

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
