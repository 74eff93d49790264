// What an editor shows on hover and completion for each field of gauntlet.yaml: the text of
// README.md's "Configuration" tables, attached to the zod schema so the JSON Schema carries it.

/** The documentation of one field: zod metadata that `z.toJSONSchema` copies into the schema. */
export type FieldDoc = Readonly<{
  /** Markdown-flavoured text (code in backticks); the JSON Schema also gets it as markdownDescription. */
  description: string;
  /** Values as a user writes them in gauntlet.yaml. */
  examples?: readonly unknown[];
}>;

const GLOB_RULES =
  'A glob without `/` matches a file\'s base name anywhere (`*.py`); one with `/` matches the ' +
  'repository-relative path (`src/**/*.ts`). Dotfiles match.';
const NEEDS_PASS_FILES = 'Needs `pass_files`.';

/** The top level of gauntlet.yaml. */
export const CONFIG_DOCS = {
  max_workers: {
    description: 'Hooks running at once, 1 to 256; default: the number of cores. `gauntlet run -j N` overrides it.',
    examples: [4],
  },
  fail_fast: {
    description:
      'Stop everything at the first failure: queued hooks are cancelled and running ones killed (they report ' +
      '`cancelled`). `gauntlet run --fail-fast` / `--no-fail-fast` override it.',
  },
  hooks: { description: 'The checks gauntlet runs (linters, formatters, type checkers), fastest first, in parallel.' },
  lsp: { description: 'Settings of the language server, `gauntlet lsp`.' },
  remote_cache: {
    description:
      "A remote cache shared by a team's machines and CI, served over Bazel's HTTP cache protocol (bazel-remote, " +
      'BuildBuddy, nginx with WebDAV). See "Sharing results: a remote cache" in the README.',
  },
} as const satisfies Record<string, FieldDoc>;

