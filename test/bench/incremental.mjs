// Whole runs on a realistic 2,000-file repository (see workspace.mjs), all in one run:
//   1. cold run (--no-cache, profiles learnt): wall / lower bound, where lower bound =
//      max(longest unsplittable job, total process time / cores)      target <= 1.10;
//      and wall against pre-commit and lefthook running the same commands on the same
//      files, each timed around its process                            target < 1;
//      plus a check that all three found the same failures and findings;
//   2. warm run with nothing changed / cold run, and whether it spawned any hook
//                                                                      target <= 0.05;
//   3. one Python file changed: gauntlet run / the matching hooks spawned directly on
//      that one file, in parallel                                      target <= 1.3;
//      with the floor of any Node.js runner next to it: (node -e 0 + direct) / direct.
// Each figure is a median of ROUNDS, runners alternating so drift on a shared machine
// cancels out. About 3.5-4 minutes on 2 cores busy with other work (most of it the nine
// cold runs of ~15-25 s each); less on an idle machine.
//
// Needs: a built gauntlet (npm run build); on PATH git, flake8, pylint, shellcheck,
// yamllint, codespell (Debian: apt-get install -y git flake8 pylint shellcheck yamllint
// codespell) and pre-commit (apt-get install -y pre-commit); lefthook on PATH, or
// installed outside the project with `npm install --prefix /opt/bench-tools lefthook`,
// or named by LEFTHOOK_BIN. A missing pre-commit or lefthook makes its figure "n/a".
// Measured with Debian bookworm's flake8 5.0.4, pylint 2.16.2, shellcheck 0.9.0,
// yamllint 1.29.0, codespell 2.2.2, pre-commit 3.0.4, and lefthook 2.2.1 (npm, the version package.json pins).
//
// `node test/bench/incremental.mjs` runs it alone.
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { GAUNTLET, median } from './lib.mjs';
import { makeWorkspace, matchesHook } from './workspace.mjs';

