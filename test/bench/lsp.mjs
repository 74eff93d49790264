// Editor latency: a file checked by a fast hook (~0.1 s) and a slow one (~3 s). From didSave,
// how long until the first publish (the fast hook's finding) and the last (the slow one's)?
// gauntlet lsp publishes as each hook finishes: aim for each hook's own duration + 50 ms. The
// same two commands under efm-langserver, measured the same way, are the reference.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { GAUNTLET, makeRepo, median } from './lib.mjs';

const ROUNDS = 3;
const SLACK_MS = 50;
const FAST_S = 0.1;
const SLOW_S = 3;
const WAIT_MS = 20_000;

/** A hook's shell script: sleeps, then reports one finding on its file, quoting the file's first line. */
function script(seconds, name) {
  return `sleep ${seconds}; printf '%s:1:1: error: ${name} %s\\n' "$1" "$(head -n 1 "$1")"; exit 1`;
}

/** How long the hook's own command takes, spawned directly: the floor no server can beat. */
function timeOwn(root, seconds, name) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('sh', ['-c', script(seconds, name), 'sh', 'a.txt'], { cwd: root, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - started));
  });
}

/** Starts an LSP server process and initializes it on `root`; collects publishes for one file. */
export async function startServer(argv, root, env) {
  const child = spawn(argv[0], argv.slice(1), { cwd: root, env, stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const publishes = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => publishes.push({ at: performance.now(), params }));
  connection.listen();
  const rootUri = pathToFileURL(root).href;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: {},
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    // efm-langserver closes the connection instead of answering shutdown: never wait on the answer alone.
    await Promise.race([connection.sendRequest(ShutdownRequest.type).catch(() => undefined), exited, sleep(2_000)]);
    try {
      await connection.sendNotification(ExitNotification.type);
    } catch {
      // Already closed.
    }
    const killer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(killer);
    connection.dispose();
  };
  return { connection, publishes, stop, pid: child.pid };
}

export async function waitFor(check) {
  const deadline = performance.now() + WAIT_MS;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('timed out waiting for a publish');
    await sleep(5);
  }
}

/** Has every finding of `names` for this round's content (the marker is the file's first line)? */
function shows(publish, names, marker) {
  return names.every((name) => publish.params.diagnostics.some((d) => d.message === `${name} ${marker}`));
}

/**
 * Opens a.txt, lets the first check settle, then per round rewrites the file and sends
 * didSave: ms to the first publish showing the fast hook's new finding, and to the publish
 * showing the slow one's.
 */
async function measure(server, root) {
  const uri = pathToFileURL(path.join(root, 'a.txt')).href;
  const write = (marker) => writeFileSync(path.join(root, 'a.txt'), `${marker}\nbody\n`);
  write('open');
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'text', version: 1, text: 'open\nbody\n' },
  });
  await waitFor(() => server.publishes.some((p) => p.params.uri === uri && shows(p, ['slow'], 'open')));
  const first = [];
  const last = [];
  for (let round = 0; round < ROUNDS; round++) {
    const marker = `round-${round}`;
    write(marker);
    const from = server.publishes.length;
    const started = performance.now();
    await server.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    const since = () => server.publishes.slice(from).filter((p) => p.params.uri === uri);
    await waitFor(() => since().some((p) => shows(p, ['fast'], marker)));
    first.push(since().find((p) => shows(p, ['fast'], marker)).at - started);
    await waitFor(() => since().some((p) => shows(p, ['slow'], marker)));
    last.push(since().find((p) => shows(p, ['slow'], marker)).at - started);
  }
  return { first: median(first), last: median(last) };
}

async function measureGauntlet(root, env) {
  const server = await startServer([process.execPath, GAUNTLET, 'lsp', '--stdio'], root, env);
  try {
    return await measure(server, root);
  } finally {
    await server.stop();
  }
}

async function measureEfm(root, scratch) {
  const tool = (seconds, name) => ({
    'lint-command': `sh -c '${script(seconds, name).replaceAll("'", "'\\''")}' sh \${INPUT}`,
    'lint-stdin': false,
    'lint-ignore-exit-code': true,
    'lint-after-open': true,
    'lint-formats': ['%f:%l:%c: error: %m'],
    'lint-source': name,
  });
  const config = path.join(scratch, 'efm.yaml');
  // JSON is YAML.
  writeFileSync(config, JSON.stringify({ version: 2, 'lint-debounce': '0s', 'root-markers': ['gauntlet.yaml'], languages: { text: [tool(FAST_S, 'fast'), tool(SLOW_S, 'slow')] } }, null, 2));
  const server = await startServer(['efm-langserver', '-c', config], root, process.env);
  try {
    return await measure(server, root);
  } finally {
    await server.stop();
  }
}

function hasEfm() {
  try {
    execFileSync('efm-langserver', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function benchLsp() {
  const hook = (seconds, name) => `  - name: ${name}\n    command: ["sh", "-c", ${JSON.stringify(script(seconds, name))}, "sh"]\n    files: "*.txt"\n`;
  const root = makeRepo({ 'gauntlet.yaml': `hooks:\n${hook(SLOW_S, 'slow')}${hook(FAST_S, 'fast')}`, 'a.txt': 'a\n' });
  const scratch = `${root}-scratch`;
  mkdirSync(scratch, { recursive: true });
  process.on('exit', () => execFileSync('rm', ['-rf', scratch]));
  const env = { ...process.env, XDG_DATA_HOME: path.join(scratch, 'xdg') };
  execFileSync(process.execPath, [GAUNTLET, 'trust'], { cwd: root, env, stdio: 'ignore' });

  const fastOwn = median(await Promise.all([0, 1, 2].map(() => timeOwn(root, FAST_S, 'fast'))));
  const slowOwn = await timeOwn(root, SLOW_S, 'slow');
  const ours = await measureGauntlet(root, env);
  const efm = hasEfm() ? await measureEfm(root, scratch) : null;
  const efmText = (ms) => (efm ? `${ms.toFixed(0)} ms` : 'not installed');
  return [
    {
      name: 'lsp: didSave to first publish (fast 0.1 s + slow 3 s hook)',
      value: `${ours.first.toFixed(0)} ms; the fast hook alone takes ${fastOwn.toFixed(0)} ms; efm-langserver: ${efmText(efm?.first ?? 0)}`,
      ok: ours.first <= fastOwn + SLACK_MS,
      target: `<= fast hook + ${SLACK_MS} ms`,
    },
    {
      name: 'lsp: didSave to last publish (fast 0.1 s + slow 3 s hook)',
      value: `${ours.last.toFixed(0)} ms; the slow hook alone takes ${slowOwn.toFixed(0)} ms; efm-langserver: ${efmText(efm?.last ?? 0)}`,
      ok: ours.last <= slowOwn + SLACK_MS,
      target: `<= slow hook + ${SLACK_MS} ms`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchLsp());
