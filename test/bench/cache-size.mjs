// The result cache at 10,000 files: load and save time, and the memory they take,
// for a cache of 10,000 files x 6 hooks (60,000 entries, 3 % with diagnostics),
// against a baseline of reading and writing the same number of bytes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ResultCache, resolveCachePath } from '../../dist/engine/store/result-cache.js';
import { median } from './lib.mjs';

const FILES = 10_000;
const HOOKS = 6;
const ROUNDS = 5;

function fill(cache) {
  for (let f = 0; f < FILES; f++) {
    const file = `pkg${f % 40}/module_${f}.py`;
    cache.setStamp(file, { size: 1000 + f, mtimeMs: 1_700_000_000_000 + f, ino: 100_000 + f, hash: `h${f}`.padEnd(22, 'x'), hashedAt: 1_700_000_100_000 });
    for (let h = 0; h < HOOKS; h++) {
      const diagnostics = f % 33 === 0 ? [[file, 3, 5, null, null, 'error', 'E501', 'line too long (120 > 100 characters)']] : [];
      cache.set(`k${h}-${f}`.padEnd(22, 'y'), { ok: diagnostics.length === 0, diagnostics });
    }
  }
}

export async function benchCacheSize() {
  const root = mkdtempSync(path.join(tmpdir(), 'gauntlet-cache-bench-'));
  try {
    const seeded = ResultCache.empty();
    fill(seeded);
    await seeded.save(root);
    const bytes = readFileSync(resolveCachePath(root)).length;
    const loads = [];
    const saves = [];
    const baseline = [];
    let heapGrowth = 0;
    for (let round = 0; round < ROUNDS; round++) {
      globalThis.gc?.();
      const before = process.memoryUsage().heapUsed;
      let t = performance.now();
      const { cache } = await ResultCache.load(root);
      loads.push(performance.now() - t);
      heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - before);
      for (let f = 0; f < FILES; f += 100) cache.get(`k0-${f}`.padEnd(22, 'y'));
      // A run that learnt one result: a journal frame of it and of what the run used (one that learnt nothing skips the write).
      cache.set(`new-${round}`.padEnd(22, 'z'), { ok: true, diagnostics: [] });
      t = performance.now();
      await cache.save(root);
      saves.push(performance.now() - t);
      t = performance.now();
      const raw = readFileSync(resolveCachePath(root));
      writeFileSync(path.join(root, 'copy.bin'), raw);
      baseline.push(performance.now() - t);
    }
    const load = median(loads);
    const save = median(saves);
    return {
      name: `result cache at ${FILES.toLocaleString('en')} files x ${HOOKS} hooks (${(bytes / 1024 / 1024).toFixed(1)} MiB)`,
      value: `load ${load.toFixed(0)} ms, save ${save.toFixed(0)} ms (raw read+write of the same bytes ${median(baseline).toFixed(1)} ms); heap after load +${(heapGrowth / 1024 / 1024).toFixed(0)} MiB; rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`,
      ok: load + save < 1_000,
      target: 'load + save well under a second',
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchCacheSize());
