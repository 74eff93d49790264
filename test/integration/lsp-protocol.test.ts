import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { describe, expect } from 'vitest';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type Diagnostic as LspDiagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { makeCliEnv, repoTest as it, waitUntil, type TempRepo } from '../helpers/e2e.js';
import { findMarkedProcesses, makeMark, MARK_VARIABLE } from '../helpers/marked-processes.js';
import { fixtureHook, GAUNTLET_BIN } from '../helpers/paths.js';
import { isAlive, readPids } from '../helpers/processes.js';

/** Long enough for a busy machine; every wait ends as soon as its condition holds. */
const WAIT_MS = 15_000;

interface Publish {
  at: number;
  params: PublishDiagnosticsParams;
}

/** A real LSP client on the built `gauntlet lsp --stdio`, recording what the server sends. */
class LspClient {
  readonly publishes: Publish[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  readonly progress: unknown[] = [];
  /** The answer to window/showMessageRequest; null declines. */
  answer: string | null = null;
  readonly messageRequests: ShowMessageParams[] = [];
  private exited = false;
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly root: string,
  ) {
    child.once('exit', () => (this.exited = true));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.publishes.push({ at: performance.now(), params });
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.messages.push(params);
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    connection.onNotification('$/progress', (params: unknown) => {
      this.progress.push(params);
    });
    connection.onRequest(ShowMessageRequest.type, (params) => {
      this.messageRequests.push(params);
      return this.answer === null ? null : { title: this.answer };
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.listen();
  }

  /** Starts the server in `cwd` and initializes it with `folders` (default: the repository). */
  static async start(repo: TempRepo, options: { xdg: string; capabilities?: ClientCapabilities; folders?: string[] }): Promise<LspClient> {
    const child = spawn(process.execPath, [GAUNTLET_BIN, 'lsp', '--stdio'], {
      cwd: repo.root,
      env: makeCliEnv({ XDG_DATA_HOME: options.xdg }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (!child.stdout || !child.stdin) throw new Error('no stdio');
    child.stderr?.resume();
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, repo.root);
    const folders = options.folders ?? [repo.root];
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(folders[0] ?? repo.root).href,
      workspaceFolders: folders.map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) })),
      capabilities: options.capabilities ?? {},
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  uri(relative: string, root = this.root): string {
    return pathToFileURL(path.join(root, relative)).href;
  }

  async open(relative: string, text: string, root = this.root): Promise<void> {
    this.versions.set(this.uri(relative, root), 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: this.uri(relative, root), languageId: 'plaintext', version: 1, text },
    });
  }

  /** Replaces the whole text; returns the new version. */
  async change(relative: string, text: string): Promise<number> {
    const uri = this.uri(relative);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async save(relative: string, root = this.root): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: this.uri(relative, root) } });
  }

  async close(relative: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: this.uri(relative) } });
  }

  async configChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: this.uri('gauntlet.yaml'), type: FileChangeType.Changed }],
    });
  }

  executeCommand(command: string): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: [] });
  }

  /** Publishes for one file, in arrival order. */
  publishesFor(relative: string, root = this.root): Publish[] {
    const uri = this.uri(relative, root);
    return this.publishes.filter((publish) => publish.params.uri === uri);
  }

  async waitFor(check: () => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
    if (!(await waitUntil(check, timeoutMs))) throw new Error(`timed out waiting for ${what}\nlogs:\n${this.logs.join('\n')}`);
  }

  /** Waits for a publish for the file that satisfies `check`; returns it. */
  async waitForPublish(relative: string, check: (diagnostics: LspDiagnostic[]) => boolean, what: string): Promise<Publish> {
    let found: Publish | undefined;
    await this.waitFor(() => (found = this.publishesFor(relative).find((publish) => check(publish.params.diagnostics))) !== undefined, what);
    return found as Publish;
  }

  /** Sends shutdown and exit; resolves with the exit code once the process is gone. */
  async shutdown(): Promise<number | null> {
    const exit = new Promise<number | null>((resolve) => {
      if (this.exited) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    return exit;
  }

  /** Ends the server however it is (for cleanup after a failed test). */
  dispose(): void {
    this.connection.dispose();
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

function sources(diagnostics: LspDiagnostic[]): string[] {
  return diagnostics.map((diagnostic) => diagnostic.source ?? '').sort();
}

/** A hook printing one gnu diagnostic on its file after `seconds`. */
function reportAfter(seconds: number, message: string, severity = 'error'): string[] {
  return ['sh', '-c', `sleep ${seconds}; printf '%s:1:1: ${severity}: ${message}\\n' "$1"; exit 1`, 'sh'];
}

/** A stdin hook: a "todo" warning on every line of the text it reads that says TODO, named as {file}. */
const TODO_STDIN_HOOK = ['sh', '-c', `grep -n TODO | while IFS=: read -r n rest; do printf '%s:%s:1: warning: todo\\n' "$0" "$n"; done`, '{file}'];

/** Sets up a repository whose config is trusted in a fresh XDG_DATA_HOME. */
async function trustedRepo(makeRepo: () => Promise<TempRepo>, config: object): Promise<{ repo: TempRepo; xdg: string }> {
  const repo = await makeRepo();
  const xdg = repo.scratchDir('xdg');
  repo.writeConfig(config);
  const trusted = await repo.run(['trust'], { env: { XDG_DATA_HOME: xdg } });
  expect(trusted.stderr).toBe('');
  expect(trusted.code).toBe(0);
  return { repo, xdg };
}

/** Runs a test body with a started client, always disposing of it. */
async function withClient(repo: TempRepo, options: Parameters<typeof LspClient.start>[1], body: (client: LspClient) => Promise<void>): Promise<void> {
  const client = await LspClient.start(repo, options);
  try {
    await body(client);
  } finally {
    client.dispose();
  }
}

describe('gauntlet lsp: publishing', () => {
  it('publishes once per hook as each finishes, the faster hook first, with the version checked', { timeout: 30_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [
        { name: 'slow', command: reportAfter(1.5, 'slow finding', 'warning'), files: '*.txt' },
        { name: 'fast', command: [fixtureHook('report-each.sh'), 'fast finding'], files: '*.txt' },
      ],
    });
    repo.write('notes.txt', 'hello world\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('notes.txt', 'hello world\n');
      await client.waitForPublish('notes.txt', (diagnostics) => diagnostics.length === 2, 'both hooks');
      const published = client.publishesFor('notes.txt');
      expect(published.map((publish) => sources(publish.params.diagnostics))).toEqual([['fast'], ['fast', 'slow']]);
      expect(published.map((publish) => publish.params.version)).toEqual([1, 1]);
      const [first, second] = published;
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThan(1_000);
      const fast = second?.params.diagnostics.find((diagnostic) => diagnostic.source === 'fast');
      // 1-based 1:1 becomes 0-based, to the end of the word there.
      expect(fast).toMatchObject({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, severity: 1, message: 'fast finding' });
      expect(second?.params.diagnostics.find((diagnostic) => diagnostic.source === 'slow')?.severity).toBe(2);
      expect(await client.shutdown()).toBe(0);
    });
  });

  it('answers didOpen from the cache when the content was checked before, spawning nothing', { timeout: 30_000 }, async ({ makeRepo }) => {
    const count = 'runs';
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [{ name: 'counted', command: ['sh', '-c', `echo run >> "$0"; printf '%s:1:1: error: found\\n' "$1"`, path.join('..', 'scratch', count)], files: '*.txt' }],
    });
    repo.write('a.txt', 'text\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'text\n');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, 'the first result');
      // The run saves the cache just after its last hook is published.
      await client.waitFor(() => existsSync(path.join(repo.root, '.gauntlet', 'cache.msgpack')), 'the cache to be saved');
      await client.close('a.txt');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 0, 'the clear on close');
      const before = client.publishesFor('a.txt').length;
      await client.open('a.txt', 'text\n');
      await client.waitFor(() => client.publishesFor('a.txt').length > before, 'the cached result');
      expect(client.publishesFor('a.txt').at(-1)?.params.diagnostics.map((d) => d.message)).toEqual(['found']);
      expect(readFileSync(repo.scratchPath(count), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
    });
  });

  it('clears a document’s diagnostics when it is closed', async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [{ name: 'fast', command: [fixtureHook('report-each.sh'), 'x'], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, 'a diagnostic');
      await client.close('a.txt');
      const last = await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 0, 'an empty publish');
      expect(last.params.uri).toBe(client.uri('a.txt'));
    });
  });

  it('runs stdin hooks on the unsaved text after a pause in typing, other hooks on save', { timeout: 30_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, {
      lsp: { debounce_ms: 50 },
      hooks: [
        { name: 'todo', command: TODO_STDIN_HOOK, stdin: true, files: '*.txt' },
        { name: 'disk', command: [fixtureHook('report-each.sh'), 'on disk'], files: '*.txt' },
      ],
    });
    repo.write('a.txt', 'clean\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'clean\n');
      await client.waitForPublish('a.txt', (diagnostics) => sources(diagnostics).join() === 'disk', 'the disk hook on open');
      const version = await client.change('a.txt', 'clean\nTODO later\n');
      const edited = await client.waitForPublish('a.txt', (diagnostics) => sources(diagnostics).includes('todo'), 'the stdin hook on the buffer');
      expect(edited.params.version).toBe(version);
      const todo = edited.params.diagnostics.find((diagnostic) => diagnostic.source === 'todo');
      expect(todo).toMatchObject({ range: { start: { line: 1, character: 0 } }, severity: 2, message: 'todo' });
      // The disk hook waits for the save.
      expect(client.publishesFor('a.txt').every((publish) => publish.params.version === 1 || sources(publish.params.diagnostics).join() === 'disk,todo')).toBe(true);
      repo.write('a.txt', 'clean\nTODO later\n');
      const before = client.publishesFor('a.txt').length;
      await client.save('a.txt');
      await client.waitFor(() => client.publishesFor('a.txt').length >= before + 2, 'both hooks after the save');
    });
  });

  it('checks a buffer opened with unsaved text only with the stdin hooks, on that text', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [
        { name: 'todo', command: TODO_STDIN_HOOK, stdin: true, files: '*.txt' },
        { name: 'disk', command: [fixtureHook('report-each.sh'), 'on disk'], files: '*.txt' },
      ],
    });
    repo.write('a.txt', 'saved\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'restored\nTODO\n');
      const published = await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length > 0, 'the stdin hook');
      expect(sources(published.params.diagnostics)).toEqual(['todo']);
      await sleep(500);
      expect(client.publishesFor('a.txt').flatMap((publish) => sources(publish.params.diagnostics))).not.toContain('disk');
    });
  });

  it('cancels a run when the document is edited: its process is killed and its result never published', { timeout: 30_000 }, async ({ makeRepo }) => {
    const mark = makeMark();
    const pids = 'slow.pids';
    const { repo, xdg } = await trustedRepo(makeRepo, {
      lsp: { debounce_ms: 50 },
      hooks: [
        {
          name: 'slow',
          command: ['sh', '-c', `${fixtureHook('pid-sleep.sh')} "$0" 20; printf '%s:1:1: error: stale\\n' "$1"`, path.join('..', 'scratch', pids)],
          files: '*.txt',
          env: { [MARK_VARIABLE]: mark },
        },
        { name: 'todo', command: TODO_STDIN_HOOK, stdin: true, files: '*.txt' },
      ],
    });
    repo.write('a.txt', 'one\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'one\n');
      await client.waitFor(() => existsSync(repo.scratchPath(pids)), 'the slow hook to start');
      const started = readPids(repo.scratchPath(pids));
      expect(started.every(isAlive)).toBe(true);
      const version = await client.change('a.txt', 'one\nTODO\n');
      await client.waitFor(() => !started.some(isAlive), 'the slow hook to be killed', 10_000);
      await client.waitForPublish('a.txt', (diagnostics) => sources(diagnostics).includes('todo'), 'the new version checked');
      await sleep(300);
      const all = client.publishesFor('a.txt');
      expect(all.flatMap((publish) => publish.params.diagnostics).map((d) => d.message)).not.toContain('stale');
      expect(all.every((publish) => publish.params.version === version)).toBe(true);
      expect(findMarkedProcesses(mark)).toEqual([]);
    });
  });
});

