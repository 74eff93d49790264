import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { loadConfig } from '../../engine/config/load-config.js';
import { WorkerPool } from '../../engine/pool/pool.js';
import { builtWorkerUrl } from '../helpers/built.js';
import { runOnce } from '../helpers/run-once.js';
import { toLspRange } from '../../server/lsp/ranges.js';
import { DiagnosticStore } from '../../server/lsp/diagnostic-store.js';
import { isTrusted, resolveTrustPath, revokeConfig, trustConfig } from '../../engine/store/trust.js';
import { selectForFile } from '../../server/lsp/file-runs.js';

const dirs: string[] = [];
const pools: WorkerPool[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gauntlet-lsp-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function finding(overrides: Partial<Diagnostic> = {}): Diagnostic {
  return { hook: 'lint', file: 'a.py', line: 2, column: 5, endLine: null, endColumn: null, severity: 'error', code: null, message: 'm', ...overrides };
}

describe('toLspRange', () => {
  const lines = ['first line', '    value = other_name + 1', ''];

  it('makes lines and columns 0-based and ends at the end of the word at the column', () => {
    expect(toLspRange(finding(), lines)).toEqual({ start: { line: 1, character: 4 }, end: { line: 1, character: 9 } });
    expect(toLspRange(finding({ column: 13 }), lines)).toEqual({ start: { line: 1, character: 12 }, end: { line: 1, character: 22 } });
  });

  it('covers one character when no word starts at the column', () => {
    expect(toLspRange(finding({ column: 11 }), lines)).toEqual({ start: { line: 1, character: 10 }, end: { line: 1, character: 11 } });
  });

  it('takes the end the parser gave (an exclusive 1-based column)', () => {
    expect(toLspRange(finding({ endLine: 2, endColumn: 8 }), lines)).toEqual({ start: { line: 1, character: 4 }, end: { line: 1, character: 7 } });
    expect(toLspRange(finding({ endLine: 3, endColumn: null }), lines)).toEqual({ start: { line: 1, character: 4 }, end: { line: 2, character: 0 } });
  });

  it('covers the whole line without a column, and clamps lines past the end', () => {
    expect(toLspRange(finding({ line: 1, column: null }), lines)).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 10 } });
    expect(toLspRange(finding({ line: 99, column: null }), lines)).toEqual({ start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
  });

  it('runs to the next line when the text is unknown', () => {
    expect(toLspRange(finding(), null)).toEqual({ start: { line: 1, character: 4 }, end: { line: 2, character: 0 } });
  });
});

describe('DiagnosticStore', () => {
  it('merges every hook’s findings on a file and replaces one hook’s at a time', () => {
    const store = new DiagnosticStore();
    store.set('a.py', 'one', [finding({ hook: 'one', line: 3 })]);
    store.set('a.py', 'two', [finding({ hook: 'two', line: 1 })]);
    expect(store.merged('a.py').map((d) => d.hook)).toEqual(['two', 'one']);
    expect(store.set('a.py', 'one', [])).toBe(true);
    expect(store.merged('a.py').map((d) => d.hook)).toEqual(['two']);
    expect(store.set('b.py', 'one', [])).toBe(false);
  });

  it('returns the files a project-level hook reported on before and now, clearing the old ones', () => {
    const store = new DiagnosticStore();
    store.setProject('mypy', new Map([['a.py', [finding({ hook: 'mypy' })]], ['b.py', [finding({ hook: 'mypy', file: 'b.py' })]]]));
    const changed = store.setProject('mypy', new Map([['b.py', [finding({ hook: 'mypy', file: 'b.py' })]]]));
    expect(changed).toEqual(['a.py', 'b.py']);
    expect(store.merged('a.py')).toEqual([]);
    expect(store.merged('b.py')).toHaveLength(1);
  });
});

describe('selectForFile', () => {
  it('notes a failure without a diagnostic on the first line, and keeps only the file’s own findings', () => {
    const report = { name: 'lint', status: 'failed' as const, reason: 'exit code 2', output: '\nTraceback: boom\n' };
    const [note] = selectForFile(report as never, [], 'a.py');
    expect(note).toMatchObject({ line: 1, column: null, severity: 'error', message: 'lint failed (exit code 2): Traceback: boom' });
    expect(selectForFile(report as never, [finding({ file: 'b.py' })], 'a.py')).toEqual([]);
  });
});

