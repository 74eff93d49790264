import { describe, expect } from 'vitest';
import { cacheRepoTest as it, expectSameAsUncached, hookIn, makeToolRepo, runVerdict } from '../helpers/cache-repo.js';

// Type checkers and linters that follow imports judge a file by the files it imports: a result
// cached per file goes stale when another file changes. Each test changes a file the way a user
// would and expects the cached run to say what a run that cannot use the cache says.

/** Real tools take a second or more each; a test makes a few runs. */
const TOOL_TEST_MS = 60_000;

/** mypy's own cache: a run over some of the files leaves it stale for the others, --no-cache or not. */
const MYPY_CACHE = ['.mypy_cache'];
/** mypy as a user writes it, without a `cache:` key: the default must be right. */
const MYPY = { name: 'mypy', command: 'mypy --no-error-summary', files: ['*.py'] };
const TAKES_INT = 'def f(x: int) -> None:\n    pass\n';
// Not the same size as TAKES_INT: mypy's own cache takes a file of the same size and mtime second as unchanged.
const TAKES_BYTES = 'def f(x: bytes) -> None:\n    pass\n';
const CALLS_F = 'from a import f\n\nf(1)\n';

describe.concurrent('cached results of tools that read other files', { timeout: TOOL_TEST_MS }, () => {
  it.for([
    ['mypy --no-error-summary'],
    // The interpreter the mypy package is installed for, as a virtualenv's would be named.
    ['/usr/bin/python3 -m mypy --no-error-summary'],
  ])('reports a call broken by a change in the file it imports, as --no-cache does (%s)', async ([command], { makeRepo }) => {
    const repo = await makeToolRepo(makeRepo, { ...MYPY, command }, { 'a.py': TAKES_INT, 'b.py': CALLS_F });
    expect((await runVerdict(repo)).code).toBe(0);

    repo.write('a.py', TAKES_BYTES);
    const { cached, uncached } = await expectSameAsUncached(repo, [], MYPY_CACHE);

    expect(uncached.report.diagnostics.map((d) => `${d.file}:${d.line} ${d.code ?? '-'}`)).toEqual(['b.py:3 arg-type']);
    expect(cached.code).toBe(1);
  });

  it('reports a name removed from the module a file imports it from, as --no-cache does (pylint)', async ({ makeRepo }) => {
    const repo = await makeToolRepo(makeRepo, { name: 'pylint', command: 'pylint --errors-only --score=n', files: ['*.py'] }, {
      'a.py': 'from b import compute\n\nprint(compute(1))\n',
      'b.py': 'def compute(x):\n    return x\n',
    });
    expect((await runVerdict(repo)).code).toBe(0);

    repo.write('b.py', 'def calculate(x):\n    return x\n');
    const { cached, uncached } = await expectSameAsUncached(repo);

    expect(uncached.report.diagnostics.map((d) => `${d.file}:${d.line} ${d.code ?? '-'}`)).toEqual(['a.py:1 E0611']);
    expect(cached.code).toBe(1);
  });

  it('gives a full run after a run over one file the verdict of --no-cache, each finding once', async ({ makeRepo }) => {
    // b.py imports a.py: mypy reports a.py's error whichever of the two it is given.
    const repo = await makeToolRepo(makeRepo, MYPY, { 'a.py': 'x: int = "text"\n', 'b.py': 'import a\n\nprint(a.x)\n' });
    const partial = await runVerdict(repo, ['a.py']);
    expect(partial.code).toBe(1);

    const { uncached } = await expectSameAsUncached(repo, [], MYPY_CACHE);

    expect(uncached.report.diagnostics.map((d) => `${d.file}:${d.line} ${d.code ?? '-'}`)).toEqual(['a.py:1 assignment']);
  });

  it('gives a run over one file after a full run the verdict of --no-cache over that file', async ({ makeRepo }) => {
    // b.py has an error of its own; a.py, checked alone, has none.
    const repo = await makeToolRepo(makeRepo, MYPY, { 'a.py': TAKES_INT, 'b.py': 'y: str = 1\n' });
    const full = await runVerdict(repo);
    expect(full.diagnostics).toHaveLength(1);

    const { cached } = await expectSameAsUncached(repo, ['a.py'], MYPY_CACHE);

    expect(cached.code).toBe(0);
    // And the full run's result, written before, still stands for the full run.
    await expectSameAsUncached(repo, [], MYPY_CACHE);
  });

  it('gives a run over the changed files, and a full run after it, the verdict of --no-cache', async ({ makeRepo }) => {
    const repo = await makeToolRepo(makeRepo, MYPY, { 'a.py': TAKES_INT, 'b.py': CALLS_F });
    await repo.commitAll();
    expect((await runVerdict(repo)).code).toBe(0);

    // As a pre-commit hook runs it: only a.py changed, and mypy given a.py alone finds nothing.
    repo.write('a.py', TAKES_BYTES);
    const changed = await expectSameAsUncached(repo, ['--changed'], MYPY_CACHE);
    expect(changed.cached.code).toBe(0);

    const { cached } = await expectSameAsUncached(repo, [], MYPY_CACHE);
    expect(cached.code).toBe(1);
  });

  it('runs a tool known to read other files on all its files when one changes, unless told `cache: file`', async ({ makeRepo }) => {
    const repo = await makeToolRepo(makeRepo, MYPY, { 'a.py': TAKES_INT, 'b.py': CALLS_F, 'c.py': 'z = 1\n' });
    await runVerdict(repo);
    const warm = await runVerdict(repo);
    expect(hookIn(warm.report, 'mypy')).toMatchObject({ cached: true, batches: 0 });

    repo.write('c.py', 'z = 2\n');
    const changed = await runVerdict(repo);
    expect(hookIn(changed.report, 'mypy')).toMatchObject({ cached: false, files_cached: 0, files_run: 3 });

    repo.writeConfig({ max_workers: 1, hooks: [{ ...MYPY, cache: 'file' }] });
    await runVerdict(repo);
    repo.write('c.py', 'z = 3\n');
    const perFile = await runVerdict(repo);
    expect(hookIn(perFile.report, 'mypy')).toMatchObject({ cached: false, files_cached: 2, files_run: 1 });
  });

  it('reports each finding of a cross-file tool once when its files are shared out among workers', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('a.py', 'x: int = "text"\n');
    repo.write('b.py', 'import a\n\nprint(a.x)\n');
    repo.writeConfig({ max_workers: 2, hooks: [MYPY] });

    const { cached } = await expectSameAsUncached(repo, [], MYPY_CACHE);

    expect(cached.diagnostics).toHaveLength(1);
  });
});