/** One hook, and each of its fields. */
export const HOOK_DOCS = {
  hook: { description: 'One check: a command gauntlet runs on the files its globs match.' },
  name: {
    description: 'Required. Unique name, `[A-Za-z0-9._-]+`: shown in output, reports and `--tool`/`--skip`.',
    examples: ['flake8'],
  },
  command: {
    description:
      'Required. A string split into words the way a shell would (quotes and backslashes honoured, no variables, ' +
      'globs or operators: `|`, `&&`, `>` are refused — write `["sh", "-c", "..."]` to use a shell), or a list of ' +
      'words used as-is. The first word is the program, looked up on `PATH`; a word with a `/` is relative to the ' +
      'repository root. A `{files}` word places the files; a `{file}` word runs the hook once per file.',
    examples: ['flake8 --max-line-length=100', ['grep', '-nHE', '[[:space:]]+$']],
  },
  command_word: { description: 'One argv word, passed as it is.' },
  files: { description: `Globs of the files the hook checks; default: every file. ${GLOB_RULES}`, examples: [['*.py'], 'src/**/*.ts'] },
  exclude: { description: `Globs of files left out; same rules as \`files\`. ${GLOB_RULES}`, examples: [['docs/**']] },
  glob: { description: 'A glob: without `/` it matches a base name anywhere, with `/` the repository-relative path.' },
  pass_files: {
    description:
      "Append the hook's files to its command (a `{files}` word places them there instead). `false` makes a " +
      'project-level hook: it runs once, without files, when `always_run` is set or any file matches its globs.',
  },
  always_run: { description: 'Run even when no file matches.' },
  timeout: {
    description:
      "Seconds. On timeout the hook's process group gets TERM, then KILL 2 s later. `auto`: 3 × the p95 of the " +
      "hook's past batch durations, scaled up to the batch's file count, at least 10 s; 60 s until the hook has a profile.",
    examples: [60, 'auto'],
  },
  stage: { description: '`fast` or `comprehensive`; `gauntlet run --stage` selects one.' },
  ok_exit_codes: { description: 'Exit codes that mean "passed".', examples: [[0], [1]] },
  exit_code: { description: 'An exit code that means "passed".' },
  fail_on_diagnostics: { description: 'Also fail when the parser found diagnostics.' },
  env: {
    description:
      "Variables set for the hook, on top of gauntlet's environment (without `GAUNTLET_REMOTE_CACHE` and " +
      '`GAUNTLET_REMOTE_CACHE_HEADER`, which may hold credentials).',
    examples: [{ PYTHONWARNINGS: 'ignore' }],
  },
  env_value: { description: "The variable's value (a number or boolean is written as text)." },
  cache: {
    description:
      'How results are reused: `file` (per file), `project` (as a whole, over every file the hook matches) or ' +
      '`off`. Default: `file`, or `project` for tools known to read other files (mypy, tsc, eslint, ...). ' +
      'See "When is a cached result reused?" in the README; `gauntlet explain` shows the scope and why.',
  },
  cache_inputs: {
    description:
      "Paths (relative to the root, not globs, not absolute, not outside the repository) of files whose content decides " +
      "the hook's verdict besides the checked file, on top of the config files gauntlet knows the tool reads. A change " +
      "to any of them, or creating or removing one, invalidates the hook's cached results.",
    examples: [['setup.cfg']],
  },
  cache_input: { description: 'A repository-relative path of a file the hook reads.' },
  cache_inputs_default: {
    description: 'Add the config files and lock files gauntlet knows the tool reads to `cache_inputs`.',
  },
  require_serial: {
    description: "Never split the hook's files into batches: one invocation gets them all (argv-size limits aside).",
  },
  batch_size: { description: 'Most files in one invocation.', examples: [50] },
  modifies_files: {
    description: 'The hook may rewrite its files (a formatter or fixer). See "Hooks that modify files" in the README.',
  },
  fix_ok: { description: 'With `modifies_files`: rewriting files is not a failure.' },
  stdin: {
    description:
      "The tool reads the file's content on stdin: it runs once per file, with its text on stdin, so an editor can " +
      "check unsaved text. `{file}` in the command stands for the file's path; the file is not appended. " +
      NEEDS_PASS_FILES,
  },
  format: {
    description:
      'The hook is a formatter: it reads the file on stdin and prints the whole formatted text on stdout ' +
      '(`prettier --stdin-filepath {file}`, `black -q -`, `ruff format -`). Implies `stdin`. `gauntlet run` checks, ' +
      '`--fix` writes, editors format with it. Needs `pass_files`; not with `modifies_files`, `always_run` or `{files}`.',
  },
  range_format: {
    description:
      'With `format`: the formatter can format part of the text, given by range placeholders in its command ' +
      "(`{range_start}`, `{range_end}`, `{range_start_line}`, ...); the editor's range formatting uses it.",
  },
  files_after_double_dash: {
    description:
      'Put a `--` word just before the files (at `{files}` or `{file}` too) and pass their names as they are, ' +
      'instead of writing a name that starts with `-` as `./-name`. For tools where `./x` means something else ' +
      `than \`x\`. ${NEEDS_PASS_FILES}`,
  },
  version_command: {
    description:
      "A command (string or list, like `command`) that prints the tool's version: part of the key of results " +
      'shared through a remote cache, and needed for sharing the results of a tool whose program is a script or ' +
      'runs through a runner.',
    examples: ['flake8 --version'],
  },
} as const satisfies Record<string, FieldDoc>;

/** `lsp:` and `remote_cache:`. */
export const SETTINGS_DOCS = {
  debounce_ms: {
    description: 'Milliseconds typing must pause before `stdin` hooks check the unsaved text in an editor.',
    examples: [250],
  },
  url: {
    description:
      'The cache\'s address: `http://` or `https://`, a path prefix allowed. Never credentials: give those in the ' +
      'environment (`GAUNTLET_REMOTE_CACHE`, `GAUNTLET_REMOTE_CACHE_HEADER`), which also overrides this.',
    examples: ['http://cache.internal:8080/gauntlet'],
  },
  read_only: {
    description: "Look results up, never upload (a developer's machine; CI writes). `GAUNTLET_REMOTE_CACHE_READ_ONLY` overrides it.",
  },
  timeout_ms: {
    description: "Each request's limit, and the most a run waits at exit for its uploads.",
    examples: [2_000],
  },
  headers: {
    description:
      'Sent with each request. Never credentials: an `Authorization`, `Proxy-Authorization` or `Cookie` header is a ' +
      'config error (give it in `GAUNTLET_REMOTE_CACHE_HEADER`).',
    examples: [{ 'X-Team': 'web' }],
  },
  header_value: { description: "The header's value." },
} as const satisfies Record<string, FieldDoc>;