describe('gauntlet lsp: trust', () => {
  it('spawns nothing for an untrusted config and shows one message saying how to trust it', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    const marker = repo.scratchPath('ran');
    repo.writeConfig({ hooks: [{ name: 'touch', command: ['sh', '-c', `touch ${marker}`], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.save('a.txt');
      await client.waitFor(() => client.messages.length > 0, 'a message');
      await sleep(500);
      expect(client.messages).toHaveLength(1);
      expect(client.messages[0]?.message).toContain('gauntlet trust');
      expect(client.messages[0]?.message).not.toContain('\n');
      expect(existsSync(marker)).toBe(false);
      expect(client.publishes.flatMap((publish) => publish.params.diagnostics)).toEqual([]);
      expect(await client.shutdown()).toBe(0);
    });
  });

  it('offers "Trust" when the client can ask; choosing it trusts the config and starts the hooks', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    repo.writeConfig({ hooks: [{ name: 'fast', command: [fixtureHook('report-each.sh'), 'x'], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg, capabilities: { window: { showMessage: {} } } }, async (client) => {
      client.answer = 'Trust';
      await client.open('a.txt', 'a\n');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, 'diagnostics once trusted');
      expect(client.messageRequests).toHaveLength(1);
      expect(client.messageRequests[0]?.message).toContain('gauntlet trust');
      expect(existsSync(path.join(xdg, 'gauntlet', 'trust.msgpack'))).toBe(true);
    });
  });

  it('needs the trust again when the config changes', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [{ name: 'fast', command: [fixtureHook('report-each.sh'), 'x'], files: '*.txt' }] });
    const marker = repo.scratchPath('ran');
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, 'the trusted hook');
      repo.writeConfig({ hooks: [{ name: 'touch', command: ['sh', '-c', `touch ${marker}`], files: '*.txt' }] });
      await client.configChanged();
      await client.waitFor(() => client.messages.some((message) => message.message.includes('gauntlet trust')), 'the trust message');
      await client.save('a.txt');
      await sleep(500);
      expect(existsSync(marker)).toBe(false);
      await repo.run(['trust'], { env: { XDG_DATA_HOME: xdg } });
      await client.save('a.txt');
      await client.waitFor(() => existsSync(marker), 'the newly trusted hook to run');
    });
  });
});

