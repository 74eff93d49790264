import { describe, expect, it } from 'vitest';
import type { Fix } from '../../protocol/diagnostic.js';
import type { JsonFixMapping, JsonMapping } from '../../protocol/parser.js';
import { loadConfig } from '../../engine/config/load-config.js';
import { parseJsonMapping } from '../../engine/parse/json-mapping.js';
import { parseSarif } from '../../engine/parse/sarif.js';
import { applyEdits, placeFix } from '../../server/lsp/fix-edits.js';
import { useConfigFiles } from '../helpers/config-files.js';

const CONTEXT = { hook: 'lint', root: '/repo' };
const SOURCE = 'var a = 1;\nif (a == 2) {}\n';
const files = useConfigFiles();

function applyFix(fix: Fix | undefined, text: string): string | null {
  const placed = fix === undefined ? null : placeFix(fix, text);
  return placed === null ? null : applyEdits(text, placed);
}

/** A SARIF log of one result on src/a.js with the given fixes, its rule documented at a helpUri. */
function sarifWithFixes(fixes: unknown[]): string {
  const rule = { id: 'no-var', helpUri: 'https://example.com/rules/no-var' };
  const result = {
    ruleId: 'no-var',
    ruleIndex: 0,
    message: { text: 'Unexpected var' },
    locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a.js' }, region: { startLine: 1, startColumn: 1, endColumn: 11 } } }],
    fixes,
  };
  return JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 't', rules: [rule] } }, results: [result] }] });
}

function replacement(deletedRegion: Record<string, number>, text: string, uri = 'src/a.js'): unknown {
  return { artifactLocation: { uri }, replacements: [{ deletedRegion, insertedContent: { text } }] };
}

describe('SARIF fixes', () => {
  it.each([
    ['characters (charOffset, charLength)', { charOffset: 0, charLength: 3 }, 'let a = 1;'],
    ['lines and columns', { startLine: 1, startColumn: 1, endLine: 1, endColumn: 4 }, 'let a = 1;'],
    ['a start line only: the whole line', { startLine: 1 }, 'let'],
    ['an insertion (charLength 0)', { charOffset: 0 }, 'letvar a = 1;'],
  ])('reads a replacement given by %s', (_how, deletedRegion, firstLine) => {
    const [diagnostic] = parseSarif(sarifWithFixes([{ description: { text: 'Use let' }, artifactChanges: [replacement(deletedRegion, 'let')] }]), CONTEXT);
    expect(diagnostic?.fixes?.[0]).toMatchObject({ description: 'Use let', safe: true });
    expect(applyFix(diagnostic?.fixes?.[0], SOURCE)?.split('\n')[0]).toBe(firstLine);
    expect(diagnostic?.url).toBe('https://example.com/rules/no-var');
  });

  it('leaves out a fix that also changes another file, keeping the others', () => {
    const elsewhere = { artifactChanges: [replacement({ charOffset: 0, charLength: 3 }, 'let'), replacement({ charOffset: 0 }, 'x', 'src/b.js')] };
    const own = { artifactChanges: [replacement({ charOffset: 0, charLength: 3 }, 'const')] };
    const [diagnostic] = parseSarif(sarifWithFixes([elsewhere, own]), CONTEXT);
    expect(diagnostic?.fixes).toEqual([{ description: 'Fix this no-var problem', safe: true, edits: [{ start: 0, end: 3, text: 'const' }] }]);
  });

  it('has no fixes when a replacement has no region', () => {
    const [diagnostic] = parseSarif(sarifWithFixes([{ artifactChanges: [{ artifactLocation: { uri: 'src/a.js' }, replacements: [{ insertedContent: { text: 'x' } }] }] }]), CONTEXT);
    expect(diagnostic?.fixes).toBeUndefined();
  });
});

function mapping(fix: JsonFixMapping): JsonMapping {
  return { root: null, lines: false, file: 'file', line: 'line', column: null, endLine: null, endColumn: null, severity: null, code: 'rule', message: 'text', lineBase: 1, columnBase: 1, fix };
}

const NO_PLACES = { start: null, end: null, line: null, column: null, endLine: null, endColumn: null, description: null };

