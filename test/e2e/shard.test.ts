import { describe, expect } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import { repoTest, type TempRepo } from '../helpers/e2e.js';
import { makeJobLog, makeShardRepo, normalizeReport, readJobs, readReportFile } from '../helpers/shard-repo.js';

/** Sixteen runs of the CLI on a loaded machine: far more than one test's default. */
const SHARDED_TEST_MS = 180_000;

interface LoggedRun {
  jobs: string[];
  report: RunReport;
  file: string;
  code: number | null;
}

/** `gauntlet run --no-cache` from the committed content (the fixer's changes undone), its jobs logged. */
async function runLogged(repo: TempRepo, name: string, extra: string[]): Promise<LoggedRun> {
  await repo.git('checkout', '-q', '--', '.');
  const log = makeJobLog(repo, `${name}-jobs`);
  const file = repo.scratchPath(`${name}.json`);
  const result = await repo.run(['run', '--no-cache', '--no-optimize', '-j', '2', '--format', 'json', '--output', file, ...extra], { env: { JOB_LOG: log } });
  // Some shards may get none of the planted problems.
  expect([0, 1], result.stderr).toContain(result.code);
  return { jobs: readJobs(log), report: readReportFile(file), file, code: result.code };
}

describe('gauntlet run --shard', () => {
  repoTest.for([1, 2, 3, 4, 5])(
    'runs each job of a run in exactly one of %i shards, and their merged report is the run’s',
    { timeout: SHARDED_TEST_MS },
    async (count, { makeRepo }) => {
      const repo = await makeShardRepo(makeRepo);
      const whole = await runLogged(repo, 'whole', []);
      expect(whole.code).toBe(1);
      // Every kind of hook ran: 150 fixed files, 290 linted ones, the project hooks once.
      expect(new Set(whole.jobs.map((job) => job.split('\t')[0]))).toEqual(new Set(['fix', 'lint', 'whole', 'serial', 'project', 'each', 'always']));
      expect(whole.jobs).toHaveLength(new Set(whole.jobs).size);

      const shards: LoggedRun[] = [];
      for (let index = 1; index <= count; index++) shards.push(await runLogged(repo, `shard-${index}`, ['--shard', `${index}/${count}`]));
      expect(shards.flatMap((shard) => shard.jobs).sort()).toEqual(whole.jobs);
      shards.forEach((shard, index) => expect(shard.report.shard).toEqual({ index: index + 1, count, split: shards[0]?.report.shard?.split }));
      expect(shards[0]?.report.shard?.split).toMatch(/^[\w-]{22}$/u);
      if (count > 1) expect(shards.every((shard) => shard.jobs.length < whole.jobs.length)).toBe(true);

      // Any order of the files: the shards say which is which.
      const merged = await repo.run(['report', 'merge', ...shards.map((shard) => shard.file).reverse(), '--format', 'json']);
      expect(merged.code, merged.stderr).toBe(1);
      const report = JSON.parse(merged.stdout) as RunReport;
      expect(report.shard).toBeUndefined();
      expect(normalizeReport(report)).toEqual(normalizeReport(whole.report));
    },
  );

  repoTest('checks a file a fixer rewrites in the shard that rewrote it', { timeout: SHARDED_TEST_MS }, async ({ makeRepo }) => {
    const repo = await makeShardRepo(makeRepo);
    for (let index = 1; index <= 3; index++) {
      const shard = await runLogged(repo, `shard-${index}`, ['--shard', `${index}/3`]);
      const fixed = new Set(shard.jobs.filter((job) => job.startsWith('fix\t')).map((job) => job.slice('fix\t'.length)));
      const linted = new Set(shard.jobs.filter((job) => job.startsWith('lint\t') && job.includes('src/')).map((job) => job.slice('lint\t'.length)));
      expect(linted).toEqual(fixed);
      // What the fixer rewrote, the checker read as rewritten: no `fixme` is reported.
      expect(shard.report.diagnostics.filter((diagnostic) => diagnostic.hook === 'lint' && diagnostic.file.startsWith('src/') && Number(/f(\d+)/u.exec(diagnostic.file)?.[1]) % 17 === 0)).toEqual([]);
    }
  });

  repoTest('runs a hook that runs as one invocation in one shard, the others report it skipped in another shard', { timeout: SHARDED_TEST_MS }, async ({ makeRepo }) => {
    const repo = await makeShardRepo(makeRepo);
    const shards: LoggedRun[] = [];
    for (let index = 1; index <= 3; index++) shards.push(await runLogged(repo, `shard-${index}`, ['--shard', `${index}/3`]));
    for (const name of ['whole', 'serial', 'project', 'always']) {
      const entries = shards.map((shard) => shard.report.hooks.find((hook) => hook.name === name));
      const away = entries.filter((entry) => entry?.status === 'skipped' && entry.reason === 'in another shard');
      expect(away, name).toHaveLength(2);
      expect(away.map((entry) => entry?.files)).toEqual([0, 0]);
      expect(shards.filter((shard) => shard.jobs.some((job) => job.startsWith(`${name}\t`)))).toHaveLength(1);
    }
  });
});
