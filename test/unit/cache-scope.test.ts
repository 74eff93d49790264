import { describe, expect, it } from 'vitest';
import { recognizeTools } from '../../engine/cache/recognize-tool.js';
import { decideCacheScope, listConfigNames } from '../../engine/cache/scope.js';
import { planInputs } from '../../engine/coordinate/plan-inputs.js';

describe('recognizeTools', () => {
  it.each<[string, string[], string[]]>([
    ['a plain program', ['mypy', '--strict'], ['mypy']],
    ['a program by path', ['/usr/local/bin/pylint', '-E'], ['pylint']],
    ['node_modules/.bin', ['node_modules/.bin/eslint', '.'], ['eslint']],
    ['a script run by node', ['node', 'node_modules/typescript/bin/tsc', '--noEmit'], ['tsc']],
    ['python -m', ['python3', '-m', 'mypy', 'src'], ['mypy']],
    ['python -m with options first', ['python3.12', '-X', 'utf8', '-m', 'pylint.__main__'], ['pylint']],
    ['npx with options', ['npx', '--no-install', '-p', 'typescript', 'tsc', '-p', '.'], ['tsc']],
    ['npm exec', ['npm', 'exec', '--', 'eslint', '.'], ['eslint']],
    ['pnpm exec', ['pnpm', 'exec', 'vue-tsc'], ['vue-tsc']],
    ['uv run', ['uv', 'run', '--frozen', 'mypy'], ['mypy']],
    ['poetry run', ['poetry', 'run', 'pyright'], ['pyright']],
    ['env with variables, then timeout', ['env', 'MYPYPATH=src', 'timeout', '30', 'dmypy', 'run'], ['dmypy']],
    ['go with its subcommand', ['go', 'vet', './...'], ['go vet']],
    ['a shell script', ['sh', '-c', 'cd src && mypy "$@"', 'sh', '{files}'], ['cd', 'mypy']],
    ['a shell script with a pipe', ['bash', '-c', 'flake8 "$@" | tee out.txt'], ['flake8', 'tee']],
    ['a runner that runs no program', ['uv', 'pip', 'check'], []],
  ])('finds the program of %s', (_what, argv, expected) => {
    expect(recognizeTools(argv)).toEqual(expected);
  });
});

describe('decideCacheScope', () => {
  it.each<[string, string[], string]>([
    ['mypy', ['mypy'], 'project'],
    ['pylint behind python -m', ['python', '-m', 'pylint'], 'project'],
    ['eslint behind npx', ['npx', 'eslint'], 'project'],
    ['tsc', ['tsc', '--noEmit'], 'project'],
    ['go vet', ['go', 'vet'], 'project'],
    ['go fmt', ['go', 'fmt'], 'file'],
    ['cargo clippy', ['cargo', 'clippy'], 'project'],
    ['mypy inside a lefthook script', ['sh', '-c', 'mypy "$@"', 'sh', '{files}'], 'project'],
    ['flake8', ['flake8'], 'file'],
    ['shellcheck', ['shellcheck', '-f', 'gcc'], 'file'],
    ['an unknown tool', ['./lint.sh'], 'file'],
  ])('gives %s the default scope %s', (_what, argv, scope) => {
    expect(decideCacheScope({ argv, passFiles: true }).scope).toBe(scope);
  });

  it('says why, naming the tool', () => {
    expect(decideCacheScope({ argv: ['mypy'], passFiles: true }).reason).toMatch(/^mypy reads other files/);
    expect(decideCacheScope({ argv: ['flake8'], passFiles: true }).reason).toBe('flake8 checks each file on its own');
    expect(decideCacheScope({ argv: ['mypy'], passFiles: true, cache: 'file' })).toMatchObject({ scope: 'file', reason: 'cache: file in the config' });
  });

  it('keeps the configured scope, and never keeps per-file results of a hook that takes no files', () => {
    expect(decideCacheScope({ argv: ['flake8'], passFiles: true, cache: 'off' }).scope).toBe('off');
    expect(decideCacheScope({ argv: ['flake8'], passFiles: true, cache: 'project' }).scope).toBe('project');
    expect(decideCacheScope({ argv: ['flake8'], passFiles: false }).scope).toBe('project');
    expect(decideCacheScope({ argv: ['flake8'], passFiles: false, cache: 'file' }).scope).toBe('project');
    expect(decideCacheScope({ argv: ['flake8'], passFiles: false, cache: 'off' }).scope).toBe('off');
  });
});

describe('planInputs', () => {
  const flake8 = { argv: ['flake8'], cacheInputs: ['extra.cfg'] };

  it('keys every result on the configured inputs and the root config files, present or not', () => {
    const inputs = planInputs(flake8, ['a.py'], new Set(['a.py']));
    expect(inputs.shared).toEqual(expect.arrayContaining(['extra.cfg', 'setup.cfg', 'tox.ini', '.flake8']));
    expect(listConfigNames(['flake8'])).toEqual(expect.arrayContaining(['setup.cfg', 'tox.ini', '.flake8']));
  });

  it("adds the config files that exist in a checked file's folder and its ancestors, only to that file", () => {
    const listed = new Set(['src/pkg/a.py', 'src/.flake8', 'other/b.py', 'other/tox.ini', 'unrelated/setup.cfg']);
    const inputs = planInputs(flake8, ['src/pkg/a.py', 'other/b.py'], listed);
    expect(inputs.forFile('src/pkg/a.py')).toEqual(['src/.flake8']);
    expect(inputs.forFile('other/b.py')).toEqual(['other/tox.ini']);
    expect(inputs.all).not.toContain('unrelated/setup.cfg');
  });

  it('without a listing of the repository, stamps every candidate in the folders', () => {
    const inputs = planInputs(flake8, ['src/a.py'], null);
    expect(inputs.forFile('src/a.py')).toEqual(expect.arrayContaining(['src/setup.cfg', 'src/.flake8']));
  });

  it('adds nothing from the table with cache_inputs_default: false', () => {
    const inputs = planInputs({ ...flake8, cacheInputsDefault: false }, ['src/a.py'], new Set(['src/a.py', 'src/.flake8']));
    expect(inputs.shared).toEqual(['extra.cfg']);
    expect(inputs.forFile('src/a.py')).toEqual([]);
  });
});
