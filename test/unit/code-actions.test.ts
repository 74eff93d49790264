import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodeActionParams, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Fix } from '../../protocol/diagnostic.js';
import { CheckStamps } from '../../server/lsp/check-stamps.js';
import { answerCodeActions } from '../../server/lsp/code-action-request.js';
import { describeFixKey, isKindWanted, selectFixAll, selectQuickFixes } from '../../server/lsp/code-actions.js';
import { OpenDocuments } from '../../server/lsp/document-state.js';
import { applyEdits } from '../../server/lsp/fix-edits.js';
import { toLspDiagnostic } from '../../server/lsp/ranges.js';
import { useTempRoot } from '../helpers/temp-root.js';

const TEXT = 'var a = 1;\nvar b = 2;\n';

function fix(start: number, end: number, text: string, safe = true): Fix {
  return { description: `replace ${start}-${end}`, safe, edits: [{ start, end, text }] };
}

function diagnostic(hook: string, line: number, fixes: Fix[]): Diagnostic {
  return { hook, file: 'a.js', line, column: 1, endLine: null, endColumn: null, severity: 'warning', code: 'r', message: `finding ${line}`, fixes };
}

/** The text a choice of fixes makes of TEXT. */
function fixAllText(fresh: Map<string, Diagnostic[]>): string | null {
  const choice = selectFixAll(fresh, TEXT);
  return choice === null ? null : applyEdits(TEXT, choice.fixes.flatMap((placed) => placed.edits));
}

describe('choosing fixes', () => {
  it.each<[string, Map<string, Diagnostic[]>, string | null]>([
    ['applies every safe fix of one hook', new Map([['lint', [diagnostic('lint', 1, [fix(0, 3, 'let')]), diagnostic('lint', 2, [fix(11, 14, 'let')])]]]), 'let a = 1;\nlet b = 2;\n'],
    ['skips a fix that overlaps one taken before', new Map([['lint', [diagnostic('lint', 1, [fix(0, 3, 'let')]), diagnostic('lint', 1, [fix(2, 5, 'XX')])]]]), 'let a = 1;\nvar b = 2;\n'],
    ['skips a fix that touches one taken before, as eslint --fix does', new Map([['lint', [diagnostic('lint', 1, [fix(0, 3, 'let')]), diagnostic('lint', 1, [fix(3, 4, '_')])]]]), 'let a = 1;\nvar b = 2;\n'],
    ['takes a diagnostic\'s first safe fix and never a suggestion', new Map([['lint', [diagnostic('lint', 1, [fix(0, 3, 'X', false), fix(0, 3, 'let')]), diagnostic('lint', 2, [fix(11, 14, 'Y', false)])]]]), 'let a = 1;\nvar b = 2;\n'],
    ['takes the hook with the most fixes', new Map([['a', [diagnostic('a', 1, [fix(0, 3, 'A')])]], ['b', [diagnostic('b', 1, [fix(0, 3, 'let')]), diagnostic('b', 2, [fix(11, 14, 'let')])]]]), 'let a = 1;\nlet b = 2;\n'],
    ['takes the first hook by name on a tie', new Map([['zeta', [diagnostic('zeta', 1, [fix(0, 3, 'Z')])]], ['alpha', [diagnostic('alpha', 1, [fix(0, 3, 'A')])]]]), 'A a = 1;\nvar b = 2;\n'],
    ['counts only fixes that fit the text', new Map([['a', [diagnostic('a', 1, [fix(0, 3, 'A')]), diagnostic('a', 2, [fix(0, 999, 'gone')])]], ['b', [diagnostic('b', 1, [fix(4, 5, 'B')])]]]), 'A a = 1;\nvar b = 2;\n'],
    ['has nothing to do without a safe fix', new Map([['lint', [diagnostic('lint', 1, [fix(0, 3, 'X', false)])]]]), null],
  ])('fix-all %s', (_what, fresh, expected) => {
    expect(fixAllText(fresh)).toBe(expected);
  });

  it('offers every fix of the diagnostic a quick fix names, and none of a hook whose result is not fresh', () => {
    const target = diagnostic('lint', 1, [fix(0, 3, 'let'), fix(0, 3, 'const', false)]);
    const fresh = new Map([['lint', [target]]]);
    expect(selectQuickFixes({ hook: 'lint', key: describeFixKey(target) }, fresh, TEXT).map((placed) => placed.fix.description)).toEqual(['replace 0-3', 'replace 0-3']);
    expect(selectQuickFixes({ hook: 'other', key: describeFixKey(target) }, fresh, TEXT)).toEqual([]);
    expect(selectQuickFixes({ hook: 'lint', key: 'another' }, fresh, TEXT)).toEqual([]);
  });

  it.each<[string, string[] | undefined, boolean]>([
    ['source.fixAll.gauntlet', ['source.fixAll'], true],
    ['source.fixAll.gauntlet', ['source'], true],
    ['source.fixAll.gauntlet', ['quickfix'], false],
    ['quickfix', undefined, true],
    ['quickfix', ['refactor'], false],
  ])('counts %s as wanted by only=%j: %s', (kind, only, wanted) => {
    expect(isKindWanted(kind, only)).toBe(wanted);
  });
});

