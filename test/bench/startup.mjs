// Start-up: `gauntlet run` with 10 no-op hooks versus `node -e 0`. Target: <= 100 ms extra.
import { GAUNTLET, makeRepo, median, timeCommand } from './lib.mjs';

const RUNS = 15;

export async function benchStartup() {
  const hooks = Array.from({ length: 10 }, (_, i) => `  - name: noop${i}\n    command: ["true"]\n`).join('');
  const root = makeRepo({ 'gauntlet.yaml': `hooks:\n${hooks}`, 'a.txt': 'a\n' });
  const node = [];
  const spawning = [];
  const cached = [];
  const time = async (args) => {
    const run = await timeCommand([process.execPath, GAUNTLET, ...args], { cwd: root });
    if (run.code !== 0) throw new Error(`gauntlet ${args.join(' ')} failed:\n${run.stdout}`);
    return run.ms;
  };
  await time(['run']); // profiles and caches exist, disk caches warm
  for (let i = 0; i < RUNS; i++) {
    node.push((await timeCommand([process.execPath, '-e', '0'], { cwd: root })).ms);
    // --no-cache: the 10 hooks really run; by default they would be answered from the cache.
    spawning.push(await time(['run', '--no-cache']));
    cached.push(await time(['run']));
  }
  const extra = median(spawning) - median(node);
  return {
    name: 'start-up (10 no-op hooks)',
    value: `gauntlet run --no-cache ${median(spawning).toFixed(0)} ms, node -e 0 ${median(node).toFixed(0)} ms: +${extra.toFixed(0)} ms; cached run (spawns nothing) +${(median(cached) - median(node)).toFixed(0)} ms (medians of ${RUNS})`,
    ok: extra <= 100,
    target: '<= +100 ms',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchStartup());
