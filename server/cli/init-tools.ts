import type { JsonPreset } from '../../protocol/parser.js';

/** A file whose presence names a tool: the file itself, or a section of a shared file. */
export type ConfigMark = string | { file: string; section: RegExp };

/** Where a tool comes from, for the line that says how to install one that is missing. */
export interface Installer {
  /** npm and pip tools are looked up in node_modules/.bin and in a virtualenv before PATH. */
  kind: 'npm' | 'pip' | 'apt' | 'other';
  /** The package (for `other`: the whole install command). */
  name: string;
}

/** A check `gauntlet init` can set up, when its tool is installed and its files exist. */
export interface ToolSpec {
  /** Hook name. */
  name: string;
  /** The executable looked up in the project's own tool folders and on PATH. */
  program: string;
  installer: Installer;
  /** Arguments after the program. */
  args: string[];
  /** Globs of the files it checks; the hook is written only when a file matches one. */
  files: string[];
  exclude?: string[];
  /** What the hook does, for the comment above it. */
  comment: string;
  parser?: 'none' | JsonPreset | { regex: string };
  passFiles?: false;
  stage?: 'comprehensive';
  timeout?: number;
  /** Configs that name the tool: found while the tool is missing, init says how to install it. */
  configs?: ConfigMark[];
  /** Written only when one of `configs` exists: without it the tool would misjudge the project. */
  needsConfig?: true;
  /** The arguments name the project's Python folders, as the layout found asks (see init-python.ts). */
  pythonProject?: true;
  okExitCodes?: number[];
  /** Left out when one of these hooks is written: they do the same job better. */
  unless?: string[];
  /**
   * Arguments that make the program print its version, for `version_command` (what lets a remote
   * cache share the results of a tool whose program is a script); default `--version`, null for none.
   */
  version?: string[] | null;
}

const PYTHON = ['*.py', '*.pyi'];
const SHELL = ['*.sh', '*.bash', '*.ksh', '*.bats'];
const SCRIPT = ['*.js', '*.jsx', '*.mjs', '*.cjs', '*.ts', '*.tsx', '*.mts', '*.cts'];
const ESLINT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.json', '.eslintrc.yml', '.eslintrc.yaml', '.eslintrc'];
const PRETTIER_CONFIGS = ['.prettierrc', '.prettierrc.json', '.prettierrc.yaml', '.prettierrc.yml', '.prettierrc.js', '.prettierrc.cjs', '.prettierrc.mjs', '.prettierrc.toml', 'prettier.config.js', 'prettier.config.cjs', 'prettier.config.mjs'];
const MARKDOWNLINT_CONFIGS = ['.markdownlint.json', '.markdownlint.jsonc', '.markdownlint.yaml', '.markdownlint.yml', '.markdownlintrc'];

/** `[tool.NAME]` (or a sub-table) in pyproject.toml. */
function pyproject(tool: string): ConfigMark {
  return { file: 'pyproject.toml', section: new RegExp(`^\\[tool\\.${tool}[.\\]]`, 'm') };
}

/** `[NAME]` in an ini-style file (setup.cfg, tox.ini). */
function iniSection(file: string, section: string): ConfigMark {
  return { file, section: new RegExp(`^\\[${section}[\\]:]`, 'm') };
}

const TSC_REGEX = '^(?<file>[^\\s(][^(]*)\\((?<line>\\d+),(?<column>\\d+)\\): (?<severity>error|warning) (?<code>TS\\d+): (?<message>.*)$';
const YAMLLINT_REGEX = '^(?<file>[^:]+):(?<line>\\d+):(?<column>\\d+): \\[(?<severity>error|warning)\\] (?<message>.*?)(?: \\((?<code>[\\w-]+)\\))?$';