const ROUNDS = 3;
const FILES = 2000;
const CORES = availableParallelism();
const LEFTHOOK_FALLBACK = '/opt/bench-tools/node_modules/.bin/lefthook';
/** A finding as all three runners print it: `path:line:`, whatever follows. */
const FINDING_LINE = /^[^\s:]+:\d+:/;
// eslint-disable-next-line no-control-regex -- matching terminal escapes is the point
const ANSI_ESCAPE = /\x1b\[[0-9;]*m/g;
/** Children write no colours: output is parsed. */
const CHILD_ENV = { ...process.env, NO_COLOR: '1', PRE_COMMIT_COLOR: 'never', LEFTHOOK: '1' };

export async function benchIncremental() {
  const benchStarted = performance.now();
  const { root, hooks, files } = makeWorkspace({ files: FILES });
  const reportDir = mkdtempSync(path.join(tmpdir(), 'gauntlet-bench-reports-'));
  process.on('exit', () => rmSync(reportDir, { recursive: true, force: true }));
  const runners = findRunners();
  const hasNoCache = readGauntletHelp().includes('--no-cache');
  console.log(`  workspace ${root}: ${files.length} files, hooks ${hooks.map((hook) => hook.name).join(', ')}; ${CORES} cores`);
  console.log(`  pre-commit: ${runners.preCommit ?? 'not found'}; lefthook: ${runners.lefthook ?? 'not found'}; --no-cache: ${hasNoCache ? 'yes' : 'no (cold = .gauntlet/ emptied but profiles)'}`);

  let reportCount = 0;
  /** One `gauntlet run`, timed around its process, with its JSON report. */
  const runGauntlet = async (extraArgs = []) => {
    const output = path.join(reportDir, `report-${(reportCount += 1)}.json`);
    const run = await timeProcess([process.execPath, GAUNTLET, 'run', '--format', 'json', '--output', output, ...extraArgs], root);
    if (run.code !== 0 && run.code !== 1) throw new Error(`gauntlet run exited with ${run.code}:\n${run.output}`);
    return { ms: run.ms, report: JSON.parse(readFileSync(output, 'utf8')) };
  };
  const runGauntletCold = () => {
    if (hasNoCache) return runGauntlet(['--no-cache']);
    forgetAllButProfiles(root);
    return runGauntlet();
  };

  // Profiles learnt (the first run has none to order or batch by), disk caches warm.
  for (let i = 0; i < 2; i++) await runGauntletCold();
  if (runners.preCommit) await timeProcess([runners.preCommit, 'run', 'codespell', '--all-files', '--color', 'never'], root);
  if (runners.lefthook) await timeProcess(lefthookArgv(runners.lefthook, ['--command', 'codespell']), root);

  // 1. Cold runs, runners in rotating order.
  const cold = { gauntlet: [], preCommit: [], lefthook: [], bounds: [], firstOutputs: {} };
  const sides = [
    ['gauntlet', async () => {
      const { ms, report } = await runGauntletCold();
      cold.gauntlet.push({ ms, report, bound: computeLowerBound(report, hooks) });
      cold.firstOutputs.gauntlet ??= summarizeGauntletFindings(report);
      return ms;
    }],
    ['preCommit', runners.preCommit && (async () => {
      const run = await timeProcess([runners.preCommit, 'run', '--all-files', '--color', 'never'], root);
      cold.preCommit.push(run.ms);
      cold.firstOutputs.preCommit ??= summarizePreCommitFindings(run.output);
      return run.ms;
    })],
    ['lefthook', runners.lefthook && (async () => {
      const run = await timeProcess(lefthookArgv(runners.lefthook), root);
      cold.lefthook.push(run.ms);
      cold.firstOutputs.lefthook ??= summarizeLefthookFindings(run.output);
      return run.ms;
    })],
  ];
  for (let round = 0; round < ROUNDS; round++) {
    const line = [];
    for (let i = 0; i < sides.length; i++) {
      const [name, run] = sides[(round + i) % sides.length];
      if (run) line.push(`${name} ${((await run()) / 1000).toFixed(2)} s`);
    }
    const { report, bound } = cold.gauntlet.at(-1);
    console.log(`  cold round ${round + 1}: ${line.join(', ')}; gauntlet wall_ms ${report.wall_ms}, bound ${bound.ms.toFixed(0)} ms`);
  }

  // 2. Warm: one run to be sure the cache holds this content, then nothing changes.
  await runGauntlet();
  const warm = [];
  for (let round = 0; round < ROUNDS; round++) warm.push(await runGauntlet());
  console.log(`  warm: ${warm.map((run) => `${run.ms.toFixed(0)} ms`).join(', ')}`);

  // 3. One file changed, each round anew so that the cache cannot know it.
  const changed = files.find((file) => /^pkg[1-9]\/.*\/(?!__init__)[^/]+\.py$/.test(file));
  const direct = hooks.filter((hook) => matchesHook(hook, changed));
  // A Node.js program that does nothing: any runner written in Node pays this before its first spawn.
  const incremental = { gauntlet: [], direct: [], nodeStart: [] };
  for (let round = 0; round < ROUNDS; round++) {
    appendFileSync(path.join(root, changed), `# touched by the incremental benchmark, round ${round + 1}\n`);
    const runOne = async () => incremental.gauntlet.push(await runGauntlet());
    const runDirect = async () => {
      incremental.direct.push(await timeDirect(direct, changed, root));
      incremental.nodeStart.push((await timeProcess([process.execPath, '-e', '0'], root)).ms);
    };
    if (round % 2 === 0) { await runOne(); await runDirect(); }
    else { await runDirect(); await runOne(); }
    console.log(`  one file changed, round ${round + 1}: gauntlet ${incremental.gauntlet.at(-1).ms.toFixed(0)} ms, direct ${incremental.direct.at(-1).toFixed(0)} ms, node -e 0 ${incremental.nodeStart.at(-1).toFixed(0)} ms`);
  }

  const results = [
    describeBound(cold.gauntlet),
    describeVersus('pre-commit', cold.gauntlet, cold.preCommit, runners.preCommit),
    describeVersus('lefthook', cold.gauntlet, cold.lefthook, runners.lefthook),
    describeFindings(cold.firstOutputs),
    describeWarm(warm, cold.gauntlet),
    describeIncremental(incremental, direct, changed),
  ];
  console.log(`  (${((performance.now() - benchStarted) / 1000).toFixed(0)} s in all)`);
  return results;
}

// ---- runners -------------------------------------------------------------------------

function findRunners() {
  const lefthook = process.env.LEFTHOOK_BIN ?? findOnPath('lefthook') ?? (existsSync(LEFTHOOK_FALLBACK) ? LEFTHOOK_FALLBACK : null);
  return { preCommit: findOnPath('pre-commit'), lefthook };
}

function findOnPath(program) {
  try {
    return execFileSync('sh', ['-c', 'command -v "$1"', 'sh', program], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function lefthookArgv(lefthook, extra = []) {
  // --all-files: every file, as the other two runners get; --no-auto-install: leave .git/hooks alone.
  return [lefthook, 'run', 'pre-commit', '--all-files', '--no-auto-install', '--no-tty', '--colors', 'off', ...extra];
}

function readGauntletHelp() {
  try {
    return execFileSync(process.execPath, [GAUNTLET, 'run', '--help'], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

/** A cold start before `--no-cache` existed: everything in .gauntlet/ but the learnt profiles goes. */
function forgetAllButProfiles(root) {
  const state = path.join(root, '.gauntlet');
  if (!existsSync(state)) return;
  for (const name of readdirSync(state)) {
    if (name !== 'profiles.msgpack' && name !== '.gitignore') rmSync(path.join(state, name), { recursive: true, force: true });
  }
}

/** Runs argv to its end with stdout and stderr captured together; wall ms from spawn to exit. */
function timeProcess(argv, cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0], argv.slice(1), { cwd, env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, output }));
  });
}

/** What a user would do by hand: each matching hook on just this file, all at once. */
async function timeDirect(hooks, file, cwd) {
  const started = performance.now();
  await Promise.all(hooks.map((hook) => timeProcess(hook.fileLevel ? [...hook.argv, file] : hook.argv, cwd)));
  return performance.now() - started;
}

// ---- figures -------------------------------------------------------------------------

/**
 * max(longest unsplittable job, total process time / cores). Process time is the sum
 * of the hooks' duration_ms; a job that cannot be split is a project-level or serial
 * hook's batch.
 */
function computeLowerBound(report, hooks) {
  const unsplittable = new Set(hooks.filter((hook) => !hook.fileLevel || hook.requireSerial).map((hook) => hook.name));
  let totalMs = 0;
  let longestMs = 0;
  for (const hook of report.hooks) {
    totalMs += hook.duration_ms;
    if (unsplittable.has(hook.name) && hook.batches > 0) longestMs = Math.max(longestMs, hook.duration_ms / hook.batches);
  }
  return { ms: Math.max(longestMs, totalMs / CORES), longestMs, totalMs };
}

function describeBound(runs) {
  const ratios = runs.map((run) => run.report.wall_ms / run.bound.ms);
  const ratio = median(ratios);
  const bound = median(runs.map((run) => run.bound.ms));
  return {
    name: `cold run vs lower bound (${FILES} files, ${CORES} cores)`,
    value: `wall ${median(runs.map((run) => run.report.wall_ms)).toFixed(0)} ms / bound ${bound.toFixed(0)} ms = ${ratio.toFixed(3)} `
      + `(bound = max(longest unsplittable ${median(runs.map((run) => run.bound.longestMs)).toFixed(0)} ms, `
      + `process time ${median(runs.map((run) => run.bound.totalMs)).toFixed(0)} ms / ${CORES}); median of rounds ${ratios.map((r) => r.toFixed(2)).join(', ')}`
      + `; batches ${formatBatches(runs.at(-1).report)})`,
    ok: ratio <= 1.1,
    target: '<= 1.10',
  };
}

function formatBatches(report) {
  return report.hooks.map((hook) => `${hook.name} ${hook.batches}`).join(', ');
}

function describeVersus(name, gauntletRuns, otherMs, found) {
  if (!found) return { name: `cold run vs ${name}`, value: `n/a: ${name} not found`, ok: false, target: '< 1' };
  // Rounds rotate the runners, so round by round ratios cancel the machine's drift.
  const ratio = median(gauntletRuns.map((run, i) => run.ms / otherMs[i]));
  return {
    name: `cold run vs ${name} (same commands, same files)`,
    value: `gauntlet ${(median(gauntletRuns.map((run) => run.ms)) / 1000).toFixed(2)} s / ${name} ${(median(otherMs) / 1000).toFixed(2)} s = ${ratio.toFixed(3)} `
      + `(median of rounds ${gauntletRuns.map((run, i) => (run.ms / otherMs[i]).toFixed(2)).join(', ')})`,
    ok: ratio < 1,
    target: '< 1',
  };
}

/** Failing hooks and finding lines, counted the same way for each runner. */
function summarizeGauntletFindings(report) {
  const failed = report.hooks.filter((hook) => ['failed', 'timeout', 'error'].includes(hook.status)).map((hook) => hook.name);
  const findings = report.hooks.reduce((sum, hook) => sum + countFindingLines(hook.output ?? ''), 0);
  return { failed: failed.sort(), findings, diagnostics: report.diagnostics.length };
}

function summarizePreCommitFindings(output) {
  const failed = [...output.matchAll(/^(\S+?)\.{3,}Failed$/gm)].map((match) => match[1]);
  return { failed: failed.sort(), findings: countFindingLines(output) };
}

function summarizeLefthookFindings(output) {
  const clean = output.replace(ANSI_ESCAPE, '');
  const failed = [...clean.matchAll(/^\s*(?:✗|🥊)\s+(\S+)/gmu)].map((match) => match[1]);
  return { failed: failed.sort(), findings: countFindingLines(clean) };
}

function countFindingLines(output) {
  return output.split('\n').filter((line) => FINDING_LINE.test(line)).length;
}

function describeFindings(outputs) {
  const entries = Object.entries(outputs);
  const show = ([name, summary]) => `${name} ${summary.failed.length} failed/${summary.findings} findings${summary.diagnostics === undefined ? '' : ` (${summary.diagnostics} diagnostics parsed)`}`;
  const key = (summary) => `${summary.failed.join(',')}|${summary.findings}`;
  const same = entries.every(([, summary]) => key(summary) === key(entries[0][1]));
  return {
    name: 'same failures and findings in all runners (cold run)',
    value: `${entries.map(show).join('; ')}${same ? '' : `; failing hooks: ${entries.map(([name, summary]) => `${name} [${summary.failed.join(', ')}]`).join(' ')}`}`,
    ok: same && entries.length === 3,
    target: 'identical',
  };
}

function describeWarm(warm, cold) {
  const ratio = median(warm.map((run) => run.ms)) / median(cold.map((run) => run.ms));
  const spawned = new Set(warm.flatMap((run) => run.report.hooks.filter((hook) => hook.batches > 0).map((hook) => hook.name)));
  const summary = warm.at(-1).report.summary;
  const hitRate = summary.cache_hit_rate === undefined ? 'n/a' : `${(summary.cache_hit_rate * 100).toFixed(1)} %`;
  const cachedHooks = warm.at(-1).report.hooks.filter((hook) => hook.cached === true).length;
  return {
    name: 'warm run, nothing changed, vs cold run',
    value: `${median(warm.map((run) => run.ms)).toFixed(0)} ms / ${median(cold.map((run) => run.ms)).toFixed(0)} ms = ${ratio.toFixed(3)} (median of ${warm.length}; `
      + `report wall_ms ${median(warm.map((run) => run.report.wall_ms)).toFixed(0)}); spawned: ${spawned.size === 0 ? 'nothing' : [...spawned].join(', ')}; `
      + `hooks cached ${warm.at(-1).report.hooks[0]?.cached === undefined ? 'n/a' : `${cachedHooks}/${warm.at(-1).report.hooks.length}`}; hit rate ${hitRate}`,
    ok: ratio <= 0.05 && spawned.size === 0,
    target: '<= 0.05, nothing spawned',
  };
}

function describeIncremental(incremental, direct, changed) {
  const ratio = median(incremental.gauntlet.map((run, i) => run.ms / incremental.direct[i]));
  // The floor of any Node.js runner: start Node, then the hooks. Where Node's own start-up is a large
  // share of the hooks' time (a slow machine), this floor alone can exceed the target.
  const floor = median(incremental.direct.map((ms, i) => (ms + incremental.nodeStart[i]) / ms));
  const overFloor = median(incremental.gauntlet.map((run, i) => run.ms / (incremental.direct[i] + incremental.nodeStart[i])));
  const report = incremental.gauntlet.at(-1).report;
  // Where the time went inside gauntlet: its own wall, and when each spawned hook ran.
  const ran = report.hooks.filter((hook) => hook.batches > 0).map((hook) =>
    `${hook.name}${hook.files_run === undefined ? '' : ` ${hook.files_run} file${hook.files_run === 1 ? '' : 's'}`} at ${hook.start_ms}-${hook.end_ms} ms`);
  return {
    name: 'one file changed vs its hooks run directly',
    value: `gauntlet ${median(incremental.gauntlet.map((run) => run.ms)).toFixed(0)} ms / direct ${median(incremental.direct).toFixed(0)} ms = ${ratio.toFixed(3)} `
      + `(median of ${incremental.direct.length}; ${changed}; direct: ${direct.map((hook) => hook.name).join(', ')}; `
      + `floor for a Node.js runner, (node -e 0 ${median(incremental.nodeStart).toFixed(0)} ms + direct) / direct = ${floor.toFixed(3)}, gauntlet / that = ${overFloor.toFixed(3)}; `
      + `last gauntlet run: wall_ms ${report.wall_ms}, ran ${ran.join(', ') || 'nothing'})`,
    ok: ratio <= 1.3,
    target: '<= 1.3',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await benchIncremental()) console.log(`${result.ok ? 'ok  ' : 'MISS'} ${result.name}: ${result.value} (target ${result.target})`);
}
