import { describe, expect } from 'vitest';
import { repoTest as it } from '../helpers/e2e.js';
import { hasTool, runTool } from '../helpers/external-tools.js';
import { expectCleanThenCaught, INIT_TEST_MS, lintWrittenConfig, readWrittenHooks, runSlowly } from '../helpers/init-e2e.js';

const HAS_TOOLS = hasTool('mypy') && hasTool('pylint') && hasTool('flake8') && hasTool('yamllint');

const CORE = '"""Arithmetic."""\n\n\ndef add(left: int, right: int) -> int:\n    """Return the sum."""\n    return left + right\n';
/** An unused import (flake8 and pylint, line 2) and a type error (mypy, line 7). */
const BROKEN_CORE = '"""Arithmetic."""\nimport os\n\n\ndef add(left: int, right: int) -> int:\n    """Return the sum."""\n    return left + str(right)\n';
const TEST = '"""Tests of add."""\nfrom pkg.core import add\n\n\ndef test_add() -> None:\n    """Add two numbers."""\n    assert add(1, 2) == 3\n';
const PYPROJECT = '[project]\nname = "pkg"\nversion = "0.1.0"\n\n[tool.mypy]\nstrict = true\n';
const MYPY_ARGS = ['mypy', '--no-error-summary', '--show-column-numbers'];

/** A repository layout, the mypy hook init should write for it, and the file the error is planted in. */
interface Layout {
  layout: string;
  files: Record<string, string>;
  core: string;
  command: string[];
  env: Record<string, string> | undefined;
  plainFailure: string | null;
}

const LAYOUTS: Layout[] = [
  {
    layout: 'a src/ layout whose tests hold two conftest.py',
    files: {
      'pyproject.toml': PYPROJECT,
      'src/pkg/__init__.py': '"""A package."""\n',
      'src/pkg/core.py': CORE,
      'tests/conftest.py': '"""Fixtures."""\n\nBASE = 1\n',
      'tests/unit/conftest.py': '"""Fixtures of the unit tests."""\n\nOFFSET = 2\n',
      'tests/unit/test_core.py': TEST,
    },
    core: 'src/pkg/core.py',
    command: [...MYPY_ARGS, '--explicit-package-bases', 'src', 'tests'],
    env: { MYPYPATH: 'src' },
    // What a plain `mypy src tests` makes of it: the layout is a real trap.
    plainFailure: 'Duplicate module named "conftest"',
  },
  {
    layout: 'a flat layout',
    files: { 'pyproject.toml': PYPROJECT, 'pkg/__init__.py': '"""A package."""\n', 'pkg/core.py': CORE, 'tests/test_core.py': TEST, 'setup.py': '"""Setup."""\n' },
    core: 'pkg/core.py',
    command: [...MYPY_ARGS, '--explicit-package-bases', 'pkg', 'setup.py', 'tests'],
    env: undefined,
    plainFailure: null,
  },
  {
    layout: 'a mypy config that sets files',
    files: { 'pyproject.toml': `${PYPROJECT}files = ["src"]\n`, 'src/pkg/__init__.py': '"""A package."""\n', 'src/pkg/core.py': CORE, 'tests/test_core.py': TEST },
    core: 'src/pkg/core.py',
    command: MYPY_ARGS,
    env: undefined,
    plainFailure: null,
  },
];

describe.runIf(HAS_TOOLS).concurrent('gauntlet init in a Python repository', { timeout: INIT_TEST_MS }, () => {
  it.for(LAYOUTS)('writes hooks that pass on $layout and fail on a planted error', async ({ files, core, command, env, plainFailure }, { makeRepo }) => {
    const repo = await makeRepo();
    for (const [file, text] of Object.entries(files)) repo.write(file, text);
    await repo.commitAll();
    if (plainFailure !== null) expect((await runTool('mypy', ['src', 'tests'], repo.root)).output).toContain(plainFailure);

    const init = await runSlowly(repo, ['init']);
    expect(init.code, init.stderr).toBe(0);
    expect(await lintWrittenConfig(repo)).toBe('');
    const hooks = readWrittenHooks(repo);
    const mypy = hooks.find((hook) => hook.name === 'mypy');
    expect(mypy?.command).toEqual(command);
    expect(mypy?.env).toEqual(env);
    expect(hooks.find((hook) => hook.name === 'pylint')).toMatchObject({ command: ['pylint', '--output-format=json', '--score=n'], parser: 'pylint' });

    await expectCleanThenCaught(repo, ['mypy', 'pylint', 'flake8'], { [core]: BROKEN_CORE }, [`mypy ${core}:7`, `pylint ${core}:2`, `flake8 ${core}:2`]);
  });
});
