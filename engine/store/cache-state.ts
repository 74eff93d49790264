import { randomBytes } from 'node:crypto';
import { emptyFigures, type HitFigures, type RunCounts, type RunKind } from './cache-data.js';
import { isObject } from './cache-columns.js';
import { EntryTable, type EntryColumns } from './entry-table.js';
import type { RowTable } from './row-table.js';
import { StampTable, type StampColumns } from './stamp-table.js';

/** The table of results kept for a hook as a whole, by the whole result's key. */
export const WHOLE_TABLE = '';
/** Each hook's table keeps up to this many rows per file stamp (versions of a file), and never fewer than MIN_TABLE_CEILING. */
const ROWS_PER_FILE = 4;
const MIN_TABLE_CEILING = 250_000;

/** Everything the cache holds, in memory: the base file, with the journal's frames applied. */
export interface CacheState {
  /** Names the base file: journal frames written over another base are not applied to this one. */
  id: string;
  runs: RunCounts;
  figures: HitFigures;
  stamps: StampTable;
  /** Results by hook key, decoded on first use; WHOLE_TABLE holds whole results. */
  tables: Map<string, EntryTable>;
  /** Tables of the base file not decoded yet. */
  raw: Map<string, unknown>;
}

/** The base file's layout (in the versioned envelope). */
export interface EncodedState {
  id: string;
  runs: RunCounts;
  figures: HitFigures;
  stamps: StampColumns;
  tables: [key: string, columns: EntryColumns][];
}

export function emptyState(): CacheState {
  return { id: randomBytes(9).toString('base64url'), runs: { cli: 0, lsp: 0 }, figures: emptyFigures(), stamps: new StampTable(), tables: new Map(), raw: new Map() };
}

/** A hook's table, decoded now if it was not; created when there is none. */
export function openTable(state: CacheState, key: string): EntryTable {
  const known = state.tables.get(key);
  if (known) return known;
  const table = new EntryTable();
  const raw = state.raw.get(key);
  // A table that does not decode is left empty: its results run again.
  if (raw !== undefined && table.append(raw)) table.baseCount = table.size;
  state.raw.delete(key);
  state.tables.set(key, table);
  return table;
}

/** Every table, all decoded. */
export function openAllTables(state: CacheState): Map<string, EntryTable> {
  for (const key of [...state.raw.keys()]) openTable(state, key);
  return state.tables;
}

/** A new base file of what is still in use: idle and replaced rows are left out, and every row becomes a base row. */
export function encodeState(state: CacheState): EncodedState {
  const stampRows = state.stamps.listKept(state.runs, Infinity);
  const ceiling = Math.max(MIN_TABLE_CEILING, ROWS_PER_FILE * stampRows.length);
  const tables: EncodedState['tables'] = [];
  for (const [key, table] of openAllTables(state)) {
    const rows = table.listKept(state.runs, ceiling);
    if (rows.length > 0) tables.push([key, table.encode(rows)]);
  }
  return { id: randomBytes(9).toString('base64url'), runs: state.runs, figures: state.figures, stamps: state.stamps.encode(stampRows), tables };
}

/** The state a base file holds (hook tables left undecoded); null when it is not a valid one. */
export function decodeState(value: unknown): CacheState | null {
  if (!isObject(value) || typeof value.id !== 'string' || !isObject(value.runs) || !isObject(value.figures) || !Array.isArray(value.tables)) return null;
  const stamps = new StampTable();
  if (!stamps.append(value.stamps)) return null;
  stamps.baseCount = stamps.size;
  const raw = new Map<string, unknown>();
  for (const pair of value.tables as unknown[]) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || !isObject(pair[1])) return null;
    raw.set(pair[0], pair[1]);
  }
  const count = (field: unknown): number => Number(field) || 0;
  const { runs, figures } = value;
  return {
    id: value.id,
    runs: { cli: count(runs.cli), lsp: count(runs.lsp) },
    figures: { lastHits: count(figures.lastHits), lastLookups: count(figures.lastLookups), lastRemoteHits: count(figures.lastRemoteHits), lastRemoteLookups: count(figures.lastRemoteLookups) },
    stamps,
    tables: new Map(),
    raw,
  };
}

/** A table that can take a copy of another's row. */
interface CopyableTable<T> extends RowTable {
  copyRow(from: T, row: number): number;
}

/**
 * Carries what this process set and used since its last save (uses of run `since` or later, of
 * its `kind`) from the state it had into one read anew from disk: its own values replace the
 * disk's, and a row it only used keeps the disk's value, or comes along when the disk lost it.
 */
export function carryOver(from: CacheState, to: CacheState, kind: RunKind, since: number): void {
  carryTable(from.stamps, to.stamps, kind, since);
  for (const [key, table] of from.tables) carryTable(table, openTable(to, key), kind, since);
}

function carryTable<T extends CopyableTable<T>>(from: T, to: T, kind: RunKind, since: number): void {
  for (const row of from.pending) to.pending.add(to.copyRow(from, row));
  const { base, others } = from.markUsedSince(kind, since, 0);
  for (const row of [...base, ...others]) {
    if (from.pending.has(row)) continue;
    const found = to.find(from.keys[row] ?? '', from.versions[row] ?? '');
    to.touch(found >= 0 ? found : to.copyRow(from, row), kind, from.used[kind][row] ?? 0);
  }
}