describe('a JSON mapping with fix:', () => {
  it.each([
    [
      'offsets, one edit as a record (ESLint-like)',
      { ...NO_PLACES, edits: 'fix', text: 'text', start: 'range.0', end: 'range.1' },
      { fix: { range: [0, 3], text: 'let' } },
      'let a = 1;',
      'Fix this no-var problem',
    ],
    [
      'lines and columns, a list of edits (Ruff-like), with a description',
      { ...NO_PLACES, edits: 'fix.edits', text: 'content', line: 'location.row', column: 'location.column', endLine: 'end.row', endColumn: 'end.column', description: 'fix.message' },
      { fix: { message: 'Use let', edits: [{ content: 'let', location: { row: 1, column: 1 }, end: { row: 1, column: 4 } }] } },
      'let a = 1;',
      'Use let',
    ],
    [
      'lines without columns: from the start of a line to the end of the end line',
      { ...NO_PLACES, edits: 'edit', text: 'new', line: 'from', endLine: 'to' },
      { edit: { new: '// gone', from: 1, to: 1 } },
      '// gone',
      'Fix this no-var problem',
    ],
  ])('reads %s', (_shape, fix, extra, firstLine, description) => {
    const record = { file: 'a.js', line: 1, rule: 'no-var', text: 'Unexpected var', ...extra };
    const [diagnostic] = parseJsonMapping(mapping(fix), JSON.stringify([record]), CONTEXT);
    expect(diagnostic?.fixes?.[0]?.safe).toBe(true);
    expect(diagnostic?.fixes?.[0]?.description).toBe(description);
    expect(applyFix(diagnostic?.fixes?.[0], SOURCE)?.split('\n')[0]).toBe(firstLine);
  });

  it('numbers 0-based lines and columns from the mapping\'s bases', () => {
    const fix = { ...NO_PLACES, edits: 'fix', text: 'text', line: 'l', column: 'c', endLine: 'l', endColumn: 'e' };
    const record = { file: 'a.js', line: 0, rule: 'x', text: 'm', fix: { text: 'let', l: 0, c: 0, e: 3 } };
    const [diagnostic] = parseJsonMapping({ ...mapping(fix), lineBase: 0, columnBase: 0 }, JSON.stringify([record]), CONTEXT);
    expect(diagnostic?.fixes?.[0]?.edits).toEqual([{ start: { line: 1, column: 1 }, end: { line: 1, column: 4 }, text: 'let' }]);
  });

  it('reads no fix where the record has none or an edit lacks its text', () => {
    const fix = { ...NO_PLACES, edits: 'fix', text: 'text', start: 'range.0', end: 'range.1' };
    const records = [
      { file: 'a.js', line: 1, text: 'no fix' },
      { file: 'a.js', line: 1, text: 'no text', fix: { range: [0, 3] } },
    ];
    expect(parseJsonMapping(mapping(fix), JSON.stringify(records), CONTEXT).map((d) => d.fixes)).toEqual([undefined, undefined]);
  });

  it('is read from gauntlet.yaml', async () => {
    const path = await files.writeConfig('hooks:', '  - name: lint', '    command: lint', '    parser:', '      json: { file: f, line: l, message: m, fix: { edits: fix, text: text, start: range.0, end: range.1 } }');
    const parser = (await loadConfig(path)).hooks[0]?.parser;
    expect(parser?.type === 'json' ? parser.mapping.fix : null).toEqual({ ...NO_PLACES, edits: 'fix', text: 'text', start: 'range.0', end: 'range.1' });
  });

  it.each([
    ['both offsets and lines', '{ edits: fix, text: t, start: s, end: e, line: l, end_line: l }'],
    ['a start without an end', '{ edits: fix, text: t, start: s }'],
    ['no place at all', '{ edits: fix, text: t }'],
  ])('is refused with %s, naming the field', async (_what, fix) => {
    const message = await files.loadFailure('hooks:', '  - name: lint', '    command: lint', `    parser: { json: { file: f, line: l, message: m, fix: ${fix} } }`);
    expect(message).toContain('hooks[0].parser.json.fix: expected either start and end (character offsets) or line and end_line');
  });
});
