import type { FileStamp, HashRequest } from '../../protocol/hash.js';
import type { WorkerPool } from '../pool/pool.js';
import type { ResultCache } from '../store/result-cache.js';

/** Fewest files worth a task of their own. */
const MIN_FILES_PER_CHUNK = 256;
/** Tasks per worker: a thread that is ready first takes more of them while another still boots. */
const CHUNKS_PER_WORKER = 2;

/**
 * Content stamps of files, hashed in the workers in parallel chunks; the cache's
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
  const chunks = Math.max(1, Math.min(workers * CHUNKS_PER_WORKER, Math.floor(requests.length / MIN_FILES_PER_CHUNK)));
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
