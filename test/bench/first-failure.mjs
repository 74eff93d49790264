// Time to first failure: 5 hooks of 0.1-2 s, the fastest of which fails, configured
// slowest-first. With profiles the failure is reported within its own duration + 100 ms.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { FIXTURES, GAUNTLET, makeRepo, median } from './lib.mjs';

const RUNS = 5;
const HOOKS = [
  ['slow-2.0', '2.0', '0'],
  ['slow-1.5', '1.5', '0'],
  ['slow-1.0', '1.0', '0'],
  ['slow-0.5', '0.5', '0'],
  ['fails-0.1', '0.1', '1'],
];

/** Spawns gauntlet and resolves with the ms from spawn until the FAIL line of `hook` appears. */
function timeToFailure(root, hook, extraArgs) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const report = path.join(root, '.gauntlet', 'bench-report.json');
    // --no-cache: a replayed result would be reported at once, which measures nothing here.
    const child = spawn(process.execPath, [GAUNTLET, 'run', '--no-cache', '--format', 'json', '--output', report, ...extraArgs], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let seen = null;
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (seen === null && new RegExp(`^FAIL\\s+${hook}\\b`, 'm').test(text)) seen = performance.now() - started;
    });
    child.on('error', reject);
    child.on('close', () => {
      const json = JSON.parse(readFileSync(report, 'utf8'));
      const entry = json.hooks.find((h) => h.name === hook);
      resolve({ fromSpawn: seen, endMs: entry.end_ms, durationMs: entry.duration_ms });
    });
  });
}

export async function benchFirstFailure() {
  const config = HOOKS.map(([name, seconds, code]) =>
    `  - name: ${name}\n    command: ["${path.join(FIXTURES, 'sleep-exit.sh')}", "${seconds}", "${code}"]\n    pass_files: false\n    always_run: true\n`).join('');
  const root = makeRepo({ 'gauntlet.yaml': `hooks:\n${config}`, 'a.txt': 'a\n' });
  await timeToFailure(root, 'fails-0.1', []); // learns the profile
  const optimized = [];
  const configOrder = [];
  for (let i = 0; i < RUNS; i++) {
    optimized.push(await timeToFailure(root, 'fails-0.1', []));
    configOrder.push(await timeToFailure(root, 'fails-0.1', ['--no-optimize']));
  }
  const late = median(optimized.map((r) => r.endMs - r.durationMs));
  const lateNoOpt = median(configOrder.map((r) => r.endMs - r.durationMs));
  return {
    name: 'time to first failure (5 hooks 0.1-2 s, fastest fails)',
    value: `reported ${late.toFixed(0)} ms after its own ${median(optimized.map((r) => r.durationMs)).toFixed(0)} ms run (from run start; ${median(optimized.map((r) => r.fromSpawn)).toFixed(0)} ms from process spawn); config order: ${lateNoOpt.toFixed(0)} ms late`,
    ok: late <= 100,
    target: '<= own duration + 100 ms',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchFirstFailure());
