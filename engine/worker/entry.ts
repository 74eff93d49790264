import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { type Job, type JobResult, type WorkerApi, readWorkerData, type WorkerData, type WorkerMessage } from './contract.js';
import { runJob } from './run-job.js';
import { hashFiles } from './hash-files.js';
import { collectGarbage } from '../collect-garbage.js';

let jobsRun = 0;

/** Fault injection for tests: the worker dies while running this hook. */
const CRASH_ON_HOOK = process.env.GAUNTLET_FAILPOINT_CRASH_WORKER;
/** Fault injection for tests: the worker dies ('1') or hangs ('hang') before it serves anything. */
const BOOT_FAILPOINT = process.env.GAUNTLET_FAILPOINT_CRASH_WORKER_BOOT;
if (BOOT_FAILPOINT === '1') throw new Error('failpoint: worker crashed while booting');

if (!parentPort) throw new Error('engine/worker/entry.js runs only as a worker thread');
const data: WorkerData = readWorkerData(workerData);
const running = new Map<number, AbortController>();

const api: WorkerApi = {
  async runJob(job: Job): Promise<JobResult> {
    const controller = new AbortController();
    running.set(job.id, controller);
    try {
      const result = await runJob(job, {
        signal: controller.signal,
        onSpawn: (pgid) => {
          // The pool reads this to kill the group should this thread die.
          Atomics.store(data.pgid, 0, pgid);
          if (job.hook === CRASH_ON_HOOK) setImmediate(() => { throw new Error(`failpoint: worker crashed running ${job.hook}`); });
        },
      });
      return job.stampAfter ? { ...result, stampsAfter: hashFiles(job.root, job.stampAfter) } : result;
    } finally {
      Atomics.store(data.pgid, 0, 0);
      running.delete(job.id);
      jobsRun += 1;
      // A long-lived pool's worker (see PoolOptions.collectGarbageEvery).
      if (data.collectEvery > 0 && jobsRun % data.collectEvery === 0) setImmediate(collectGarbage);
    }
  },
  hashFiles: (root, batch) => Promise.resolve(hashFiles(root, batch)),
  cancelJob(id: number): void {
    running.get(id)?.abort();
  },
};

if (BOOT_FAILPOINT === 'hang') setInterval(() => undefined, 60_000);
else bootWorker();

function bootWorker(): void {
  if (!parentPort) return;
  Comlink.expose(api, nodeEndpoint(parentPort));
  parentPort.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
