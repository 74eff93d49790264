import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { OpenDocument } from './document-state.js';
import { fromRepoRelative } from './uris.js';

/** What one hook checked of an open document: the editor's version, the exact text, and what it found there. */
interface CheckStamp {
  version: number;
  /** The text the hook saw; null when it cannot be known any more (the document changed while it was read from disk). */
  text: Promise<string | null>;
  diagnostics: readonly Diagnostic[];
}

/**
 * Which version and text of each open document each hook's diagnostics were computed for, so that
 * a fix (placed by offsets and lines of that text) is offered only while the buffer is still that text.
 */
export class CheckStamps {
  /** By repository-relative file, then hook. */
  private readonly files = new Map<string, Map<string, CheckStamp>>();

  constructor(private readonly root: string) {}

  /**
   * Records a hook's result on a document at `version`: `text` is what a stdin hook was given;
   * null for a run on the file on disk, which is read now, while the document's epoch says
   * nothing was saved or edited since the run (any edit or save cancels the run and drops its result).
   */
  record(document: OpenDocument, hook: string, version: number, diagnostics: readonly Diagnostic[], text: string | null): void {
    let byHook = this.files.get(document.file);
    // Without a fix there is nothing to offer, and no text to read.
    if (!diagnostics.some((diagnostic) => (diagnostic.fixes?.length ?? 0) > 0)) {
      byHook?.delete(hook);
      return;
    }
    if (!byHook) {
      byHook = new Map();
      this.files.set(document.file, byHook);
    }
    byHook.set(hook, { version, text: text !== null ? Promise.resolve(text) : this.readChecked(document), diagnostics });
  }

  /** The file's text on disk as the check saw it; null once the document changed since the check. */
  private readChecked(document: OpenDocument): Promise<string | null> {
    const epoch = document.epoch;
    return readFile(fromRepoRelative(this.root, document.file), 'utf8').then(
      (onDisk) => (document.epoch === epoch ? onDisk : null),
      () => null,
    );
  }

  /** Forgets a document (closed). */
  forget(file: string): void {
    this.files.delete(file);
  }

  /**
   * The diagnostics, by hook, that were computed for exactly the document's current version and
   * text (as given: a snapshot, since the document may change meanwhile); a hook whose check is of
   * an older version (the editor has moved past it) is left out.
   */
  async fresh(document: { file: string; version: number; text: string }): Promise<Map<string, readonly Diagnostic[]>> {
    const fresh = new Map<string, readonly Diagnostic[]>();
    for (const [hook, stamp] of this.files.get(document.file) ?? []) {
      if (stamp.version !== document.version) continue;
      if ((await stamp.text) === document.text) fresh.set(hook, stamp.diagnostics);
    }
    return fresh;
  }
}
