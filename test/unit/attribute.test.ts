import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { JobResult } from '../../engine/worker/contract.js';
import { attributeBatch, attributeProject, packDiagnostic, unpackDiagnostics } from '../../engine/cache/attribute.js';

function diagnostic(file: string, line = 1, overrides: Partial<Diagnostic> = {}): Diagnostic {
  return { hook: 'lint', file, line, column: 2, endLine: null, endColumn: null, severity: 'error', code: 'E1', message: `problem in ${file}`, ...overrides };
}

function result(status: JobResult['status'], diagnostics: Diagnostic[] = [], overrides: Partial<JobResult> = {}): JobResult {
  return {
    id: 1,
    hook: 'lint',
    status,
    exitCode: status === 'passed' ? 0 : status === 'failed' ? 1 : null,
    signal: null,
    durationMs: 12,
    output: '',
    truncated: false,
    diagnostics,
    reason: status === 'passed' ? null : status,
    ...overrides,
  };
}

const FILES = ['a.py', 'b.py', 'src/c.py'];

describe('packing diagnostics', () => {
  it('round-trips a diagnostic through its cached tuple, the hook coming from the entry', () => {
    const original = diagnostic('src/c.py', 7, { column: null, endLine: 8, endColumn: 3, severity: 'warning', code: null, message: 'multi\nline' });
    const packed = packDiagnostic(original);
    expect(packed).toEqual(['src/c.py', 7, null, 8, 3, 'warning', null, 'multi\nline']);
    expect(unpackDiagnostics('lint', [packed])).toEqual([original]);
    expect(unpackDiagnostics('other', [packed])[0]?.hook).toBe('other');
  });
});

describe('attributeBatch', () => {
  it('vouches for every file of a passed batch', () => {
    const entries = attributeBatch(result('passed'), FILES);
    expect(entries).not.toBeNull();
    expect([...(entries ?? new Map())]).toEqual(FILES.map((file) => [file, { ok: true, diagnostics: [] }]));
  });

  it('keeps the warnings of a passed batch with the files they are on, which still pass', () => {
    const warning = diagnostic('b.py', 4, { severity: 'warning' });
    const entries = attributeBatch(result('passed', [warning]), FILES);
    expect(entries?.get('a.py')).toEqual({ ok: true, diagnostics: [] });
    expect(entries?.get('b.py')).toEqual({ ok: true, diagnostics: [packDiagnostic(warning)] });
  });

  it('marks the files a failed batch has diagnostics on as failing and the others as passing', () => {
    const first = diagnostic('a.py', 1);
    const second = diagnostic('a.py', 9);
    const third = diagnostic('src/c.py', 2);
    const entries = attributeBatch(result('failed', [first, second, third]), FILES);
    expect(entries?.size).toBe(3);
    expect(entries?.get('a.py')).toEqual({ ok: false, diagnostics: [packDiagnostic(first), packDiagnostic(second)] });
    expect(entries?.get('b.py')).toEqual({ ok: true, diagnostics: [] });
    expect(entries?.get('src/c.py')).toEqual({ ok: false, diagnostics: [packDiagnostic(third)] });
  });

  it('caches nothing from a failed batch without diagnostics: the failure belongs to no file', () => {
    expect(attributeBatch(result('failed'), FILES)).toBeNull();
  });

  it.each(['timeout', 'error', 'cancelled'] as const)('caches nothing from a batch that ended as %s', (status) => {
    expect(attributeBatch(result(status), FILES)).toBeNull();
    expect(attributeBatch(result(status, [diagnostic('a.py')]), FILES)).toBeNull();
  });

  it('vouches for every file of a passed batch whose output was cut: the exit code alone judged it', () => {
    const warning = diagnostic('b.py', 4, { severity: 'warning' });
    const entries = attributeBatch(result('passed', [warning], { truncated: true }), FILES);
    expect(entries?.get('a.py')).toEqual({ ok: true, diagnostics: [] });
    expect(entries?.get('b.py')).toEqual({ ok: true, diagnostics: [packDiagnostic(warning)] });
    expect(entries?.size).toBe(3);
  });

  it('keeps of a failed batch whose output was cut only the files with findings: the others may have lost theirs', () => {
    const finding = diagnostic('a.py');
    const entries = attributeBatch(result('failed', [finding], { truncated: true }), FILES);
    expect([...(entries ?? new Map())]).toEqual([['a.py', { ok: false, diagnostics: [packDiagnostic(finding)] }]]);
  });

  it('caches nothing from a cut output when the findings decided the verdict (fail_on_diagnostics)', () => {
    expect(attributeBatch(result('passed', [], { truncated: true }), FILES, false)).toBeNull();
    expect(attributeBatch(result('failed', [diagnostic('a.py')], { truncated: true }), FILES, false)).toBeNull();
    expect(attributeBatch(result('passed'), FILES, false)?.size).toBe(3);
  });

  it('caches nothing from a failed batch whose cut output has no finding, nor from one naming a file outside the batch', () => {
    expect(attributeBatch(result('failed', [], { truncated: true }), FILES)).toBeNull();
    expect(attributeBatch(result('failed', [diagnostic('elsewhere.py')], { truncated: true }), FILES)).toBeNull();
  });

  it('caches nothing when a diagnostic names a file outside the batch', () => {
    expect(attributeBatch(result('failed', [diagnostic('a.py'), diagnostic('elsewhere.py')]), FILES)).toBeNull();
    expect(attributeBatch(result('passed', [diagnostic('elsewhere.py', 1, { severity: 'warning' })]), FILES)).toBeNull();
  });

  it('gives an empty batch that passed no entries at all', () => {
    expect(attributeBatch(result('passed'), [])?.size).toBe(0);
  });
});

describe('attributeProject', () => {
  it('caches a passed project-level run as passing', () => {
    expect(attributeProject(result('passed'))).toEqual({ ok: true, diagnostics: [] });
  });

  it('caches a failed project-level run with its diagnostics, wherever they point', () => {
    const found = [diagnostic('a.py'), diagnostic('deep/elsewhere.py', 3)];
    expect(attributeProject(result('failed', found))).toEqual({ ok: false, diagnostics: found.map(packDiagnostic) });
  });

  it('caches a failed project-level run without diagnostics as a plain failure', () => {
    expect(attributeProject(result('failed'))).toEqual({ ok: false, diagnostics: [] });
  });

  it.each(['timeout', 'error', 'cancelled'] as const)('caches nothing from a project-level run that ended as %s', (status) => {
    expect(attributeProject(result(status))).toBeNull();
  });

  it('caches nothing from a project-level run whose output was truncated', () => {
    expect(attributeProject(result('passed', [], { truncated: true }))).toBeNull();
    expect(attributeProject(result('failed', [diagnostic('a.py')], { truncated: true }))).toBeNull();
  });
});
