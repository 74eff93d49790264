import { KNOWN_FIELDS, type FileStamp } from '../worker/contract.js';
import type { RunKind } from './cache-data.js';
import { decodeNumbers, decodeRows, encodeNumbers, encodeRows, joinColumn, splitColumn, type RowColumns } from './cache-columns.js';
import { RowTable } from './row-table.js';

/** The file stamps as stored: the common columns, the content hashes, and KNOWN_FIELDS numbers per stamp. */
export interface StampColumns extends RowColumns {
  hashes: string;
  /** Float64: size, mtimeMs, ino, ctimeMs, hashedAt. */
  numbers: Uint8Array;
}

/** The stat cache: each file's last stamp, which spares hashing it again while its stat holds. */
export class StampTable extends RowTable {
  private readonly hashes: string[] = [];
  private readonly numbers: number[] = [];

  stampAt(row: number): FileStamp {
    const at = row * KNOWN_FIELDS;
    const number = (field: number): number => this.numbers[at + field] ?? 0;
    return { size: number(0), mtimeMs: number(1), ino: number(2), ctimeMs: number(3), hash: this.hashes[row] ?? '', hashedAt: number(4) };
  }

  /** Records a file's stamp, used by the run of `kind` numbered `run`; returns its row. */
  put(path: string, stamp: FileStamp, kind: RunKind, run: number): number {
    const row = this.appendRow(path, '', kind === 'cli' ? run : 0, kind === 'lsp' ? run : 0);
    this.hashes.push(stamp.hash);
    this.numbers.push(stamp.size, stamp.mtimeMs, stamp.ino, stamp.ctimeMs, stamp.hashedAt);
    this.pending.add(row);
    return row;
  }

  /** Copies a row of another stamp table here (a merge); returns its row. */
  copyRow(from: StampTable, row: number): number {
    const copy = this.appendRow(from.keys[row] ?? '', '', from.used.cli[row] ?? 0, from.used.lsp[row] ?? 0);
    this.hashes.push(from.hashes[row] ?? '');
    for (let field = 0; field < KNOWN_FIELDS; field++) this.numbers.push(from.numbers[row * KNOWN_FIELDS + field] ?? 0);
    return copy;
  }

  encode(rows: readonly number[]): StampColumns {
    const numbers: number[] = [];
    for (const row of rows) for (let field = 0; field < KNOWN_FIELDS; field++) numbers.push(this.numbers[row * KNOWN_FIELDS + field] ?? 0);
    return { ...encodeRows(this, rows), hashes: joinColumn(rows.map((row) => this.hashes[row] ?? '')), numbers: encodeNumbers(numbers) };
  }

  /** Appends the rows of stored columns; false (nothing appended) when they are not a valid set. */
  append(value: unknown): boolean {
    const rows = decodeRows(value);
    const raw = value as Partial<StampColumns>;
    const hashes = rows && splitColumn(raw.hashes, rows.count);
    const numbers = rows && decodeNumbers(raw.numbers, rows.count * KNOWN_FIELDS);
    if (!rows || !hashes || !numbers) return false;
    for (let index = 0; index < rows.count; index++) {
      this.appendRow(rows.keys[index] ?? '', '', rows.used.cli[index] ?? 0, rows.used.lsp[index] ?? 0);
      this.hashes.push(hashes[index] ?? '');
    }
    for (const number of numbers) this.numbers.push(number);
    return true;
  }
}
