import { availableParallelism } from 'node:os';

/** What a front end asks of the worker count: `serial` is one worker, `maxWorkers` a count; neither leaves it to the config. */
export interface WorkerRequest {
  serial?: boolean;
  maxWorkers?: number;
}

/** The workers a run uses: what the front end asks for, else the config's `max_workers`, else one per core. */
export function resolveWorkerCount(request: WorkerRequest, configured?: number | null): number {
  return (request.serial ? 1 : request.maxWorkers) ?? configured ?? availableParallelism();
}