describe('trust store', () => {
  it('trusts exactly the digest that was trusted, in that repository, until revoked', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'data', 'gauntlet', 'trust.msgpack');
    const root = path.join(dir, 'repo');
    const config = path.join(root, 'gauntlet.yaml');
    expect(await isTrusted(root, config, 'digest-a', file)).toBe(false);
    await trustConfig(root, config, 'digest-a', file);
    expect(await isTrusted(root, config, 'digest-a', file)).toBe(true);
    expect(await isTrusted(root, config, 'digest-b', file)).toBe(false);
    expect(await isTrusted(path.join(dir, 'other'), path.join(dir, 'other', 'gauntlet.yaml'), 'digest-a', file)).toBe(false);
    expect(await revokeConfig(root, config, file)).toBe(true);
    expect(await isTrusted(root, config, 'digest-a', file)).toBe(false);
  });

  it('writes the trust file 0600 in a 0700 folder', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'data', 'gauntlet', 'trust.msgpack');
    await trustConfig(dir, path.join(dir, 'gauntlet.yaml'), 'digest', file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it('trusts nothing when the file is damaged', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'trust.msgpack');
    writeFileSync(file, 'not msgpack at all');
    expect(await isTrusted(dir, path.join(dir, 'gauntlet.yaml'), 'x', file)).toBe(false);
  });

  it('lives in $XDG_DATA_HOME/gauntlet, else ~/.local/share/gauntlet', () => {
    expect(resolveTrustPath({ XDG_DATA_HOME: '/data' })).toBe('/data/gauntlet/trust.msgpack');
    expect(resolveTrustPath({ XDG_DATA_HOME: 'relative' })).toMatch(/\.local\/share\/gauntlet\/trust\.msgpack$/);
  });
});

describe('config: stdin hooks and {file}', () => {
  async function load(yaml: string): Promise<string | Awaited<ReturnType<typeof loadConfig>>> {
    const file = path.join(tempDir(), 'gauntlet.yaml');
    writeFileSync(file, yaml);
    return loadConfig(file).catch((error: unknown) => (error as Error).message.replace(file, 'gauntlet.yaml'));
  }

  it('reads stdin, {file} and lsp.debounce_ms', async () => {
    const config = await load('lsp: {debounce_ms: 80}\nhooks:\n  - name: lint\n    command: lint --stdin-filename {file}\n    stdin: true\n');
    expect(config).toMatchObject({ lsp: { debounceMs: 80 }, hooks: [{ stdin: true, argv: ['lint', '--stdin-filename', '{file}'] }] });
  });

  it('refuses a stdin hook without pass_files, and {file} beside {files}', async () => {
    expect(await load('hooks:\n  - name: x\n    command: x\n    stdin: true\n    pass_files: false\n')).toMatch(/^gauntlet\.yaml:\d+:\d+: hooks\[0\]\.stdin: a stdin hook checks one file at a time/);
    expect(await load('hooks:\n  - name: x\n    command: x {file} {files}\n')).toMatch(/hooks\[0\]\.command: use "\{file\}" \(one file per run\) or "\{files\}"/);
    expect(await load('lsp: {debounce_ms: -1}\nhooks:\n  - name: x\n    command: x\n')).toMatch(/lsp\.debounce_ms/);
  });
});

describe('runHooks with unsaved text', () => {
  async function setUp(hooks: object[]): Promise<{ root: string; pool: WorkerPool; config: Awaited<ReturnType<typeof loadConfig>> }> {
    const root = tempDir();
    writeFileSync(path.join(root, 'gauntlet.yaml'), JSON.stringify({ hooks }));
    writeFileSync(path.join(root, 'a.txt'), 'on disk\n');
    writeFileSync(path.join(root, 'b.txt'), 'also on disk\n');
    const pool = new WorkerPool({ workerUrl: builtWorkerUrl(), size: 2 });
    pools.push(pool);
    return { root, pool, config: await loadConfig(path.join(root, 'gauntlet.yaml')) };
  }
  // Reports the first line it reads on stdin, as a finding on "-".
  const ECHO_STDIN = ['sh', '-c', `read -r first; printf -- '-:1:1: warning: %s\\n' "$first"`];

  it('gives a stdin hook the buffer’s text, names its findings after the file, and caches nothing', async () => {
    const { root, pool, config } = await setUp([{ name: 'echo', command: ECHO_STDIN, stdin: true }]);
    const base = { root, config, optimize: true, maxWorkers: 2, failFast: false, pool };
    const report = await runOnce({ ...base, files: ['a.txt'], buffers: new Map([['a.txt', 'unsaved text\n']]) });
    expect(report.diagnostics).toMatchObject([{ file: 'a.txt', line: 1, message: 'unsaved text', severity: 'warning' }]);
    expect(existsSync(path.join(root, '.gauntlet', 'cache.msgpack'))).toBe(false);
  });

  it('feeds a stdin hook each file’s content from disk, once per file, without buffers', async () => {
    const { root, pool, config } = await setUp([{ name: 'echo', command: ECHO_STDIN, stdin: true }]);
    const report = await runOnce({ root, config, optimize: true, maxWorkers: 2, failFast: false, pool, files: ['a.txt', 'b.txt'] });
    expect(report.diagnostics.map((d) => [d.file, d.message])).toEqual([['a.txt', 'on disk'], ['b.txt', 'also on disk']]);
    expect(report.hooks[0]?.batches).toBe(2);
  });

  it('runs a {file} hook once per file with the file in its place', async () => {
    const { root, pool, config } = await setUp([{ name: 'each', command: ['sh', '-c', `printf '%s:1:1: error: %s\\n' "$0" "$1"`, '{file}', 'after'] }]);
    const report = await runOnce({ root, config, optimize: true, maxWorkers: 2, failFast: false, pool, files: ['a.txt', 'b.txt'] });
    expect(report.diagnostics.map((d) => [d.file, d.message])).toEqual([['a.txt', 'after'], ['b.txt', 'after']]);
  });
});
