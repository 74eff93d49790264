import { describe, expect, it } from 'vitest';
import { EntryTable } from '../../engine/store/entry-table.js';
import { PASSED } from '../helpers/result-cache.js';

/** A table of `count` results, row i last used by command-line run `usedRun(i)`. */
function makeTable(count: number, usedRun: (row: number) => number): EntryTable {
  const table = new EntryTable();
  for (let row = 0; row < count; row++) table.put(`file-${row}`, 'v', PASSED, 'cli', usedRun(row));
  return table;
}

describe('EntryTable', () => {
  it('keeps, past its ceiling, the rows used most recently, in their order', () => {
    const table = makeTable(10, (row) => [5, 9, 1, 8, 2, 7, 3, 6, 4, 10][row] ?? 0);
    expect(table.listKept({ cli: 10, lsp: 0 }, 4)).toEqual([1, 3, 5, 9]);
  });

  it('leaves out a row set again for the same file and version, and rows idle for 20 runs', () => {
    const table = makeTable(3, (row) => (row === 0 ? 1 : 30));
    table.put('file-1', 'v', PASSED, 'cli', 30);
    expect(table.listKept({ cli: 30, lsp: 0 }, Infinity)).toEqual([2, 3]);
    expect(table.find('file-1', 'v')).toBe(3);
    expect(table.find('file-1', 'other')).toBe(-1);
  });

  it('finds every version of a file, the newest first', () => {
    const table = new EntryTable();
    table.put('a.txt', 'v1', PASSED, 'lsp', 1);
    table.put('a.txt', 'v2', PASSED, 'lsp', 1);
    expect([table.find('a.txt', 'v1'), table.find('a.txt', 'v2'), table.findLatest('a.txt')]).toEqual([0, 1, 1]);
  });
});
