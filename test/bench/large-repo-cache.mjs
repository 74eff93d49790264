// The result cache in large repositories of small files, with 3 cheap hooks (`true`, a grep,
// `wc -l`): what a run costs when nothing changed, and when one file did, as the repository grows.
// Per size (1k, 10k, 50k files; 200k with GAUNTLET_BENCH_HUGE=1 or `--huge`, slow):
//   - warm run (nothing changed) / cold run (--no-cache) of the same hooks   target <= 0.15;
//   - the warm run's cost per file: the slope of (warm - `git ls-files`) over the sizes,
//     in µs per file                                                          target < 5 µs;
//   - a run after one file changed (its save included), next to the warm run;
//   - loading the cache file in-process, next to reading its bytes.
// Baselines measured in the same run: `node -e 0`, `git ls-files -z`. With GAUNTLET_BASELINE=PATH
// (another build's dist/bin/gauntlet.js, e.g. main's), its warm run is measured too (ratio).
// `node test/bench/large-repo-cache.mjs [--huge]` runs it alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GAUNTLET, makeRepo, median, timeCommand } from './lib.mjs';

const HUGE = process.env.GAUNTLET_BENCH_HUGE === '1' || process.argv.includes('--huge');
const SIZES = HUGE ? [1_000, 10_000, 50_000, 200_000] : [1_000, 10_000, 50_000];
const ROUNDS = 3;
const BASELINE = process.env.GAUNTLET_BASELINE ?? null;
const CONFIG = `hooks:
  - name: nothing
    command: ["true"]
    files: "*.txt"
  - name: todo
    command: ["grep", "-nH", "TODO"]
    files: "*.txt"
    ok_exit_codes: [0, 1]
  - name: lines
    command: ["wc", "-l"]
    files: "*.txt"
`;

function makeLargeRepo(files) {
  const root = makeRepo({ 'gauntlet.yaml': CONFIG });
  // Written here, not through makeRepo: one mkdir per folder, not per file.
  for (let i = 0; i < files; i++) {
    const folder = path.join(root, 'src', `d${i % 200}`);
    if (i < 200) execFileSync('mkdir', ['-p', folder]);
    writeFileSync(path.join(folder, `f${i}.txt`), `file ${i}\n${i % 97 === 0 ? 'TODO here\n' : ''}`);
  }
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-qm', 'files'], { cwd: root });
  const env = { ...process.env, XDG_DATA_HOME: path.join(root, '.git', 'xdg'), NO_COLOR: '1' };
  execFileSync(process.execPath, [GAUNTLET, 'trust'], { cwd: root, env, stdio: 'ignore' });
  return { root, env };
}

async function timeRun(binary, root, env, extra = []) {
  const run = await timeCommand([process.execPath, binary, 'run', '--format', 'json', ...extra], { cwd: root, env });
  if (run.code !== 0 && run.code !== 1) throw new Error(`gauntlet run exited with ${run.code}`);
  return run.ms;
}

/**
 * One warm run with GAUNTLET_TRACE=1: milliseconds from the files stamped to the jobs planned (the
 * cache lookups), and from the last hook finished to the cache saved.
 */
