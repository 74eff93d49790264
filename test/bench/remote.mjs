// The remote result cache (README, "Remote cache"), against a real nginx with WebDAV on loopback:
//
// 1. Two clones of one repository at different absolute paths, as two machines: clone A runs
//    cold and fills the remote cache; clone B, with an empty local cache, runs. Figures: B's
//    remote hit rate over the hooks' (hook, file) results (target 100 %), and B's wall time
//    against A's cold time (target <= 0.10).
// 2. 10,000 files x 3 hooks, every result in the remote cache and none in the local one: the
//    time the run spends on lookups (`summary.remote.ms`, target <= 2,000 ms).
//
// Needs nginx (Debian package nginx) and the workspace's tools (see workspace.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GAUNTLET, makeRepo, median, timeCommand } from './lib.mjs';
import { FIXTURE_HOOK, makeWorkspace } from './workspace.mjs';
import { NGINX_CANDIDATES, startNginx } from '../helpers/nginx-server.mjs';

const CLONE_B_RUNS = 3;
const LOOKUP_FILES = 10_000;
/** Clone A waits for all its uploads: the benchmark measures B, which needs them all. */
const FILL_TIMEOUT_MS = 120_000;

/** What tells each workspace hook's tool version: its `--version`, or the fixture script's own hash. */
const VERSION_COMMANDS = {
  flake8: ['flake8', '--version'],
  shellcheck: ['shellcheck', '--version'],
  yamllint: ['yamllint', '--version'],
  codespell: ['codespell', '--version'],
  pylint: ['pylint', '--version'],
  'js-lint': ['sha256sum', FIXTURE_HOOK],
};

export async function benchRemote() {
  const nginx = NGINX_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!nginx) return [{ name: 'remote cache', value: 'n/a: nginx not found (apt-get install nginx)', ok: false, target: 'nginx' }];
  const server = await startNginx(nginx);
  try {
    return [...(await benchTwoClones(server.url)), await benchLookups(server.url)];
  } finally {
    await server.stop();
  }
}

async function benchTwoClones(url) {
  const { root } = makeWorkspace({ files: 2000 });
  const config = readFileSync(path.join(root, 'gauntlet.yaml'), 'utf8').replace(/^( {2}- name: (\S+)\n)/gm, (block, _line, name) => {
    const version = VERSION_COMMANDS[name];
    return version ? `${block}    version_command: ${JSON.stringify(version)}\n` : block;
  });
  writeFileSync(path.join(root, 'gauntlet.yaml'), `${config}remote_cache:\n  url: ${url}/two-clones\n  timeout_ms: ${FILL_TIMEOUT_MS}\n`);
  commitAll(root);
  const cloneB = cloneTo(root);
  const a = await runJson(root);
  const runs = [];
  for (let index = 0; index < CLONE_B_RUNS; index++) {
    rmSync(path.join(cloneB, '.gauntlet'), { recursive: true, force: true });
    runs.push(await runJson(cloneB));
  }
  const last = runs.at(-1).report;
  const shared = last.hooks.filter((hook) => hook.status !== 'skipped');
  const results = shared.reduce((sum, hook) => sum + hook.files_cached + hook.files_run, 0);
  const remote = shared.reduce((sum, hook) => sum + hook.files_cached_remote, 0);
  const hitRate = remote / results;
  const ratio = median(runs.map((run) => run.ms)) / a.ms;
  const sameVerdicts = JSON.stringify(last.hooks.map((hook) => [hook.name, hook.status])) === JSON.stringify(a.report.hooks.map((hook) => [hook.name, hook.status]));
  console.log(`  clone A cold ${a.ms.toFixed(0)} ms (uploads ${a.report.summary.remote.uploads}); clone B ${runs.map((run) => run.ms.toFixed(0)).join(', ')} ms; hits ${remote}/${results}; same verdicts: ${sameVerdicts}`);
  return [
    { name: 'remote: clone B hit rate', value: `${(hitRate * 100).toFixed(1)} %`, ok: hitRate === 1 && sameVerdicts, target: '100 %, same verdicts' },
    { name: 'remote: clone B time / clone A cold time', value: ratio.toFixed(3), ok: ratio <= 0.1, target: '<= 0.10' },
  ];
}

async function benchLookups(url) {
  const files = {};
  for (let index = 0; index < LOOKUP_FILES; index++) files[`src/d${index % 100}/f${index}.txt`] = `line ${index}\n`;
  files['gauntlet.yaml'] = [
    'hooks:',
    ...['todo', 'fixme', 'xxx'].map((word) => `  - {name: no-${word}, command: [grep, -H, -n, -i, ${word}], files: ["*.txt"], ok_exit_codes: [1]}`),
    `remote_cache: {url: ${url}/lookups, timeout_ms: ${FILL_TIMEOUT_MS}}`,
    '',
  ].join('\n');
  const root = makeRepo(files);
  commitAll(root);
  const cloneB = cloneTo(root);
  const a = await runJson(root);
  const b = await runJson(cloneB);
  const { remote } = b.report.summary;
  console.log(`  A uploads ${a.report.summary.remote.uploads}; B: ${b.report.summary.files_cached_remote} remote results, ${remote.lookups} lookups, ${remote.ms} ms of lookups, ${b.ms.toFixed(0)} ms in all`);
  const complete = b.report.summary.files_cached_remote === LOOKUP_FILES * 3;
  return { name: 'remote: lookups of 10,000 files x 3 hooks', value: `${remote.ms} ms${complete ? '' : ' (not all found)'}`, ok: complete && remote.ms <= 2_000, target: '<= 2,000 ms, all found' };
}

function commitAll(root) {
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '--no-verify', '-m', 'remote');
}

/** A clone of `root` at another absolute path, removed at exit. */
function cloneTo(root) {
  const parent = mkdtempSync(path.join(tmpdir(), 'gauntlet-clone-'));
  process.on('exit', () => rmSync(parent, { recursive: true, force: true }));
  const clone = path.join(parent, 'machine-b');
  execFileSync('git', ['clone', '-q', root, clone]);
  return clone;
}

async function runJson(cwd) {
  const run = await timeCommand([process.execPath, GAUNTLET, 'run', '--format', 'json'], { cwd, env: { ...process.env, GAUNTLET_REMOTE_CACHE: '' } });
  return { ms: run.ms, report: JSON.parse(run.stdout) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchRemote());
