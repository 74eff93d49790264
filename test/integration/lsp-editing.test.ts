import { describe, expect, it } from 'vitest';
import type { TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix } from '../../protocol/diagnostic.js';
import type { Job } from '../../engine/worker/contract.js';
import { findingAt, type FakeAnswer } from '../helpers/fake-runner.js';
import { useHarnesses } from '../helpers/lsp-harness.js';

const start = useHarnesses();

function apply(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'js', 1, text), [...edits]);
}

/** A fix replacing UTF-16 offsets [start, end) with `text`. */
function replace(description: string, start: number, end: number, text: string): Fix {
  return { description, safe: true, edits: [{ start, end, text }] };
}

const SOURCE = 'var a = 1;\nvar b = 2;\n';

/** `lint` fixes each `var` to `let`; `style` wants the first line's `var a` renamed, overlapping lint's first fix. */
function lintScript(job: Job): FakeAnswer {
  const file = job.files[0] ?? '';
  if (job.hook === 'lint') {
    return {
      diagnostics: [
        { ...findingAt(file, 1, 'use let'), fixes: [replace('Use let', 0, 3, 'let')] },
        { ...findingAt(file, 2, 'use let'), fixes: [replace('Use let', 11, 14, 'let')] },
      ],
    };
  }
  return { diagnostics: [{ ...findingAt(file, 1, 'rename a'), fixes: [replace('Rename to first', 0, 5, 'const first')] }] };
}

const LINT_CONFIG = {
  hooks: [
    { name: 'lint', command: ['lint-tool'], files: '*.js' },
    { name: 'style', command: ['style-tool'], files: '*.js' },
  ],
};

describe('language server code actions, in process', () => {
  it('offers each diagnostic’s fix as a quick fix whose edit fixes the text', async () => {
    const harness = await start({ config: LINT_CONFIG, files: { 'a.js': SOURCE }, script: lintScript });
    harness.open('a.js');
    await harness.waitFor(() => harness.latest('a.js').length === 3, 'both hooks');
    const actions = await harness.codeActions('a.js', ['quickfix']);
    expect(actions.map((action) => action.title).sort()).toEqual(['Rename to first', 'Use let', 'Use let']);
    const useLet = actions.find((action) => action.title === 'Use let');
    expect(apply(SOURCE, useLet?.edit?.changes?.[harness.uri('a.js')] ?? [])).toMatch(/^let a = 1;\n/);
    expect(useLet?.isPreferred).toBe(true);
  });

  it('fixes all of one hook’s problems at once, never two overlapping edits', async () => {
    const harness = await start({ config: LINT_CONFIG, files: { 'a.js': SOURCE }, script: lintScript });
    harness.open('a.js');
    await harness.waitFor(() => harness.latest('a.js').length === 3, 'both hooks');
    const [fixAll] = await harness.codeActions('a.js', ['source.fixAll.gauntlet']);
    expect(fixAll?.kind).toBe('source.fixAll.gauntlet');
    expect(apply(SOURCE, fixAll?.edit?.changes?.[harness.uri('a.js')] ?? [])).toBe('let a = 1;\nlet b = 2;\n');
  });

  it('offers nothing once the editor has moved past the version the fixes were computed for', async () => {
    const harness = await start({ config: LINT_CONFIG, files: { 'a.js': SOURCE }, script: lintScript });
    harness.open('a.js');
    await harness.waitFor(() => harness.latest('a.js').length === 3, 'both hooks');
    harness.change('a.js', `// edited\n${SOURCE}`);
    expect(await harness.codeActions('a.js')).toEqual([]);
  });
});

describe('language server formatting, in process', () => {
  const FORMAT_CONFIG = { hooks: [{ name: 'pretty', command: ['pretty-tool', '{file}'], files: '*.js', format: true }] };

  it('answers with the few edits that turn the buffer into the formatter’s output', async () => {
    const formatted = 'const a = 1;\nconst b = 2;\n';
    const script = (job: Job): FakeAnswer => (job.format?.mode === 'print' ? { formatted } : {});
    const harness = await start({ config: FORMAT_CONFIG, files: { 'a.js': 'const a = 1;\n' }, script });
    harness.open('a.js');
    const buffer = 'const a   = 1;\nconst b = 2;\n';
    harness.change('a.js', buffer);
    const edits = (await harness.format('a.js')) ?? [];
    expect(apply(buffer, edits)).toBe(formatted);
    expect(edits).toHaveLength(1);
    expect(edits[0]?.range.start.line).toBe(0);
    expect(harness.runner.jobsOf('pretty').at(-1)?.stdin).toBe(buffer);
  });

  it('gives no edits and one message when the formatter fails, and never empties the buffer', async () => {
    const script = (job: Job): FakeAnswer => (job.format?.mode === 'print' ? { status: 'failed', output: 'SyntaxError: unexpected token' } : {});
    const harness = await start({ config: FORMAT_CONFIG, files: { 'a.js': 'const a = ;\n' }, script });
    harness.open('a.js');
    expect(await harness.format('a.js')).toBeNull();
    const warnings = harness.messages.filter((message) => message.type === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('pretty');
  });
});
