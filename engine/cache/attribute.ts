import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { JobResult } from '../worker/contract.js';
import type { CacheEntry, CachedDiagnostic } from '../store/cache-data.js';

export function packDiagnostic(d: Diagnostic): CachedDiagnostic {
  if (d.url === undefined && d.fixes === undefined) return [d.file, d.line, d.column, d.endLine, d.endColumn, d.severity, d.code, d.message];
  return [d.file, d.line, d.column, d.endLine, d.endColumn, d.severity, d.code, d.message, d.url ?? null, d.fixes ?? null];
}

export function unpackDiagnostics(hook: string, cached: readonly CachedDiagnostic[]): Diagnostic[] {
  return cached.map(([file, line, column, endLine, endColumn, severity, code, message, url, fixes]) => {
    const diagnostic: Diagnostic = { hook, file, line, column, endLine, endColumn, severity, code, message };
    if (fixes !== undefined && fixes !== null) diagnostic.fixes = fixes;
    if (url !== undefined && url !== null) diagnostic.url = url;
    return diagnostic;
  });
}

/**
 * What a batch's result says about each of its files, or null when it says
 * nothing reliable. A passed batch vouches for every file. A failed batch does
 * only when its failure is attributable: the parser put diagnostics on files of
 * the batch; a file without any then passed. Nothing is cached from a batch
 * that timed out, errored or was cancelled, nor from one that reported on files
 * outside the batch (a replay would lose those).
 *
 * Output cut at the cap lost lines about unknown files, so only verdicts it cannot
 * change are kept: with `exitDecides` (the exit code alone judged the batch, no
 * fail_on_diagnostics) a passed batch still passed every file; in a failed batch a
 * file with a finding still failed, while one without may have lost its findings.
 * A file's diagnostics are those a run shows: the ones in the kept output.
 */
export function attributeBatch(result: JobResult, files: readonly string[], exitDecides = true): Map<string, CacheEntry> | null {
  if (result.status !== 'passed' && result.status !== 'failed') return null;
  if (result.truncated && !exitDecides) return null;
  const byFile = new Map<string, CachedDiagnostic[]>(files.map((file) => [file, []]));
  for (const diagnostic of result.diagnostics) {
    const list = byFile.get(diagnostic.file);
    if (!list) return null;
    list.push(packDiagnostic(diagnostic));
  }
  if (result.status === 'failed' && result.diagnostics.length === 0) return null;
  const entries = new Map<string, CacheEntry>();
  for (const [file, diagnostics] of byFile) {
    const ok = result.status === 'passed' || diagnostics.length === 0;
    if (ok && result.truncated && result.status === 'failed') continue; // its findings may be in the lost lines
    entries.set(file, { ok, diagnostics });
  }
  return entries;
}

/** A project-level hook's whole result, when it is a verdict (passed or failed, output complete). */
export function attributeProject(result: JobResult): CacheEntry | null {
  if (result.truncated || (result.status !== 'passed' && result.status !== 'failed')) return null;
  return { ok: result.status === 'passed', diagnostics: result.diagnostics.map(packDiagnostic) };
}