async function traceRun(binary, root, env) {
  const child = spawnSync(process.execPath, [binary, 'run', '--format', 'json'], { cwd: root, env: { ...env, GAUNTLET_TRACE: '1' }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const marks = [...child.stderr.matchAll(/trace ([\d.]+) ms (.*)/g)].map(([, ms, label]) => ({ ms: Number(ms), label }));
  const at = (prefix, last = false) => (last ? marks.findLast : marks.find).call(marks, (mark) => mark.label.startsWith(prefix))?.ms ?? NaN;
  return { plan: at('planned') - at('stamped'), save: at('profiles and cache saved') - at('finished', true) };
}

async function timeMedian(rounds, measure) {
  const times = [];
  for (let round = 0; round < rounds; round++) times.push(await measure(round));
  return median(times);
}

/** Loads the cache file in this process, with the built engine's own loader. */
async function timeLoad(root) {
  const { ResultCache } = await import('../../dist/engine/store/result-cache.js');
  return timeMedian(ROUNDS, async () => {
    const started = performance.now();
    await ResultCache.load(root);
    return performance.now() - started;
  });
}

function measureStateBytes(root) {
  const dir = path.join(root, '.gauntlet');
  return readdirSync(dir).reduce((sum, name) => sum + (name.startsWith('cache') ? statSync(path.join(dir, name)).size : 0), 0);
}

async function measureSize(files) {
  const { root, env } = makeLargeRepo(files);
  const node = await timeMedian(ROUNDS, async () => (await timeCommand([process.execPath, '-e', '0'])).ms);
  const listing = await timeMedian(ROUNDS, async () => (await timeCommand(['git', 'ls-files', '-z'], { cwd: root })).ms);
  const cold = await timeMedian(ROUNDS, () => timeRun(GAUNTLET, root, env, ['--no-cache']));
  await timeRun(GAUNTLET, root, env);
  const warm = await timeMedian(ROUNDS, () => timeRun(GAUNTLET, root, env));
  const changed = await timeMedian(ROUNDS, (round) => {
    writeFileSync(path.join(root, 'src', 'd1', 'f1.txt'), `file 1 changed ${round}\n`);
    return timeRun(GAUNTLET, root, env);
  });
  writeFileSync(path.join(root, 'src', 'd1', 'f1.txt'), 'file 1 traced\n');
  const traced = await traceRun(GAUNTLET, root, env);
  const load = await timeLoad(root);
  const rawRead = await timeMedian(ROUNDS, () => {
    const started = performance.now();
    for (const name of readdirSync(path.join(root, '.gauntlet'))) if (name.startsWith('cache')) readFileSync(path.join(root, '.gauntlet', name));
    return performance.now() - started;
  });
  const bytes = measureStateBytes(root);
  let baseline = null;
  if (BASELINE) {
    // Its own state folder: the two builds' cache files need not be of one format.
    renameSync(path.join(root, '.gauntlet'), path.join(root, '.gauntlet-measured'));
    await timeRun(BASELINE, root, env);
    baseline = { warm: await timeMedian(ROUNDS, () => timeRun(BASELINE, root, env)) };
    writeFileSync(path.join(root, 'src', 'd1', 'f1.txt'), 'file 1 traced again\n');
    baseline.traced = await traceRun(BASELINE, root, env);
  }
  return { files, node, listing, cold, warm, changed, traced, load, rawRead, baseline, bytes };
}

export async function benchLargeRepoCache() {
  const rows = [];
  for (const files of SIZES) {
    const row = await measureSize(files);
    rows.push(row);
    const base =
      row.baseline === null
        ? ''
        : `; baseline build: warm ${row.baseline.warm.toFixed(0)} ms (${(row.warm / row.baseline.warm).toFixed(2)}x), planning ${row.baseline.traced.plan.toFixed(0)} ms, save ${row.baseline.traced.save.toFixed(0)} ms`;
    console.log(
      `  ${files.toLocaleString('en')} files: cold ${row.cold.toFixed(0)} ms, warm ${row.warm.toFixed(0)} ms, one changed ${row.changed.toFixed(0)} ms, ` +
        `git ls-files ${row.listing.toFixed(0)} ms, node -e 0 ${row.node.toFixed(0)} ms; after one change: planning ${row.traced.plan.toFixed(0)} ms, save ${row.traced.save.toFixed(0)} ms; ` +
        `cache ${(row.bytes / 1_048_576).toFixed(1)} MiB, load ${row.load.toFixed(0)} ms (raw read ${row.rawRead.toFixed(1)} ms)${base}`,
    );
  }
  const first = rows[0];
  const last = rows.at(-1);
  const slopeUs = ((last.warm - last.listing - (first.warm - first.listing)) / (last.files - first.files)) * 1_000;
  const ratio = last.warm / last.cold;
  const planUs = ((last.traced.plan - first.traced.plan) / (last.files - first.files)) * 1_000;
  return [
    { name: `warm / cold run at ${last.files.toLocaleString('en')} files x 3 hooks`, value: ratio.toFixed(3), ok: ratio <= 0.15, target: '<= 0.15' },
    { name: `warm run cost per file (${first.files.toLocaleString('en')} to ${last.files.toLocaleString('en')} files)`, value: `${slopeUs.toFixed(2)} µs`, ok: slopeUs < 5, target: '< 5 µs' },
    { name: 'planning (cache lookups) cost per file, 3 hooks', value: `${planUs.toFixed(2)} µs`, ok: planUs < 5, target: '< 5 µs' },
    {
      name: `run after one change / warm run at ${last.files.toLocaleString('en')} files`,
      value: `${(last.changed / last.warm).toFixed(2)} (${last.changed.toFixed(0)} ms vs ${last.warm.toFixed(0)} ms)`,
      ok: last.changed / last.warm <= 1.5,
      target: '<= 1.5',
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const result of await benchLargeRepoCache()) console.log(result);
