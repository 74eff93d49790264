import { format } from 'node:util';
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  ShowMessageRequest,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES } from '../../engine/config/find-config.js';
import { CODE_ACTION_KINDS } from './code-actions.js';
import { COMMAND_IDS, executeCommand } from './commands.js';
import { killChildProcessGroups } from './orphans.js';
import { FramedMessageReader } from './message-reader.js';
import { ParentWatch } from './parent-watch.js';
import { RunProgress } from './progress.js';
import { uriToPath } from './uris.js';
import type { Workspace } from './workspace.js';
import type { ClientPort } from './client-port.js';
import { Workspaces } from './workspaces.js';
import { onStopSignal } from '../stop-signals.js';

const TRUST_ACTION = 'Trust';
const MESSAGE_TYPES = { error: MessageType.Error, warning: MessageType.Warning, info: MessageType.Info } as const;

/**
 * `gauntlet lsp`: LSP over stdin/stdout. This file only wires the connection to the
 * workspaces; what happens on each event lives in workspace.ts and the files it uses.
 */
export function startLanguageServer(options: { version: string }): void {
  const reader = new FramedMessageReader(process.stdin);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  routeConsoleToClient(connection);
  const documents = new TextDocuments(TextDocument);
  let capabilities: ClientCapabilities = {};
  let workspaces: Workspaces | null = null;
  let roots: string[] = [];
  const progress = new RunProgress(() => {
    if (capabilities.window?.workDoneProgress !== true) return null;
    return connection.window.createWorkDoneProgress().then((reporter) => ({
      begin: (title: string, message: string) => reporter.begin(title, undefined, message),
      report: (message: string) => reporter.report(message),
      done: () => reporter.done(),
    }));
  });

  // Whatever ends the process (exit without shutdown, stdin closed, a crash), no hook survives it.
  process.on('exit', () => killChildProcessGroups());
  let shutdownReceived = false;
  let stopping = false;
  const stop = (code: number, why: string | null): void => {
    if (stopping) return;
    stopping = true;
    if (why !== null) process.stderr.write(`gauntlet lsp: ${why}; stopping every hook and exiting\n`);
    parent.stop();
    progress.close();
    void (workspaces?.closeAll() ?? Promise.resolve()).finally(() => process.exit(code));
  };
  const parent = new ParentWatch((why) => stop(1, why));
  onStopSignal(() => {
    // A second signal ends the server at once; the exit handler still kills the hooks' groups.
    onStopSignal(() => process.exit(1));
    stop(0, null);
  });
  // No answer can follow a broken frame: the editor restarts a server that exits.
  reader.onError((error) => stop(1, `framing error on stdin: ${error.message}`));
  reader.onClose(() => stop(shutdownReceived ? 0 : 1, null));
  // A bug in one run must not take the editor's diagnostics down with the server.
  process.on('unhandledRejection', (reason) => connection.console.error(`gauntlet: internal error: ${String(reason)}`));

  const locate = (uri: string): ReturnType<Workspaces['locate']> => {
    const absolute = uriToPath(uri);
    return absolute === null ? null : (workspaces?.locate(absolute) ?? null);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    parent.watchClient(params.processId);
    capabilities = params.capabilities;
    roots = readRoots(params);
    workspaces = new Workspaces(makeClientPort(connection, capabilities, progress));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        executeCommandProvider: { commands: COMMAND_IDS },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'gauntlet', version: options.version },
    };
  });

  connection.onInitialized(() => {
    for (const root of roots) workspaces?.add(root);
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: CONFIG_FILE_NAMES.map((name) => ({ globPattern: `**/${name}` })) });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const folder of event.removed) {
          const root = uriToPath(folder.uri);
          if (root !== null) void workspaces?.remove(root);
        }
        for (const folder of event.added) {
          const root = uriToPath(folder.uri);
          const added = root === null ? undefined : workspaces?.add(root);
          // Documents already open there now belong to it.
          for (const document of documents.all()) {
            const found = locate(document.uri);
            if (added && found?.workspace === added) added.didOpen(document.uri, found.file, document.version, document.getText());
          }
        }
      });
    }
  });

  documents.onDidOpen(({ document }) => {
    const found = locate(document.uri);
    found?.workspace.didOpen(document.uri, found.file, document.version, document.getText());
  });
  documents.onDidChangeContent(({ document }) => {
    locate(document.uri)?.workspace.didChange(document.uri, document.version, document.getText());
  });
  documents.onDidSave(({ document }) => {
    const absolute = uriToPath(document.uri);
    if (absolute !== null) workspaces?.noticeChange(absolute);
    const found = locate(document.uri);
    if (absolute !== null) found?.workspace.didSave(document.uri, absolute, document.getText());
  });
  documents.onDidClose(({ document }) => locate(document.uri)?.workspace.didClose(document.uri));

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const absolute = uriToPath(change.uri);
      if (absolute !== null) workspaces?.noticeChange(absolute);
    }
  });

  connection.onCodeAction((params) => locate(params.textDocument.uri)?.workspace.codeActions(params) ?? []);

  // Requests without a handler; before initialize, every request gets ServerNotInitialized.
  connection.onRequest((method) => (workspaces === null ? notInitialized() : new ResponseError(ErrorCodes.MethodNotFound, `gauntlet lsp: no handler for ${method}`)));
  connection.onExecuteCommand(async (params, token) => {
    if (workspaces === null) return notInitialized();
    const targets = selectWorkspaces(workspaces, params.arguments?.[0], locate);
    try {
      return await executeCommand(params.command, targets, toAbortSignal(token));
    } catch (error) {
      return new ResponseError(ErrorCodes.InvalidParams, error instanceof Error ? error.message : String(error));
    }
  });

  // Cancelling the request kills the formatter's process group.
  connection.onDocumentFormatting(({ textDocument }, token) => locate(textDocument.uri)?.workspace.format(textDocument.uri, null, toAbortSignal(token)) ?? null);
  connection.onDocumentRangeFormatting(({ textDocument, range }, token) => locate(textDocument.uri)?.workspace.format(textDocument.uri, range, toAbortSignal(token)) ?? null);

  // Shutdown ends every hook (TERM, then KILL) before answering; exit then finds nothing to kill.
  connection.onShutdown(async () => {
    shutdownReceived = true;
    progress.close();
    await workspaces?.closeAll();
  });
  connection.onExit(() => {
    killChildProcessGroups();
  });

  documents.listen(connection);
  connection.listen();
}

