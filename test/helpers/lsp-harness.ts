import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CodeAction, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver';
import { RunProgress } from '../../server/lsp/progress.js';
import type { Workspace } from '../../server/lsp/workspace.js';
import type { ClientPort } from '../../server/lsp/client-port.js';
import { Workspaces } from '../../server/lsp/workspaces.js';
import { readWorkspaceConfig } from '../../server/lsp/workspace-config.js';
import { trustConfig } from '../../engine/store/trust.js';
import { pathToUri } from '../../server/lsp/uris.js';
import { afterEach } from 'vitest';
import { FakeRunner, type FakeScript } from './fake-runner.js';

const WAIT_MS = 5_000;

export interface HarnessOptions {
  /** gauntlet.yaml, as an object. */
  config: object;
  /** Files of the repository, by repository-relative path. */
  files?: Record<string, string>;
  script: FakeScript;
  /** Trust the config before the server starts (default true). */
  trusted?: boolean;
  /** What the user answers when asked to trust; null: the client cannot ask. */
  answerTrust?: boolean | null;
}

/**
 * The language server's workspace logic in this thread: a fake client port records what would
 * go to the editor, a fake runner answers the hooks' jobs. The repository is a real git
 * repository in a temp folder; nothing else is spawned.
 */
export class LspHarness {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: { type: string; message: string }[] = [];
  readonly logs: string[] = [];
  readonly trustAsked: string[] = [];
  readonly runner: FakeRunner;
  readonly workspaces: Workspaces;
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly root: string,
    private readonly xdg: string,
    options: HarnessOptions,
  ) {
    this.runner = new FakeRunner(options.script);
    const answer = options.answerTrust ?? false;
    const client: ClientPort = {
      publish: (params) => this.published.push(params),
      showMessage: (type, message) => this.messages.push({ type, message }),
      askTrust:
        options.answerTrust === null
          ? null
          : (message) => {
              this.trustAsked.push(message);
              return Promise.resolve(answer);
            },
      log: (message) => this.logs.push(message),
      progress: new RunProgress(() => null),
    };
    this.workspaces = new Workspaces(client, () => this.runner);
  }

  static async start(options: HarnessOptions): Promise<LspHarness> {
    const root = mkdtempSync(path.join(tmpdir(), 'gauntlet-harness-'));
    const xdg = mkdtempSync(path.join(tmpdir(), 'gauntlet-harness-xdg-'));
    // Trust and the state files' secret live in the user's data home: this harness's own.
    process.env.XDG_DATA_HOME = xdg;
    execFileSync('git', ['init', '-q', root]);
    const harness = new LspHarness(root, xdg, options);
    for (const [file, text] of Object.entries(options.files ?? {})) harness.write(file, text);
    harness.write('gauntlet.yaml', JSON.stringify(options.config));
    if (options.trusted !== false) await harness.trust();
    harness.workspaces.add(root);
    return harness;
  }

  get workspace(): Workspace {
    const [workspace] = this.workspaces.all();
    if (!workspace) throw new Error('no workspace');
    return workspace;
  }

  write(file: string, text: string): void {
    const absolute = path.join(this.root, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
  }

  /** Trusts the config as it is now (as `gauntlet trust` does). */
  async trust(): Promise<void> {
    const configPath = path.join(this.root, 'gauntlet.yaml');
    const read = await readWorkspaceConfig(configPath, this.root);
    if (read.kind !== 'valid') throw new Error(`config not valid: ${JSON.stringify(read)}`);
    await trustConfig(this.root, configPath, read.digest);
  }

  uri(file: string): string {
    return pathToUri(path.join(this.root, file));
  }

  /** Opens a file with its text on disk (written first when `text` is given). */
  open(file: string, text?: string): void {
    if (text !== undefined) this.write(file, text);
    this.versions.set(file, 1);
    const { workspace, file: relative } = this.located(file);
    workspace.didOpen(this.uri(file), relative, 1, text ?? readFileSync(path.join(this.root, file), 'utf8'));
  }

  /** An edit in the editor: a new version of the buffer, not saved. */
  change(file: string, text: string): number {
    const version = (this.versions.get(file) ?? 0) + 1;
    this.versions.set(file, version);
    this.located(file).workspace.didChange(this.uri(file), version, text);
    return version;
  }

  /** Writes the text to disk and saves it, as an editor does. */
  save(file: string, text: string): void {
    this.change(file, text);
    this.write(file, text);
    this.located(file).workspace.didSave(this.uri(file), path.join(this.root, file), text);
  }

  close(file: string): void {
    this.located(file).workspace.didClose(this.uri(file));
  }

  /** The code actions offered for every diagnostic last published on a file. */
  codeActions(file: string, only?: string[]): Promise<CodeAction[]> {
    const diagnostics = this.publishesFor(file).at(-1)?.diagnostics ?? [];
    const whole = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };
    return this.located(file).workspace.codeActions({ textDocument: { uri: this.uri(file) }, range: whole, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  /** `textDocument/formatting` of an open file. */
  format(file: string): Promise<TextEdit[] | null> {
    return this.located(file).workspace.format(this.uri(file), null, AbortSignal.timeout(WAIT_MS));
  }

  publishesFor(file: string): PublishDiagnosticsParams[] {
    const uri = this.uri(file);
    return this.published.filter((params) => params.uri === uri);
  }

  /** The messages of the latest diagnostics published for a file, by hook. */
  latest(file: string): string[] {
    return (this.publishesFor(file).at(-1)?.diagnostics ?? []).map((diagnostic) => `${String(diagnostic.source)}: ${typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value}`);
  }

  async waitFor(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; published: ${JSON.stringify(this.published)}; logs: ${this.logs.join(' | ')}`);
      await sleep(2);
    }
  }

  async dispose(): Promise<void> {
    await this.workspaces.closeAll();
    rmSync(this.root, { recursive: true, force: true });
    rmSync(this.xdg, { recursive: true, force: true });
  }

  private located(file: string): { workspace: Workspace; file: string } {
    const found = this.workspaces.locate(path.join(this.root, file));
    if (!found) throw new Error(`${file} is in no workspace`);
    return found;
  }
}

/** A starter of harnesses for the calling test file; each is disposed of after its test. */
export function useHarnesses(): (options: HarnessOptions) => Promise<LspHarness> {
  const started: LspHarness[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((harness) => harness.dispose()));
  });
  return async (options) => {
    const harness = await LspHarness.start(options);
    started.push(harness);
    return harness;
  };
}
