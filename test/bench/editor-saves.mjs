// Editor saves at scale: from didSave to the fastest hook's fresh finding, in a repository of
// 1,000 and of 10,000 files, against that hook's command spawned alone on the file; and the
// server's memory over many saves. The server keeps its stores in memory, so neither figure
// should grow with the repository or with the number of saves.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DidSaveTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { GAUNTLET, makeRepo, median } from './lib.mjs';
import { startServer, waitFor } from './lsp.mjs';

const SIZES = [1_000, 10_000];
const ROUNDS = 15;
const SLACK_MS = 50;
/** "Not growing": the larger repository's median within this of the smaller's. */
const GROWTH_SLACK_MS = 30;
const MEMORY_SAVES = 500;
const MEMORY_BASE_SAVE = 50;
const MEMORY_SLACK_MIB = 20;

const FAST = `printf '%s:1:1: error: fast %s\\n' "$1" "$(head -n 1 "$1")"; exit 1`;
const SLOW = `sleep 0.3; printf '%s:2:1: warning: slow %s\\n' "$1" "$(head -n 1 "$1")"`;

function makeBigRepo(files) {
  const hook = (name, script) => `  - name: ${name}\n    command: ["sh", "-c", ${JSON.stringify(script)}, "sh"]\n    files: "*.txt"\n`;
  const contents = { 'gauntlet.yaml': `hooks:\n${hook('fast', FAST)}${hook('slow', SLOW)}`, 'a.txt': 'open\nbody\n' };
  for (let i = 0; i < files; i++) contents[`src/d${i % 100}/f${i}.txt`] = `file ${i}\n`;
  const root = makeRepo(contents);
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-qm', 'files'], { cwd: root });
  const env = { ...process.env, XDG_DATA_HOME: path.join(root, '.git', 'xdg') };
  execFileSync(process.execPath, [GAUNTLET, 'trust'], { cwd: root, env, stdio: 'ignore' });
  return { root, env };
}

function timeOwn(root) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('sh', ['-c', FAST, 'sh', 'a.txt'], { cwd: root, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - started));
  });
}

function readRssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1_024;
}

/** Opens a.txt, then saves it `rounds` times with new content; calls `after(round)` once each save's fast finding is in. */
async function saveRounds(server, root, rounds, after) {
  const uri = pathToFileURL(path.join(root, 'a.txt')).href;
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'text', version: 1, text: 'open\nbody\n' } });
  const fastShows = (marker) => (p) => p.params.uri === uri && p.params.diagnostics.some((d) => d.message === `fast ${marker}`);
  await waitFor(() => server.publishes.some(fastShows('open')));
  const times = [];
  for (let round = 1; round <= rounds; round++) {
    const marker = `round-${round}`;
    const text = `${marker}\nbody\n`;
    writeFileSync(path.join(root, 'a.txt'), text);
    const from = server.publishes.length;
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: round + 1 }, contentChanges: [{ text }] });
    const started = performance.now();
    await server.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    await waitFor(() => server.publishes.slice(from).some(fastShows(marker)));
    times.push(server.publishes.slice(from).find(fastShows(marker)).at - started);
    after?.(round);
  }
  return times;
}

async function measureSize(files) {
  const { root, env } = makeBigRepo(files);
  const server = await startServer([process.execPath, GAUNTLET, 'lsp', '--stdio'], root, env);
  try {
    const times = await saveRounds(server, root, ROUNDS);
    const own = [];
    for (let i = 0; i < 5; i++) own.push(await timeOwn(root));
    return { save: median(times.slice(2)), own: median(own) };
  } finally {
    await server.stop();
  }
}

async function measureMemory(files) {
  const { root, env } = makeBigRepo(files);
  const server = await startServer([process.execPath, GAUNTLET, 'lsp', '--stdio'], root, env);
  const rss = {};
  try {
    await saveRounds(server, root, MEMORY_SAVES, (round) => {
      if (round === MEMORY_BASE_SAVE || round === MEMORY_SAVES) rss[round] = readRssMiB(server.pid);
    });
    return { base: rss[MEMORY_BASE_SAVE], last: rss[MEMORY_SAVES] };
  } finally {
    await server.stop();
  }
}

export async function benchEditorSaves() {
  const bySize = [];
  for (const size of SIZES) bySize.push({ size, ...(await measureSize(size)) });
  const [small, large] = bySize;
  const memory = await measureMemory(SIZES.at(-1));
  return [
    ...bySize.map(({ size, save, own }) => ({
      name: `editor saves: didSave to the fast hook's fresh finding, ${size.toLocaleString('en')} files`,
      value: `${save.toFixed(0)} ms; the hook alone takes ${own.toFixed(0)} ms`,
      ok: save <= own + SLACK_MS,
      target: `<= the hook alone + ${SLACK_MS} ms`,
    })),
    {
      name: `editor saves: growth from ${small.size.toLocaleString('en')} to ${large.size.toLocaleString('en')} files`,
      value: `${(large.save - small.save).toFixed(0)} ms`,
      ok: large.save - small.save <= GROWTH_SLACK_MS,
      target: `<= ${GROWTH_SLACK_MS} ms`,
    },
    {
      name: `editor saves: server RSS growth from save ${MEMORY_BASE_SAVE} to save ${MEMORY_SAVES}, ${large.size.toLocaleString('en')} files`,
      value: `${(memory.last - memory.base).toFixed(1)} MiB (${memory.base.toFixed(0)} -> ${memory.last.toFixed(0)} MiB)`,
      ok: memory.last - memory.base <= MEMORY_SLACK_MIB,
      target: `<= ${MEMORY_SLACK_MIB} MiB`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchEditorSaves());
