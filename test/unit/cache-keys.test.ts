import { chmod, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hook } from '../../protocol/hook.js';
import { composeFileVersion, computeFileKey, computeHookKey, computeProjectKey } from '../../engine/cache/keys.js';
import { identifyTool, resolveProgram } from '../../engine/cache/tool-identity.js';
import { makeHook as makeBaseHook } from '../helpers/hooks.js';

/** A hook with options, variables and a config file, so that a change to any of them shows in its key. */
function makeHook(overrides: Partial<Hook> = {}): Hook {
  return makeBaseHook({ argv: ['flake8', '--max-line-length=100'], env: { A: '1', B: '2' }, cacheInputs: ['setup.cfg'], ...overrides });
}

const TOOL = '/usr/bin/flake8:1234:1700000000000';
const INPUTS = [['setup.cfg', 'hash-of-setup-cfg']] as const;
const BASE_KEY = computeHookKey(makeHook(), 'file', TOOL, INPUTS);

describe('computeHookKey', () => {
  it('is the same for the same hook, tool and inputs', () => {
    expect(computeHookKey(makeHook(), 'file', TOOL, [['setup.cfg', 'hash-of-setup-cfg']])).toBe(BASE_KEY);
    expect(BASE_KEY).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it.each<[string, Partial<Hook>]>([
    ['an argument', { argv: ['flake8', '--max-line-length=120'] }],
    ['the program', { argv: ['ruff', '--max-line-length=100'] }],
    ['the argument order', { argv: ['--max-line-length=100', 'flake8'] }],
    ['an env value', { env: { A: '1', B: '3' } }],
    ['an added env variable', { env: { A: '1', B: '2', C: '' } }],
    ['the parser', { parser: { type: 'none' } }],
    ['a regex parser pattern', { parser: { type: 'regex', pattern: '(?<file>.+):(?<line>\\d+)' } }],
    ['ok_exit_codes', { okExitCodes: [0, 1] }],
    ['fail_on_diagnostics', { failOnDiagnostics: true }],
    ['pass_files', { passFiles: false }],
    ['modifies_files', { modifiesFiles: true }],
    ['files_after_double_dash', { filesAfterDoubleDash: true }],
  ])('changes when %s changes', (_what, overrides) => {
    expect(computeHookKey(makeHook(overrides), 'file', TOOL, INPUTS)).not.toBe(BASE_KEY);
  });

  it('changes with the identity of the tool', () => {
    expect(computeHookKey(makeHook(), 'file', '/usr/bin/flake8:1235:1700000000000', INPUTS)).not.toBe(BASE_KEY);
    expect(computeHookKey(makeHook(), 'file', '/usr/bin/flake8:1234:1700000000001', INPUTS)).not.toBe(BASE_KEY);
    expect(computeHookKey(makeHook(), 'file', 'missing:flake8', INPUTS)).not.toBe(BASE_KEY);
  });

  it("changes when a cache input's content hash changes, appears or disappears", () => {
    expect(computeHookKey(makeHook(), 'file', TOOL, [['setup.cfg', 'another-hash']])).not.toBe(BASE_KEY);
    expect(computeHookKey(makeHook(), 'file', TOOL, [['setup.cfg', null]])).not.toBe(BASE_KEY);
    expect(computeHookKey(makeHook(), 'file', TOOL, [])).not.toBe(BASE_KEY);
    expect(computeHookKey(makeHook(), 'file', TOOL, [...INPUTS, ['tox.ini', 'h']])).not.toBe(BASE_KEY);
  });

  it('does not depend on the order env variables are written in', () => {
    expect(computeHookKey(makeHook({ env: { B: '2', A: '1' } }), 'file', TOOL, INPUTS)).toBe(BASE_KEY);
  });

  it('does not change with what only decides when or where the hook runs', () => {
    const same = makeHook({ name: 'renamed', files: ['*.pyi'], exclude: ['docs/**'], timeoutMs: 5_000, autoTimeout: true, stage: 'comprehensive', requireSerial: true, batchSize: 3, alwaysRun: true });
    expect(computeHookKey(same, 'file', TOOL, INPUTS)).toBe(BASE_KEY);
  });

  it('keeps argv words apart: two words are not the one word with a space', () => {
    expect(computeHookKey(makeHook({ argv: ['flake8', 'a b'] }), 'file', TOOL, INPUTS)).not.toBe(computeHookKey(makeHook({ argv: ['flake8', 'a', 'b'] }), 'file', TOOL, INPUTS));
  });
});

describe('computeFileKey', () => {
  const key = computeFileKey(BASE_KEY, 'src/a.py', 'content-1', '');

  it('is the same for the same hook, path and content', () => {
    expect(computeFileKey(BASE_KEY, 'src/a.py', 'content-1', '')).toBe(key);
  });

  it('depends on the path, the content hash and the hook key', () => {
    expect(computeFileKey(BASE_KEY, 'src/b.py', 'content-1', '')).not.toBe(key);
    expect(computeFileKey(BASE_KEY, 'src/a.py', 'content-2', '')).not.toBe(key);
    expect(computeFileKey(computeHookKey(makeHook({ okExitCodes: [1] }), 'file', TOOL, INPUTS), 'src/a.py', 'content-1', '')).not.toBe(key);
  });

  it('keeps path and hash apart', () => {
    expect(computeFileKey(BASE_KEY, 'a', 'bc', '')).not.toBe(computeFileKey(BASE_KEY, 'ab', 'c', ''));
  });
});

describe('composeFileVersion', () => {
  it('is the content hash alone for a file no config file of its folders bears on', () => {
    expect(composeFileVersion('content-1', '')).toBe('content-1');
  });

  it('changes with the content and with the config files of its folders, kept apart', () => {
    const versions = [composeFileVersion('content-1', 'inputs-1'), composeFileVersion('content-2', 'inputs-1'), composeFileVersion('content-1', 'inputs-2'), composeFileVersion('content-1', '')];
    expect(new Set(versions).size).toBe(versions.length);
    expect(composeFileVersion('a', 'bc')).not.toBe(composeFileVersion('ab', 'c'));
  });
});

describe('computeProjectKey', () => {
  const files = [['a.py', 'h1'], ['b.py', 'h2']] as const;
  const key = computeProjectKey(BASE_KEY, files, '');

  it('is the same for the same files and contents', () => {
    expect(computeProjectKey(BASE_KEY, [['a.py', 'h1'], ['b.py', 'h2']], '')).toBe(key);
  });

  it('changes when any file changes, is added or removed, or the hook key changes', () => {
    expect(computeProjectKey(BASE_KEY, [['a.py', 'h1'], ['b.py', 'h3']], '')).not.toBe(key);
    expect(computeProjectKey(BASE_KEY, [['a.py', 'h1']], '')).not.toBe(key);
    expect(computeProjectKey(BASE_KEY, [...files, ['c.py', 'h4']], '')).not.toBe(key);
    expect(computeProjectKey(BASE_KEY, [['a.py', 'h1'], ['c.py', 'h2']], '')).not.toBe(key);
    expect(computeProjectKey(computeHookKey(makeHook({ passFiles: false }), 'file', TOOL, INPUTS), files, '')).not.toBe(key);
  });
});

describe('resolveProgram and identifyTool', () => {
  let root: string;
  let bin: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'gauntlet-tool-'));
    bin = path.join(root, 'bin');
    await mkdir(bin);
    await mkdir(path.join(root, 'scripts'));
    await writeFile(path.join(bin, 'tool'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    await writeFile(path.join(bin, 'plain'), 'not executable\n', { mode: 0o644 });
    await mkdir(path.join(bin, 'folder'));
    await writeFile(path.join(root, 'scripts', 'check.sh'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds an executable on PATH', async () => {
    expect(await resolveProgram('tool', root, ['/nonexistent-gauntlet-dir', bin].join(path.delimiter))).toBe(path.join(bin, 'tool'));
  });

  it('takes the first match on PATH, skipping empty entries', async () => {
    const other = path.join(root, 'other');
    await mkdir(other);
    await writeFile(path.join(other, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
    expect(await resolveProgram('tool', root, ['', other, bin].join(path.delimiter))).toBe(path.join(other, 'tool'));
  });

  it('resolves a relative PATH entry against the repository root', async () => {
    expect(await resolveProgram('tool', root, 'bin')).toBe(path.join(bin, 'tool'));
  });

  it('resolves a name with a slash against the root, without looking at PATH', async () => {
    expect(await resolveProgram('scripts/check.sh', root, bin)).toBe(path.join(root, 'scripts', 'check.sh'));
    expect(await resolveProgram('./scripts/check.sh', root, '')).toBe(path.join(root, 'scripts', 'check.sh'));
    expect(await resolveProgram(path.join(bin, 'tool'), '/', undefined)).toBe(path.join(bin, 'tool'));
    expect(await resolveProgram('check.sh', root, bin)).toBeNull();
  });

  it('returns null for a program that is missing, not executable, or a folder', async () => {
    expect(await resolveProgram('missing-tool', root, bin)).toBeNull();
    expect(await resolveProgram('plain', root, bin)).toBeNull();
    expect(await resolveProgram('folder', root, bin)).toBeNull();
    expect(await resolveProgram('bin/plain', root, bin)).toBeNull();
    expect(await resolveProgram('tool', root, undefined)).toBeNull();
    expect(await resolveProgram('tool', root, '')).toBeNull();
  });

  it('names a missing program as missing', async () => {
    expect(await identifyTool('missing-tool', root, bin)).toBe('missing:missing-tool');
  });

  it('changes the identity when the tool is touched or replaced by one of another size', async () => {
    const file = path.join(bin, 'tool');
    const before = await identifyTool('tool', root, bin);
    expect(before.startsWith(`${file}:`)).toBe(true);
    expect(await identifyTool('tool', root, bin)).toBe(before);

    await utimes(file, new Date(1_600_000_000_000), new Date(1_600_000_000_000));
    const touched = await identifyTool('tool', root, bin);
    expect(touched).not.toBe(before);

    await writeFile(file, '#!/bin/sh\necho upgraded\nexit 0\n');
    await chmod(file, 0o755);
    await utimes(file, new Date(1_600_000_000_000), new Date(1_600_000_000_000));
    expect(await identifyTool('tool', root, bin)).not.toBe(touched);
  });
});
