import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiagnosticReport } from '../../protocol/report.js';
import { readReportLines } from '../../server/cli/read-report-lines.js';
import { makeDiagnosticReport } from '../helpers/report-fixtures.js';
import { useTempRoot } from '../helpers/temp-root.js';

const tempRoot = useTempRoot('gauntlet-report-lines-');

function at(file: string, line: number): DiagnosticReport {
  return makeDiagnosticReport('lint', file, { code: null, message: 'm' }, { line });
}

describe('the lines read for fingerprints', () => {
  it('are the flagged lines of regular files in the repository, and empty for anything else', async () => {
    const root = tempRoot();
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, 'src/a.py'), 'first\r\n  second\nthird');
    writeFileSync(path.join(root, 'outside.py'), 'secret\n');
    symlinkSync(path.join(root, 'src/a.py'), path.join(root, 'link.py'));
    // A FIFO must not block the read.
    execFileSync('mkfifo', [path.join(root, 'fifo.py')]);
    const cases: Array<[DiagnosticReport, string]> = [
      [at('src/a.py', 1), 'first\r'],
      [at('src/a.py', 2), '  second'],
      [at('src/a.py', 3), 'third'],
      [at('src/a.py', 4), ''],
      [at('src/a.py', 0), ''],
      [at('missing.py', 1), ''],
      [at('link.py', 1), ''],
      [at('src/../outside.py', 1), ''],
      [at(path.join(root, 'outside.py'), 1), ''],
      [at('fifo.py', 1), ''],
    ];
    const lineOf = await readReportLines(root, cases.map(([diagnostic]) => diagnostic));
    expect(cases.map(([diagnostic]) => lineOf(diagnostic.file, diagnostic.line))).toEqual(cases.map(([, text]) => text));
  });
});