describe('gauntlet lsp: config', () => {
  it('shows an invalid config with showMessage, keeps the last good one, and keeps answering', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [{ name: 'fast', command: [fixtureHook('report-each.sh'), 'still here'], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, 'the first result');
      repo.write('gauntlet.yaml', 'hooks:\n  - name: broken\n    timeout: -1\n');
      await client.configChanged();
      await client.waitFor(() => client.messages.length > 0, 'the error message');
      expect(client.messages[0]?.type).toBe(1);
      expect(client.messages[0]?.message).toMatch(/gauntlet\.yaml:\d+:\d+: hooks\[0\]/);
      expect(client.messages[0]?.message).not.toContain('\n');
      expect(typeof (await client.executeCommand('gauntlet.showProfile'))).toBe('string');
      repo.write('a.txt', 'b\n');
      const before = client.publishesFor('a.txt').length;
      await client.save('a.txt');
      await client.waitFor(() => client.publishesFor('a.txt').length > before, 'the old config to run on save');
      expect(client.publishesFor('a.txt').at(-1)?.params.diagnostics[0]?.message).toBe('still here');
    });
  });

  it('picks up a changed config without a restart', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [{ name: 'old', command: [fixtureHook('report-each.sh'), 'old'], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitForPublish('a.txt', (diagnostics) => sources(diagnostics).join() === 'old', 'the old hook');
      repo.writeConfig({ hooks: [{ name: 'new', command: [fixtureHook('report-each.sh'), 'new'], files: '*.txt' }] });
      await repo.run(['trust'], { env: { XDG_DATA_HOME: xdg } });
      await client.save('gauntlet.yaml');
      await client.configChanged();
      await client.waitForPublish('a.txt', (diagnostics) => sources(diagnostics).join() === 'new', 'the new hook alone');
    });
  });
});