function notInitialized(): ResponseError<void> {
  return new ResponseError(ErrorCodes.ServerNotInitialized, 'gauntlet lsp: the server is not initialized (send initialize first)');
}

function makeClientPort(connection: Connection, capabilities: ClientCapabilities, progress: RunProgress): ClientPort {
  const canAsk = capabilities.window?.showMessage !== undefined;
  return {
    publish: (params) => void connection.sendDiagnostics(params),
    showMessage: (type, message) => void connection.sendNotification(ShowMessageNotification.type, { type: MESSAGE_TYPES[type], message }),
    askTrust: canAsk
      ? async (message) => {
          const chosen = await connection.sendRequest(ShowMessageRequest.type, { type: MessageType.Warning, message, actions: [{ title: TRUST_ACTION }] });
          return chosen?.title === TRUST_ACTION;
        }
      : null,
    log: (message) => connection.console.log(message),
    progress,
  };
}

/** The workspace folders, else the root URI (or the deprecated root path). */
function readRoots(params: InitializeParams): string[] {
  const folders = (params.workspaceFolders ?? []).map((folder) => uriToPath(folder.uri)).filter((root) => root !== null);
  if (folders.length > 0) return folders;
  const root = params.rootUri ? uriToPath(params.rootUri) : (params.rootPath ?? null);
  return root ? [root] : [];
}

/** Every workspace, or the one a command's first argument (a file or folder URI) names. */
function selectWorkspaces(workspaces: Workspaces | null, argument: unknown, locate: (uri: string) => { workspace: Workspace } | null): Workspace[] {
  if (!workspaces) return [];
  if (typeof argument === 'string') {
    const named = workspaces.all().find((workspace) => uriToPath(argument) === workspace.root) ?? locate(argument)?.workspace;
    if (named) return [named];
  }
  return workspaces.all();
}

function toAbortSignal(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

/** stdout carries the protocol: anything logged goes to the client's log instead. */
function routeConsoleToClient(connection: Connection): void {
  console.log = (...args: unknown[]) => connection.console.log(format(...args));
  console.info = (...args: unknown[]) => connection.console.info(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  console.debug = (...args: unknown[]) => connection.console.log(format(...args));
}
