// Editor formatting: textDocument/formatting of a 500-line JavaScript file with prettier as a
// format hook, through the real `gauntlet lsp`, against prettier alone on the same text on stdin,
// rounds interleaved. Target: within 30 ms of prettier alone (medians).
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { GAUNTLET, makeRepo, median } from './lib.mjs';

const PRETTIER = fileURLToPath(new URL('../../node_modules/.bin/prettier', import.meta.url));
const ROUNDS = 7;
const SLACK_MS = 30;
const LINES = 500;

/** 500 lines of JavaScript prettier rewrites: spacing, quotes, semicolons. */
function makeSource() {
  const lines = [];
  for (let i = 0; lines.length < LINES; i++) {
    lines.push(`function f${i}(a,b){`, `  const v${i} = {x:a,y:b,'z':[1,2,3]}`, `  return v${i}.x+v${i}.y`, '}', '');
  }
  return `${lines.slice(0, LINES).join('\n')}\n`;
}

/** prettier alone: spawned with the text on stdin, to its exit. */
function timePrettier(root, text) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(PRETTIER, ['--stdin-filepath', 'a.js'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - started, out }) : reject(new Error(`prettier exited ${code}`))));
    child.stdin.end(text);
  });
}

export async function benchFormat() {
  const text = makeSource();
  const config = `hooks:\n  - name: prettier\n    command: [${JSON.stringify(PRETTIER)}, "--stdin-filepath", "{file}"]\n    format: true\n    files: "*.js"\n`;
  const root = makeRepo({ 'gauntlet.yaml': config, 'a.js': text });
  const env = { ...process.env, XDG_DATA_HOME: path.join(root, '.bench-xdg') };
  execFileSync(process.execPath, [GAUNTLET, 'trust'], { cwd: root, env, stdio: 'ignore' });

  // BENCH_TRACE=1: the server's GAUNTLET_TRACE marks on stderr.
  const child = spawn(process.execPath, [GAUNTLET, 'lsp', '--stdio'], { cwd: root, env: { ...env, GAUNTLET_TRACE: process.env.BENCH_TRACE ?? '' }, stdio: ['pipe', 'pipe', process.env.BENCH_TRACE ? 'inherit' : 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  const rootUri = pathToFileURL(root).href;
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {} });
  await connection.sendNotification(InitializedNotification.type, {});
  const uri = pathToFileURL(path.join(root, 'a.js')).href;
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'javascript', version: 1, text } });
  const format = async () => {
    const started = performance.now();
    const edits = await connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    if (!Array.isArray(edits) || edits.length === 0) throw new Error('formatting gave no edits');
    return { ms: performance.now() - started, edits: edits.length };
  };

  try {
    // A first round of each warms the file system cache, the worker thread and the server's code.
    await timePrettier(root, text);
    await format();
    const ours = [];
    const alone = [];
    let edits = 0;
    for (let round = 0; round < ROUNDS; round++) {
      alone.push((await timePrettier(root, text)).ms);
      const answer = await format();
      ours.push(answer.ms);
      edits = answer.edits;
    }
    const gauntlet = median(ours);
    const prettier = median(alone);
    return {
      name: `format: textDocument/formatting of a ${LINES}-line file with prettier (${edits} edits)`,
      value: `${gauntlet.toFixed(0)} ms; prettier alone ${prettier.toFixed(0)} ms; difference ${(gauntlet - prettier).toFixed(0)} ms, ratio ${(gauntlet / prettier).toFixed(2)}`,
      ok: gauntlet <= prettier + SLACK_MS,
      target: `<= prettier alone + ${SLACK_MS} ms`,
    };
  } finally {
    await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await connection.sendNotification(ExitNotification.type).catch(() => undefined);
    connection.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchFormat());
