/** A run of a sequence diff: items kept, items of the old sequence removed, or items of the new one added. */
export interface DiffRun {
  kind: 'equal' | 'removed' | 'added';
  count: number;
}

/**
 * Myers' O(ND) diff of two sequences of strings (compared with ===), common ends trimmed first;
 * null when they differ by more than `maxEdits` insertions and deletions. Written here rather
 * than taken from jsdiff: jsdiff's diffArrays takes ~120 ms on a 500-line file prettier rewrites
 * throughout, this ~1 ms, and an editor waits on it (see test/bench/format.mjs).
 */
export function diffSequences(a: readonly string[], b: readonly string[], maxEdits: number): DiffRun[] | null {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const middle = diffMiddle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), maxEdits);
  if (middle === null) return null;
  return mergeRuns([{ kind: 'equal', count: head }, ...middle, { kind: 'equal', count: tail }]);
}

function diffMiddle(a: readonly string[], b: readonly string[], maxEdits: number): DiffRun[] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [{ kind: 'removed', count: n }, { kind: 'added', count: m }];
  // trace[d][k + d]: the furthest x reached on diagonal k (= x - y) with d edits.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(maxEdits, n + m); d++) {
    const previous = trace[d - 1];
    const row = new Int32Array(2 * d + 1);
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (previous === undefined) x = 0;
      else if (k === -d || (k !== d && (previous[k - 1 + d - 1] ?? 0) < (previous[k + 1 + d - 1] ?? 0))) x = previous[k + 1 + d - 1] ?? 0;
      else x = (previous[k - 1 + d - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      row[k + d] = x;
      if (x >= n && y >= m) {
        trace.push(row);
        return walkBack(trace, n, m);
      }
    }
    trace.push(row);
  }
  return null;
}

/** The runs of the path found, from its end at (n, m) back to (0, 0). */
function walkBack(trace: readonly Int32Array[], n: number, m: number): DiffRun[] {
  const runs: DiffRun[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1] ?? new Int32Array(0);
    const k = x - y;
    const down = k === -d || (k !== d && (previous[k - 1 + d - 1] ?? 0) < (previous[k + 1 + d - 1] ?? 0));
    const previousK = down ? k + 1 : k - 1;
    const previousX = previous[previousK + d - 1] ?? 0;
    const startX = down ? previousX : previousX + 1;
    runs.push({ kind: 'equal', count: x - startX }, { kind: down ? 'added' : 'removed', count: 1 });
    x = previousX;
    y = previousX - previousK;
  }
  runs.push({ kind: 'equal', count: x });
  return runs.reverse();
}

/** Drops empty runs and joins neighbours of one kind. */
function mergeRuns(runs: readonly DiffRun[]): DiffRun[] {
  const merged: DiffRun[] = [];
  for (const run of runs) {
    if (run.count === 0) continue;
    const last = merged.at(-1);
    if (last?.kind === run.kind) last.count += run.count;
    else merged.push({ ...run });
  }
  return merged;
}
