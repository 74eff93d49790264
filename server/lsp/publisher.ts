import { readFile } from 'node:fs/promises';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { splitLines, toLspDiagnostic } from './ranges.js';
import { fromRepoRelative, pathToUri } from './uris.js';

/** An open document as the publisher needs it: where to send, which version, the text ranges are measured in. */
export interface OpenText {
  uri: string;
  version: number;
  text: string;
}

export interface PublisherOptions {
  root: string;
  send: (params: PublishDiagnosticsParams) => void;
  /** The editor's document for a repository-relative file, when it is open. */
  findOpen: (file: string) => OpenText | null;
}

/**
 * Sends a file's diagnostics to the editor. For an open document, ranges are measured in its
 * text and the publish carries its version; for a file not open, in the file on disk, read
 * asynchronously; a later publish for the same file always wins over an earlier one still reading.
 */
export class Publisher {
  private readonly sequence = new Map<string, number>();

  constructor(private readonly options: PublisherOptions) {}

  publish(file: string, diagnostics: readonly Diagnostic[]): void {
    const turn = this.nextTurn(file);
    const open = this.options.findOpen(file);
    if (open) {
      const lines = splitLines(open.text);
      this.options.send({ uri: open.uri, version: open.version, diagnostics: diagnostics.map((d) => toLspDiagnostic(d, lines)) });
      return;
    }
    const absolute = fromRepoRelative(this.options.root, file);
    const uri = pathToUri(absolute);
    if (diagnostics.length === 0) {
      this.options.send({ uri, diagnostics: [] });
      return;
    }
    void readFile(absolute, 'utf8').then(splitLines, () => null).then((lines) => {
      if (this.sequence.get(file) !== turn) return;
      this.options.send({ uri, diagnostics: diagnostics.map((d) => toLspDiagnostic(d, lines)) });
    });
  }

  /** Empties a document's diagnostics in the editor (it was closed). */
  clear(file: string, uri: string): void {
    this.nextTurn(file);
    this.options.send({ uri, diagnostics: [] });
  }

  private nextTurn(file: string): number {
    const turn = (this.sequence.get(file) ?? 0) + 1;
    this.sequence.set(file, turn);
    return turn;
  }
}
