// Engine overhead: 200 jobs of `true` through the worker pool versus the same 200
// spawned directly from this script with the same concurrency. Target: ratio <= 1.10.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../../dist/engine/pool/pool.js';
import { median } from './lib.mjs';

const JOBS = 200;
const CONCURRENCY = Math.max(2, availableParallelism());
const ROUNDS = 5;

function spawnTrue() {
  return new Promise((resolve, reject) => {
    const child = spawn('true', [], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', resolve);
  });
}

async function runDirect() {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < JOBS) await spawnTrue();
    }),
  );
}

let id = 0;
function job() {
  id += 1;
  return {
    id, hook: `h${id}`, argv: ['true'], root: process.cwd(), files: [], env: {},
    timeoutMs: 10_000, outputCapBytes: 1_048_576, parser: { type: 'gnu' }, okExitCodes: [0], failOnDiagnostics: false,
  };
}

export async function benchOverhead() {
  const pool = new WorkerPool({ workerUrl: new URL('../../dist/worker/entry.js', import.meta.url), size: CONCURRENCY, warm: CONCURRENCY });
  await Promise.all(Array.from({ length: CONCURRENCY }, () => pool.run(job()))); // threads up and warm
  const ratios = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which side goes first so drift on a shared machine cancels out.
    const timeOne = async (fn) => { const t = performance.now(); await fn(); return performance.now() - t; };
    const runPool = () => Promise.all(Array.from({ length: JOBS }, () => pool.run(job())));
    let direct, pooled;
    if (round % 2 === 0) { direct = await timeOne(runDirect); pooled = await timeOne(runPool); }
    else { pooled = await timeOne(runPool); direct = await timeOne(runDirect); }
    ratios.push(pooled / direct);
    console.log(`  round ${round + 1}: direct ${direct.toFixed(0)} ms, pool ${pooled.toFixed(0)} ms, ratio ${(pooled / direct).toFixed(3)}`);
  }
  await pool.close();
  const ratio = median(ratios);
  return { name: `engine overhead (${JOBS} x true, ${CONCURRENCY} at once)`, value: `pool / direct = ${ratio.toFixed(3)} (median of ${ROUNDS})`, ok: ratio <= 1.1, target: '<= 1.10' };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchOverhead());
