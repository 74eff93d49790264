import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HookReport } from '../../protocol/report.js';
import { loadConfig } from '../../engine/config/load-config.js';
import { executeRun, type RunOutcome, type RunRequest } from '../../engine/run.js';
import { ResultCache } from '../../engine/store/result-cache.js';
import { ensureStateDir } from '../../engine/store/state-dir.js';
import type { RunStores } from '../../engine/store/run-stores.js';
import type { Job, JobStatus } from '../../engine/worker/contract.js';
import { FakeRunner, findingAt, type FakeAnswer, type FakeScript } from '../helpers/fake-runner.js';
import { useTempRoot } from '../helpers/temp-root.js';

const temp = useTempRoot('gauntlet-execute-');

/** Files of the test repository: written a minute in the past, so that their stamps are settled and results cacheable. */
const FILES = ['a.txt', 'b.txt'];
/** Long enough to be cancelled: a job that waits this long failed to be ended. */
const LONG_MS = 20_000;

/** A hook on the *.txt files; `extra` holds config fields in YAML's JSON form. */
function hookOf(name: string, extra: object = {}): object {
  return { name, command: [`${name}-tool`], files: ['*.txt'], ...extra };
}

/** A root holding FILES and a config of these hooks, and empty stores the runs of a test share. */
async function setUp(hooks: object[]): Promise<{ root: string; stores: RunStores; config: RunRequest['config'] }> {
  const root = temp();
  const past = new Date(Date.now() - 60_000);
  for (const file of FILES) {
    writeFileSync(path.join(root, file), `${file}\n`);
    utimesSync(path.join(root, file), past, past);
  }
  await ensureStateDir(root);
  const configFile = path.join(root, 'gauntlet.yaml');
  const config = await loadConfig(configFile, Buffer.from(JSON.stringify({ hooks })));
  return { root, stores: { profiles: new Map(), cache: ResultCache.empty(), warnings: [] }, config };
}

/** One run of every hook over FILES on `runner`; one worker, so one batch per hook. */
function runAll(setup: Awaited<ReturnType<typeof setUp>>, runner: FakeRunner, overrides: Partial<RunRequest> = {}): Promise<RunOutcome> {
  return executeRun({ ...setup, files: FILES, allFiles: FILES, optimize: false, maxWorkers: 1, failFast: false, runner, ...overrides });
}

function reportOf(outcome: RunOutcome, hook: string): HookReport {
  const found = outcome.hooks.find((entry) => entry.report.name === hook);
  if (!found) throw new Error(`no hook ${hook} in the outcome`);
  return found.report;
}

/** Answers by hook name; a hook not listed passes at once. */
function scriptBy(answers: Record<string, FakeAnswer | ((job: Job) => FakeAnswer)>): FakeScript {
  return (job) => {
    const answer = answers[job.hook];
    return typeof answer === 'function' ? answer(job) : (answer ?? {});
  };
}

