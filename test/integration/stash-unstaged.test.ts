import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { restoreInterruptedStashes, restoreUnstaged, stashUnstaged } from '../../engine/files/stash-unstaged.js';
import { repoTest as it, type TempRepo } from '../helpers/e2e.js';

// Names that break naive parsing: spaces, quotes, a newline, a leading dash, non-ASCII.
const ODD_NAMES = ['with space.txt', 'double"quote.txt', 'new\nline.txt', '-starts-with-dash.txt', 'ünïcødé/日本語.txt'];

function patchFolder(repo: TempRepo): string {
  return path.join(repo.root, '.gauntlet', 'patches');
}

function listPatches(repo: TempRepo): string[] {
  return existsSync(patchFolder(repo)) ? readdirSync(patchFolder(repo)) : [];
}

/** A pid no process has any more: that of a process that ran and was reaped. */
function findDeadPid(): number {
  const { pid } = spawnSync('true');
  if (pid === undefined) throw new Error('could not start `true`');
  return pid;
}

/** Saves the unstaged diff as the patch a run of `pid` would have left. */
async function writePatchOf(repo: TempRepo, pid: number): Promise<string> {
  mkdirSync(patchFolder(repo), { recursive: true });
  const name = `unstaged-20260101T000000000Z-${pid}.patch`;
  writeFileSync(path.join(patchFolder(repo), name), await repo.git('diff', '--binary'));
  return name;
}

/** Commits a.txt, then leaves `work` in the work tree. */
async function commitThenEdit(repo: TempRepo, work: string): Promise<void> {
  repo.write('a.txt', 'committed\n');
  await repo.commitAll('start');
  repo.write('a.txt', work);
}

describe.concurrent('setting unstaged changes aside', () => {
  it('gives every file, whatever its name, its index content, and puts the work tree back', async ({ makeRepo }) => {
    const repo = await makeRepo();
    for (const name of ODD_NAMES) repo.write(name, 'committed\n');
    await repo.commitAll('start');
    for (const name of ODD_NAMES) {
      repo.write(name, 'committed\nstaged\n');
      await repo.git('add', '--', name);
      repo.write(name, `committed\nstaged\n${name} unstaged\n`);
    }

    const stash = await stashUnstaged(repo.root);

    if (stash === null) throw new Error('nothing was set aside');
    expect([...stash.files].sort()).toEqual([...ODD_NAMES].sort());
    for (const name of ODD_NAMES) expect(repo.read(name)).toBe('committed\nstaged\n');
    expect(listPatches(repo)).toHaveLength(1);
    expect(await restoreUnstaged(repo.root, stash)).toEqual({ rolledBack: [] });
    for (const name of ODD_NAMES) expect(repo.read(name)).toBe(`committed\nstaged\n${name} unstaged\n`);
    expect(listPatches(repo)).toEqual([]);
  });

  it('keeps a name that is not UTF-8 byte for byte on its way through git', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const name = Buffer.from('caf\xe9.txt', 'latin1');
    const file = Buffer.concat([Buffer.from(`${repo.root}/`), name]);
    writeFileSync(file, 'committed\n');
    await repo.commitAll('start');
    writeFileSync(file, 'committed\nunstaged\n');

    const stash = await stashUnstaged(repo.root);

    if (stash === null) throw new Error('nothing was set aside');
    expect(readFileSync(file, 'utf8')).toBe('committed\n');
    await restoreUnstaged(repo.root, stash);
    expect(readFileSync(file, 'utf8')).toBe('committed\nunstaged\n');
    // No other file appeared under a decoded name.
    expect(readdirSync(repo.root).filter((entry) => entry.startsWith('caf'))).toHaveLength(1);
  });

  it('sets nothing aside when nothing is unstaged', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await commitThenEdit(repo, 'staged\n');
    await repo.git('add', 'a.txt');
    expect(await stashUnstaged(repo.root)).toBeNull();
    expect(listPatches(repo)).toEqual([]);
  });

  it('removes the patch of a dead run whose changes are back already, changing nothing', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await commitThenEdit(repo, 'committed\nunstaged\n');
    const name = await writePatchOf(repo, findDeadPid());

    const restored = await restoreInterruptedStashes(repo.root);

    expect(restored.map((patch) => patch.shown)).toEqual([`.gauntlet/patches/${name}`]);
    expect(repo.read('a.txt')).toBe('committed\nunstaged\n');
    expect(listPatches(repo)).toEqual([]);
  });

  it('leaves the patch of a run still going to that run', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await commitThenEdit(repo, 'committed\nunstaged\n');
    const name = await writePatchOf(repo, process.ppid);
    await repo.git('checkout', '--', 'a.txt');

    expect(await restoreInterruptedStashes(repo.root)).toEqual([]);
    expect(repo.read('a.txt')).toBe('committed\n');
    expect(listPatches(repo)).toEqual([name]);
    await expect(stashUnstaged(repo.root)).rejects.toThrow(`another gauntlet (pid ${process.ppid}) is checking the staged content of this repository`);
  });
});
