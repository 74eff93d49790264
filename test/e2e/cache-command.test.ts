import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { CacheRepo, cacheRepoTest as it, makeCheckedRepo, readCalls } from '../helpers/cache-repo.js';
import { fixtureHook } from '../helpers/paths.js';

const RECORD = fixtureHook('record-check.sh');
const CACHE_FILE = '.gauntlet/cache.msgpack';

/** What `gauntlet cache stats --format json` prints. */
interface CacheStatsJson {
  schema: string;
  file: string;
  bytes: number;
  entries: number;
  files: number;
  last_run: { lookups: number; hits: number; hit_rate: number | null; remote: { lookups: number; hits: number; hit_rate: number | null } };
}

async function readStats(repo: CacheRepo): Promise<CacheStatsJson> {
  const result = await repo.run(['cache', 'stats', '--format', 'json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as CacheStatsJson;
}

function warningLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('gauntlet: warning:'));
}

describe.concurrent('gauntlet cache', () => {
  it('stats shows entries, file stamps and the hit rate of the last run, as text and JSON', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const log = repo.logDir('log');
    for (const name of ['a', 'b', 'c']) repo.write(`${name}.txt`, `${name}\n`);
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'check', command: [RECORD, log], files: ['*.txt'] }] });

    const empty = await repo.run(['cache', 'stats']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('entries    0 results, 0 file stamps\n');
    expect(empty.stdout).toContain('last run   no lookups\n');

    await repo.runJson();
    const cold = await readStats(repo);
    expect(cold).toMatchObject({ schema: 'gauntlet-cache/1', entries: 3, files: 3, last_run: { lookups: 3, hits: 0, hit_rate: 0 } });
    expect(cold.file).toBe(path.join(repo.root, CACHE_FILE));
    expect(cold.bytes).toBeGreaterThan(0);

    await repo.runJson();
    expect(await readStats(repo)).toMatchObject({ entries: 3, files: 3, last_run: { lookups: 3, hits: 3, hit_rate: 1, remote: { lookups: 0, hits: 0, hit_rate: null } } });

    const text = await repo.run(['cache', 'stats']);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(`file       ${path.join(repo.root, CACHE_FILE)}`);
    expect(lines[1]).toMatch(/^size {7}\d+\.\d KiB$/);
    expect(lines[2]).toBe('entries    3 results, 3 file stamps');
    expect(lines[3]).toBe('last run   100.0% hit rate (3 of 3 lookups)');
    expect(lines[4]).toBe('  remote   no lookups');
  });

  it('clear forgets every result, so the next run spawns every hook again', async ({ makeRepo }) => {
    const { repo, checkLog, projectLog } = await makeCheckedRepo(makeRepo);
    await repo.runJson();
    expect(existsSync(path.join(repo.root, CACHE_FILE))).toBe(true);

    const cleared = await repo.run(['cache', 'clear']);

    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toBe(`cache cleared: ${path.join(repo.root, CACHE_FILE)}\n`);
    expect(existsSync(path.join(repo.root, CACHE_FILE))).toBe(false);

    const { report } = await repo.runJson();
    expect(readCalls(checkLog)).toHaveLength(2);
    expect(readCalls(projectLog)).toHaveLength(2);
    expect(report.hooks.every((hook) => !hook.cached)).toBe(true);
  });

  it('treats a corrupted cache file as one warning line and an empty cache, and the run works', async ({ makeRepo }) => {
    const { repo, checkLog } = await makeCheckedRepo(makeRepo);
    const cold = await repo.runJson();
    const file = path.join(repo.root, CACHE_FILE);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));

    const damaged = await repo.runJson();

    expect(damaged.run.code).toBe(1);
    const warnings = warningLines(damaged.run.stderr);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^gauntlet: warning: \.gauntlet\/cache\.msgpack: .*starting with an empty cache$/);
    expect(damaged.run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readCalls(checkLog)).toHaveLength(2);
    expect(damaged.report.diagnostics).toEqual(cold.report.diagnostics);

    // The run rewrote a good cache.
    const after = await repo.runJson();
    expect(after.run.stderr).toBe('');
    expect(readCalls(checkLog)).toHaveLength(2);
    expect(after.report.hooks.every((hook) => hook.cached)).toBe(true);
  });

  it('treats a foreign file in place of the cache as one warning line in stats too', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'check', command: [RECORD, repo.logDir('log')] }] });
    repo.write(CACHE_FILE, 'this is not msgpack at all\n');
    const stats = await repo.run(['cache', 'stats', '--format', 'json']);
    expect(stats.code).toBe(0);
    expect(warningLines(stats.stderr)).toHaveLength(1);
    expect(stats.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(stats.stdout)).toMatchObject({ entries: 0, files: 0 });
  });
});
