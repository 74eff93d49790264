// Large repositories: gauntlet against prek (and lefthook, cold) on synthetic repositories of small
// files with 3 cheap hooks (`true`, a grep, `wc -l`), at 1k, 10k and 50k files (200k with
// GAUNTLET_BENCH_200K=1). Runners alternate; medians. Targets: cold <= 1.0x prek at every size;
// `run ONEFILE` <= 1.2x prek; 10 no-op hooks <= 1.0x prek; peak RSS of a cold run at 200k <= 400 MB.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GAUNTLET, median } from './lib.mjs';

const BIN = fileURLToPath(new URL('../../node_modules/.bin/', import.meta.url));
// prek is not a dependency (its lock entries name a binary package per platform, which `npm ci`
// demands): the benchmark installs its pinned version once, beside the other tools' caches.
const PREK_VERSION = '0.5.3';
const PREK_PREFIX = fileURLToPath(new URL(`../../node_modules/.cache/gauntlet-bench/prek-${PREK_VERSION}/`, import.meta.url));

function installPrek() {
  const bin = path.join(PREK_PREFIX, 'node_modules', '.bin', 'prek');
  if (!existsSync(bin)) {
    mkdirSync(PREK_PREFIX, { recursive: true });
    execFileSync('npm', ['install', '--prefix', PREK_PREFIX, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `@j178/prek@${PREK_VERSION}`], { stdio: 'inherit' });
  }
  return bin;
}
// GAUNTLET_BENCH_SIZES=1000,5000 picks other sizes (a quick look).
const SIZES = process.env.GAUNTLET_BENCH_SIZES
  ? process.env.GAUNTLET_BENCH_SIZES.split(',').map(Number)
  : [1_000, 10_000, 50_000, ...(process.env.GAUNTLET_BENCH_200K === '1' ? [200_000] : [])];
const FILES_PER_FOLDER = 1_000;
const RSS_LIMIT_KB = 400 * 1024;
// `grep -c` counts each file's lines with an `e`: every file here has some, so it passes and prints a line a file.
const HOOKS = [
  ['noop', ['true']],
  ['grep', ['grep', '-c', '-e', 'e']],
  ['wc', ['wc', '-l']],
];
const GIT_IDENTITY = ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false'];

/** The three runners' configs for these hooks (argv lists of plain words). */
function writeConfigs(root, hooks) {
  writeFileSync(path.join(root, 'gauntlet.yaml'), `hooks:\n${hooks.map(([name, argv]) => `  - name: ${name}\n    command: ${JSON.stringify(argv)}\n`).join('')}`);
  const prek = hooks.map(([name, argv]) => `      - id: ${name}\n        name: ${name}\n        entry: ${JSON.stringify(argv.join(' '))}\n        language: system\n`);
  writeFileSync(path.join(root, '.pre-commit-config.yaml'), `repos:\n  - repo: local\n    hooks:\n${prek.join('')}`);
  const jobs = hooks.map(([name, argv]) => `    - name: ${name}\n      run: ${JSON.stringify(`${argv.join(' ')} {all_files}`)}\n`);
  writeFileSync(path.join(root, 'lefthook.yml'), `pre-commit:\n  jobs:\n${jobs.join('')}`);
}

/** A committed repository of `count` two-line files in folders of a thousand. */
function makeSyntheticRepo(count, hooks = HOOKS) {
  const root = mkdtempSync(path.join(tmpdir(), 'gauntlet-bench-large-'));
  process.on('exit', () => removeRepo(root));
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['config', 'gc.auto', '0'], { cwd: root });
  for (let i = 0; i < count; i++) {
    const folder = path.join(root, `d${Math.floor(i / FILES_PER_FOLDER)}`);
    if (i % FILES_PER_FOLDER === 0) mkdirSync(folder);
    writeFileSync(path.join(folder, `f${i}.txt`), `line ${i}\nsecond line\n`);
  }
  writeConfigs(root, hooks);
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', [...GIT_IDENTITY, 'commit', '-q', '-m', 'files'], { cwd: root });
  return root;
}

// git may still be writing in .git (a background gc) when a runner is done: retry.
function removeRepo(root) {
  rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

/** Runs argv under /usr/bin/time; resolves with wall ms, exit code and peak RSS in kB. */
function measure(argv, cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'maxrss=%M', ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const rss = Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ ms: performance.now() - started, code, rssKb: rss, stderr });
    });
  });
}

