/** What gauntlet knows of a tool: whether its verdict on a file reads other files, and its config files. */
export interface ToolFacts {
  /** The verdict on a file depends on other files (imports, types, the whole package). */
  crossFile: boolean;
  /** Base names of files that change the tool's verdict, looked up at the root and in the checked files' folders. */
  configs: readonly string[];
}

const PYTHON_LOCKS = ['uv.lock', 'poetry.lock', 'Pipfile.lock', 'requirements.txt', 'requirements-dev.txt', 'requirements_dev.txt', 'requirements-test.txt', 'constraints.txt'];
const NODE_LOCKS = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lockb', 'bun.lock'];
const ESLINT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts', '.eslintrc', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.json', '.eslintrc.yaml', '.eslintrc.yml', '.eslintignore'];
const TSCONFIGS = ['tsconfig.json', 'tsconfig.base.json', 'tsconfig.build.json', 'tsconfig.app.json', 'tsconfig.node.json', 'jsconfig.json'];
const PRETTIER_CONFIGS = ['.prettierrc', '.prettierrc.json', '.prettierrc.json5', '.prettierrc.yaml', '.prettierrc.yml', '.prettierrc.toml', '.prettierrc.js', '.prettierrc.mjs', '.prettierrc.cjs', 'prettier.config.js', 'prettier.config.mjs', 'prettier.config.cjs', '.prettierignore', '.editorconfig'];
const MYPY_CONFIGS = ['mypy.ini', '.mypy.ini', 'pyproject.toml', 'setup.cfg', ...PYTHON_LOCKS];
const PYRIGHT_CONFIGS = ['pyrightconfig.json', 'pyproject.toml', ...PYTHON_LOCKS];
const GO_CONFIGS = ['go.mod', 'go.sum', 'go.work', 'go.work.sum'];

