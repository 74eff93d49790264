/** What the server tracks of one document the editor has open. */
export interface OpenDocument {
  uri: string;
  /** Repository-relative path, as the engine names files. */
  file: string;
  /** The version of the latest text the editor sent. */
  version: number;
  text: string;
  /** Bumped by every edit and save: a result computed before a bump may not describe the file any more. */
  epoch: number;
  /** Unsaved edits since the last save (or open). */
  dirty: boolean;
  closed: boolean;
  /** Runs checking this document; aborting one kills its hooks' process groups. */
  readonly runs: Set<AbortController>;
  /** The debounced check of unsaved text, when one is pending. */
  debounce: NodeJS.Timeout | null;
}

/** The open documents of one workspace, by URI and by repository-relative path. */
export class OpenDocuments {
  private readonly byUri = new Map<string, OpenDocument>();
  private readonly byFile = new Map<string, OpenDocument>();

  open(uri: string, file: string, version: number, text: string): OpenDocument {
    this.close(uri);
    const document: OpenDocument = { uri, file, version, text, epoch: 0, dirty: false, closed: false, runs: new Set(), debounce: null };
    this.byUri.set(uri, document);
    this.byFile.set(file, document);
    return document;
  }

  /** Records an edit: runs of older versions are cancelled, their results will be dropped. */
  change(uri: string, version: number, text: string): OpenDocument | null {
    const document = this.byUri.get(uri);
    if (!document) return null;
    cancelRuns(document);
    document.version = version;
    document.text = text;
    document.epoch += 1;
    document.dirty = true;
    return document;
  }

  /** Records a save: what is on disk is now this version's text. */
  save(uri: string, text: string | null): OpenDocument | null {
    const document = this.byUri.get(uri);
    if (!document) return null;
    cancelRuns(document);
    if (text !== null) document.text = text;
    document.epoch += 1;
    document.dirty = false;
    return document;
  }

  close(uri: string): OpenDocument | null {
    const document = this.byUri.get(uri);
    if (!document) return null;
    cancelRuns(document);
    document.closed = true;
    this.byUri.delete(uri);
    if (this.byFile.get(document.file) === document) this.byFile.delete(document.file);
    return document;
  }

  get(uri: string): OpenDocument | null {
    return this.byUri.get(uri) ?? null;
  }

  find(file: string): OpenDocument | null {
    return this.byFile.get(file) ?? null;
  }

  all(): OpenDocument[] {
    return [...this.byUri.values()];
  }

  /** Cancels every run of every document (config change, shutdown). */
  cancelAll(): void {
    for (const document of this.byUri.values()) cancelRuns(document);
  }
}

/** Aborts a document's runs and its pending debounced check. */
export function cancelRuns(document: OpenDocument): void {
  for (const controller of document.runs) controller.abort();
  document.runs.clear();
  if (document.debounce) clearTimeout(document.debounce);
  document.debounce = null;
}
