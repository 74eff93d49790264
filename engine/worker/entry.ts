import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { type Job, type JobResult, type WorkerApi, readWorkerData, type WorkerData, type WorkerMessage } from './contract.js';
import { runJob } from './run-job.js';
import { hashFiles } from './hash-files.js';
import { collectGarbage } from '../collect-garbage.js';

let jobsRun = 0;

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
        // The pool reads this to kill the group should this thread die.
        onSpawn: (pgid) => Atomics.store(data.pgid, 0, pgid),
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

Comlink.expose(api, nodeEndpoint(parentPort));
parentPort.postMessage({ type: 'ready' } satisfies WorkerMessage);
