import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Range, TextEdit } from 'vscode-languageserver';
import { DEFAULT_LSP_SETTINGS, type ResolvedConfig } from '../../protocol/hook.js';
import type { CodeAction, CodeActionParams } from 'vscode-languageserver';
import { CheckStamps } from './check-stamps.js';
import { answerCodeActions } from './code-action-request.js';
import { DiagnosticStore } from './diagnostic-store.js';
import { OpenDocuments, type OpenDocument } from './document-state.js';
import { checkDocument, type CheckContext } from './file-runs.js';
import { HookEngine, makeWorkerPool, type MakeRunner } from './hook-engine.js';
import type { ClientPort } from './client-port.js';
import { TrustPrompt } from './trust-prompt.js';
import { ProjectRuns } from './project-runs.js';
import { Publisher } from './publisher.js';
import { isTrusted } from '../../engine/store/trust.js';
import { fromRepoRelative } from './uris.js';
import { digestCurrent, readProjectConfig } from './workspace-config.js';
import { GAUNTLET_CONFIG_FILE } from '../../engine/config/find-config.js';
import { joinErrorLines } from '../../engine/config/config-error.js';
import { runWorkspace, type WorkspaceRunResult } from './workspace-run.js';
import { formatDocument } from './formatting.js';

/**
 * One project: a workspace folder, or a folder inside one with a config of its own; its config
 * (gauntlet.yaml, else a pre-commit or lefthook config), the trust it has, the engine running it,
 * the documents open in it and the diagnostics found. Nothing runs until the config is valid and trusted.
 */
export class Workspace {
  /** The config in use, or the one looked for: the first config name found at the root. */
  configPath: string;
  readonly documents = new OpenDocuments();
  private readonly store = new DiagnosticStore();
  private readonly stamps: CheckStamps;
  private readonly publisher: Publisher;
  private readonly projects: ProjectRuns;
  private engine: HookEngine | null = null;
  /** The trusted digest of the config in use, and the scripts it covers (see engine/store/trust.ts). */
  private active: { digest: string; scripts: string[] } | null = null;
  /** A valid config waiting for trust. */
  private untrusted: { config: ResolvedConfig; digest: string } | null = null;
  private lastError: string | null = null;
  private readonly trustPrompt: TrustPrompt;
  private reloading: Promise<void> = Promise.resolve();
  private readonly workspaceRuns = new Set<AbortController>();
  private readonly openChecks = new Set<OpenDocument>();
  private closed = false;

  /** `owns`: whether a file here is this project's, not that of a project inside it. */
  constructor(
    readonly root: string,
    private readonly client: ClientPort,
    private readonly owns: (file: string) => boolean = () => true,
    private readonly makeRunner: MakeRunner = makeWorkerPool,
  ) {
    this.configPath = path.join(root, GAUNTLET_CONFIG_FILE);
    this.trustPrompt = new TrustPrompt(root, client, () => this.reload(), (message) => this.log(message));
    this.stamps = new CheckStamps(root);
    this.publisher = new Publisher({ root, send: client.publish, findOpen: (file) => this.documents.find(file) });
    this.projects = new ProjectRuns({
      root,
      engine: () => this.engine,
      store: this.store,
      publish: (file) => this.publishFile(file),
      debounceMs: () => this.engine?.config.lsp?.debounceMs ?? DEFAULT_LSP_SETTINGS.debounceMs,
      log: (message) => this.log(message),
    });
  }

