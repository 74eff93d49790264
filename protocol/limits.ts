/** The most workers a run may use (`max_workers`, `-j`): far above any machine's cores, far below what exhausts memory. */
export const MAX_WORKERS = 256;

/** A worker count the engine can size arrays by: a whole number from 1 to `MAX_WORKERS`. */
export function clampWorkers(workers: number): number {
  return Number.isFinite(workers) ? Math.min(MAX_WORKERS, Math.max(1, Math.floor(workers))) : 1;
}

/** The largest config read: far past any hand-written one, it bounds what a planted file costs before it is parsed. */
export const CONFIG_BYTES_LIMIT = 8 * 1_024 * 1_024;
