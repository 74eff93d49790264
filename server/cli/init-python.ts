import { readConfigText, readSection } from './init-configs.js';

/** How a project-level Python checker is pointed at the project: its arguments and variables. */
export interface ProjectPlan {
  args: string[];
  env?: Record<string, string>;
}

/** mypy's config files in the order it reads them, with the section it looks for in each. */
const MYPY_CONFIGS: readonly { file: string; header: string }[] = [
  { file: 'mypy.ini', header: '[mypy]' },
  { file: '.mypy.ini', header: '[mypy]' },
  { file: 'pyproject.toml', header: '[tool.mypy]' },
  { file: 'setup.cfg', header: '[mypy]' },
];

const PYTHON_FILE = /\.pyi?$/;

/**
 * mypy's arguments for this repository. When its config sets `files`, plain `mypy` checks what
 * the project chose. Otherwise it is given each top-level folder (and file) holding tracked
 * Python files, with `--explicit-package-bases` so that module names follow the folders: a
 * test importing `tests.helpers` no more makes mypy find a file twice under two names; in a
 * `src/` layout, MYPYPATH=src makes `src/pkg` the package `pkg` that the tests import.
 */
export async function planMypy(root: string, files: readonly string[]): Promise<ProjectPlan> {
  if (await configSetsFiles(root)) return { args: [] };
  const targets = [...new Set(files.filter((file) => PYTHON_FILE.test(file)).map((file) => file.split('/')[0] ?? file))].sort();
  // A name that starts with a dash would be read as an option.
  const args = ['--explicit-package-bases', ...targets.map((target) => (target.startsWith('-') ? `./${target}` : target))];
  return targets.includes('src') ? { args, env: { MYPYPATH: 'src' } } : { args };
}

/** Whether the mypy config mypy would read (the first file with its section) sets `files`. */
async function configSetsFiles(root: string): Promise<boolean> {
  for (const { file, header } of MYPY_CONFIGS) {
    const text = await readConfigText(root, file);
    const section = text === null ? null : readSection(text, header);
    // mypy.ini and .mypy.ini are mypy's own: read even without a [mypy] section.
    if (section === null) {
      if (file.endsWith('mypy.ini') && text !== null) return false;
      continue;
    }
    return section.some((line) => /^\s*files\s*[=:]/.test(line));
  }
  return false;
}
