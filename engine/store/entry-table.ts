import type { CacheEntry, CachedDiagnostic, RunKind } from './cache-data.js';
import { decodeRows, encodeRows, type RowColumns } from './cache-columns.js';
import { RowTable } from './row-table.js';

/** A hook's results as stored: the common columns, whether each passed, and the diagnostics of those that have any. */
export interface EntryColumns extends RowColumns {
  /** One byte per row: 1 passed, 0 failed. */
  ok: Uint8Array;
  /** Only rows with diagnostics: [row, diagnostics]. */
  diagnostics: [row: number, diagnostics: CachedDiagnostic[]][];
}

// Most results have no diagnostics: one shared value each, not an object per hit.
const PASSED: CacheEntry = Object.freeze({ ok: true, diagnostics: Object.freeze([]) as unknown as CachedDiagnostic[] });
const FAILED: CacheEntry = Object.freeze({ ok: false, diagnostics: Object.freeze([]) as unknown as CachedDiagnostic[] });

/**
 * One hook's results (one table per hook key): keyed by the file's path, versioned by its content
 * hash and the digest of its folders' config files; or, in the table of whole results, keyed by
 * the whole result's key.
 */
export class EntryTable extends RowTable {
  private readonly ok: number[] = [];
  private readonly diagnostics = new Map<number, CachedDiagnostic[]>();

  entryAt(row: number): CacheEntry {
    const diagnostics = this.diagnostics.get(row);
    if (diagnostics) return { ok: this.ok[row] === 1, diagnostics };
    return this.ok[row] === 1 ? PASSED : FAILED;
  }

  /** Sets a result, used by the run of `kind` numbered `run`; returns its row. */
  put(key: string, version: string, entry: CacheEntry, kind: RunKind, run: number): number {
    const row = this.appendRow(key, version, kind === 'cli' ? run : 0, kind === 'lsp' ? run : 0);
    this.ok.push(entry.ok ? 1 : 0);
    if (entry.diagnostics.length > 0) this.diagnostics.set(row, entry.diagnostics);
    this.pending.add(row);
    return row;
  }

  /** Copies a row of another table of the same hook here (a merge); returns its row. */
  copyRow(from: EntryTable, row: number): number {
    const copy = this.appendRow(from.keys[row] ?? '', from.versions[row] ?? '', from.used.cli[row] ?? 0, from.used.lsp[row] ?? 0);
    this.ok.push(from.ok[row] ?? 0);
    const diagnostics = from.diagnostics.get(row);
    if (diagnostics) this.diagnostics.set(copy, diagnostics);
    return copy;
  }

  encode(rows: readonly number[]): EntryColumns {
    const diagnostics: EntryColumns['diagnostics'] = [];
    rows.forEach((row, index) => {
      const found = this.diagnostics.get(row);
      if (found) diagnostics.push([index, found]);
    });
    return { ...encodeRows(this, rows), ok: Uint8Array.from(rows, (row) => this.ok[row] ?? 0), diagnostics };
  }

  /** Appends the rows of stored columns; false (nothing appended) when they are not a valid set. */
  append(value: unknown): boolean {
    const rows = decodeRows(value);
    const raw = value as Partial<EntryColumns>;
    if (!rows || !(raw.ok instanceof Uint8Array) || raw.ok.length !== rows.count || !Array.isArray(raw.diagnostics)) return false;
    const found = new Map<number, CachedDiagnostic[]>();
    for (const pair of raw.diagnostics as unknown[]) {
      const [index, diagnostics] = Array.isArray(pair) ? (pair as unknown[]) : [];
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= rows.count || !Array.isArray(diagnostics)) return false;
      found.set(index, diagnostics as CachedDiagnostic[]);
    }
    const first = this.size;
    for (let index = 0; index < rows.count; index++) {
      this.appendRow(rows.keys[index] ?? '', rows.versions?.[index] ?? '', rows.used.cli[index] ?? 0, rows.used.lsp[index] ?? 0);
      this.ok.push(raw.ok[index] === 1 ? 1 : 0);
    }
    for (const [index, diagnostics] of found) this.diagnostics.set(first + index, diagnostics);
    return true;
  }
}
