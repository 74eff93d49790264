import { describe, expect } from 'vitest';
import { cacheRepoTest as it, expectSameAsUncached, hookIn, makeToolRepo, runVerdict } from '../helpers/cache-repo.js';

// A tool's own config file changes its verdict on files that did not change. Well-known tools'
// config files count for the cache without the user naming them in `cache_inputs`.

/** Real tools take a second or more each; a test makes a few runs. */
const TOOL_TEST_MS = 60_000;

/** Functions without the two blank lines PEP 8 wants between them: E302 on each def but the first. */
function crampedModule(functions: number): string {
  return Array.from({ length: functions }, (_, i) => `def f${i}():\n    pass\n`).join('');
}

/** Python files flake8 finds 11 E302 in, some in a subfolder. */
const CRAMPED_FILES: Record<string, string> = {
  'one.py': crampedModule(5),
  'two.py': crampedModule(4),
  'pkg/three.py': crampedModule(3),
  'pkg/four.py': crampedModule(3),
};

const FLAKE8 = { name: 'flake8', command: 'flake8', files: ['*.py'] };
const IGNORE_E302 = '[flake8]\nextend-ignore = E302\n';

describe.concurrent('config files of well-known tools', { timeout: TOOL_TEST_MS }, () => {
  it.for([['setup.cfg'], ['tox.ini'], ['.flake8']])('follows a %s that flake8 reads, as --no-cache does', async ([configFile], { makeRepo }) => {
    const repo = await makeToolRepo(makeRepo, FLAKE8, CRAMPED_FILES);
    const first = await runVerdict(repo);
    expect(first.report.diagnostics.map((d) => d.code)).toEqual(Array<string>(11).fill('E302'));

    repo.write(configFile ?? '', IGNORE_E302);
    const { uncached } = await expectSameAsUncached(repo);
    expect(uncached.code).toBe(0);

    // And back: the findings return.
    repo.write(configFile ?? '', '[flake8]\nmax-line-length = 100\n');
    const { cached } = await expectSameAsUncached(repo);
    expect(cached.diagnostics).toHaveLength(11);
  });

  it('follows mypy.ini and a .pylintrc, as --no-cache does', async ({ makeRepo }) => {
    const repo = await makeToolRepo(makeRepo, { name: 'mypy', command: 'mypy --no-error-summary', files: ['*.py'] }, {
      'a.py': 'def untyped(x):\n    return x\n',
    });
    expect((await runVerdict(repo)).code).toBe(0);
    repo.write('mypy.ini', '[mypy]\ndisallow_untyped_defs = True\n');
    const mypy = await expectSameAsUncached(repo);
    expect(mypy.uncached.report.diagnostics.map((d) => d.code)).toEqual(['no-untyped-def']);

    const linted = await makeToolRepo(makeRepo, { name: 'pylint', command: 'pylint --score=n', files: ['*.py'] }, {
      'a.py': '"""A module."""\n\nVALUE = 1\n',
    });
    expect((await runVerdict(linted)).code).toBe(0);
    linted.write('.pylintrc', '[BASIC]\nconst-rgx=[a-z]+$\n');
    const pylint = await expectSameAsUncached(linted);
    expect(pylint.uncached.report.diagnostics.map((d) => d.code)).toEqual(['C0103']);
  });

  it('runs flake8 again on the files of a folder where a .flake8 or setup.cfg appears', async ({ makeRepo }) => {
    const repo = await makeToolRepo(makeRepo, FLAKE8, CRAMPED_FILES);
    await runVerdict(repo);
    expect(hookIn((await runVerdict(repo)).report, 'flake8').cached).toBe(true);

    repo.write('pkg/.flake8', IGNORE_E302);
    const { cached } = await expectSameAsUncached(repo);
    // flake8 run at the root reads no config in pkg/, but a tool run there would: the key holds it.
    expect(hookIn(cached.report, 'flake8').files_run).toBeGreaterThanOrEqual(2);

    repo.write('pkg/setup.cfg', IGNORE_E302);
    const again = await runVerdict(repo);
    expect(hookIn(again.report, 'flake8').files_run).toBeGreaterThanOrEqual(2);
    expect(again.diagnostics).toEqual(cached.diagnostics);
  });

  it('leaves a tool config file out of the key with `cache_inputs_default: false`', async ({ makeRepo }) => {
    const repo = await makeToolRepo(makeRepo, { ...FLAKE8, cache_inputs_default: false }, CRAMPED_FILES);
    await runVerdict(repo);

    repo.write('setup.cfg', IGNORE_E302);
    const { report, diagnostics } = await runVerdict(repo);

    // The user said the config does not matter: the results of before are served.
    expect(hookIn(report, 'flake8')).toMatchObject({ cached: true, files_run: 0 });
    expect(diagnostics).toHaveLength(11);
  });

  it('still keys on the files named in cache_inputs when the defaults are off', async ({ makeRepo }) => {
    const repo = await makeToolRepo(makeRepo, { ...FLAKE8, cache_inputs: ['setup.cfg'], cache_inputs_default: false }, CRAMPED_FILES);
    await runVerdict(repo);

    repo.write('setup.cfg', IGNORE_E302);
    const { cached } = await expectSameAsUncached(repo);

    expect(cached.code).toBe(0);
  });
});
