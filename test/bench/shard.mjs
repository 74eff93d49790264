// CI sharding on the realistic 2,000-file repository of the workspace benchmarks (see
// workspace.mjs): `gauntlet run --shard I/4` for I = 1..4, each on one worker (-j 1, as one
// CI machine of a matrix), one after the other, against the unsharded run on one worker
// measured in the same round:
//   slowest shard / unsharded, split by a profile exported from earlier runs
//   (gauntlet profile --export, --shard-profile)                       target <= 0.30;
//   slowest shard / unsharded, split by file count (no profile)        reported.
// Four perfect shards would give 0.25; each shard also pays gauntlet's own start, git's
// listing, and the start-up of every hook it runs. Each ratio is taken of wall time, and
// of the CPU time of the process and all it ran (bash's `times`), which the load of other
// work on a shared machine inflates far less: on an idle machine a run on one worker
// takes about its CPU time. Every run is cold (--no-cache). Each figure is a median of
// ROUNDS, the three runners in rotating order so drift on a shared machine cancels out.
// The earlier runs the profile is exported from (whole on one worker and on two, and in
// shards) give invocations of many files and of few, so that its fit tells each hook's
// start-up from its cost per file. About 5-7 minutes on 2 busy cores.
//
// Needs what workspace.mjs needs (flake8, pylint, shellcheck, yamllint, codespell on PATH),
// bash, and a built gauntlet (npm run build). `node test/bench/shard.mjs` runs it alone.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GAUNTLET, median } from './lib.mjs';
import { makeWorkspace } from './workspace.mjs';

const FILES = 2000;
const SHARDS = 4;
const ROUNDS = 3;
const TARGET_WITH_PROFILE = 0.3;

/**
 * Runs argv to its end from bash, which then prints its children's CPU times (`times`): the
 * process's and those of every process it waited for. Resolves with wall and CPU milliseconds.
 */
function timeWithCpu(argv, cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const script = '"$@" >/dev/null; status=$?; times >&2; exit $status';
    const child = spawn('bash', ['-c', script, 'bash', ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      // The second line of `times`: children's user and system time, as 0m1.234s.
      const children = stderr.trim().split('\n').at(-1) ?? '';
      const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, [, min, sec]) => sum + Number(min) * 60 + Number(sec), 0);
      resolve({ ms, cpuMs: seconds * 1000, code, stderr });
    });
  });
}

export async function benchShard() {
  const { root, hooks, files } = makeWorkspace({ files: FILES });
  const scratch = mkdtempSync(path.join(tmpdir(), 'gauntlet-bench-shard-'));
  process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
  const profile = path.join(scratch, 'shard-profile.json');
  console.log(`  workspace ${root}: ${files.length} files, hooks ${hooks.map((hook) => hook.name).join(', ')}`);

  /** One cold run, timed around its process. */
  const run = async (args, workers = 1) => {
    const timed = await timeWithCpu([process.execPath, GAUNTLET, 'run', '-j', String(workers), '--no-cache', ...args], root);
    if (timed.code !== 0 && timed.code !== 1) throw new Error(`gauntlet run ${args.join(' ')} exited with ${timed.code}: ${timed.stderr}`);
    return timed;
  };
  /** Every shard in turn: the slowest one's wall and CPU time, and each one's wall time. */
  const runShards = async (extra) => {
    const timed = [];
    for (let index = 1; index <= SHARDS; index++) timed.push(await run(['--shard', `${index}/${SHARDS}`, ...extra]));
    return { ms: Math.max(...timed.map((one) => one.ms)), cpuMs: Math.max(...timed.map((one) => one.cpuMs)), times: timed.map((one) => one.ms) };
  };

  // Disk caches warm, and profiles of runs on one worker and on two, whole and in shards: samples
  // of many files per invocation and of few, from which the fit tells start-up from cost per file.
  await run([]);
  await run([], 2);
  await runShards([]);
  const exported = await timeWithCpu([process.execPath, GAUNTLET, 'profile', '--export', profile], root);
  if (exported.code !== 0) throw new Error(`gauntlet profile --export exited with ${exported.code}: ${exported.stderr}`);
  console.log(`  exported ${profile}: ${readFileSync(profile, 'utf8').replace(/\s+/g, ' ')}`);

  const ratios = { withProfile: [], withProfileCpu: [], byCount: [], byCountCpu: [] };
  const sides = [
    async (round) => (round.unsharded = await run([])),
    async (round) => (round.byCount = await runShards([])),
    async (round) => (round.withProfile = await runShards(['--shard-profile', profile])),
  ];
  for (let index = 0; index < ROUNDS; index++) {
    const round = {};
    for (let i = 0; i < sides.length; i++) await sides[(index + i) % sides.length](round);
    ratios.withProfile.push(round.withProfile.ms / round.unsharded.ms);
    ratios.withProfileCpu.push(round.withProfile.cpuMs / round.unsharded.cpuMs);
    ratios.byCount.push(round.byCount.ms / round.unsharded.ms);
    ratios.byCountCpu.push(round.byCount.cpuMs / round.unsharded.cpuMs);
    const shown = (shards) => shards.times.map((ms) => (ms / 1000).toFixed(1)).join('/');
    console.log(
      `  round ${index + 1}: unsharded ${(round.unsharded.ms / 1000).toFixed(1)} s (CPU ${(round.unsharded.cpuMs / 1000).toFixed(1)} s); ` +
        `shards with profile ${shown(round.withProfile)} s (${ratios.withProfile.at(-1).toFixed(3)}, CPU ${ratios.withProfileCpu.at(-1).toFixed(3)}), ` +
        `by count ${shown(round.byCount)} s (${ratios.byCount.at(-1).toFixed(3)}, CPU ${ratios.byCountCpu.at(-1).toFixed(3)})`,
    );
  }
  const result = (label, wall, cpu, target) => ({
    name: `slowest of ${SHARDS} shards / unsharded, -j 1, ${label}`,
    value: `${median(wall).toFixed(3)} wall, ${median(cpu).toFixed(3)} CPU (medians of ${ROUNDS})`,
    ok: target === null || median(wall) <= target,
    target: target === null ? 'reported' : `<= ${target.toFixed(2)} wall`,
  });
  return [result('with a profile', ratios.withProfile, ratios.withProfileCpu, TARGET_WITH_PROFILE), result('by file count', ratios.byCount, ratios.byCountCpu, null)];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchShard());
