import { existsSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { CancellationTokenSource, DocumentFormattingRequest, DocumentRangeFormattingRequest, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { repoTest as it } from '../helpers/e2e.js';
import { hasTool, PRETTIER_BIN } from '../helpers/external-tools.js';
import { trustedRepo, withClient, type LspClient } from '../helpers/lsp-client.js';
import { fixtureHook } from '../helpers/paths.js';
import { isAlive, readPids } from '../helpers/processes.js';

const PRETTIER = { name: 'prettier', command: [PRETTIER_BIN, '--stdin-filepath', '{file}'], format: true, files: '*.js' };
/** A formatter that fails: a message on stderr, exit 2. */
const BROKEN = { name: 'broken', command: ['sh', '-c', 'cat >/dev/null; echo "cannot parse line 1" >&2; exit 2'], format: true, files: '*.js' };

function formatRequest(client: LspClient, file: string): Promise<TextEdit[] | null> {
  return client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: client.uri(file) }, options: { tabSize: 2, insertSpaces: true } });
}

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'javascript', 1, text), edits);
}

describe.skipIf(!hasTool(PRETTIER_BIN))('gauntlet lsp: formatting', () => {
  it('formats the unsaved buffer with prettier, answering with edits of the changed parts only', { timeout: 30_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [PRETTIER] });
    repo.write('a.js', 'const saved = 1;\n');
    const buffer = 'const keep = 1;\nconst a = {b:"😀",c:1}\n';
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.js', buffer);
      const edits = await formatRequest(client, 'a.js');
      expect(edits, JSON.stringify(client.messages)).not.toBeNull();
      expect(applyEdits(buffer, edits ?? [])).toBe('const keep = 1;\nconst a = { b: "😀", c: 1 };\n');
      expect((edits ?? []).every((edit) => edit.range.start.line === 1 && edit.range.end.line === 1)).toBe(true);
      // After the astral character, columns count UTF-16 code units: `"😀"` ends at 18.
      expect(edits?.find((edit) => edit.newText.includes(' ') && edit.range.start.character > 15)?.range.start.character).toBe(18);
      expect(repo.read('a.js')).toBe('const saved = 1;\n');

      // prettier writes LF: every CRLF of the buffer is replaced, exactly.
      const crlf = 'const keep = 1;\r\nconst a = {b:1}\r\n';
      await client.change('a.js', crlf);
      expect(applyEdits(crlf, (await formatRequest(client, 'a.js')) ?? [])).toBe('const keep = 1;\nconst a = { b: 1 };\n');
      expect(client.messages).toEqual([]);
    });
  });

  it('answers no edits and shows one message naming the hook when a formatter fails, leaving the buffer as it is', { timeout: 30_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [PRETTIER, BROKEN] });
    repo.write('a.js', 'const a = {b:1}\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.js', 'const a = {b:1}\n');
      expect(await formatRequest(client, 'a.js')).toBeNull();
      await client.waitFor(() => client.messages.some((message) => message.message.includes('broken')), 'the failure message');
      const shown = client.messages.filter((message) => message.message.includes('format'));
      expect(shown.map((message) => message.message)).toEqual(['gauntlet: broken could not format a.js: exit code 2: cannot parse line 1']);
    });
  });

  it('formats only the selected range with a range formatter', { timeout: 30_000 }, async ({ makeRepo }) => {
    const ranged = { ...PRETTIER, command: [...PRETTIER.command, '--range-start={range_start}', '--range-end={range_end}'], range_format: true };
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [ranged] });
    const buffer = 'const a = {b:1}\n\nconst c = {d:2}\n';
    repo.write('a.js', buffer);
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.js', buffer);
      const edits = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
        textDocument: { uri: client.uri('a.js') },
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 15 } },
        options: { tabSize: 2, insertSpaces: true },
      });
      expect(applyEdits(buffer, edits ?? [])).toBe('const a = {b:1}\n\nconst c = { d: 2 };\n');
    });
  });

  it('runs nothing in an untrusted workspace', { timeout: 30_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    const marker = repo.scratchPath('ran');
    repo.writeConfig({ hooks: [{ name: 'fmt', command: ['sh', '-c', `touch "${marker}"; cat`], format: true, files: '*.js' }] });
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.js', 'x\n');
      expect(await formatRequest(client, 'a.js')).toBeNull();
      expect(existsSync(marker)).toBe(false);
    });
  });

  it('kills the formatter when the editor cancels the request', { timeout: 30_000 }, async ({ makeRepo }) => {
    const pids = 'pids';
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [{ name: 'slow', command: [fixtureHook('pid-sleep.sh'), `../scratch/${pids}`, '30'], format: true, files: '*.js' }],
    });
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.js', 'x\n');
      const source = new CancellationTokenSource();
      const answer = client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: client.uri('a.js') }, options: { tabSize: 2, insertSpaces: true } }, source.token).catch(() => null);
      await client.waitFor(() => existsSync(repo.scratchPath(pids)), 'the formatter to start');
      const started = readPids(repo.scratchPath(pids));
      expect(started.every(isAlive)).toBe(true);
      source.cancel();
      await answer;
      await client.waitFor(() => !started.some(isAlive), 'the formatter to be killed');
      expect(client.messages.filter((message) => message.message.includes('slow'))).toEqual([]);
    });
  });
});
