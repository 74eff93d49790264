import type { RunReport } from '../../protocol/report.js';
import type { JobRunner } from '../../engine/pool/job-runner.js';
import { runHooks, type RunRequest } from '../../engine/run.js';
import { loadRunStores, saveRunStores } from '../../engine/store/run-stores.js';

/** A run request as a test writes it: the stores are the run's own, on the pool given. */
export type OneRunRequest = Omit<RunRequest, 'runner' | 'stores'> & { pool: JobRunner };

/** One run as `gauntlet run` makes it: stores loaded, the hooks run, the stores saved. */
export async function runOnce(request: OneRunRequest): Promise<RunReport> {
  const { pool, ...rest } = request;
  const stores = await loadRunStores(request.root);
  const report = await runHooks({ ...rest, runner: pool, stores });
  await saveRunStores(request.root, stores, (message) => {
    throw new Error(message);
  });
  return report;
}