describe('gauntlet lsp: workspace', () => {
  it('runs a project-level hook after a save and clears the files it no longer reports', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, {
      lsp: { debounce_ms: 20 },
      // Reports on every file named in scratch/report.
      hooks: [{ name: 'project', command: ['sh', '-c', `while read -r f; do printf '%s:1:1: error: in project\\n' "$f"; done < "$0"`, path.join('..', 'scratch', 'report')], pass_files: false, files: '*.txt' }],
    });
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'b\n');
    await repo.git('add', '-A');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await writeScratch(repo, 'report', 'a.txt\nb.txt\n');
      await client.save('a.txt');
      await client.waitForPublish('b.txt', (diagnostics) => diagnostics.length === 1, 'b.txt reported');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, 'a.txt reported');
      await writeScratch(repo, 'report', 'a.txt\n');
      repo.write('a.txt', 'a2\n');
      await client.save('a.txt');
      await client.waitFor(() => client.publishesFor('b.txt').at(-1)?.params.diagnostics.length === 0, 'b.txt cleared');
      expect(client.publishesFor('a.txt').at(-1)?.params.diagnostics).toHaveLength(1);
    });
  });

  it('runs every hook on every file for gauntlet.runWorkspace and publishes files not open', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [{ name: 'fast', command: [fixtureHook('report-each.sh'), 'x'], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    repo.write('sub/b.txt', 'b\n');
    await withClient(repo, { xdg, capabilities: { window: { workDoneProgress: true } } }, async (client) => {
      const answer = (await client.executeCommand('gauntlet.runWorkspace')) as { workspaces: { ok: boolean; summary: { hooks: number } }[] };
      expect(answer.workspaces).toHaveLength(1);
      expect(answer.workspaces[0]?.summary.hooks).toBe(1);
      await client.waitForPublish('sub/b.txt', (diagnostics) => diagnostics.length === 1, 'the file not open');
      expect(client.publishesFor('a.txt').at(-1)?.params.diagnostics).toHaveLength(1);
      expect(await client.executeCommand('gauntlet.showProfile')).toMatch(/fast\s+1\s/);
      expect(await client.executeCommand('gauntlet.clearCache')).toContain('cache cleared');
      expect(existsSync(path.join(repo.root, '.gauntlet', 'cache.msgpack'))).toBe(false);
    });
  });

  it('shows "gauntlet: n/m hooks" progress while runs go on, when the client supports it', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [
        { name: 'slow', command: reportAfter(1, 'slow'), files: '*.txt' },
        { name: 'fast', command: [fixtureHook('report-each.sh'), 'x'], files: '*.txt' },
      ],
    });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg, capabilities: { window: { workDoneProgress: true } } }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitFor(() => client.progress.some((entry) => JSON.stringify(entry).includes('"kind":"end"')), 'the progress to end');
      const values = client.progress.map((entry) => (entry as { value: { kind: string; title?: string; message?: string } }).value);
      expect(values[0]).toMatchObject({ kind: 'begin', title: 'gauntlet' });
      expect(values.map((value) => value.message).filter(Boolean)).toContain('1/2 hooks');
      expect(values.at(-1)?.kind).toBe('end');
    });
  });

  it('gives each workspace folder its own config and engine', { timeout: 20_000 }, async ({ makeRepo }) => {
    const first = await trustedRepo(makeRepo, { hooks: [{ name: 'one', command: [fixtureHook('report-each.sh'), 'one'], files: '*.txt' }] });
    const second = await makeRepo();
    second.writeConfig({ hooks: [{ name: 'two', command: [fixtureHook('report-each.sh'), 'two'], files: '*.txt' }] });
    await second.run(['trust'], { env: { XDG_DATA_HOME: first.xdg } });
    first.repo.write('a.txt', 'a\n');
    second.write('b.txt', 'b\n');
    await withClient(first.repo, { xdg: first.xdg, folders: [first.repo.root, second.root] }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.open('b.txt', 'b\n', second.root);
      await client.waitForPublish('a.txt', (diagnostics) => sources(diagnostics).join() === 'one', 'the first folder');
      await client.waitFor(() => client.publishesFor('b.txt', second.root).some((publish) => sources(publish.params.diagnostics).join() === 'two'), 'the second folder');
    });
  });
});

