import type { ChildProcess } from 'node:child_process';
import { describe, expect } from 'vitest';
import {
  createProtocolConnection,
  ErrorCodes,
  ExecuteCommandRequest,
  HoverRequest,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { repoTest as it, splitLines } from '../helpers/e2e.js';
import { spawnLanguageServer } from '../helpers/lsp-client.js';

interface Ended {
  code: number | null;
  stderr: string;
}

/** Starts the built server and collects its stderr until it exits; stdin stays open until the test ends. */
function startServer(cwd: string): { child: ChildProcess; ended: Promise<Ended> } {
  const child = spawnLanguageServer(cwd, {});
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout?.resume();
  // The server may exit before it has read all that was written.
  child.stdin?.on('error', () => undefined);
  const ended = new Promise<Ended>((resolve) => child.once('close', (code) => resolve({ code, stderr })));
  return { child, ended };
}

const BROKEN_FRAMES = [
  { what: 'a message without Content-Length', bytes: 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}', says: /without a Content-Length/ },
  { what: 'a negative Content-Length', bytes: 'Content-Length: -5\r\n\r\n{}', says: /Content-Length "-5" is not a byte count/ },
  { what: 'a Content-Length that is not a number', bytes: 'Content-Length: twelve\r\n\r\n{}', says: /Content-Length "twelve" is not a byte count/ },
  { what: 'a 2 GB Content-Length', bytes: `Content-Length: 2147483648\r\n\r\n${'x'.repeat(1_000_000)}`, says: /Content-Length 2147483648 is over the limit of 67108864 bytes/ },
  { what: 'a body that is not JSON', bytes: 'Content-Length: 5\r\n\r\nhello', says: /not JSON/ },
  { what: 'a body shorter than its Content-Length', bytes: 'Content-Length: 100\r\n\r\n{"jsonrpc":"2.0"', says: /body \(16 of 100 bytes\) stopped arriving/ },
];

describe.concurrent('gauntlet lsp: framing errors', () => {
  it.for(BROKEN_FRAMES)('logs one line and exits 1 after $what, with stdin still open', { timeout: 20_000 }, async (frame, { makeRepo }) => {
    const repo = await makeRepo();
    const { child, ended } = startServer(repo.root);
    try {
      child.stdin?.write(frame.bytes);
      const { code, stderr } = await ended;
      expect(code).toBe(1);
      const lines = splitLines(stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^gauntlet lsp: framing error on stdin: /);
      expect(lines[0]).toMatch(frame.says);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe.concurrent('gauntlet lsp: before initialize', () => {
  it('answers workspace/executeCommand and any other request with ServerNotInitialized', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const { child } = startServer(repo.root);
    if (!child.stdout || !child.stdin) throw new Error('no stdio');
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const command = connection.sendRequest(ExecuteCommandRequest.type, { command: 'gauntlet.clearCache', arguments: [] });
      await expect(command).rejects.toBeInstanceOf(ResponseError);
      await expect(command).rejects.toMatchObject({ code: ErrorCodes.ServerNotInitialized });
      const hover = connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///a.txt' }, position: { line: 0, character: 0 } });
      await expect(hover).rejects.toMatchObject({ code: ErrorCodes.ServerNotInitialized });
    } finally {
      connection.dispose();
      child.kill('SIGKILL');
    }
  });
});
