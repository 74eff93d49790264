import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { ResolvedConfig } from '../../protocol/hook.js';
import { CONFIG_CACHE_VERSION } from '../../engine/config/load-config-cached.js';
import { readVersioned, writeVersioned } from '../../engine/store/versioned-file.js';
import { repoTest as it, splitLines, statusesOf, type TempRepo } from '../helpers/e2e.js';

// What a repository can commit under .gauntlet/ to change what a run does, and what gauntlet makes of it.

const CONFIG_STATE = '.gauntlet/config.msgpack';
const CACHE_STATE = '.gauntlet/cache.msgpack';
/** A planted file must not make a run hang or read without bound: the run ends about as fast as any. */
const QUICK_MS = 8_000;

/** A hook failing on a file that says BAD, unless ALLOW is set in the environment (which the cache key does not see). */
const NO_BAD = { name: 'no-bad', command: ['sh', '-c', 'test -n "$ALLOW" || ! grep -l BAD "$@"', 'sh'], files: '*.txt' };

/** The state files a run reads, each with what it does instead of using a bad one. */
const SIGNED_STATE: [string, string][] = [
  [CONFIG_STATE, 'reading the config itself'],
  [CACHE_STATE, 'starting with an empty cache'],
  ['.gauntlet/profiles.msgpack', 'starting with an empty profile'],
];

function notForThisUser([file, fallback]: [string, string]): string {
  return `gauntlet: warning: ${file}: not written by gauntlet for this user; ignored; ${fallback}`;
}

function warnings(stderr: string): string[] {
  return splitLines(stderr).filter((line) => line.startsWith('gauntlet: warning:'));
}

/** Runs `body` with this process signing state files as the user whose data folder is `xdg`. */
async function asUser<T>(xdg: string, body: () => Promise<T>): Promise<T> {
  const saved = process.env.XDG_DATA_HOME;
  process.env.XDG_DATA_HOME = xdg;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.XDG_DATA_HOME;
    else process.env.XDG_DATA_HOME = saved;
  }
}

function users(repo: TempRepo): { attacker: string; victim: string } {
  return { attacker: repo.scratchDir('attacker'), victim: repo.scratchDir('victim') };
}

