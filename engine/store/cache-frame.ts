import type { HitFigures, RunKind } from './cache-data.js';
import { isObject } from './cache-columns.js';
import { openTable, type CacheState } from './cache-state.js';
import type { EntryColumns } from './entry-table.js';
import type { RowTable } from './row-table.js';
import type { StampColumns } from './stamp-table.js';

/** A set of base rows as a list of uint32 when few, else a bitmap. */
type RowSet = { list: Uint8Array } | { bits: Uint8Array };

/** What one table gained in one save: rows set or used that are not base rows, and the base rows used. */
interface FrameTable<Columns> {
  rows: Columns;
  used: RowSet;
}

/**
 * What one save adds to the base file, as a journal frame: the run that saved, what it set, and
 * what it used. Rows are replayed in order, a later one replacing an earlier of the same key and version.
 */
export interface CacheFrame {
  base: string;
  kind: RunKind;
  run: number;
  figures: HitFigures | null;
  stamps: FrameTable<StampColumns>;
  tables: [key: string, table: FrameTable<EntryColumns>][];
}

/**
 * The frame of what this process set and used since `since` (its last save's run + 1), saved as
 * run `run` of `kind`: the rows it used are marked with `run`, and its own rows are no longer pending.
 */
export function collectFrame(state: CacheState, kind: RunKind, run: number, since: number, figures: HitFigures | null): CacheFrame {
  const collect = <Columns>(table: RowTable, encode: (rows: number[]) => Columns): FrameTable<Columns> & { count: number } => {
    const { base, others } = table.markUsedSince(kind, since, run);
    const rows = table.pending.size === 0 ? others : [...new Set([...table.pending, ...others])].sort((a, b) => a - b);
    table.pending = new Set();
    return { rows: encode(rows), used: encodeRowSet(base, table.baseCount), count: rows.length + base.length };
  };
  const stamps = collect(state.stamps, (rows) => state.stamps.encode(rows));
  const tables: CacheFrame['tables'] = [];
  for (const [key, table] of state.tables) {
    const { count, ...frameTable } = collect(table, (rows) => table.encode(rows));
    if (count > 0) tables.push([key, frameTable]);
  }
  return { base: state.id, kind, run, figures, stamps: { rows: stamps.rows, used: stamps.used }, tables };
}

/** Applies a frame read from the journal; false when it is not a valid frame of this base. */
export function applyFrame(state: CacheState, value: unknown): boolean {
  if (!isObject(value) || value.base !== state.id || (value.kind !== 'cli' && value.kind !== 'lsp') || typeof value.run !== 'number' || !Array.isArray(value.tables)) return false;
  const { kind, run } = value;
  const applyTable = (table: RowTable & { append(value: unknown): boolean }, frameTable: unknown): boolean => {
    if (!isObject(frameTable) || !table.append(frameTable.rows)) return false;
    return forEachRow(frameTable.used, table.baseCount, (row) => table.touch(row, kind, run));
  };
  if (!applyTable(state.stamps, value.stamps)) return false;
  for (const pair of value.tables as unknown[]) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || !applyTable(openTable(state, pair[0]), pair[1])) return false;
  }
  state.runs[kind] = Math.max(state.runs[kind], run);
  if (isObject(value.figures)) state.figures = value.figures as unknown as HitFigures;
  return true;
}

function encodeRowSet(rows: readonly number[], baseCount: number): RowSet {
  if (rows.length * 32 < baseCount) {
    const list = new Uint8Array(rows.length * 4);
    const view = new DataView(list.buffer);
    rows.forEach((row, index) => view.setUint32(index * 4, row, true));
    return { list };
  }
  const bits = new Uint8Array(Math.ceil(baseCount / 8));
  for (const row of rows) bits[row >> 3] = (bits[row >> 3] ?? 0) | (1 << (row & 7));
  return { bits };
}

/** Calls `use` with each row of a stored row set; false when it is not one, or names a row past `baseCount`. */
function forEachRow(value: unknown, baseCount: number, use: (row: number) => void): boolean {
  if (!isObject(value)) return false;
  if (value.list instanceof Uint8Array) {
    if (value.list.byteLength % 4 !== 0) return false;
    const view = new DataView(value.list.buffer, value.list.byteOffset, value.list.byteLength);
    for (let at = 0; at < view.byteLength; at += 4) {
      const row = view.getUint32(at, true);
      if (row >= baseCount) return false;
      use(row);
    }
    return true;
  }
  if (!(value.bits instanceof Uint8Array) || value.bits.length !== Math.ceil(baseCount / 8)) return false;
  for (let row = 0; row < baseCount; row++) if (((value.bits[row >> 3] ?? 0) >> (row & 7)) & 1) use(row);
  return true;
}
