import { KNOWN_FIELDS, type FileStamp, type HashBatch, type HashChanges } from '../worker/contract.js';
import type { JobRunner } from '../pool/job-runner.js';
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

/** Files to stamp, with the stamp known of each (`known[i]` for `paths[i]`, null when none is). */
export interface KnownStamps {
  paths: string[];
  known: (FileStamp | null)[];
}

/** The batch that goes to a worker for these files. */
export function makeHashBatch({ paths, known }: KnownStamps): HashBatch {
  const numbers = new Float64Array(paths.length * KNOWN_FIELDS).fill(NaN);
  known.forEach((stamp, index) => {
    if (!stamp) return;
    const at = index * KNOWN_FIELDS;
    numbers[at] = stamp.size;
    numbers[at + 1] = stamp.mtimeMs;
    numbers[at + 2] = stamp.ino;
    numbers[at + 3] = stamp.ctimeMs;
    numbers[at + 4] = stamp.hashedAt;
  });
  return { paths, known: numbers };
}

/**
 * Each file's stamp once a worker's changes are applied to what was known (`null` for a file
 * gone). The cache learns the new stamps; the files that kept theirs stay in use, unless
 * `keepKnown` is false (they were marked so already this run).
 */
export function applyHashChanges({ paths, known }: KnownStamps, changes: HashChanges, cache: ResultCache, keepKnown = true): (FileStamp | null)[] {
  const after = [...known];
  const listed = new Set<number>();
  for (const [index, stamp] of changes) {
    const path = paths[index];
    if (path === undefined) continue;
    after[index] = stamp;
    listed.add(index);
    if (stamp) cache.setStamp(path, stamp);
  }
  if (keepKnown) {
    paths.forEach((path, index) => {
      if (!listed.has(index)) cache.keepStamp(path);
    });
  }
  return after;
}

/**
 * Content stamps of files, hashed in the workers in parallel tasks; the cache's
 * stat entries spare re-reading unchanged files, unless `fresh` asks for every file
 * to be read. Null for a file that is gone.
 */
export async function stampFiles(
  runner: JobRunner,
  root: string,
  cache: ResultCache,
  paths: Iterable<string>,
  workers: number,
  fresh = false,
): Promise<Map<string, FileStamp | null>> {
  const unique = [...new Set(paths)];
  const stamps = new Map<string, FileStamp | null>();
  if (unique.length === 0) return stamps;
  const known = unique.map((path) => (fresh ? null : cache.stamp(path)));
  let units = 0;
  for (const stamp of known) units += stamp ? 1 : READ_UNITS;
  const chunks = Math.max(1, Math.min(workers * TASKS_PER_WORKER, Math.round(units / UNITS_PER_TASK)));
  const size = Math.ceil(unique.length / chunks);
  const parts: KnownStamps[] = Array.from({ length: chunks }, (_, i) => ({
    paths: unique.slice(i * size, (i + 1) * size),
    known: known.slice(i * size, (i + 1) * size),
  }));
  const changes = await Promise.all(parts.map((part) => runner.hashFiles(root, makeHashBatch(part))));
  parts.forEach((part, i) => {
    const after = applyHashChanges(part, changes[i] ?? [], cache);
    part.paths.forEach((path, index) => stamps.set(path, after[index] ?? null));
  });
  return stamps;
}
