import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { cacheRepoTest as it, hookIn, readCalls, type CacheRepo } from '../helpers/cache-repo.js';
import { spawnGauntlet, waitForCli, waitUntil } from '../helpers/e2e.js';
import { fixtureHook } from '../helpers/paths.js';

const HANDSHAKE = fixtureHook('handshake-grep.sh');
const STEP_MS = 10_000;

/** Waits for the handshake hook to reach a step. */
async function reach(dir: string, step: string): Promise<void> {
  if (!(await waitUntil(() => existsSync(path.join(dir, step)), STEP_MS))) throw new Error(`the hook never reached "${step}"`);
}

/**
 * Runs the handshake hook once: `swap` runs once the hook has started and before it reads,
 * `restore` once it has read, before it exits; so the hook judges content that is gone again
 * by the time the run looks at the files.
 */
async function runAcross(repo: CacheRepo, dir: string, swap: () => void, restore: () => void): Promise<number | null> {
  const child = spawnGauntlet(['run'], { cwd: repo.root });
  const done = waitForCli(child);
  await reach(dir, 'started');
  swap();
  writeFileSync(path.join(dir, 'swapped'), '');
  await reach(dir, 'grepped');
  restore();
  writeFileSync(path.join(dir, 'restored'), '');
  return (await done).code;
}

describe.concurrent('cached verdicts and files changed during a run', () => {
  it.for<[string, string, string]>([
    ['a file changed and changed back', 'a.txt', 'good\n'],
    // Strict and lenient patterns of the same size.
    ['a cache input switched and back', 'patterns', 'ZZZ\n'],
  ])('keeps no verdict when %s while the hook ran', async ([, moved, meanwhile], { makeRepo }) => {
    const repo = await makeRepo();
    const dir = repo.logDir('steps');
    repo.write('patterns', 'BAD\n');
    repo.write('a.txt', 'BAD!\n');
    repo.writeConfig({ hooks: [{ name: 'nobad', command: [HANDSHAKE, dir, 'patterns'], files: ['*.txt'], ok_exit_codes: [1], cache_inputs: ['patterns'] }] });
    const before = repo.read(moved);

    // The hook reads other content of the same size, and the old content is back before it ends.
    const code = await runAcross(repo, dir, () => repo.write(moved, meanwhile), () => repo.write(moved, before));
    expect(code).toBe(0);

    // The next run must look again, and find BAD: not a pass remembered for these bytes.
    rmSync(dir, { recursive: true });
    repo.logDir('steps');
    const next = repo.runJson();
    await reach(dir, 'started');
    for (const step of ['swapped', 'restored']) writeFileSync(path.join(dir, step), '');
    const { run, report } = await next;
    expect(run.code).toBe(1);
    expect(hookIn(report, 'nobad')).toMatchObject({ status: 'failed', cached: false });
  });

  it('stores what --no-cache found under the content it read, even when size and mtime were put back', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('calls');
    repo.write('a.txt', 'BAD!\n');
    repo.writeConfig({ hooks: [{ name: 'nobad', command: [fixtureHook('record-check.sh'), log], files: ['*.txt'] }] });
    const file = path.join(repo.root, 'a.txt');
    expect((await repo.runJson()).run.code).toBe(1);
    const { atime, mtime } = statSync(file);

    // Good content of the same size, with the old mtime put back (`touch -r`).
    repo.write('a.txt', 'good\n');
    utimesSync(file, atime, mtime);
    expect((await repo.runJson(['--no-cache'])).run.code).toBe(0);

    // BAD again, same size, same mtime: its own (failing) verdict, never the pass just stored.
    repo.write('a.txt', 'BAD!\n');
    utimesSync(file, atime, mtime);
    const { run, report } = await repo.runJson();
    expect(run.code).toBe(1);
    expect(hookIn(report, 'nobad').status).toBe('failed');
    // And the plain run after good content of the same stat finds it good.
    repo.write('a.txt', 'good\n');
    utimesSync(file, atime, mtime);
    expect((await repo.runJson()).run.code).toBe(0);
  });

  it('keeps no result while a cache input is a symbolic link, and sees every change behind it', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('configs/patterns', 'BAD\n');
    execFileSync('ln', ['-s', 'configs/patterns', path.join(repo.root, 'patterns')]);
    repo.write('a.txt', 'BAD!\n');
    repo.writeConfig({ hooks: [{ name: 'nobad', command: ['grep', '-nH', '-f', 'patterns', '--'], files: ['*.txt'], ok_exit_codes: [1], cache_inputs: ['patterns'] }] });

    expect((await repo.runJson()).run.code).toBe(1);
    repo.write('configs/patterns', 'ZZZ\n');
    const lenient = await repo.runJson();
    expect(lenient.run.code).toBe(0);
    expect(hookIn(lenient.report, 'nobad')).toMatchObject({ files_cached: 0 });
    repo.write('configs/patterns', 'BAD\n');
    expect((await repo.runJson()).run.code).toBe(1);
  });

  it('never keeps a result on a symbolic link, and sees every change behind one that leads outside the repository', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('calls');
    const outside = mkdtempSync(path.join(tmpdir(), 'gauntlet-outside-'));
    try {
      writeFileSync(path.join(outside, 'shared.txt'), 'BAD\n');
      execFileSync('ln', ['-s', path.join(outside, 'shared.txt'), path.join(repo.root, 'link.txt')]);
      repo.write('own.txt', 'fine\n');
      repo.writeConfig({ hooks: [{ name: 'nobad', command: [fixtureHook('record-check.sh'), log], files: ['*.txt'] }] });

      expect((await repo.runJson()).run.code).toBe(1);
      writeFileSync(path.join(outside, 'shared.txt'), 'ok!\n');
      const { run, report } = await repo.runJson();
      expect(run.code).toBe(0);
      // The link is passed as it is, and checked again every run; the plain file comes from the cache.
      expect(hookIn(report, 'nobad')).toMatchObject({ files_cached: 1, files_run: 1 });
      const passed = readCalls(log).flat();
      expect(passed.filter((file) => file === 'link.txt')).toHaveLength(2);
      expect(passed.filter((file) => file === 'own.txt')).toHaveLength(1);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
