// Start-up: `gauntlet run` with 10 no-op hooks versus `node -e 0`. Target: <= 100 ms extra.
import { GAUNTLET, makeRepo, median, timeCommand } from './lib.mjs';

const RUNS = 15;

export async function benchStartup() {
  const hooks = Array.from({ length: 10 }, (_, i) => `  - name: noop${i}\n    command: ["true"]\n`).join('');
  const root = makeRepo({ 'gauntlet.yaml': `hooks:\n${hooks}`, 'a.txt': 'a\n' });
  const node = [];
  const gauntlet = [];
  await timeCommand([process.execPath, GAUNTLET, 'run'], { cwd: root }); // profiles exist, disk caches warm
  for (let i = 0; i < RUNS; i++) {
    node.push((await timeCommand([process.execPath, '-e', '0'], { cwd: root })).ms);
    const run = await timeCommand([process.execPath, GAUNTLET, 'run'], { cwd: root });
    if (run.code !== 0) throw new Error(`gauntlet run failed:\n${run.stdout}`);
    gauntlet.push(run.ms);
  }
  const extra = median(gauntlet) - median(node);
  return {
    name: 'start-up (10 no-op hooks)',
    value: `gauntlet run ${median(gauntlet).toFixed(0)} ms, node -e 0 ${median(node).toFixed(0)} ms: +${extra.toFixed(0)} ms (medians of ${RUNS})`,
    ok: extra <= 100,
    target: '<= +100 ms',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchStartup());
