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
 * that timed out, errored, was cancelled or had its output truncated, nor from
 * one that reported on files outside the batch (a replay would lose those).
 */
export function attributeBatch(result: JobResult, files: readonly string[]): Map<string, CacheEntry> | null {
  if (result.truncated || (result.status !== 'passed' && result.status !== 'failed')) return null;
  const byFile = new Map<string, CachedDiagnostic[]>(files.map((file) => [file, []]));
  for (const diagnostic of result.diagnostics) {
    const list = byFile.get(diagnostic.file);
    if (!list) return null;
    list.push(packDiagnostic(diagnostic));
  }
  if (result.status === 'failed' && result.diagnostics.length === 0) return null;
  const entries = new Map<string, CacheEntry>();
  for (const [file, diagnostics] of byFile) {
    entries.set(file, { ok: result.status === 'passed' || diagnostics.length === 0, diagnostics });
  }
  return entries;
}

/** A project-level hook's whole result, when it is a verdict (passed or failed, output complete). */
export function attributeProject(result: JobResult): CacheEntry | null {
  if (result.truncated || (result.status !== 'passed' && result.status !== 'failed')) return null;
  return { ok: result.status === 'passed', diagnostics: result.diagnostics.map(packDiagnostic) };
}
