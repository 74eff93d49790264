import { MAX_IDLE_RUNS, RUN_KINDS, type RunCounts, type RunKind } from './cache-data.js';

/** Marks that a row is replaced by a later row with the same key and version. */
const DEAD = 1;

/**
 * Rows of one table of the result cache (a hook's results, or the file stamps), held by column:
 * a load appends columns and builds no object per row; the index by key is built on the first
 * lookup. A row is found by key (a file's path) and version (what else its value rests on);
 * setting a key and version again appends a row that replaces the older one. Rows are never
 * removed in memory: one that went idle stops being found, and a compaction leaves it out.
 */
export abstract class RowTable {
  readonly keys: string[] = [];
  readonly versions: string[] = [];
  /** Per kind of run, the saving run that last used each row (0: never). */
  readonly used: Record<RunKind, number[]> = { cli: [], lsp: [] };
  private readonly dead: number[] = [];
  /** Per row, the previous row of the same key (-1: none), once the index is built. */
  private readonly previous: number[] = [];
  /** The newest row of each key; null until a lookup needs it. */
  private index: Map<string, number> | null = null;
  /** Rows read from the base file: journal frames mark their use by position. */
  baseCount = 0;
  /** Rows this process set since its last save: its own values, which a merge keeps over another's. */
  pending = new Set<number>();

  get size(): number {
    return this.keys.length;
  }

  /** The row of this key and version, whether or not it is fresh; -1 when none. */
  find(key: string, version: string): number {
    const index = this.index ?? this.buildIndex();
    for (let row = index.get(key) ?? -1; row >= 0; row = this.previous[row] ?? -1) if (this.versions[row] === version) return row;
    return -1;
  }

  /** The newest row of this key, whatever its version; -1 when none. */
  findLatest(key: string): number {
    return (this.index ?? this.buildIndex()).get(key) ?? -1;
  }

  /** The row is still in use by some kind of run: used within its last MAX_IDLE_RUNS saving runs. */
  isFresh(row: number, runs: RunCounts): boolean {
    if (this.dead[row] === DEAD) return false;
    for (const kind of RUN_KINDS) {
      const used = this.used[kind][row] ?? 0;
      if (used > 0 && used > runs[kind] - MAX_IDLE_RUNS) return true;
    }
    return false;
  }

  isDead(row: number): boolean {
    return this.dead[row] === DEAD;
  }

  /** A run of `kind` numbered `run` used the row. */
  touch(row: number, kind: RunKind, run: number): void {
    const used = this.used[kind];
    if ((used[row] ?? 0) < run) used[row] = run;
  }

  /** Appends a row, replacing an older row of the same key and version; returns its position. */
  protected appendRow(key: string, version: string, usedCli: number, usedLsp: number): number {
    const row = this.keys.length;
    this.keys.push(key);
    this.versions.push(version);
    this.used.cli.push(usedCli);
    this.used.lsp.push(usedLsp);
    this.dead.push(0);
    if (this.index) this.link(this.index, row);
    return row;
  }

  /**
   * Rows used by a run of `kind` numbered `since` or later, which are marked as used by run `run`:
   * base rows, and other rows, apart.
   */
  markUsedSince(kind: RunKind, since: number, run: number): { base: number[]; others: number[] } {
    if (!this.index) this.buildIndex();
    const used = this.used[kind];
    const base: number[] = [];
    const others: number[] = [];
    for (let row = 0; row < used.length; row++) {
      if ((used[row] ?? 0) < since || this.dead[row] === DEAD) continue;
      used[row] = Math.max(used[row] ?? 0, run);
      (row < this.baseCount ? base : others).push(row);
    }
    return { base, others };
  }

  /** Rows a compaction keeps: fresh, not replaced; the least recently used first dropped past `ceiling`. */
  listKept(runs: RunCounts, ceiling: number): number[] {
    if (!this.index) this.buildIndex();
    const kept: number[] = [];
    for (let row = 0; row < this.keys.length; row++) if (this.isFresh(row, runs)) kept.push(row);
    if (kept.length <= ceiling) return kept;
    const idle = (row: number): number => Math.min(...RUN_KINDS.map((kind) => ((this.used[kind][row] ?? 0) > 0 ? runs[kind] - (this.used[kind][row] ?? 0) : Infinity)));
    return kept.sort((a, b) => idle(a) - idle(b)).slice(0, ceiling).sort((a, b) => a - b);
  }

  private buildIndex(): Map<string, number> {
    const index = new Map<string, number>();
    this.previous.length = 0;
    for (let row = 0; row < this.keys.length; row++) this.link(index, row);
    this.index = index;
    return index;
  }

  private link(index: Map<string, number>, row: number): void {
    const key = this.keys[row] ?? '';
    const newest = index.get(key) ?? -1;
    this.previous[row] = newest;
    index.set(key, row);
    const version = this.versions[row];
    for (let older = newest; older >= 0; older = this.previous[older] ?? -1) {
      if (this.versions[older] === version) {
        this.dead[older] = DEAD;
        return;
      }
    }
  }
}