describe('gauntlet lsp: ending', () => {
  it('kills every running hook on shutdown and exits, leaving no process', { timeout: 20_000 }, async ({ makeRepo }) => {
    const mark = makeMark();
    const pids = 'pids';
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [{ name: 'hang', command: [fixtureHook('grandchildren.sh'), path.join('..', 'scratch', pids)], files: '*.txt', env: { [MARK_VARIABLE]: mark } }],
    });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitFor(() => existsSync(repo.scratchPath(pids)) && readPids(repo.scratchPath(pids)).length === 3, 'the hook to start');
      expect(await client.shutdown()).toBe(0);
      expect(readPids(repo.scratchPath(pids)).filter(isAlive)).toEqual([]);
      expect(findMarkedProcesses(mark)).toEqual([]);
    });
  });

  it('takes its hooks along when the client goes away without a shutdown', { timeout: 20_000 }, async ({ makeRepo }) => {
    const mark = makeMark();
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [{ name: 'hang', command: ['sh', '-c', 'sleep 30'], files: '*.txt', env: { [MARK_VARIABLE]: mark } }],
    });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitFor(() => findMarkedProcesses(mark).length > 0, 'the hook to start');
      const gone = new Promise((resolve) => client.child.once('exit', resolve));
      client.child.stdin?.end();
      await gone;
      await client.waitFor(() => findMarkedProcesses(mark).length === 0, 'no hook process left', 5_000);
    });
  });
});

async function writeScratch(repo: TempRepo, name: string, content: string): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(repo.scratchPath(name), content);
}