describe('a run on a job runner', () => {
  it.each<[string, FakeAnswer, JobStatus, string | null]>([
    ['a clean exit', {}, 'passed', null],
    ['findings', { diagnostics: [findingAt('a.txt', 1, 'bad')] }, 'failed', 'exit code 1'],
    ['an error', { status: 'error' }, 'error', 'exit code 1'],
    ['a timeout', { status: 'timeout' }, 'timeout', 'exit code 1'],
    ['a cancelled job', { status: 'cancelled' }, 'cancelled', 'exit code 1'],
  ])('reports a hook whose job ends in %s as %s', async (_, answer, status, reason) => {
    const setup = await setUp([hookOf('check')]);
    const outcome = await runAll(setup, new FakeRunner(scriptBy({ check: answer })));
    expect(reportOf(outcome, 'check')).toMatchObject({ status, reason, files: 2, files_run: status === 'cancelled' ? 0 : 2 });
  });

  it.each<[string, FakeAnswer, { status: string; files_cached: number }, string[]]>([
    ['passed', {}, { status: 'passed', files_cached: 2 }, []],
    ['failed on one file', { diagnostics: [findingAt('b.txt', 1, 'bad')] }, { status: 'failed', files_cached: 2 }, []],
    ['errored', { status: 'error' }, { status: 'passed', files_cached: 0 }, FILES],
    ['failed without findings', { status: 'failed' }, { status: 'passed', files_cached: 0 }, FILES],
  ])('after a batch that %s, answers the next run from the cache as far as the batch said', async (_, first, next, rerun) => {
    const setup = await setUp([hookOf('check')]);
    await runAll(setup, new FakeRunner(scriptBy({ check: first })));
    const second = new FakeRunner(() => ({}));
    const outcome = await runAll(setup, second);
    expect(reportOf(outcome, 'check')).toMatchObject(next);
    expect(second.jobsOf('check').flatMap((job) => job.files).sort()).toEqual(rerun);
  });

  it('keeps a failing file failing from the cache, with its finding, and the clean one passing', async () => {
    const setup = await setUp([hookOf('check', { batch_size: 1 })]);
    const script = scriptBy({ check: (job) => ({ diagnostics: job.files.includes('b.txt') ? [findingAt('b.txt', 1, 'bad')] : [] }) });
    await runAll(setup, new FakeRunner(script));
    const cached = await runAll(setup, new FakeRunner(() => ({})), { files: ['b.txt'] });
    expect(reportOf(cached, 'check')).toMatchObject({ status: 'failed', cached: true, files_cached: 1 });
    expect(cached.hooks[0]?.diagnostics.map((finding) => finding.message)).toEqual(['bad']);
    const clean = await runAll(setup, new FakeRunner(() => ({})), { files: ['a.txt'] });
    expect(reportOf(clean, 'check')).toMatchObject({ status: 'passed', cached: true, files_cached: 1 });
  });

  it('never runs a fixer at the same time as another job on its files', async () => {
    const setup = await setUp([hookOf('check'), hookOf('fix', { modifies_files: true }), hookOf('fix-too', { modifies_files: true }), hookOf('lint')]);
    const runner = new OverlapRunner(scriptBy({ fix: { delayMs: 20 }, 'fix-too': { delayMs: 20 }, check: { delayMs: 5 }, lint: { delayMs: 5 } }));
    const outcome = await runAll(setup, runner, { maxWorkers: 4 });
    expect(outcome.hooks.map((entry) => entry.report.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(new Set(runner.jobs.map((job) => job.hook)).size).toBe(4);
    expect(runner.overlaps).toEqual([]);
  });

  it.each([
    [true, 'cancelled'],
    [false, 'passed'],
  ])('with fail-fast %s, a hook still running when another fails ends %s', async (failFast, slowStatus) => {
    const setup = await setUp([hookOf('slow'), hookOf('bad')]);
    const runner = new FakeRunner(scriptBy({ slow: { delayMs: failFast ? LONG_MS : 5 }, bad: { status: 'failed', diagnostics: [findingAt('a.txt', 1, 'bad')] } }));
    const outcome = await runAll(setup, runner, { failFast });
    expect(reportOf(outcome, 'bad').status).toBe('failed');
    expect(reportOf(outcome, 'slow').status).toBe(slowStatus);
  });

  it('ends every hook as cancelled when the run is cancelled, the running one and those not started', async () => {
    const setup = await setUp([hookOf('slow'), hookOf('fix', { modifies_files: true }), hookOf('later')]);
    const controller = new AbortController();
    // The fixer runs in a phase of its own, before the others: cancelled while it runs, they never start.
    const runner = new FakeRunner(
      scriptBy({
        fix: () => {
          queueMicrotask(() => controller.abort());
          return { delayMs: LONG_MS };
        },
      }),
    );
    const outcome = await runAll(setup, runner, { signal: controller.signal });
    expect(outcome.hooks.map((entry) => [entry.report.name, entry.report.status])).toEqual([
      ['fix', 'cancelled'],
      ['slow', 'cancelled'],
      ['later', 'cancelled'],
    ]);
    expect(runner.jobs.map((job) => job.hook)).toEqual(['fix']);
    expect(runner.cancelled).toBe(1);
  });
});

/** A FakeRunner that notes every pair of jobs that ran at once on a file while one of them was a fixer's. */
class OverlapRunner extends FakeRunner {
  readonly overlaps: string[] = [];
  private readonly active = new Set<Job>();
  private readonly fixers = new Set(['fix', 'fix-too']);

  override async run(job: Job, options?: Parameters<FakeRunner['run']>[1]): Promise<Awaited<ReturnType<FakeRunner['run']>>> {
    for (const other of this.active) {
      const shared = other.files.some((file) => job.files.includes(file));
      if (shared && (this.fixers.has(job.hook) || this.fixers.has(other.hook))) this.overlaps.push(`${other.hook} with ${job.hook}`);
    }
    this.active.add(job);
    try {
      return await super.run(job, options);
    } finally {
      this.active.delete(job);
    }
  }
}
