/** A check `gauntlet init` can set up, when its tool is installed and its files exist. */
export interface ToolSpec {
  /** Hook name. */
  name: string;
  /** The executable looked up on PATH (and in node_modules/.bin when `node` is set). */
  program: string;
  node?: boolean;
  /** Arguments after the program. */
  args: string[];
  /** Globs of the files it checks; the hook is written only when a file matches one. */
  files: string[];
  exclude?: string[];
  /** What the hook does, for the comment above it. */
  comment: string;
  parser?: 'none' | { regex: string };
  passFiles?: false;
  requireSerial?: true;
  stage?: 'comprehensive';
  timeout?: number;
  /** Any of these files must exist (the tool's own config); without it the tool would misjudge the project. */
  needsConfig?: string[];
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

const TSC_REGEX = '^(?<file>[^\\s(][^(]*)\\((?<line>\\d+),(?<column>\\d+)\\): (?<severity>error|warning) (?<code>TS\\d+): (?<message>.*)$';
const ESLINT_UNIX_REGEX = '^(?<file>[^:\\s][^:]*):(?<line>\\d+):(?<column>\\d+): (?<message>.*) \\[(?<severity>Error|Warning)/(?<code>[^\\]]+)\\]$';
const YAMLLINT_REGEX = '^(?<file>[^:]+):(?<line>\\d+):(?<column>\\d+): \\[(?<severity>error|warning)\\] (?<message>.*?)(?: \\((?<code>[\\w-]+)\\))?$';
const MARKDOWNLINT_REGEX = '^(?<file>[^:\\s][^:]*):(?<line>\\d+)(?::(?<column>\\d+))? (?<code>MD\\d+)\\S* (?<message>.*)$';
const GITHUB_REGEX = '^::(?<severity>error|warning|notice) title=(?<code>[^,]*),file=(?<file>[^,]+),line=(?<line>\\d+),endLine=(?<end_line>\\d+),col=(?<column>\\d+),endColumn=(?<end_column>\\d+)::(?<message>.*)$';

/** The checks `gauntlet init` knows, in the order they are written. */
export const TOOLS: readonly ToolSpec[] = [
  { name: 'ruff', program: 'ruff', args: ['check', '--output-format=concise', '--no-fix'], files: PYTHON, comment: 'ruff: Python lint (pyflakes, pycodestyle and more), fast' },
  { name: 'flake8', program: 'flake8', args: [], files: ['*.py'], comment: 'flake8: Python lint (style and likely bugs)', unless: ['ruff'] },
  { name: 'black', program: 'black', args: ['--check', '--quiet'], files: PYTHON, parser: 'none', comment: 'black --check: fails when a Python file is not formatted as black would' },
  {
    name: 'mypy', program: 'mypy', args: ['--no-error-summary', '--show-column-numbers'], files: PYTHON, requireSerial: true, stage: 'comprehensive', timeout: 300,
    comment: 'mypy: Python type checks, all files in one run so imports resolve (stage comprehensive: slower)',
  },
  {
    name: 'pylint', program: 'pylint', args: ['--output-format=parseable', '--score=n'], files: ['*.py'], stage: 'comprehensive', timeout: 300,
    comment: 'pylint: thorough Python lint (stage comprehensive: slower)',
  },
  { name: 'shellcheck', program: 'shellcheck', args: ['-f', 'gcc'], files: SHELL, comment: 'shellcheck: shell script bugs and pitfalls' },
  {
    name: 'yamllint', program: 'yamllint', args: ['-f', 'parsable', '-d', 'relaxed'], files: ['*.yaml', '*.yml'], parser: { regex: YAMLLINT_REGEX },
    comment: 'yamllint (relaxed rules): YAML syntax and layout',
  },
  {
    name: 'tsc', program: 'tsc', node: true, args: ['--noEmit', '--pretty', 'false', '-p', '.'], files: ['*.ts', '*.tsx', '*.mts', '*.cts', 'tsconfig*.json'],
    passFiles: false, timeout: 300, parser: { regex: TSC_REGEX }, needsConfig: ['tsconfig.json'],
    comment: 'tsc: TypeScript type checks of the whole project (tsconfig.json), once',
  },
  {
    name: 'eslint', program: 'eslint', node: true, args: ['--max-warnings', '0', '--format', 'unix', '--no-warn-ignored'], files: SCRIPT, timeout: 300,
    parser: { regex: ESLINT_UNIX_REGEX }, needsConfig: ESLINT_CONFIGS, comment: "eslint: JavaScript and TypeScript lint with the project's eslint config",
  },
  {
    name: 'biome', program: 'biome', node: true, args: ['lint', '--reporter=github', '--no-errors-on-unmatched'], files: [...SCRIPT, '*.json', '*.jsonc', '*.css'],
    parser: { regex: GITHUB_REGEX }, needsConfig: ['biome.json', 'biome.jsonc'], comment: "biome lint: JavaScript, TypeScript, JSON and CSS lint with the project's biome.json",
  },
  {
    name: 'prettier', program: 'prettier', node: true, args: ['--check', '--log-level', 'warn'], files: [...SCRIPT, '*.json', '*.css', '*.scss', '*.md', '*.yaml', '*.yml', '*.html'],
    exclude: ['package-lock.json'], parser: 'none', needsConfig: PRETTIER_CONFIGS, comment: "prettier --check: fails when a file is not formatted as the project's prettier config says",
  },
  {
    name: 'markdownlint', program: 'markdownlint', node: true, args: [], files: ['*.md', '*.markdown'], parser: { regex: MARKDOWNLINT_REGEX },
    comment: 'markdownlint: Markdown style',
  },
  {
    name: 'codespell', program: 'codespell', args: [], files: ['*.md', '*.rst', '*.txt', ...PYTHON, ...SHELL, ...SCRIPT, '*.yaml', '*.yml'],
    exclude: ['package-lock.json'], comment: 'codespell: common misspellings in text and code',
  },
  {
    name: 'hadolint', program: 'hadolint', args: ['--format', 'gnu'], files: ['Dockerfile', 'Dockerfile.*', '*.Dockerfile', 'Containerfile'],
    comment: 'hadolint: Dockerfile pitfalls',
  },
  {
    name: 'rubocop', program: 'rubocop', args: ['--format', 'emacs', '--force-exclusion'], files: ['*.rb', '*.rake', 'Gemfile', 'Rakefile'],
    comment: 'rubocop: Ruby style and lint',
  },
  {
    name: 'go-vet', program: 'go', version: ['version'], args: ['vet', './...'], files: ['*.go'], passFiles: false, needsConfig: ['go.mod'], timeout: 300,
    comment: 'go vet: suspicious Go constructs, whole module, once',
  },
];