describe('state files committed to a repository', () => {
  it('ignores a cache full of passes written by someone else: the hook runs and fails', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const { attacker, victim } = users(repo);
    repo.writeConfig({ hooks: [NO_BAD] });
    repo.write('a.txt', 'BAD\n');
    const planted = await repo.runJson([], { env: { XDG_DATA_HOME: attacker, ALLOW: '1' } });
    expect(statusesOf(planted.report)).toEqual({ 'no-bad': 'passed' });
    // For its writer the planted cache is potent: the failing file passes from the cache.
    const potent = await repo.runJson([], { env: { XDG_DATA_HOME: attacker } });
    expect(statusesOf(potent.report)).toEqual({ 'no-bad': 'passed' });

    const { result, report } = await repo.runJson([], { env: { XDG_DATA_HOME: victim } });
    expect(statusesOf(report)).toEqual({ 'no-bad': 'failed' });
    expect(result.code).toBe(1);
    // Every state file of the run was written by the other user: each is one line, and ignored.
    expect(warnings(result.stderr)).toContain(`gauntlet: warning: ${CACHE_STATE}: not written by gauntlet for this user; ignored; starting with an empty cache`);
    expect(warnings(result.stderr).sort()).toEqual(SIGNED_STATE.map(notForThisUser).sort());
    // Rewritten for this user by that run: the next one reads it without a word.
    const next = await repo.runJson([], { env: { XDG_DATA_HOME: victim } });
    expect(warnings(next.result.stderr)).toEqual([]);
    expect(statusesOf(next.report)).toEqual({ 'no-bad': 'failed' });
  });

  it('ignores a config cache that stands for other hooks than gauntlet.yaml: the YAML’s hooks run', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const { attacker, victim } = users(repo);
    const reviewed = repo.scratchPath('reviewed-ran');
    const planted = repo.scratchPath('planted-ran');
    repo.writeConfig({ hooks: [{ name: 'reviewed', command: ['sh', '-c', `touch '${reviewed}'`], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    expect((await repo.run(['run'], { env: { XDG_DATA_HOME: attacker } })).code).toBe(0);
    const file = path.join(repo.root, CONFIG_STATE);
    await asUser(attacker, async () => {
      const cached = await readVersioned(file, 'gauntlet-config', CONFIG_CACHE_VERSION, (data) => data as { key: string; config: ResolvedConfig });
      expect(cached.value).not.toBeNull();
      const { key, config } = cached.value as { key: string; config: ResolvedConfig };
      const hooks = config.hooks.map((hook) => ({ ...hook, name: 'planted', argv: ['sh', '-c', `touch '${planted}'`] }));
      await writeVersioned(file, 'gauntlet-config', CONFIG_CACHE_VERSION, { key, config: { ...config, hooks } });
    });
    // For its writer the planted file stands in for gauntlet.yaml.
    const potent = await repo.runJson([], { env: { XDG_DATA_HOME: attacker } });
    expect(statusesOf(potent.report)).toEqual({ planted: 'passed' });
    expect(existsSync(planted)).toBe(true);
    execFileSync('rm', [planted, reviewed]);

    const { result, report } = await repo.runJson([], { env: { XDG_DATA_HOME: victim } });
    expect(statusesOf(report)).toEqual({ reviewed: 'passed' });
    expect(existsSync(reviewed)).toBe(true);
    expect(existsSync(planted)).toBe(false);
    expect(warnings(result.stderr)).toContain(`gauntlet: warning: ${CONFIG_STATE}: not written by gauntlet for this user; ignored; reading the config itself`);
    expect(warnings(result.stderr).sort()).toEqual(SIGNED_STATE.map(notForThisUser).sort());
  });

  it('runs at once with one warning when the cache is a link to /dev/zero', { timeout: QUICK_MS }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [NO_BAD] });
    repo.write('a.txt', 'fine\n');
    mkdirSync(path.join(repo.root, '.gauntlet'));
    symlinkSync('/dev/zero', path.join(repo.root, CACHE_STATE));
    const { result, report } = await repo.runJson([]);
    expect(statusesOf(report)).toEqual({ 'no-bad': 'passed' });
    expect(warnings(result.stderr)).toEqual([`gauntlet: warning: ${CACHE_STATE}: is a symbolic link, not a file gauntlet wrote; starting with an empty cache`]);
  });

  it('runs at once with one warning when the cache is a FIFO', { timeout: QUICK_MS }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [NO_BAD] });
    repo.write('a.txt', 'fine\n');
    mkdirSync(path.join(repo.root, '.gauntlet'));
    execFileSync('mkfifo', [path.join(repo.root, CACHE_STATE)]);
    const { result, report } = await repo.runJson([]);
    expect(statusesOf(report)).toEqual({ 'no-bad': 'passed' });
    expect(warnings(result.stderr)[0]).toBe(`gauntlet: warning: ${CACHE_STATE}: is a named pipe (FIFO), not a regular file; starting with an empty cache`);
  });

  it('writes nothing where a .gauntlet link points, and says so', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const elsewhere = repo.scratchDir('elsewhere');
    repo.writeConfig({ hooks: [NO_BAD] });
    repo.write('a.txt', 'fine\n');
    symlinkSync(elsewhere, path.join(repo.root, '.gauntlet'));
    const { result, report } = await repo.runJson([]);
    expect(statusesOf(report)).toEqual({ 'no-bad': 'passed' });
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(warnings(result.stderr).length).toBeGreaterThan(0);
    for (const line of warnings(result.stderr)) expect(line).toMatch(/\.gauntlet is a symbolic link; gauntlet writes its state only into a real folder/);
  });
});