/** Median wall times (and largest peak RSS) of each runner, the runners taking turns. */
async function compare(runners, cwd, rounds) {
  const times = Object.fromEntries(Object.keys(runners).map((name) => [name, []]));
  const rss = Object.fromEntries(Object.keys(runners).map((name) => [name, 0]));
  for (let round = 0; round < rounds; round++) {
    const order = Object.entries(runners);
    if (round % 2 === 1) order.reverse();
    for (const [name, argv] of order) {
      const run = await measure(argv, cwd);
      if (run.code !== 0) throw new Error(`${argv.join(' ')} exited ${run.code} in ${cwd}:\n${run.stderr.slice(-2000)}`);
      times[name].push(run.ms);
      rss[name] = Math.max(rss[name], run.rssKb);
    }
  }
  return { ms: Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)])), rss };
}

const gauntlet = (...args) => [process.execPath, GAUNTLET, ...args];
let prekBin = null;
const prek = (...args) => [(prekBin ??= installPrek()), ...args];
const lefthook = (...args) => [path.join(BIN, 'lefthook'), ...args];
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

export async function benchLargeRepo() {
  const results = [];
  for (const size of SIZES) {
    const root = makeSyntheticRepo(size);
    const rounds = size >= 50_000 ? 3 : 5;
    const one = 'd0/f0.txt';
    // Lefthook pastes every file into one command line: past ARG_MAX it cannot run, so it is timed up to 10k.
    const cold = await compare(
      {
        gauntlet: gauntlet('run', '--no-cache'),
        prek: prek('run', '--all-files'),
        ...(size <= 10_000 ? { lefthook: lefthook('run', 'pre-commit', '--all-files', '--no-tty') } : {}),
      },
      root,
      rounds,
    );
    const single = await compare({ gauntlet: gauntlet('run', '--no-cache', one), prek: prek('run', '--files', one) }, root, rounds);
    const lefthookText = cold.ms.lefthook === undefined ? '' : `, lefthook ${cold.ms.lefthook.toFixed(0)} ms`;
    results.push({
      name: `large repo ${size} files, cold (3 hooks)`,
      value: `gauntlet run --no-cache ${cold.ms.gauntlet.toFixed(0)} ms, prek run --all-files ${cold.ms.prek.toFixed(0)} ms: ${ratio(cold.ms.gauntlet, cold.ms.prek)}${lefthookText}; peak RSS gauntlet ${mb(cold.rss.gauntlet)}, prek ${mb(cold.rss.prek)} (medians of ${rounds})`,
      ok: cold.ms.gauntlet <= cold.ms.prek && (size < 200_000 || cold.rss.gauntlet <= RSS_LIMIT_KB),
      target: size >= 200_000 ? '<= 1.0x prek, peak RSS <= 400 MB' : '<= 1.0x prek',
    });
    results.push({
      name: `large repo ${size} files, one file named`,
      value: `gauntlet run --no-cache ONEFILE ${single.ms.gauntlet.toFixed(0)} ms, prek run --files ONEFILE ${single.ms.prek.toFixed(0)} ms: ${ratio(single.ms.gauntlet, single.ms.prek)}`,
      ok: single.ms.gauntlet <= 1.2 * single.ms.prek,
      target: '<= 1.2x prek',
    });
    for (const result of results.slice(-2)) console.error(`  ${result.name}: ${result.value}`);
    removeRepo(root);
  }
  const noops = Array.from({ length: 10 }, (_, i) => [`noop${i}`, ['true']]);
  const small = makeSyntheticRepo(1, noops);
  const tenHooks = await compare({ gauntlet: gauntlet('run', '--no-cache'), prek: prek('run', '--all-files') }, small, 9);
  results.push({
    name: 'large repo: 10 no-op hooks, cold',
    value: `gauntlet ${tenHooks.ms.gauntlet.toFixed(0)} ms, prek ${tenHooks.ms.prek.toFixed(0)} ms: ${ratio(tenHooks.ms.gauntlet, tenHooks.ms.prek)} (medians of 9)`,
    ok: tenHooks.ms.gauntlet <= tenHooks.ms.prek,
    target: '<= 1.0x prek',
  });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const result of await benchLargeRepo()) console.log(result);
