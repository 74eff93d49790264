import { split } from 'shlex';

/**
 * Runners that start the program named after them: `npx eslint`, `uv run mypy`, `poetry run
 * pylint`. The value lists the runner's subcommands that come first (`uv run`), if any.
 */
const RUNNERS: Readonly<Record<string, readonly string[] | null>> = {
  npx: null,
  bunx: null,
  uvx: null,
  pnpx: null,
  pnpm: ['exec', 'dlx'],
  yarn: ['exec', 'dlx'],
  npm: ['exec', 'x'],
  bun: ['x', 'run'],
  uv: ['run', 'tool'],
  poetry: ['run'],
  pipx: ['run'],
  pdm: ['run'],
  hatch: ['run'],
  pipenv: ['run'],
  rye: ['run'],
  conda: ['run'],
  mamba: ['run'],
  micromamba: ['run'],
  env: null,
  nice: null,
  nohup: null,
  time: null,
  timeout: null,
  exec: null,
  command: null,
};
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh']);
/** Options of runners that take a value in the next word. */
const VALUED_OPTIONS = new Set(['-p', '--package', '-n', '--name', '--prefix', '--with', '--python', '--from', '-c', '--call', '--env', '-k', '-s', '--signal']);
/** Options of python that take a value in the next word. */
const PYTHON_VALUED = new Set(['-W', '-X', '--check-hash-based-pycs']);
/** Words a wrapper stops at: we cannot see further. */
const MAX_DEPTH = 8;

/**
 * The programs a command runs, as gauntlet can tell from its words: the program itself,
 * or what a runner (`npx`, `uv run`, `python -m`, `node_modules/.bin/`) or a shell script
 * (`sh -c "mypy ..."`) starts. Names are base names without extension (`eslint`, `mypy`);
 * `go` and `cargo` come with their subcommand as `go vet`.
 */
export function recognizeTools(argv: readonly string[]): string[] {
  const found: string[] = [];
  collectTools(argv, found, 0);
  return [...new Set(found)];
}

function collectTools(argv: readonly string[], found: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  let index = 0;
  for (; index < argv.length; index++) {
    const word = argv[index] ?? '';
    const name = programName(word);
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) continue; // env's VAR=value
    if (SHELLS.has(name)) {
      const script = argv.indexOf('-c', index + 1);
      if (script !== -1) collectScript(argv[script + 1] ?? '', found, depth);
      return;
    }
    if (/^python[0-9.]*$/.test(name) || name === 'py' || name === 'pypy3' || name === 'pypy') {
      collectPython(argv.slice(index + 1), found);
      return;
    }
    if (name === 'node' || name === 'deno' || name === 'tsx' || name === 'ts-node') {
      const script = argv.slice(index + 1).find((arg) => !arg.startsWith('-'));
      if (script !== undefined) found.push(programName(script));
      return;
    }
    if (Object.hasOwn(RUNNERS, name)) {
      index = skipRunner(argv, index, RUNNERS[name] ?? null);
      continue;
    }
    if (name === '') return;
    found.push(name === 'go' || name === 'cargo' ? `${name} ${argv[index + 1] ?? ''}`.trim() : name);
    return;
  }
}

/** Index of the last word of a runner and its options: the program comes next. */
function skipRunner(argv: readonly string[], at: number, subcommands: readonly string[] | null): number {
  let index = at;
  if (subcommands !== null) {
    if (!subcommands.includes(argv[index + 1] ?? '')) return argv.length; // `uv pip ...`: not a program run
    index += 1;
  }
  while (index + 1 < argv.length) {
    const next = argv[index + 1] ?? '';
    if (next === '--') return index + 1;
    if (!next.startsWith('-')) {
      // `timeout 30 mypy`: a duration before the program.
      if (/^[0-9.]+[smhd]?$/.test(next)) {
        index += 1;
        continue;
      }
      return index;
    }
    index += VALUED_OPTIONS.has(next) ? 2 : 1;
  }
  return index;
}

function collectPython(args: readonly string[], found: string[]): void {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '-m') {
      const module = args[index + 1];
      if (module !== undefined) found.push(module.replace(/\.__main__$/, '').split('.')[0] ?? module);
      return;
    }
    if (arg === '-c') return;
    if (PYTHON_VALUED.has(arg)) {
      index += 1;
      continue;
    }
    if (!arg.startsWith('-')) {
      found.push(programName(arg));
      return;
    }
  }
}

function collectScript(script: string, found: string[], depth: number): void {
  let words: string[];
  try {
    words = split(script);
  } catch {
    words = script.split(/\s+/);
  }
  // Each simple command of the script: split at the shell's operators.
  let command: string[] = [];
  for (const word of [...words, ';']) {
    if (/^(;|&&|\|\||\||&|then|do|else|elif|if|while|until|!)$/.test(word)) {
      if (command.length > 0) collectTools(command, found, depth + 1);
      command = [];
    } else {
      command.push(word);
    }
  }
}

/** `node_modules/.bin/eslint` → `eslint`; `mypy.exe` → `mypy`; `bin/tsc.js` → `tsc`. */
export function programName(word: string): string {
  const base = word.slice(word.lastIndexOf('/') + 1);
  return base.replace(/\.(exe|cmd|bat|js|cjs|mjs|py|sh)$/i, '');
}
