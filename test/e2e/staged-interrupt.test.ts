import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { repoTest as it, spawnGauntlet, splitLines, waitForCli, waitUntil, type CliResult, type TempRepo } from '../helpers/e2e.js';
import { findMarkedProcesses, makeMark, MARK_VARIABLE } from '../helpers/marked-processes.js';
import { fixtureHook } from '../helpers/paths.js';
import { isAlive, readPids } from '../helpers/processes.js';

const STAGED = 'base\nstaged\n';
const MINE = 'base\nstaged\nmine, not staged';

/** A repository whose one hook sleeps (writing its pids first), with a.txt partially staged. */
async function makeSleepingRepo(repo: TempRepo, pids: string, mark: string): Promise<void> {
  repo.writeConfig({
    hooks: [{ name: 'long', command: [fixtureHook('pid-sleep.sh'), pids, '30'], files: ['*.txt'], pass_files: false, env: { [MARK_VARIABLE]: mark } }],
  });
  repo.write('a.txt', 'base\n');
  await repo.commitAll('start');
  repo.write('a.txt', STAGED);
  await repo.git('add', 'a.txt');
  repo.write('a.txt', MINE);
}

/** Starts `gauntlet run --staged`, waits for its hook to sleep, checks the work tree holds the staged copy, then signals it. */
async function interruptStagedRun(repo: TempRepo, pids: string, signal: NodeJS.Signals): Promise<CliResult> {
  const child = spawnGauntlet(['run', '--staged'], { cwd: repo.root });
  const done = waitForCli(child);
  try {
    expect(await waitUntil(() => existsSync(pids), 10_000)).toBe(true);
    expect(repo.read('a.txt')).toBe(STAGED);
    child.kill(signal);
    return await done;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Ends the hook processes a killed gauntlet left behind. */
function killLeftovers(pids: string, mark: string): void {
  const found = [...(existsSync(pids) ? readPids(pids) : []), ...findMarkedProcesses(mark)];
  for (const pid of found) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Kills a staged run with SIGKILL while its hook sleeps; returns the name of the patch it leaves. */
async function killStagedRun(repo: TempRepo): Promise<string> {
  const pids = repo.scratchPath('pids');
  const mark = makeMark();
  await makeSleepingRepo(repo, pids, mark);
  try {
    const killed = await interruptStagedRun(repo, pids, 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
  } finally {
    killLeftovers(pids, mark);
  }
  expect(repo.read('a.txt')).toBe(STAGED);
  const patches = listPatches(repo);
  expect(patches).toHaveLength(1);
  return patches[0] ?? '';
}

function listPatches(repo: TempRepo): string[] {
  const folder = path.join(repo.root, '.gauntlet', 'patches');
  return existsSync(folder) ? readdirSync(folder) : [];
}

describe.concurrent('a staged run that is interrupted', () => {
  it.for(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('puts the unstaged changes back before it exits on %s', async (signal, { makeRepo }) => {
    const repo = await makeRepo();
    const pids = repo.scratchPath('pids');
    const mark = makeMark();
    await makeSleepingRepo(repo, pids, mark);
    try {
      const result = await interruptStagedRun(repo, pids, signal);
      expect(result.code, result.stderr).toBe(130);
      expect(repo.read('a.txt')).toBe(MINE);
      expect(await repo.git('show', ':a.txt')).toBe(STAGED);
      expect(listPatches(repo)).toEqual([]);
    } finally {
      killLeftovers(pids, mark);
    }
  });

  it('still running, keeps its patch from other commands, and a second staged run refuses in one line', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const pids = repo.scratchPath('pids');
    const mark = makeMark();
    await makeSleepingRepo(repo, pids, mark);
    const child = spawnGauntlet(['run', '--staged'], { cwd: repo.root });
    const done = waitForCli(child);
    try {
      expect(await waitUntil(() => existsSync(pids), 10_000)).toBe(true);
      const [patch] = listPatches(repo);

      const other = await repo.run(['profile']);
      expect(other.code, other.stderr).toBe(0);
      expect(other.stderr).toBe('');
      const second = await repo.run(['run', '--staged']);
      expect(second.code).toBe(2);
      expect(splitLines(second.stderr)).toEqual([
        `gauntlet: another gauntlet (pid ${String(child.pid)}) is checking the staged content of this repository: wait for it to finish`,
      ]);
      expect(repo.read('a.txt')).toBe(STAGED);
      expect(listPatches(repo)).toEqual([patch]);
    } finally {
      child.kill('SIGTERM');
      await done;
      killLeftovers(pids, mark);
    }
    expect(repo.read('a.txt')).toBe(MINE);
    expect(listPatches(repo)).toEqual([]);
  });

  it('killed with SIGKILL leaves its patch, and the next gauntlet command puts the changes back first', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const patch = await killStagedRun(repo);
    expect(patch).toMatch(/^unstaged-\d{8}T\d{9}Z-\d+\.patch$/);

    const next = await repo.run(['install']);

    expect(next.code, next.stderr).toBe(0);
    expect(splitLines(next.stderr)).toEqual([`gauntlet: put back the unstaged changes an interrupted staged run had saved (.gauntlet/patches/${patch})`]);
    expect(repo.read('a.txt')).toBe(MINE);
    expect(await repo.git('show', ':a.txt')).toBe(STAGED);
    expect(listPatches(repo)).toEqual([]);
  });

  it('killed, then edited so the patch no longer applies: the next command says in one line how to apply it, exits 2, and the way works', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const patch = await killStagedRun(repo);
    const shown = `.gauntlet/patches/${patch}`;
    repo.write('a.txt', 'rewritten meanwhile\n');

    const next = await repo.run(['run', '--staged']);

    expect(next.code).toBe(2);
    const lines = splitLines(next.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`your unstaged changes are saved in ${shown}; restore them with "git apply --whitespace=nowarn ${shown}"`);
    expect(repo.read('a.txt')).toBe('rewritten meanwhile\n');
    expect(listPatches(repo)).toEqual([patch]);

    await repo.git('checkout', '--', 'a.txt');
    await repo.git('apply', '--whitespace=nowarn', shown);
    expect(repo.read('a.txt')).toBe(MINE);
  });
});