const tempRoot = useTempRoot('gauntlet-code-actions-');

/** A workspace's pieces for one open document a.js whose disk content is `onDisk`. */
function openDocument(onDisk: string, buffer = onDisk): { documents: OpenDocuments; stamps: CheckStamps; uri: string } {
  const root = tempRoot();
  writeFileSync(path.join(root, 'a.js'), onDisk);
  const documents = new OpenDocuments();
  const uri = `file://${root}/a.js`;
  documents.open(uri, 'a.js', 1, buffer);
  return { documents, stamps: new CheckStamps(root), uri };
}

function request(uri: string, diagnostics: LspDiagnostic[], only?: string[]): CodeActionParams {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { textDocument: { uri }, range, context: { diagnostics, ...(only === undefined ? {} : { only }) } };
}

function applyTextEdits(text: string, edits: TextEdit[] | undefined): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'js', 1, text), edits ?? []);
}

describe('answering textDocument/codeAction', () => {
  const found = diagnostic('lint', 1, [fix(0, 3, 'let')]);
  const lsp = toLspDiagnostic(found, null);

  it('returns a preferred quick fix whose edit gives the fixed text, and the fix-all when asked', async () => {
    const { documents, stamps, uri } = openDocument(TEXT);
    const document = documents.get(uri);
    if (!document) throw new Error('not open');
    stamps.record(document, 'lint', 1, [found], null);
    const [quick] = await answerCodeActions(request(uri, [lsp]), document, stamps);
    expect(quick).toMatchObject({ kind: 'quickfix', title: 'replace 0-3', isPreferred: true, diagnostics: [lsp] });
    expect(applyTextEdits(TEXT, quick?.edit?.changes?.[uri])).toBe('let a = 1;\nvar b = 2;\n');
    const [all, ...rest] = await answerCodeActions(request(uri, [], ['source.fixAll']), document, stamps);
    expect(rest).toEqual([]);
    expect(all?.kind).toBe('source.fixAll.gauntlet');
    expect(applyTextEdits(TEXT, all?.edit?.changes?.[uri])).toBe('let a = 1;\nvar b = 2;\n');
  });

  it('returns nothing once the editor has moved past the version the hook checked', async () => {
    const { documents, stamps, uri } = openDocument(TEXT);
    const document = documents.get(uri);
    if (!document) throw new Error('not open');
    stamps.record(document, 'lint', 1, [found], TEXT);
    documents.change(uri, 2, `// new line\n${TEXT}`);
    expect(await answerCodeActions(request(uri, [lsp]), document, stamps)).toEqual([]);
    expect(await answerCodeActions(request(uri, [], ['source.fixAll.gauntlet']), document, stamps)).toEqual([]);
  });

  it('returns nothing for a check of the file on disk when the buffer holds other text', async () => {
    const { documents, stamps, uri } = openDocument(`// on disk\n${TEXT}`, TEXT);
    const document = documents.get(uri);
    if (!document) throw new Error('not open');
    stamps.record(document, 'lint', 1, [found], null);
    expect(await answerCodeActions(request(uri, [lsp]), document, stamps)).toEqual([]);
  });

  it('offers nothing for a diagnostic published without fixes', async () => {
    const { documents, stamps, uri } = openDocument(TEXT);
    const document = documents.get(uri);
    if (!document) throw new Error('not open');
    const plain: Diagnostic = { ...found };
    delete plain.fixes;
    stamps.record(document, 'lint', 1, [plain], TEXT);
    expect(toLspDiagnostic(plain, null).data).toBeUndefined();
    expect(await answerCodeActions(request(uri, [toLspDiagnostic(plain, null)]), document, stamps)).toEqual([]);
  });
});
