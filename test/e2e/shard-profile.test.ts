import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import { repoTest, type TempRepo } from '../helpers/e2e.js';
import { makeJobLog, makeShardRepo, readJobs, readReportFile } from '../helpers/shard-repo.js';

const SHARDED_TEST_MS = 120_000;

/** A run as it is, cache and all, with the jobs it really ran and its report. */
async function runShard(repo: TempRepo, name: string, args: string[]): Promise<{ jobs: string[]; report: RunReport }> {
  const log = makeJobLog(repo, `${name}-jobs`);
  const file = repo.scratchPath(`${name}.json`);
  const result = await repo.run(['run', '--format', 'json', '--output', file, ...args], { env: { JOB_LOG: log } });
  expect([0, 1], result.stderr).toContain(result.code);
  return { jobs: readJobs(log), report: readReportFile(file) };
}

describe('gauntlet profile --export and --shard-profile', () => {
  repoTest('exports the fitted cost of each measured hook as stable JSON that --shard-profile reads', { timeout: SHARDED_TEST_MS }, async ({ makeRepo }) => {
    const repo = await makeShardRepo(makeRepo);
    await runShard(repo, 'learn', ['--no-cache']);
    const file = repo.scratchPath('profile.json');
    const exported = await repo.run(['profile', '--export', file]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('profile exported');
    const text = readFileSync(file, 'utf8');
    const profile = JSON.parse(text) as { schema: string; hooks: Array<Record<string, unknown>> };
    expect(profile.schema).toBe('gauntlet-shard-profile/1');
    const names = profile.hooks.map((hook) => hook.name);
    expect(names).toEqual(['always', 'each', 'fix', 'lint', 'project', 'serial', 'whole']);
    for (const hook of profile.hooks) {
      expect(Object.keys(hook)).toEqual(['name', 'startup_ms', 'per_file_ms']);
      expect(hook.startup_ms).toBeGreaterThanOrEqual(0);
      expect(hook.per_file_ms).toBeGreaterThanOrEqual(0);
    }
    // The same measurements give the same bytes: CI can cache it by content.
    expect((await repo.run(['profile', '--export', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);

    const shard = await runShard(repo, 'shard', ['--no-cache', '--shard', '1/2', '--shard-profile', file]);
    expect(shard.report.shard).toMatchObject({ index: 1, count: 2 });
  });

  repoTest('fits the next split from the shards’ reports, keeping the cost of a hook that did not run', { timeout: SHARDED_TEST_MS }, async ({ makeRepo }) => {
    const repo = await makeShardRepo(makeRepo);
    const reports: string[] = [];
    for (const index of [1, 2]) {
      const file = repo.scratchPath(`report-${index}.json`);
      const result = await repo.run(['run', '--no-cache', '--shard', `${index}/2`, '--format', 'json', '--output', file, '--skip', 'serial'], { env: { JOB_LOG: makeJobLog(repo, `jobs-${index}`) } });
      expect([0, 1], result.stderr).toContain(result.code);
      reports.push(file);
    }
    const profile = repo.scratchPath('profile.json');
    writeFileSync(profile, JSON.stringify({ schema: 'gauntlet-shard-profile/1', hooks: [{ name: 'serial', startup_ms: 12.5, per_file_ms: 3 }] }));
    const exported = await repo.run(['profile', '--export', profile, '--from-reports', ...reports]);
    expect(exported.code, exported.stderr).toBe(0);
    const hooks = (JSON.parse(readFileSync(profile, 'utf8')) as { hooks: Array<{ name: string; startup_ms: number }> }).hooks;
    expect(hooks.map((hook) => hook.name)).toEqual(['always', 'each', 'fix', 'lint', 'project', 'serial', 'whole']);
    // Skipped in both shards, `serial` has no run to fit: it keeps what the file said.
    expect(hooks.find((hook) => hook.name === 'serial')).toEqual({ name: 'serial', startup_ms: 12.5, per_file_ms: 3 });
  });

  repoTest('splits by the profile’s costs rather than by file count', { timeout: SHARDED_TEST_MS }, async ({ makeRepo }) => {
    const repo = await makeShardRepo(makeRepo);
    // `serial` checks 80 files at 100 ms each: more than all the rest, which a profile knows and a file count does not.
    const profile = repo.scratchPath('profile.json');
    const cheap = ['always', 'each', 'fix', 'lint', 'project', 'whole'].map((name) => ({ name, startup_ms: 10, per_file_ms: 2 }));
    writeFileSync(profile, JSON.stringify({ schema: 'gauntlet-shard-profile/1', hooks: [...cheap, { name: 'serial', startup_ms: 50, per_file_ms: 100 }] }));
    const jobsOfSerialShard = async (args: string[]): Promise<string[]> => {
      const runs = [await runShard(repo, 'one', ['--no-cache', '--shard', '1/2', ...args]), await runShard(repo, 'two', ['--no-cache', '--shard', '2/2', ...args])];
      await repo.git('checkout', '-q', '--', '.');
      const owner = runs.find((run) => run.jobs.some((job) => job.startsWith('serial\t')));
      return (owner?.jobs ?? []).map((job) => job.split('\t')[0] ?? '');
    };
    // By cost, the shard that runs `serial` (8 s) runs nothing else; by count it gets its share of the rest too.
    expect(new Set(await jobsOfSerialShard(['--shard-profile', profile]))).toEqual(new Set(['serial']));
    expect(new Set(await jobsOfSerialShard([])).size).toBeGreaterThan(1);
  });

  repoTest('answers from the cache within a shard, and keeps a whole-project result only in the shard that runs it', { timeout: SHARDED_TEST_MS }, async ({ makeRepo }) => {
    const repo = await makeShardRepo(makeRepo);
    // The fixer's changes committed: the content is stable, every result can be cached.
    await runShard(repo, 'fix', ['--no-cache']);
    await repo.commitAll('fixed');
    await runShard(repo, 'warm', []);
    for (const index of [1, 2]) {
      const shard = await runShard(repo, `shard-${index}`, ['--shard', `${index}/2`]);
      // Only the always_run hook with no file runs again: its verdict rests on nothing gauntlet can see.
      expect(shard.jobs.filter((job) => !job.startsWith('always\t'))).toEqual([]);
      for (const hook of shard.report.hooks.filter((entry) => entry.name !== 'always' && entry.reason !== 'in another shard')) expect(hook.files_run, hook.name).toBe(0);
    }
    // A project hook's whole result, kept by the shard that runs it, is read again there.
    repo.write('lib/p0/x0.py', 'x = "changed"\n');
    const owners = [await runShard(repo, 'again-1', ['--shard', '1/2']), await runShard(repo, 'again-2', ['--shard', '2/2'])].filter((run) =>
      run.report.hooks.some((hook) => hook.name === 'project' && hook.reason !== 'in another shard'),
    );
    expect(owners).toHaveLength(1);
    expect(owners[0]?.jobs.filter((job) => job.startsWith('project\t'))).toHaveLength(60);
  });
});
