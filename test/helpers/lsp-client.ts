import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
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
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type InitializeResult,
  type Diagnostic as LspDiagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { makeCliEnv, waitUntil, type EnvOverrides, type TempRepo } from './e2e.js';
import { GAUNTLET_BIN } from './paths.js';

// A real LSP client on the built `gauntlet lsp --stdio`, and what the language server tests set up with it.

/** Long enough for a busy machine; every wait ends as soon as its condition holds. */
export const WAIT_MS = 15_000;

export interface Publish {
  at: number;
  params: PublishDiagnosticsParams;
}

/** A real LSP client on the built `gauntlet lsp --stdio`, recording what the server sends. */
export class LspClient {
  readonly publishes: Publish[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  readonly progress: unknown[] = [];
  /** The answer to window/showMessageRequest; null declines. */
  answer: string | null = null;
  readonly messageRequests: ShowMessageParams[] = [];
  /** What the server registered dynamically (client/registerCapability). */
  readonly registrations: Registration[] = [];
  private exited = false;
  /** The server's answer to initialize. */
  initializeResult: InitializeResult | null = null;
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
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    connection.listen();
  }

  /** Starts the server in `cwd` and initializes it with `folders` (default: the repository). */
  static async start(repo: TempRepo, options: LspStartOptions): Promise<LspClient> {
    const child = spawnLanguageServer(repo.root, { XDG_DATA_HOME: options.xdg, ...options.env }, options.shellParent === true);
    if (!child.stdout || !child.stdin) throw new Error('no stdio');
    child.stderr?.resume();
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, repo.root);
    const folders = options.folders ?? [repo.root];
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: options.processId === undefined ? process.pid : options.processId,
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
    await this.fileChanged('gauntlet.yaml');
  }

  /** Tells the server a watched file changed (or was created or deleted). */
  async fileChanged(relative: string, type: FileChangeType = FileChangeType.Changed): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: this.uri(relative), type }] });
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

export interface LspStartOptions {
  xdg: string;
  capabilities?: ClientCapabilities;
  folders?: string[];
  /** More variables for the server (and so its hooks). */
  env?: EnvOverrides;
  /** The client process the initialize params name (default: this process). */
  processId?: number | null;
  /**
   * Starts the server in the background of a shell that waits for it, with stdin passed on by
   * another descriptor: `child` is the shell, and killing it orphans a server whose stdin stays open.
   */
  shellParent?: boolean;
}

/** Spawns the built `gauntlet lsp --stdio` (or a shell holding it, see `shellParent`) with piped stdio. */
export function spawnLanguageServer(cwd: string, env: EnvOverrides, shellParent = false): ChildProcess {
  const argv = [process.execPath, GAUNTLET_BIN, 'lsp', '--stdio'];
  // A background job's stdin is /dev/null unless redirected: fd 3 carries the pipe past that.
  const command = shellParent ? ['sh', '-c', 'exec 3<&0; "$@" <&3 3<&- & wait', 'sh', ...argv] : argv;
  return spawn(command[0] as string, command.slice(1), { cwd, env: makeCliEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
}

export function sources(diagnostics: LspDiagnostic[]): string[] {
  return diagnostics.map((diagnostic) => diagnostic.source ?? '').sort();
}

/** A hook printing one gnu diagnostic on its file after `seconds`. */
export function reportAfter(seconds: number, message: string, severity = 'error'): string[] {
  return ['sh', '-c', `sleep ${seconds}; printf '%s:1:1: ${severity}: ${message}\\n' "$1"; exit 1`, 'sh'];
}

/** A stdin hook: a "todo" warning on every line of the text it reads that says TODO, named as {file}. */
export const TODO_STDIN_HOOK = ['sh', '-c', `grep -n TODO | while IFS=: read -r n rest; do printf '%s:%s:1: warning: todo\\n' "$0" "$n"; done`, '{file}'];

/** Sets up a repository whose config is trusted in a fresh XDG_DATA_HOME. */
export async function trustedRepo(makeRepo: () => Promise<TempRepo>, config: object): Promise<{ repo: TempRepo; xdg: string }> {
  const repo = await makeRepo();
  const xdg = repo.scratchDir('xdg');
  repo.writeConfig(config);
  const trusted = await repo.run(['trust'], { env: { XDG_DATA_HOME: xdg } });
  expect(trusted.stderr).toBe('');
  expect(trusted.code).toBe(0);
  return { repo, xdg };
}

/** Runs a test body with a started client, always disposing of it. */
export async function withClient(repo: TempRepo, options: LspStartOptions, body: (client: LspClient) => Promise<void>): Promise<void> {
  const client = await LspClient.start(repo, options);
  try {
    await body(client);
  } finally {
    client.dispose();
  }
}

export async function writeScratch(repo: TempRepo, name: string, content: string): Promise<void> {
  await writeFile(repo.scratchPath(name), content);
}
