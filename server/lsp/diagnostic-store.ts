import type { Diagnostic } from '../../protocol/diagnostic.js';
import { sortDiagnostics } from '../../engine/report/hook-report.js';

/**
 * The latest diagnostics of every hook on every file of one workspace. LSP replaces a file's
 * diagnostics as a whole, so what is published for a file is always this merged set.
 */
export class DiagnosticStore {
  /** Hook name -> diagnostics, by repository-relative file. */
  private readonly files = new Map<string, Map<string, Diagnostic[]>>();

  /**
   * Sets what one hook found on one file (nothing: an empty list). False when the file showed
   * nothing of that hook and still does: there is nothing new to publish.
   */
  set(file: string, hook: string, diagnostics: Diagnostic[]): boolean {
    let byHook = this.files.get(file);
    const had = byHook?.has(hook) === true;
    if (!byHook) {
      if (diagnostics.length === 0) return false;
      byHook = new Map();
      this.files.set(file, byHook);
    }
    if (diagnostics.length > 0) byHook.set(hook, diagnostics);
    else byHook.delete(hook);
    if (byHook.size === 0) this.files.delete(file);
    return had || diagnostics.length > 0;
  }

  /**
   * Sets everything a project-level hook found, by file. Returns the files whose set changed
   * hands: those it reports on now, and those it reported on before and no longer does.
   */
  setProject(hook: string, byFile: ReadonlyMap<string, Diagnostic[]>): string[] {
    const before = this.filesOf(hook);
    for (const file of before) if (!byFile.has(file)) this.set(file, hook, []);
    for (const [file, diagnostics] of byFile) this.set(file, hook, diagnostics);
    return [...new Set([...before, ...byFile.keys()])].sort();
  }

  /** Every hook's diagnostics on a file, in a stable order. */
  merged(file: string): Diagnostic[] {
    const byHook = this.files.get(file);
    return byHook ? sortDiagnostics([...byHook.values()].flat()) : [];
  }

  /** Forgets a file; true when it had diagnostics. */
  clearFile(file: string): boolean {
    return this.files.delete(file);
  }

  /** Forgets the hooks not in `names` (gone from the config); returns the files that changed. */
  keepHooks(names: ReadonlySet<string>): string[] {
    const changed: string[] = [];
    for (const [file, byHook] of this.files) {
      const gone = [...byHook.keys()].filter((hook) => !names.has(hook));
      if (gone.length === 0) continue;
      for (const hook of gone) byHook.delete(hook);
      if (byHook.size === 0) this.files.delete(file);
      changed.push(file);
    }
    return changed;
  }

  /** Files the hook has diagnostics on. */
  filesOf(hook: string): string[] {
    return [...this.files].filter(([, byHook]) => byHook.has(hook)).map(([file]) => file);
  }

  /** Every file with diagnostics. */
  allFiles(): string[] {
    return [...this.files.keys()];
  }
}

/** Groups diagnostics by file, keeping only files inside the repository (engine paths are relative there). */
export function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const { file } = diagnostic;
    if (file === '.' || file.startsWith('/') || file.startsWith('../')) continue;
    byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
  }
  return byFile;
}
