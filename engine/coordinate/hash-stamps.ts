import type { FileStamp, HashRequest } from '../../protocol/hash.js';
import type { WorkerPool } from '../pool/pool.js';
import type { ResultCache } from '../store/result-cache.js';

/**
 * Work units of one task: about 2,000 stats of files the stat cache knows, or 250 files to read
 * and hash. A task costs a round trip between threads, and may make the pool start a thread
 * (tens of ms of CPU): a warm run's stats stay in one task, a cold run's reads are shared out.
 */
const UNITS_PER_TASK = 2_000;
/** A file to read and hash costs about as much as this many stats. */
const READ_UNITS = 8;
/** Tasks per worker: a thread that is ready first takes more of them while another still boots. */
const TASKS_PER_WORKER = 2;

/**
 * Content stamps of files, hashed in the workers in parallel tasks; the cache's
 * stat entries spare re-reading unchanged files. Null for a file that is gone.
 */
export async function stampFiles(
  pool: WorkerPool,
  root: string,
  cache: ResultCache,
  paths: Iterable<string>,
  workers: number,
): Promise<Map<string, FileStamp | null>> {
  const requests: HashRequest[] = [...new Set(paths)].map((path) => ({ path, known: cache.stamp(path) }));
  const stamps = new Map<string, FileStamp | null>();
  if (requests.length === 0) return stamps;
  let units = 0;
  for (const request of requests) units += request.known ? 1 : READ_UNITS;
  const chunks = Math.max(1, Math.min(workers * TASKS_PER_WORKER, Math.round(units / UNITS_PER_TASK)));
  const size = Math.ceil(requests.length / chunks);
  const parts = await Promise.all(
    Array.from({ length: chunks }, (_, i) => pool.hashFiles(root, requests.slice(i * size, (i + 1) * size))),
  );
  for (const part of parts) {
    for (const { path, stamp } of part) {
      stamps.set(path, stamp);
      if (stamp) cache.setStamp(path, stamp);
    }
  }
  return stamps;
}