  /** Reads gauntlet.yaml (again) and starts, switches or stops the engine; calls run one after another. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.applyConfig()).catch((error: unknown) => this.log(`reloading the config failed: ${String(error)}`));
    return this.reloading;
  }

  didOpen(uri: string, file: string, version: number, text: string): void {
    const document = this.documents.open(uri, file, version, text);
    this.verifyTrust();
    this.whenLoaded(() => {
      if (this.engine) this.checkOpened(document);
      else this.recheckTrust();
    });
  }

  didChange(uri: string, version: number, text: string): void {
    const current = this.documents.get(uri);
    if (!current || current.version === version) return;
    const document = this.documents.change(uri, version, text);
    if (!document) return;
    const epoch = document.epoch;
    this.whenLoaded(() => {
      const engine = this.engine;
      if (document.epoch !== epoch || !engine || engine.stdinHooks(document.file).length === 0) return;
      document.debounce = setTimeout(() => {
        document.debounce = null;
        // A script edited outside the editor (a git pull) asks again before it runs on unsaved text too.
        this.verifyTrust();
        this.whenLoaded(() => {
          if (this.engine === engine && document.epoch === epoch) void checkDocument(this.checkContext(engine), document, 'change');
        });
      }, engine.config.lsp?.debounceMs ?? DEFAULT_LSP_SETTINGS.debounceMs);
    });
  }

  didSave(uri: string, absolutePath: string, text: string | null): void {
    if (absolutePath === this.configPath) void this.reload();
    else this.verifyTrust();
    const document = this.documents.save(uri, text);
    if (!document) return;
    const epoch = document.epoch;
    this.whenLoaded(() => {
      if (document.epoch !== epoch || document.closed) return;
      if (!this.engine) return this.recheckTrust();
      void checkDocument(this.checkContext(this.engine), document, 'save');
      this.projects.saved(document.file);
    });
  }

  didClose(uri: string): void {
    const document = this.documents.close(uri);
    if (!document) return;
    this.store.clearFile(document.file);
    this.stamps.forget(document.file);
    this.publisher.clear(document.file, uri);
  }

  /** `textDocument/codeAction`: the fixes computed for the document's current text (see code-action-request.ts). */
  codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    return answerCodeActions(params, this.documents.get(params.textDocument.uri), this.stamps);
  }

  /** `gauntlet.runWorkspace`: every hook on every file; null when nothing may run here. */
  async runAll(signal: AbortSignal): Promise<WorkspaceRunResult | null> {
    this.verifyTrust();
    await this.reloading;
    const engine = this.engine;
    if (!engine) return null;
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.workspaceRuns.add(controller);
    try {
      const context = { root: this.root, owns: this.owns, engine, store: this.store, documents: this.documents, publish: (file: string) => this.publishFile(file), log: (message: string) => this.log(message) };
      return await runWorkspace(context, controller.signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.workspaceRuns.delete(controller);
    }
  }

  /** `textDocument/formatting` (range null) and `rangeFormatting` of an open document; null when nothing may run here. */
  async format(uri: string, range: Range | null, signal: AbortSignal): Promise<TextEdit[] | null> {
    this.verifyTrust();
    await this.reloading;
    const document = this.documents.get(uri);
    if (!this.engine || !document) return null;
    return formatDocument({ engine: this.engine, showMessage: this.client.showMessage, log: (message) => this.log(message) }, document, range, signal);
  }

  /** The engine of the trusted config in use, if any: commands read its stores and config. */
  get running(): HookEngine | null {
    return this.engine;
  }

  /** Cancels everything and stops the engine: every running hook's process group is killed. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop(false);
  }

  private async applyConfig(): Promise<void> {
    if (this.closed) return;
    const { configPath, read } = await readProjectConfig(this.root);
    if (configPath !== this.configPath) {
      // Another file is the config now: the old one's hooks stop, and the new one is trusted on its own.
      this.log(`the config is now ${configPath}`);
      this.configPath = configPath;
      this.untrusted = null;
      await this.stop(true);
    }
    if (read.kind === 'missing') {
      this.lastError = null;
      this.untrusted = null;
      this.log(`no ${GAUNTLET_CONFIG_FILE} (nor .pre-commit-config.yaml, lefthook.yml) in ${this.root}: nothing to run there`);
      return this.stop(true);
    }
    for (const warning of read.warnings ?? []) this.log(`warning: ${warning}`);
    if (read.kind === 'invalid') {
      // The last good config stays in use; the error is shown once per distinct message.
      if (read.message !== this.lastError) this.client.showMessage('error', `gauntlet: ${joinErrorLines(read.message)}`);
      this.lastError = read.message;
      return;
    }
    this.lastError = null;
    if (read.digest === this.active?.digest) return;
    if (await isTrusted(this.root, this.configPath, read.digest)) return this.activate(read.config, { digest: read.digest, scripts: read.scripts });
    await this.stop(true);
    this.untrusted = { config: read.config, digest: read.digest };
    this.offerTrust(read.digest);
  }

  private activate(config: ResolvedConfig, active: { digest: string; scripts: string[] }): void {
    this.untrusted = null;
    this.active = active;
    this.cancelRuns();
    if (this.engine) this.engine.setConfig(config);
    else this.engine = new HookEngine(this.root, config, this.client.progress, (message) => this.log(message), this.makeRunner);
    const names = new Set(this.engine.runnableHooks().map((hook) => hook.name));
    for (const file of this.store.keepHooks(names)) this.publishFile(file);
    for (const document of this.documents.all()) this.checkOpened(document);
  }

  /**
   * Checks a document as opened: every matching hook when its text is the file's, else (the
   * editor restored unsaved edits) only the stdin hooks, on its text. Once per document at a time.
   */
  private checkOpened(document: OpenDocument): void {
    if (this.openChecks.has(document)) return;
    this.openChecks.add(document);
    const { epoch, text } = document;
    void readFile(fromRepoRelative(this.root, document.file), 'utf8')
      .catch(() => null)
      .then((onDisk) => {
        // An edit or save meanwhile set off its own check; a run already going is this one's.
        if (!this.engine || document.closed || document.epoch !== epoch || document.runs.size > 0) return;
        document.dirty = onDisk !== text;
        void checkDocument(this.checkContext(this.engine), document, document.dirty ? 'change' : 'open');
      })
      .finally(() => this.openChecks.delete(document));
  }

  private async stop(clearDiagnostics: boolean): Promise<void> {
    this.cancelRuns();
    const engine = this.engine;
    this.engine = null;
    this.active = null;
    if (clearDiagnostics) for (const file of this.store.keepHooks(new Set())) this.publishFile(file);
    await engine?.close();
  }

  private cancelRuns(): void {
    this.documents.cancelAll();
    this.projects.cancelAll();
    for (const controller of this.workspaceRuns) controller.abort();
  }

  private offerTrust(digest: string): void {
    this.trustPrompt.offer(this.configPath, digest, () => !this.closed && this.untrusted?.digest === digest);
  }

  /** Picks up a trust granted meanwhile (by `gauntlet trust` in a terminal). */
  private recheckTrust(): void {
    const waiting = this.untrusted;
    if (!waiting) return;
    void isTrusted(this.root, this.configPath, waiting.digest).then((trusted) => {
      if (trusted && this.untrusted === waiting) void this.reload();
    });
  }

  /**
   * Before what an open, a save or a workspace run sets off: reads the config again when it or a
   * script it runs changed since it was trusted (edited outside the editor, pulled), so a
   * changed script never runs on the old trust.
   */
  private verifyTrust(): void {
    this.reloading = this.reloading
      .then(async () => {
        const active = this.active;
        if (this.closed || !active) return;
        if ((await digestCurrent(this.configPath, this.root, active.scripts)) !== active.digest) await this.applyConfig();
      })
      .catch((error: unknown) => this.log(`checking the trust failed: ${String(error)}`));
  }

  /** Runs `action` once the config being read (if any) is in effect, so no event acts on a stale config. */
  private whenLoaded(action: () => void | Promise<void>): void {
    void this.reloading.then(action).catch((error: unknown) => this.log(`internal error: ${String(error)}`));
  }

  private checkContext(engine: HookEngine): CheckContext {
    return { engine, store: this.store, publish: (file) => this.publishFile(file), onChecked: (...checked) => this.stamps.record(...checked) };
  }

  /** Clears what was found on files now of a project inside this one (its config was just created). */
  dropForeign(): void {
    for (const file of this.store.allFiles()) {
      if (this.owns(file) || !this.store.clearFile(file)) continue;
      this.publisher.publish(file, []);
    }
  }

  private publishFile(file: string): void {
    if (this.owns(file)) this.publisher.publish(file, this.store.merged(file));
  }

  private log(message: string): void {
    this.client.log(`[${this.root}] ${message}`);
  }
}
