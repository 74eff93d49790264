import { summarizeProfile, type HookProfile } from '../../engine/store/profiles.js';
import { maxOf } from '../../engine/arrays.js';
import { formatDuration } from './render-text.js';

/** One hook's measurements, as `gauntlet profile --format json` prints them and the profile tables show them. */
export interface ProfileRow {
  name: string;
  runs: number;
  mean_ms: number | null;
  median_ms: number | null;
  p95_ms: number | null;
  /** Null when the hook was never measured. */
  failure_rate: number | null;
}

/** Columns a table adds after the measured ones: their headers, and each row's cells. */
export interface ExtraColumns<R> {
  headers: readonly string[];
  cells: (row: R) => string[];
}

const MEASURED_HEADERS = ['hook', 'runs', 'mean', 'median', 'p95', 'failures'];

/** The row of a hook from its profile (none: never measured). */
export function summarizeProfileRow(name: string, profile: HookProfile | undefined): ProfileRow {
  const summary = profile ? summarizeProfile(profile) : null;
  return {
    name,
    runs: summary?.runs ?? 0,
    mean_ms: summary?.meanMs ?? null,
    median_ms: summary?.medianMs ?? null,
    p95_ms: summary?.p95Ms ?? null,
    failure_rate: summary?.failureRate ?? null,
  };
}

/** The lines of the profile table: the hook's name left-aligned, every other column right-aligned, two spaces apart. */
export function renderProfileTable<R extends ProfileRow>(rows: readonly R[], extra?: ExtraColumns<R>): string[] {
  const table = [
    [...MEASURED_HEADERS, ...(extra?.headers ?? [])],
    ...rows.map((row) => [
      row.name,
      String(row.runs),
      formatMs(row.mean_ms),
      formatMs(row.median_ms),
      formatMs(row.p95_ms),
      row.failure_rate === null ? '-' : `${Math.round(row.failure_rate * 100)}%`,
      ...(extra?.cells(row) ?? []),
    ]),
  ];
  const widths = (table[0] ?? []).map((_, column) => maxOf(table.map((line) => (line[column] ?? '').length)));
  return table.map((line) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
}

/** A measured time, rounded to the millisecond; `-` when none. */
export function formatMs(ms: number | null): string {
  return ms === null ? '-' : formatDuration(Math.round(ms));
}
