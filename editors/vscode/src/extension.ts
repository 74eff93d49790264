import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** The config names the server reads (gauntlet.yaml, else pre-commit's, else lefthook's): their changes reach it. */
const CONFIG_GLOB = '**/{gauntlet.yaml,.pre-commit-config.yaml,.pre-commit-config.yml,lefthook.yml,.lefthook.yml,lefthook.yaml,.lefthook.yaml}';

let client: LanguageClient | undefined;
/** Restarts run one after another: a second settings change waits for the first restart. */
let restarting: Promise<void> = Promise.resolve();

/**
 * Starts `gauntlet lsp` for the workspace. The server publishes each hook's diagnostics as it
 * finishes and registers its own commands (gauntlet.runWorkspace, gauntlet.clearCache); this
 * extension adds a command that shows the profile the server returns as text, and restarts
 * the server when its settings change.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const watcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
  context.subscriptions.push(
    watcher,
    vscode.commands.registerCommand('gauntlet.profile', async () => {
      if (!client) return;
      const text: unknown = await client.sendRequest(ExecuteCommandRequest.type, { command: 'gauntlet.showProfile', arguments: [] });
      const document = await vscode.workspace.openTextDocument({ content: typeof text === 'string' ? text : JSON.stringify(text, null, 2) });
      await vscode.window.showTextDocument(document);
    }),
    // gauntlet.path and gauntlet.args are how the server is started: a change starts it again, no reload needed.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('gauntlet')) void restart(watcher);
    }),
  );
  await restart(watcher);
}

export async function deactivate(): Promise<void> {
  await restarting;
  await client?.stop();
  client = undefined;
}

function restart(watcher: vscode.FileSystemWatcher): Promise<void> {
  restarting = restarting
    .then(async () => {
      const previous = client;
      client = undefined;
      await previous?.stop();
      const started = createClient(watcher);
      client = started;
      await started.start();
    })
    .catch((error: unknown) => {
      void vscode.window.showErrorMessage(`gauntlet: the language server did not start: ${error instanceof Error ? error.message : String(error)} (check the gauntlet.path and gauntlet.args settings)`);
    });
  return restarting;
}

function createClient(watcher: vscode.FileSystemWatcher): LanguageClient {
  const settings = vscode.workspace.getConfiguration('gauntlet');
  const serverOptions: ServerOptions = {
    command: settings.get<string>('path', 'gauntlet'),
    // The client appends --stdio, which gauntlet accepts.
    args: [...settings.get<string[]>('args', []), 'lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    // Every file: gauntlet's config decides which hooks check which files.
    documentSelector: [{ scheme: 'file' }],
    synchronize: { fileEvents: watcher },
  };
  return new LanguageClient('gauntlet', 'gauntlet', serverOptions, clientOptions);
}
