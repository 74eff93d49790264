import { KNOWN_FIELDS, type FileStamp, type HashBatch } from '../../protocol/hash.js';
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

/** A batch of files to stamp, with the stamp known of each (`known[i]` for `paths[i]`). */
export function makeHashBatch(paths: string[], known: readonly (FileStamp | null)[]): HashBatch {
  const numbers = new Float64Array(paths.length * KNOWN_FIELDS).fill(NaN);
  known.forEach((stamp, index) => {
    if (!stamp) return;
    const at = index * KNOWN_FIELDS;
    numbers[at] = stamp.size;
    numbers[at + 1] = stamp.mtimeMs;
    numbers[at + 2] = stamp.ino;
    numbers[at + 3] = stamp.hashedAt;
  });
  return { paths, known: numbers };
}

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
  const unique = [...new Set(paths)];
  const stamps = new Map<string, FileStamp | null>();
  if (unique.length === 0) return stamps;
  let units = 0;
  for (const path of unique) {
    const known = cache.stamp(path);
    stamps.set(path, known);
    units += known ? 1 : READ_UNITS;
  }
  const chunks = Math.max(1, Math.min(workers * TASKS_PER_WORKER, Math.round(units / UNITS_PER_TASK)));
  const size = Math.ceil(unique.length / chunks);
  const batches = Array.from({ length: chunks }, (_, i) => {
    const part = unique.slice(i * size, (i + 1) * size);
    return makeHashBatch(part, part.map((path) => stamps.get(path) ?? null));
  });
  const changes = await Promise.all(batches.map((batch) => pool.hashFiles(root, batch)));
  const changed = new Set<string>();
  changes.forEach((list, chunk) => {
    const batchPaths = batches[chunk]?.paths ?? [];
    for (const [index, stamp] of list) {
      const path = batchPaths[index];
      if (path === undefined) continue;
      changed.add(path);
      stamps.set(path, stamp);
      if (stamp) cache.setStamp(path, stamp);
    }
  });
  // The others kept their known stamp: the cache only learns that it is still in use.
  for (const path of unique) if (!changed.has(path)) cache.keepStamp(path);
  return stamps;
}
