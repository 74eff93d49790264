import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool, type PoolOptions } from '../../engine/pool/pool.js';
import type { Job } from '../../engine/worker/contract.js';
import { isAlive, readPids } from '../helpers/processes.js';
import { fixtureHook } from '../helpers/paths.js';
import { builtWorkerUrl, fixtureWorkerUrl, stageWorker } from '../helpers/built.js';

let nextId = 1;
function makeJob(argv: string[], overrides: Partial<Job> = {}): Job {
  return {
    id: nextId++,
    hook: 'fixture',
    argv,
    root: process.cwd(),
    files: [],
    env: {},
    timeoutMs: 10_000,
    outputCapBytes: 1_048_576,
    parser: { type: 'gnu' },
    okExitCodes: [0],
    failOnDiagnostics: false,
    ...overrides,
  };
}

const pools: WorkerPool[] = [];
const dirs: string[] = [];
function openPool(size: number, options: Partial<PoolOptions> = {}): WorkerPool {
  const pool = new WorkerPool({ workerUrl: builtWorkerUrl(), size, ...options });
  pools.push(pool);
  return pool;
}
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gauntlet-pool-'));
  dirs.push(dir);
  return dir;
}
function tempFile(name: string): string {
  return path.join(tempDir(), name);
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('WorkerPool', () => {
  it('retires a thread that does not boot in time and fails the job that waited for it', async () => {
    const worker = stageWorker('hang-booting', tempDir());
    const pool = openPool(1, { workerUrl: worker.url, bootTimeoutMs: 500 });
    const result = await pool.run(makeJob(['true']));
    expect(result.status).toBe('error');
    expect(result.reason).toBe('worker did not start within 0.5 s');
    worker.heal();
    expect((await pool.run(makeJob(['true']))).status).toBe('passed');
  });

  it('fails each waiting job once when its threads die while booting, instead of replacing them forever', async () => {
    const worker = stageWorker('crash-booting', tempDir());
    const pool = openPool(2, { workerUrl: worker.url });
    const results = await Promise.all([1, 2, 3].map(() => pool.run(makeJob(['true']))));
    expect(results.map((result) => result.status)).toEqual(['error', 'error', 'error']);
    for (const result of results) expect(result.reason).toMatch(/worker (crashed|exited)/);
    worker.heal();
    // The pool recovers once threads can boot again.
    expect((await pool.run(makeJob(['true']))).status).toBe('passed');
  });

  it('runs a job in a worker thread and returns exit code, output and diagnostics', async () => {
    const pool = openPool(1);
    const result = await pool.run(makeJob([fixtureHook('report-each.sh'), 'bad thing', 'a.py', 'b.py']));
    expect(result.status).toBe('failed');
    expect(result.exitCode).toBe(1);
    expect(result.reason).toBe('exit code 1');
    expect(result.output).toContain('a.py:1:1: error: bad thing');
    expect(result.diagnostics.map((d) => d.file)).toEqual(['a.py', 'b.py']);
    expect(result.diagnostics[0]).toMatchObject({ hook: 'fixture', line: 1, column: 1, severity: 'error' });
  });

  it('passes a job whose exit code is listed in okExitCodes', async () => {
    const pool = openPool(1);
    const result = await pool.run(makeJob([fixtureHook('sleep-exit.sh'), '0', '3'], { okExitCodes: [0, 3] }));
    expect(result.status).toBe('passed');
    expect(result.exitCode).toBe(3);
    expect(result.reason).toBeNull();
  });

  it('fails a zero exit with diagnostics when failOnDiagnostics is set', async () => {
    const pool = openPool(1);
    const result = await pool.run(
      makeJob(['sh', '-c', 'echo "x.py:2:1: warning: hm"'], { failOnDiagnostics: true }),
    );
    expect(result.status).toBe('failed');
    expect(result.reason).toBe('1 diagnostic (fail_on_diagnostics)');
  });

  it('reports a command that does not exist as an error with a one-line reason', async () => {
    const pool = openPool(1);
    const result = await pool.run(makeJob(['gauntlet-no-such-tool', 'x']));
    expect(result.status).toBe('error');
    expect(result.reason).toBe('command not found: gauntlet-no-such-tool (is it installed and on PATH?)');
  });

  it('reports a command that is not executable as an error', async () => {
    const pool = openPool(1);
    const result = await pool.run(makeJob([fixtureHook('not-executable.sh')]));
    expect(result.status).toBe('error');
    expect(result.reason).toMatch(/^permission denied: .*not-executable\.sh/);
  });

  it('keeps the first MiB of a 50 MB output, drains the rest and marks it truncated', async () => {
    const pool = openPool(1);
    const result = await pool.run(makeJob([process.execPath, fixtureHook('flood.js'), '50'], { parser: { type: 'none' } }));
    expect(result.status).toBe('passed');
    expect(result.truncated).toBe(true);
    expect(result.output.length).toBeLessThan(1_048_576 + 1_000);
    expect(result.output).toMatch(/\[gauntlet: output truncated, \d+ more bytes dropped\]/);
    expect(result.output).toContain('flooding');
  });

  it('kills the whole process group, grandchildren included, when a hook times out', async () => {
    const pids = tempFile('pids');
    const pool = openPool(1);
    const result = await pool.run(makeJob([fixtureHook('grandchildren.sh'), pids], { timeoutMs: 500 }));
    expect(result.status).toBe('timeout');
    expect(result.reason).toBe('timed out after 0.5 s; its process group was killed');
    const spawned = readPids(pids);
    expect(spawned).toHaveLength(3);
    expect(spawned.filter(isAlive)).toEqual([]);
  });

  it('sends KILL after the grace period to a hook that ignores TERM', async () => {
    const pids = tempFile('pids');
    const pool = openPool(1);
    const result = await pool.run(makeJob([fixtureHook('ignore-term.sh'), pids], { timeoutMs: 300 }));
    expect(result.status).toBe('timeout');
    expect(result.signal).toBe('SIGKILL');
    expect(readPids(pids).filter(isAlive)).toEqual([]);
  });

  it('cancels a running job when its signal aborts and kills its processes', async () => {
    const pids = tempFile('pids');
    const pool = openPool(1);
    const controller = new AbortController();
    const running = pool.run(makeJob([fixtureHook('grandchildren.sh'), pids]), { signal: controller.signal });
    await waitFor(() => readPidsSafe(pids).length === 3);
    controller.abort();
    const result = await running;
    expect(result.status).toBe('cancelled');
    expect(readPids(pids).filter(isAlive)).toEqual([]);
  });

  it('drops a queued job when its signal aborts, without starting it', async () => {
    const pool = openPool(1);
    const controller = new AbortController();
    let started = false;
    const first = pool.run(makeJob([fixtureHook('sleep-exit.sh'), '0.3']));
    const second = pool.run(makeJob(['true']), { signal: controller.signal, onStart: () => (started = true) });
    controller.abort();
    expect((await second).status).toBe('cancelled');
    expect((await first).status).toBe('passed');
    expect(started).toBe(false);
  });

  it('runs at most `size` jobs at once and all of them to the end', async () => {
    const log = tempFile('spans');
    const pool = openPool(2);
    const results = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((name) => pool.run(makeJob([fixtureHook('log-span.sh'), log, name, '0.2']))),
    );
    expect(results.map((r) => r.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(maxOverlap(readFileSync(log, 'utf8'))).toBe(2);
    expect(pool.threads).toBeLessThanOrEqual(2);
  });

  it('replaces a worker that crashes, fails only its job, and kills its process', async () => {
    const pids = tempFile('pids');
    const pool = openPool(1, { workerUrl: fixtureWorkerUrl('crash-running') });
    const crashed = pool.run(makeJob([fixtureHook('ignore-term.sh'), pids], { hook: 'crashy' }));
    const after = pool.run(makeJob([fixtureHook('sleep-exit.sh'), '0', '0']));
    const [first, second] = await Promise.all([crashed, after]);
    expect(first.status).toBe('error');
    expect(first.reason).toMatch(/^worker crashed: failpoint/);
    expect(second.status).toBe('passed');
    // The crash may come before the script wrote its pids; whatever it started must be gone.
    expect(readPidsSafe(pids).filter(isAlive)).toEqual([]);
  });

  it('ends running jobs as cancelled and kills them when closed', async () => {
    const pids = tempFile('pids');
    const pool = openPool(1);
    const running = pool.run(makeJob([fixtureHook('grandchildren.sh'), pids]));
    await waitFor(() => readPidsSafe(pids).length === 3);
    await pool.close();
    expect((await running).status).toBe('cancelled');
    expect(readPids(pids).filter(isAlive)).toEqual([]);
  });
});

function readPidsSafe(file: string): number[] {
  try {
    return readPids(file);
  } catch {
    return [];
  }
}

async function waitFor(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Most spans open at the same moment in a log of "start|end NAME NS" lines. */
function maxOverlap(log: string): number {
  const events = log
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '))
    .map(([kind, , ns]) => ({ delta: kind === 'start' ? 1 : -1, at: BigInt(ns ?? '0') }))
    .sort((a, b) => (a.at === b.at ? a.delta - b.delta : a.at < b.at ? -1 : 1));
  let open = 0;
  let most = 0;
  for (const event of events) {
    open += event.delta;
    most = Math.max(most, open);
  }
  return most;
}