/** Known tools by program name (after wrappers such as `python -m` or `npx`: see recognize-tool.ts). */
const TOOLS: Readonly<Record<string, ToolFacts>> = {
  // Type checkers and linters that follow imports: a file's verdict reads other files.
  mypy: { crossFile: true, configs: MYPY_CONFIGS },
  dmypy: { crossFile: true, configs: MYPY_CONFIGS },
  pyright: { crossFile: true, configs: PYRIGHT_CONFIGS },
  basedpyright: { crossFile: true, configs: PYRIGHT_CONFIGS },
  pytype: { crossFile: true, configs: ['setup.cfg', 'pytype.cfg', 'pyproject.toml', ...PYTHON_LOCKS] },
  pylint: { crossFile: true, configs: ['pylintrc', '.pylintrc', 'pyproject.toml', 'setup.cfg', 'tox.ini', ...PYTHON_LOCKS] },
  tsc: { crossFile: true, configs: [...TSCONFIGS, 'package.json', ...NODE_LOCKS] },
  'vue-tsc': { crossFile: true, configs: [...TSCONFIGS, 'package.json', ...NODE_LOCKS] },
  eslint: { crossFile: true, configs: [...ESLINT_CONFIGS, ...TSCONFIGS, 'package.json', ...NODE_LOCKS] },
  cargo: { crossFile: true, configs: ['Cargo.toml', 'Cargo.lock', 'clippy.toml', '.clippy.toml', 'rust-toolchain', 'rust-toolchain.toml', 'rustfmt.toml', '.rustfmt.toml'] },
  'cargo-clippy': { crossFile: true, configs: ['Cargo.toml', 'Cargo.lock', 'clippy.toml', '.clippy.toml', 'rust-toolchain', 'rust-toolchain.toml'] },
  go: { crossFile: true, configs: GO_CONFIGS },
  staticcheck: { crossFile: true, configs: ['staticcheck.conf', ...GO_CONFIGS] },
  'golangci-lint': { crossFile: true, configs: ['.golangci.yml', '.golangci.yaml', '.golangci.toml', '.golangci.json', ...GO_CONFIGS] },
  // A file's verdict rests on the file, the tool's config and its plugins.
  flake8: { crossFile: false, configs: ['setup.cfg', 'tox.ini', '.flake8', ...PYTHON_LOCKS] },
  ruff: { crossFile: false, configs: ['ruff.toml', '.ruff.toml', 'pyproject.toml', ...PYTHON_LOCKS] },
  black: { crossFile: false, configs: ['pyproject.toml', ...PYTHON_LOCKS] },
  isort: { crossFile: false, configs: ['.isort.cfg', 'pyproject.toml', 'setup.cfg', 'tox.ini', '.editorconfig', ...PYTHON_LOCKS] },
  pycodestyle: { crossFile: false, configs: ['setup.cfg', 'tox.ini', ...PYTHON_LOCKS] },
  pydocstyle: { crossFile: false, configs: ['setup.cfg', 'tox.ini', '.pydocstyle', '.pydocstyle.ini', '.pydocstylerc', 'pyproject.toml', ...PYTHON_LOCKS] },
  bandit: { crossFile: false, configs: ['.bandit', 'pyproject.toml', 'setup.cfg', ...PYTHON_LOCKS] },
  codespell: { crossFile: false, configs: ['.codespellrc', 'setup.cfg', 'pyproject.toml', '.codespell-ignore', '.codespellignore'] },
  yamllint: { crossFile: false, configs: ['.yamllint', '.yamllint.yaml', '.yamllint.yml'] },
  shellcheck: { crossFile: false, configs: ['.shellcheckrc', 'shellcheckrc'] },
  shfmt: { crossFile: false, configs: ['.editorconfig'] },
  prettier: { crossFile: false, configs: [...PRETTIER_CONFIGS, 'package.json', ...NODE_LOCKS] },
  biome: { crossFile: false, configs: ['biome.json', 'biome.jsonc', '.editorconfig', 'package.json', ...NODE_LOCKS] },
  markdownlint: { crossFile: false, configs: ['.markdownlint.json', '.markdownlint.jsonc', '.markdownlint.yaml', '.markdownlint.yml', '.markdownlintrc', '.markdownlintignore', 'package.json', ...NODE_LOCKS] },
  'markdownlint-cli2': { crossFile: false, configs: ['.markdownlint-cli2.jsonc', '.markdownlint-cli2.yaml', '.markdownlint-cli2.cjs', '.markdownlint.json', '.markdownlint.jsonc', '.markdownlint.yaml', '.markdownlint.yml', 'package.json', ...NODE_LOCKS] },
  stylelint: { crossFile: false, configs: ['.stylelintrc', '.stylelintrc.json', '.stylelintrc.yaml', '.stylelintrc.yml', '.stylelintrc.js', 'stylelint.config.js', 'stylelint.config.mjs', 'stylelint.config.cjs', 'package.json', ...NODE_LOCKS] },
  hadolint: { crossFile: false, configs: ['.hadolint.yaml', '.hadolint.yml'] },
  rubocop: { crossFile: false, configs: ['.rubocop.yml', '.rubocop_todo.yml', 'Gemfile.lock'] },
  gofmt: { crossFile: false, configs: [] },
  rustfmt: { crossFile: false, configs: ['rustfmt.toml', '.rustfmt.toml', 'rust-toolchain', 'rust-toolchain.toml'] },
  'clang-format': { crossFile: false, configs: ['.clang-format', '_clang-format'] },
  'clang-tidy': { crossFile: true, configs: ['.clang-tidy', 'compile_commands.json'] },
  taplo: { crossFile: false, configs: ['taplo.toml', '.taplo.toml'] },
  actionlint: { crossFile: false, configs: ['.github/actionlint.yaml', '.github/actionlint.yml'] },
};

/** What gauntlet knows of the tool of this program name; null for a tool it does not know. */
export function lookUpTool(name: string): ToolFacts | null {
  return Object.hasOwn(TOOLS, name) ? (TOOLS[name] ?? null) : null;
}

/** `go vet` reads packages, `go fmt` one file: for `go`, the subcommand decides. */
export function isPerFileGoCommand(subcommand: string | undefined): boolean {
  return subcommand === 'fmt';
}