/** The checks `gauntlet init` knows, in the order they are written. */
export const TOOLS: readonly ToolSpec[] = [
  {
    name: 'ruff', program: 'ruff', installer: { kind: 'pip', name: 'ruff' }, args: ['check', '--output-format=json', '--no-fix'], files: PYTHON, parser: 'ruff',
    configs: ['ruff.toml', '.ruff.toml', pyproject('ruff')], comment: 'ruff: Python lint (pyflakes, pycodestyle and more), fast',
  },
  {
    name: 'flake8', program: 'flake8', installer: { kind: 'pip', name: 'flake8' }, args: [], files: ['*.py'], unless: ['ruff'],
    configs: ['.flake8', iniSection('setup.cfg', 'flake8'), iniSection('tox.ini', 'flake8')], comment: 'flake8: Python lint (style and likely bugs)',
  },
  {
    name: 'black', program: 'black', installer: { kind: 'pip', name: 'black' }, args: ['--check', '--quiet'], files: PYTHON, parser: 'none',
    configs: [pyproject('black')], comment: 'black --check: fails when a Python file is not formatted as black would',
  },
  {
    name: 'mypy', program: 'mypy', installer: { kind: 'pip', name: 'mypy' }, args: ['--no-error-summary', '--show-column-numbers'], files: PYTHON,
    passFiles: false, pythonProject: true, stage: 'comprehensive', timeout: 300,
    configs: ['mypy.ini', '.mypy.ini', pyproject('mypy'), iniSection('setup.cfg', 'mypy')],
    comment: 'mypy: Python type checks of the whole project, once, so imports resolve (stage comprehensive: slower)',
  },
  {
    name: 'pylint', program: 'pylint', installer: { kind: 'pip', name: 'pylint' }, args: ['--output-format=json', '--score=n'], files: ['*.py'], parser: 'pylint',
    stage: 'comprehensive', timeout: 300, configs: ['.pylintrc', 'pylintrc', pyproject('pylint')], comment: 'pylint: thorough Python lint (stage comprehensive: slower)',
  },
  {
    name: 'shellcheck', program: 'shellcheck', installer: { kind: 'apt', name: 'shellcheck' }, args: ['-f', 'json1'], files: SHELL, parser: 'shellcheck',
    configs: ['.shellcheckrc'], comment: 'shellcheck: shell script bugs and pitfalls',
  },
  {
    name: 'yamllint', program: 'yamllint', installer: { kind: 'pip', name: 'yamllint' }, args: ['-f', 'parsable', '-d', 'relaxed'], files: ['*.yaml', '*.yml'],
    parser: { regex: YAMLLINT_REGEX }, configs: ['.yamllint', '.yamllint.yaml', '.yamllint.yml'], comment: 'yamllint (relaxed rules): YAML syntax and layout',
  },
  {
    name: 'tsc', program: 'tsc', installer: { kind: 'npm', name: 'typescript' }, args: ['--noEmit', '--pretty', 'false', '-p', '.'],
    files: ['*.ts', '*.tsx', '*.mts', '*.cts', 'tsconfig*.json'], passFiles: false, timeout: 300, parser: { regex: TSC_REGEX }, configs: ['tsconfig.json'], needsConfig: true,
    comment: 'tsc: TypeScript type checks of the whole project (tsconfig.json), once',
  },
  {
    name: 'eslint', program: 'eslint', installer: { kind: 'npm', name: 'eslint' }, args: ['--max-warnings', '0', '--format', 'json', '--no-warn-ignored'], files: SCRIPT,
    timeout: 300, parser: 'eslint', configs: ESLINT_CONFIGS, needsConfig: true, comment: "eslint: JavaScript and TypeScript lint with the project's eslint config",
  },
  {
    name: 'biome', program: 'biome', installer: { kind: 'npm', name: '@biomejs/biome' }, args: ['lint', '--reporter=json', '--no-errors-on-unmatched'],
    files: [...SCRIPT, '*.json', '*.jsonc', '*.css'], parser: 'biome', configs: ['biome.json', 'biome.jsonc'], needsConfig: true,
    comment: "biome lint: JavaScript, TypeScript, JSON and CSS lint with the project's biome.json",
  },
  {
    name: 'prettier', program: 'prettier', installer: { kind: 'npm', name: 'prettier' }, args: ['--check', '--log-level', 'warn'],
    files: [...SCRIPT, '*.json', '*.css', '*.scss', '*.md', '*.yaml', '*.yml', '*.html'], exclude: ['package-lock.json'], parser: 'none',
    configs: PRETTIER_CONFIGS, needsConfig: true, comment: "prettier --check: fails when a file is not formatted as the project's prettier config says",
  },
  {
    name: 'markdownlint', program: 'markdownlint', installer: { kind: 'npm', name: 'markdownlint-cli' }, args: ['--json'], files: ['*.md', '*.markdown'],
    parser: 'markdownlint', configs: MARKDOWNLINT_CONFIGS, comment: 'markdownlint: Markdown style',
  },
  {
    name: 'codespell', program: 'codespell', installer: { kind: 'pip', name: 'codespell' }, args: [],
    files: ['*.md', '*.rst', '*.txt', ...PYTHON, ...SHELL, ...SCRIPT, '*.yaml', '*.yml'], exclude: ['package-lock.json'],
    configs: ['.codespellrc', pyproject('codespell')], comment: 'codespell: common misspellings in text and code',
  },
  {
    name: 'hadolint', program: 'hadolint', installer: { kind: 'other', name: 'see https://github.com/hadolint/hadolint#install' }, args: ['--format', 'gnu'],
    files: ['Dockerfile', 'Dockerfile.*', '*.Dockerfile', 'Containerfile'], configs: ['.hadolint.yaml', '.hadolint.yml'], comment: 'hadolint: Dockerfile pitfalls',
  },
  {
    name: 'rubocop', program: 'rubocop', installer: { kind: 'other', name: 'gem install rubocop' }, args: ['--format', 'emacs', '--force-exclusion'],
    files: ['*.rb', '*.rake', 'Gemfile', 'Rakefile'], configs: ['.rubocop.yml'], comment: 'rubocop: Ruby style and lint',
  },
  {
    name: 'go-vet', program: 'go', installer: { kind: 'apt', name: 'golang' }, version: ['version'], args: ['vet', './...'], files: ['*.go'], passFiles: false,
    configs: ['go.mod'], needsConfig: true, timeout: 300, comment: 'go vet: suspicious Go constructs, whole module, once',
  },
];

/** Needs only grep, and catches what no linter does: a merge left half done. */
export const CONFLICT_MARKERS: ToolSpec = {
  name: 'conflict-markers',
  program: 'grep',
  installer: { kind: 'apt', name: 'grep' },
  args: ['-nHE', '^(<<<<<<<|>>>>>>>)( |$)'],
  files: [],
  okExitCodes: [1],
  comment: 'conflict-markers: leftover merge conflict markers (grep finding nothing exits 1: passed)',
  // A native program: its own bytes tell its version.
  version: null,
};
