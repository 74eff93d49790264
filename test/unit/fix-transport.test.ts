import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { runReportSchema } from '../../protocol/report-schema.js';
import { packDiagnostic, unpackDiagnostics } from '../../engine/cache/attribute.js';
import { decodeBlob, encodeBlob } from '../../engine/remote/remote-entry.js';
import { buildRunReport } from '../../engine/report/run-report.js';
import { buildSarifLog } from '../../engine/report/sarif-report.js';
import { ResultCache } from '../../engine/store/result-cache.js';
import { loadCache } from '../helpers/result-cache.js';
import { describeSarifErrors } from '../helpers/sarif-schema.js';
import { useTempRoot } from '../helpers/temp-root.js';

const root = useTempRoot('gauntlet-fix-transport-');

/** A diagnostic with both kinds of edit place, a suggestion and a rule page. */
const FIXED: Diagnostic = {
  hook: 'lint',
  file: 'src/a.js',
  line: 2,
  column: 1,
  endLine: 2,
  endColumn: 15,
  severity: 'warning',
  code: 'no-var',
  message: 'Unexpected var',
  fixes: [
    { description: 'Fix this no-var problem', safe: true, edits: [{ start: 18, end: 21, text: 'let' }] },
    { description: 'Remove the line', safe: false, edits: [{ start: { line: 2, column: 1 }, end: { line: 2, column: null }, text: '' }] },
  ],
  url: 'https://eslint.org/docs/latest/rules/no-var',
};
const PLAIN: Diagnostic = { ...FIXED, code: 'x', fixes: undefined, url: undefined };
delete PLAIN.fixes;
delete PLAIN.url;

describe('fixes and rule pages on their way from the worker to the editor', () => {
  it('survive the local result cache, written to disk and read back', async () => {
    const cache = await loadCache(root());
    cache.set('key', { ok: false, diagnostics: [packDiagnostic(FIXED), packDiagnostic(PLAIN)] });
    await cache.save(root());
    const { cache: reread } = await ResultCache.load(root());
    expect(unpackDiagnostics('lint', reread.get('key')?.diagnostics ?? [])).toEqual([FIXED, PLAIN]);
  });

  it('keep a diagnostic without them the 8-field tuple it always was', () => {
    expect(packDiagnostic(PLAIN)).toHaveLength(8);
  });

  it('survive a remote cache blob', () => {
    const blob = { key: 'k', results: new Map([['s', { ok: false, diagnostics: [packDiagnostic(FIXED)] }]]) };
    expect(unpackDiagnostics('lint', decodeBlob(encodeBlob(blob))?.results.get('s')?.diagnostics ?? [])).toEqual([FIXED]);
  });

  const packr = new Packr({ useRecords: false, mapsAsObjects: true });
  const base = packDiagnostic(PLAIN).slice(0, 8);
  const edit = { start: 0, end: 1, text: 'x' };
  it.each<[string, unknown, unknown]>([
    ['a url that is not a web address', 'javascript:alert(1)', null],
    ['fixes that are not a list', null, { description: 'd', safe: true, edits: [edit] }],
    ['an empty list of fixes', null, []],
    ['a fix with an extra field', null, [{ description: 'd', safe: true, edits: [edit], run: 'rm -rf /' }]],
    ['a fix without edits', null, [{ description: 'd', safe: true, edits: [] }]],
    ['safe as a string', null, [{ description: 'd', safe: 'yes', edits: [edit] }]],
    ['a negative offset', null, [{ description: 'd', safe: true, edits: [{ ...edit, start: -1 }] }]],
    ['a line place at line 0', null, [{ description: 'd', safe: true, edits: [{ ...edit, start: { line: 0, column: 1 } }] }]],
    ['a line place with a string column', null, [{ description: 'd', safe: true, edits: [{ ...edit, end: { line: 1, column: '2' } }] }]],
    ['an edit without text', null, [{ description: 'd', safe: true, edits: [{ start: 0, end: 1 }] }]],
  ])('make a remote blob with %s unusable', (_what, url, fixes) => {
    expect(decodeBlob(packr.pack(['gauntlet-remote/1', 'k', [['s', false, [[...base, url, fixes]]]]]))).toBeNull();
  });

  const report = buildRunReport({
    root: '/repo',
    wallMs: 1,
    maxWorkers: 1,
    hooks: [{ name: 'lint', status: 'failed', start_ms: 0, end_ms: 1, duration_ms: 1, exit_code: 1, files: 1, files_cached: 0, files_run: 1, files_cached_remote: 0, cached: false, modified_files: [], batches: 1, diagnostics: 2, output: '', reason: 'exit code 1' }],
    diagnostics: [FIXED, PLAIN],
  });

  it('are in the JSON report, and read back by the report schema (report merge)', () => {
    const [fixed, plain] = report.diagnostics;
    expect(fixed).toMatchObject({ url: FIXED.url, fixes: FIXED.fixes });
    expect(plain && ('fixes' in plain || 'url' in plain)).toBe(false);
    expect(runReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('are in the SARIF report as fixes and the rule\'s helpUri, valid against the schema', () => {
    const log = buildSarifLog(report);
    expect(describeSarifErrors(log)).toBe('');
    const [run] = log.runs;
    expect(run?.tool.driver.rules[0]?.helpUri).toBe(FIXED.url);
    expect(run?.results[0]?.fixes).toEqual([
      { description: { text: 'Fix this no-var problem' }, artifactChanges: [{ artifactLocation: { uri: 'src/a.js', uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: { charOffset: 18, charLength: 3 }, insertedContent: { text: 'let' } }] }] },
      { description: { text: 'Remove the line' }, artifactChanges: [{ artifactLocation: { uri: 'src/a.js', uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: { startLine: 2, startColumn: 1, endLine: 2 }, insertedContent: { text: '' } }] }] },
    ]);
    expect(run?.results[1]?.fixes).toBeUndefined();
  });
});
