import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/**
 * Starts `gauntlet lsp` for the workspace. The server publishes each hook's diagnostics as it
 * finishes and registers its own commands (gauntlet.runWorkspace, gauntlet.clearCache); this
 * extension only adds a command that shows the profile the server returns as text.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
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
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/gauntlet.yaml') },
  };
  const started = new LanguageClient('gauntlet', 'gauntlet', serverOptions, clientOptions);
  client = started;
  context.subscriptions.push(
    vscode.commands.registerCommand('gauntlet.profile', async () => {
      const text: unknown = await started.sendRequest(ExecuteCommandRequest.type, { command: 'gauntlet.showProfile', arguments: [] });
      const document = await vscode.workspace.openTextDocument({ content: typeof text === 'string' ? text : JSON.stringify(text, null, 2) });
      await vscode.window.showTextDocument(document);
    }),
  );
  await started.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
