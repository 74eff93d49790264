// A realistic repository for the workspace benchmarks (test/bench/incremental.mjs):
// about 2,000 committed source files (Python, shell, YAML, JavaScript, Markdown and
// text) in nested folders, generated deterministically from a seed, with a few lint
// problems planted so that some hooks fail with diagnostics, and the same hooks
// configured for gauntlet (gauntlet.yaml), pre-commit (.pre-commit-config.yaml) and
// lefthook (lefthook.yml).
//
// Needs, on PATH: git, flake8, pylint, shellcheck, yamllint (Debian: apt-get install -y
// git flake8 pylint shellcheck yamllint), optionally codespell (apt-get install -y
// codespell; its hook is left out when missing). The comparison runners are looked up
// by incremental.mjs: pre-commit (apt-get install -y pre-commit) and lefthook
// (npm install --prefix /opt/bench-tools lefthook, or on PATH).
//
// `node test/bench/workspace.mjs [files]` generates one, keeps it, and prints its path.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The controlled hook: fixed CPU start-up cost plus a CPU cost per file. */
export const FIXTURE_HOOK = fileURLToPath(new URL('./fixture-hook.mjs', import.meta.url));
const FIXTURE_STARTUP_MS = 300;
const FIXTURE_PER_FILE_MS = 3;

/** Shares of the files by type; the rest of a share's rounding goes to Python. */
const SHARES = { py: 0.4, sh: 0.15, yaml: 0.1, js: 0.2, md: 0.1, txt: 0.05 };
/** Share of files with a planted problem. */
const PROBLEM_RATE = 0.03;
/** The pylint subset: one package, since pylint costs about 0.1 s a file. */
const PYLINT_PACKAGE = 'pkg0';
const PYLINT_SHARE = 0.04;

const YAMLLINT_REGEX =
  '^(?<file>[^:]+):(?<line>\\d+):(?<column>\\d+): \\[(?<severity>error|warning)\\] (?<message>.*?)(?: \\((?<code>[\\w-]+)\\))?$';

/**
 * One hook, described once for all three runners.
 * @typedef {object} BenchHook
 * @property {string} name
 * @property {string[]} argv the command; files are appended when fileLevel
 * @property {boolean} fileLevel false: runs once on the whole project (unsplittable)
 * @property {boolean} requireSerial must not be split into parallel batches
 * @property {string[]} globs gauntlet's `files`
 * @property {string} regex pre-commit's `files` (a Python regex, searched); also used here to match
 * @property {string} lefthookGlob lefthook's `glob`
 * @property {'gnu' | {regex: string}} parser gauntlet's parser
 */

/** The hooks all three runners run, with real tools found on this machine. */
export function defineHooks() {
  /** @type {BenchHook[]} */
  const hooks = [
    // --jobs=1: one process is one core's work, as the cost model assumes; runners split files.
    { name: 'flake8', argv: ['flake8', '--jobs=1'], fileLevel: true, requireSerial: false, globs: ['*.py'], regex: '\\.py$', lefthookGlob: '*.py', parser: 'gnu' },
    { name: 'shellcheck', argv: ['shellcheck', '-f', 'gcc'], fileLevel: true, requireSerial: false, globs: ['*.sh'], regex: '\\.sh$', lefthookGlob: '*.sh', parser: 'gnu' },
    { name: 'yamllint', argv: ['yamllint', '-f', 'parsable'], fileLevel: true, requireSerial: false, globs: ['*.yaml'], regex: '\\.yaml$', lefthookGlob: '*.yaml', parser: { regex: YAMLLINT_REGEX } },
    { name: 'codespell', argv: ['codespell'], fileLevel: true, requireSerial: false, globs: ['*.md', '*.txt'], regex: '\\.(md|txt)$', lefthookGlob: '*.{md,txt}', parser: 'gnu' },
    // Whole-package run (cross-module checks need every module): one unsplittable job.
    {
      name: 'pylint', argv: ['pylint', '--output-format=parseable', '--score=n', '--disable=C,R', PYLINT_PACKAGE],
      fileLevel: false, requireSerial: true, globs: [`${PYLINT_PACKAGE}/**/*.py`], regex: `^${PYLINT_PACKAGE}/.*\\.py$`, lefthookGlob: `${PYLINT_PACKAGE}/**/*.py`, parser: 'gnu',
    },
    {
      name: 'js-lint', argv: [process.execPath, FIXTURE_HOOK, String(FIXTURE_STARTUP_MS), String(FIXTURE_PER_FILE_MS)],
      fileLevel: true, requireSerial: false, globs: ['*.js'], regex: '\\.js$', lefthookGlob: '*.js', parser: 'gnu',
    },
  ];
  return hooks.filter((hook) => hook.argv[0].includes('/') || isOnPath(hook.argv[0]));
}

/** Whether a hook's files include `file` (repository-relative), as all three runners decide. */
export function matchesHook(hook, file) {
  return new RegExp(hook.regex).test(file);
}

function isOnPath(program) {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', program], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Generates the workspace: a committed git repository in a temp folder (removed at exit
 * unless `keep`) and the hooks configured in it for gauntlet, pre-commit and lefthook.
 * @returns {{ root: string, hooks: BenchHook[], files: string[] }}
 */
export function makeWorkspace({ files = 2000, seed = 1, keep = false } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'gauntlet-workspace-'));
  if (!keep) process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  const hooks = defineHooks();
  const sources = generateSources(files, seed);
  const configs = {
    'gauntlet.yaml': renderGauntletConfig(hooks),
    '.pre-commit-config.yaml': renderPreCommitConfig(hooks),
    'lefthook.yml': renderLefthookConfig(hooks),
    '.flake8': '[flake8]\nmax-line-length = 79\n',
    '.yamllint': '---\nextends: default\nrules:\n  line-length:\n    max: 200\n',
  };
  for (const [name, content] of Object.entries({ ...sources, ...configs })) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '--no-verify', '-m', 'workspace');
  return { root, hooks, files: Object.keys(sources) };
}

// ---- runner configs ------------------------------------------------------------------

/** JSON is YAML: a safe way to write any scalar or flow list (spaced after commas, for yamllint). */
const y = (value) => (Array.isArray(value) ? `[${value.map((item) => JSON.stringify(item)).join(', ')}]` : JSON.stringify(value));

function renderGauntletConfig(hooks) {
  const lines = ['---', '# Generated by gauntlet test/bench/workspace.mjs', 'hooks:'];
  for (const hook of hooks) {
    lines.push(`  - name: ${hook.name}`, `    command: ${y(hook.argv)}`, `    files: ${y(hook.globs)}`);
    if (!hook.fileLevel) lines.push('    pass_files: false');
    if (hook.parser !== 'gnu') lines.push(`    parser: {regex: ${y(hook.parser.regex)}}`);
    lines.push('    timeout: 600');
  }
  return `${lines.join('\n')}\n`;
}

function renderPreCommitConfig(hooks) {
  const lines = ['---', '# Generated by gauntlet test/bench/workspace.mjs', 'repos:', '  - repo: local', '    hooks:'];
  for (const hook of hooks) {
    lines.push(
      `      - id: ${hook.name}`,
      `        name: ${hook.name}`,
      `        entry: ${y(hook.argv.map(quoteShellWord).join(' '))}`,
      '        language: system',
      `        files: ${y(hook.regex)}`,
      `        pass_filenames: ${hook.fileLevel}`,
      `        require_serial: ${hook.requireSerial}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function renderLefthookConfig(hooks) {
  const lines = ['# Generated by gauntlet test/bench/workspace.mjs', 'pre-commit:', '  parallel: true', '  commands:'];
  for (const hook of hooks) {
    const command = hook.argv.map(quoteShellWord).join(' ');
    lines.push(`    ${hook.name}:`, `      glob: ${y(hook.lefthookGlob)}`, `      run: ${y(hook.fileLevel ? `${command} {all_files}` : command)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One word for sh and for Python's shlex.split alike. */
function quoteShellWord(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;
}

// ---- sources -------------------------------------------------------------------------

/** mulberry32: small, fast, and the same sequence on every machine. */
function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  // Most files small, a few large: the cube of a uniform number is skewed towards 0.
  const skewed = (min, max) => min + Math.floor(next() ** 3 * (max - min + 1));
  return { next, int, pick, skewed };
}

const NOUNS = ['widget', 'record', 'buffer', 'client', 'server', 'packet', 'report', 'metric', 'sample', 'vector',
  'window', 'account', 'invoice', 'order', 'payment', 'ticket', 'session', 'token', 'message', 'channel', 'entry',
  'cache', 'queue', 'worker', 'task', 'batch', 'stream', 'reader', 'writer', 'builder', 'handler', 'router', 'table',
  'column', 'schema', 'label', 'node', 'graph', 'edge', 'route', 'user', 'group', 'policy', 'rule', 'event', 'timer',
  'budget', 'ledger', 'profile', 'summary', 'archive', 'bundle', 'layer', 'plugin', 'device', 'sensor', 'region'];
const VERBS = ['load', 'save', 'parse', 'build', 'render', 'compute', 'merge', 'split', 'check', 'update', 'fetch',
  'send', 'read', 'write', 'apply', 'collect', 'normalize', 'resolve', 'validate', 'count', 'encode', 'decode',
  'scan', 'clean', 'prepare', 'publish', 'refresh', 'restore', 'archive', 'measure'];
const ADJECTIVES = ['small', 'large', 'stable', 'recent', 'remote', 'local', 'shared', 'private', 'pending', 'active',
  'empty', 'partial', 'sorted', 'cached', 'signed', 'nested', 'simple', 'default', 'optional', 'daily'];
const WORDS = [...NOUNS, ...VERBS, ...ADJECTIVES, 'the', 'a', 'of', 'to', 'and', 'with', 'for', 'from', 'when',
  'every', 'each', 'before', 'after', 'then', 'only', 'also', 'into', 'over', 'is', 'are', 'can', 'should'];
/** Misspellings codespell knows, one per planted Markdown/text problem. */
const TYPOS = ['teh', 'recieve', 'occured', 'seperate', 'definately', 'untill', 'wich', 'accross'];

function capitalize(word) {
  return word[0].toUpperCase() + word.slice(1);
}

function sentence(rng, min = 5, max = 12) {
  const words = Array.from({ length: rng.int(min, max) }, () => rng.pick(WORDS));
  return `${capitalize(words.join(' '))}.`;
}

function paragraph(rng, width = 78) {
  const text = Array.from({ length: rng.int(2, 6) }, () => sentence(rng)).join(' ');
  return wrap(text, width);
}

function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** `verb_noun` style names, unique within one file. */
function makeNamer(rng) {
  const used = new Set();
  return (join) => {
    for (;;) {
      const parts = [rng.pick(VERBS), rng.pick(ADJECTIVES), rng.pick(NOUNS)];
      const name = join(parts);
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}
const snake = (parts) => parts.join('_');
const camel = (parts) => parts[0] + parts.slice(1).map(capitalize).join('');
const pascal = (parts) => parts.map(capitalize).join('');

/** `{ path: content }` for about `count` source files. */
function generateSources(count, seed) {
  const rng = createRandom(seed);
  const counts = Object.fromEntries(Object.entries(SHARES).map(([type, share]) => [type, Math.round(count * share)]));
  counts.py += count - Object.values(counts).reduce((sum, n) => sum + n, 0);
  const planted = () => rng.next() < PROBLEM_RATE;
  return {
    ...generatePython(rng, counts.py, planted),
    ...generateMany(rng, counts.sh, ['scripts/build', 'scripts/ci', 'scripts/deploy', 'scripts/ops', 'scripts/ops/backup', 'scripts/dev', 'tools/release'], 'sh', (r, p) => makeShell(r, p, planted())),
    ...generateMany(rng, counts.yaml, ['deploy/dev', 'deploy/staging', 'deploy/prod/eu', 'deploy/prod/us', 'config/services', 'config/jobs'], 'yaml', (r) => makeYaml(r, planted())),
    ...generateMany(rng, counts.js, ['web/src/components', 'web/src/components/forms', 'web/src/lib', 'web/src/lib/net', 'web/src/pages', 'web/src/pages/admin', 'web/src/store'], 'js', (r, p) => makeJs(r, p, planted())),
    ...generateMany(rng, counts.md, ['docs/guide', 'docs/reference', 'docs/adr', 'docs/howto', 'web/docs'], 'md', (r) => makeMarkdown(r, planted())),
    ...generateMany(rng, counts.txt, ['notes/2023', 'notes/2024', 'data/fixtures'], 'txt', (r) => makeText(r, planted())),
  };
}

function generateMany(rng, count, folders, extension, make) {
  const sources = {};
  for (let i = 0; i < count; i++) {
    const file = `${folders[i % folders.length]}/${rng.pick(VERBS)}_${rng.pick(NOUNS)}_${i}.${extension}`;
    sources[file] = make(rng, file);
  }
  return sources;
}

// Python: packages of modules with imports, functions, classes; pkg0 is pylint's subset.
function generatePython(rng, count, planted) {
  const sources = {};
  const packages = Array.from({ length: 10 }, (_, i) => `pkg${i}`);
  const subfolders = ['', '/core', '/io', '/io/formats', '/api', '/api/v1'];
  const budget = new Map(packages.map((name, i) => [name, i === 0 ? Math.round(count * PYLINT_SHARE) : 0]));
  const rest = count - budget.get(packages[0]);
  packages.slice(1).forEach((name, i) => budget.set(name, Math.floor(rest / 9) + (i < rest % 9 ? 1 : 0)));
  for (const name of packages) {
    const folders = (name === PYLINT_PACKAGE ? subfolders.slice(0, 3) : subfolders).map((sub) => `${name}${sub}`);
    const modules = [];
    for (const folder of folders) sources[`${folder}/__init__.py`] = `"""Package ${folder.replace(/\//g, '.')}."""\n`;
    const moduleCount = budget.get(name) - folders.length;
    for (let i = 0; i < moduleCount; i++) {
      const folder = folders[i % folders.length];
      const moduleName = `${rng.pick(VERBS)}_${rng.pick(NOUNS)}_${i}`;
      const dotted = `${folder.replace(/\//g, '.')}.${moduleName}`;
      // Imports only of earlier modules of the same package: no cycles, resolvable by pylint.
      const imported = modules.length > 0 && rng.next() < 0.5 ? rng.pick(modules) : null;
      // pylint's package always gets a problem, so that every hook has something to find.
      let problem = planted() ? rng.pick(['unused-import', 'long-line', 'undefined-name']) : null;
      if (problem === null && name === PYLINT_PACKAGE && i === 0) problem = 'unused-import';
      sources[`${folder}/${moduleName}.py`] = makePython(rng, dotted, imported, problem);
      modules.push(dotted);
    }
  }
  return sources;
}

const PY_BODIES = [
  {
    imports: ['import json'],
    render: (rng, name) => [
      `def ${name}(items, factor=${rng.int(2, 9)}):`,
      `    """${sentence(rng, 3, 8)}"""`,
      '    payload = {"count": len(items), "factor": factor}',
      '    for position, item in enumerate(items):',
      '        payload[str(position)] = item * factor',
      '    return json.dumps(payload, sort_keys=True)',
    ],
  },
  {
    imports: ['import os'],
    render: (rng, name) => [
      `def ${name}(base, names):`,
      `    """${sentence(rng, 3, 8)}"""`,
      '    paths = []',
      '    for name in names:',
      '        candidate = os.path.join(base, name)',
      `        if candidate.endswith(".${rng.pick(['csv', 'json', 'txt', 'log'])}"):`,
      '            paths.append(candidate)',
      '    return sorted(paths)',
    ],
  },
  {
    imports: ['import re'],
    render: (rng, name) => [
      `def ${name}(text):`,
      `    """${sentence(rng, 3, 8)}"""`,
      `    pattern = re.compile(r"${rng.pick(NOUNS)}[_-]?(\\d+)")`,
      '    return [int(match) for match in pattern.findall(text)]',
    ],
  },
  {
    imports: ['from collections import defaultdict'],
    render: (rng, name) => [
      `def ${name}(pairs):`,
      `    """${sentence(rng, 3, 8)}"""`,
      '    grouped = defaultdict(list)',
      '    for key, value in pairs:',
      '        grouped[key].append(value)',
      '    return dict(grouped)',
    ],
  },
  {
    imports: [],
    render: (rng, name) => [
      `def ${name}(values, limit=${rng.int(10, 500)}):`,
      `    """${sentence(rng, 3, 8)}"""`,
      '    total = 0',
      '    for value in values:',
      '        if value > limit:',
      '            total += value - limit',
      '        else:',
      '            total += value',
      '    return total',
    ],
  },
  {
    imports: ['import itertools'],
    render: (rng, name) => [
      `def ${name}(items, size=${rng.int(2, 16)}):`,
      `    """${sentence(rng, 3, 8)}"""`,
      '    ordered = sorted(items)',
      '    groups = itertools.groupby(ordered, key=lambda item: item % size)',
      '    return [list(chunk) for _, chunk in groups]',
    ],
  },
  {
    imports: ['from dataclasses import dataclass, field'],
    render: (rng, name, namer) => [
      '@dataclass',
      `class ${pascal(name.split('_'))}:`,
      `    """${sentence(rng, 3, 8)}"""`,
      '',
      '    name: str',
      `    size: int = ${rng.int(1, 64)}`,
      '    tags: list = field(default_factory=list)',
      '',
      `    def ${namer(snake)}(self, extra):`,
      `        """${sentence(rng, 3, 8)}"""`,
      '        return self.size + len(self.tags) + extra',
      '',
      `    def ${namer(snake)}(self, prefix):`,
      `        """${sentence(rng, 3, 8)}"""`,
      '        return [prefix + tag for tag in self.tags if tag]',
    ],
  },
];

function makePython(rng, dotted, imported, problem) {
  const namer = makeNamer(rng);
  const blocks = [];
  const imports = new Set();
  const functions = rng.skewed(1, 8);
  for (let i = 0; i < functions; i++) {
    const body = rng.pick(PY_BODIES);
    body.imports.forEach((line) => imports.add(line));
    blocks.push(body.render(rng, namer(snake), namer));
  }
  if (imported !== null) {
    const [, alias] = /\.([^.]+)$/.exec(imported);
    imports.add(`from ${imported.slice(0, imported.lastIndexOf('.'))} import ${alias}`);
    blocks.push([`def ${namer(snake)}(prefix):`, `    """${sentence(rng, 3, 8)}"""`, `    return prefix + ":" + ${alias}.MODULE_ID`]);
  }
  if (problem === 'unused-import') imports.add('import sys');
  if (problem === 'undefined-name') {
    blocks.push([`def ${namer(snake)}(values):`, '    """Sum the values and a name nobody defined."""', '    return sum(values) + missing_offset']);
  }
  const header = [`"""${sentence(rng, 4, 9)}"""`];
  const sortedImports = [...imports].sort();
  if (sortedImports.length > 0) header.push(...sortedImports);
  header.push('', '', `MODULE_ID = "${dotted}"`);
  if (problem === 'long-line') header.push(`DESCRIPTION = "${sentence(rng, 16, 20)}"`);
  return `${[header, ...blocks].map((block) => block.join('\n')).join('\n\n\n')}\n`;
}

// Shell: bash scripts of small functions and a main; a planted unquoted variable (SC2086).
const SH_BODIES = [
  (name, rng) => [
    `${name}() {`,
    '    local target="${1:-.}"',
    '    if [[ -d "$target" ]]; then',
    `        find "$target" -type f -name '*.${rng.pick(['log', 'tmp', 'bak', 'gz'])}' -print`,
    '    else',
    "        printf 'missing: %s\\n' \"$target\" >&2",
    '        return 1',
    '    fi',
    '}',
  ],
  (name) => [
    `${name}() {`,
    '    local count=0',
    '    local item',
    '    for item in "$@"; do',
    '        count=$((count + 1))',
    "        printf '%s %s\\n' \"$count\" \"$item\"",
    '    done',
    '}',
  ],
  (name, rng) => [
    `${name}() {`,
    `    local source="\${1:-${rng.pick(NOUNS)}.conf}"`,
    `    local destination="\${2:-/tmp/${rng.pick(NOUNS)}}"`,
    '    mkdir -p "$destination"',
    '    cp -- "$source" "$destination/"',
    '}',
  ],
  (name) => [
    `${name}() {`,
    '    local line',
    '    while IFS= read -r line; do',
    '        case "$line" in',
    '            \\#*) continue ;;',
    "            *=*) printf '%s\\n' \"${line%%=*}\" ;;",
    '        esac',
    '    done < "${1:-/dev/stdin}"',
    '}',
  ],
];

function makeShell(rng, file, problem) {
  const namer = makeNamer(rng);
  const variable = `${rng.pick(NOUNS).toUpperCase()}_DIR`;
  const names = [];
  const blocks = [];
  for (let i = rng.skewed(1, 4); i > 0; i--) {
    const name = namer(snake);
    names.push(name);
    blocks.push(rng.pick(SH_BODIES)(name, rng));
  }
  const main = ['main() {', `    printf 'using %s\\n' "$${variable}"`, ...names.map((name) => `    ${name} "$@"`)];
  if (problem) main.push('    echo Processing $1');
  main.push('}');
  return [
    '#!/usr/bin/env bash',
    `# ${file}: ${sentence(rng, 4, 10)}`,
    'set -euo pipefail',
    '',
    `readonly ${variable}="\${${variable}:-/var/lib/${rng.pick(NOUNS)}}"`,
    '',
    ...blocks.flatMap((block) => [...block, '']),
    ...main,
    '',
    'main "$@"',
    '',
  ].join('\n');
}

// YAML: service descriptions; planted trailing spaces, a duplicate key or a bad colon.
function makeYaml(rng, problem) {
  const lines = ['---', `# ${sentence(rng, 4, 10)}`, `name: ${rng.pick(NOUNS)}-${rng.pick(NOUNS)}`, `version: "${rng.int(0, 9)}.${rng.int(0, 30)}.${rng.int(0, 99)}"`, `enabled: ${rng.pick(['true', 'false'])}`];
  lines.push(`replicas: ${rng.int(1, 12)}`, 'labels:', `  team: ${rng.pick(NOUNS)}`, `  tier: ${rng.pick(ADJECTIVES)}`, 'services:');
  for (let i = rng.skewed(1, 6); i > 0; i--) {
    lines.push(
      `  - name: ${rng.pick(VERBS)}-${rng.pick(NOUNS)}-${i}`,
      `    image: "registry.example.invalid/${rng.pick(NOUNS)}:${rng.int(1, 40)}"`,
      '    ports:',
      `      - ${rng.int(1024, 65000)}`,
      '    resources:',
      `      cpu: "${rng.int(1, 40)}00m"`,
      `      memory: "${rng.int(1, 64) * 64}Mi"`,
      '    env:',
      `      - name: ${rng.pick(NOUNS).toUpperCase()}_${rng.pick(NOUNS).toUpperCase()}`,
      `        value: "${rng.pick(ADJECTIVES)}"`,
    );
  }
  if (problem) {
    const kind = rng.pick(['trailing', 'duplicate', 'colon']);
    if (kind === 'trailing') lines[2] += '  ';
    if (kind === 'duplicate') lines.push(`replicas: ${rng.int(1, 12)}`);
    if (kind === 'colon') lines.push(`owner:   ${rng.pick(NOUNS)}`);
  }
  return `${lines.join('\n')}\n`;
}

// JavaScript: ES modules of functions and classes; a planted `debugger;` for js-lint.
function makeJs(rng, file, problem) {
  const namer = makeNamer(rng);
  const blocks = [[`// ${sentence(rng, 4, 10)}`, "import { readFile } from 'node:fs/promises';", '', `export const MODULE_ID = '${file}';`]];
  for (let i = rng.skewed(1, 30); i > 0; i--) {
    const kind = rng.int(0, 2);
    if (kind === 0) {
      blocks.push([`export function ${namer(camel)}(items, factor = ${rng.int(2, 9)}) {`, '  let total = 0;', '  for (const item of items) {', '    total += item * factor;', '  }', '  return total;', '}']);
    } else if (kind === 1) {
      blocks.push([`export async function ${namer(camel)}(file) {`, "  const text = await readFile(file, 'utf8');", "  return text.split('\\n').filter((line) => line.trim() !== '');", '}']);
    } else {
      blocks.push([
        `export class ${namer(pascal)} {`, `  constructor(name, size = ${rng.int(1, 64)}) {`, '    this.name = name;', '    this.size = size;', '  }', '',
        `  ${namer(camel)}(values) {`, '    return values.map((value) => value + this.size);', '  }', '}',
      ]);
    }
  }
  if (problem) blocks.push([`export function ${namer(camel)}(value) {`, '  debugger;', '  return value;', '}']);
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}

// Markdown and text: prose; a planted misspelling for codespell.
function plantTypo(rng, text) {
  const words = text.split(' ');
  words[rng.int(1, words.length - 1)] = rng.pick(TYPOS);
  return words.join(' ');
}

function makeMarkdown(rng, problem) {
  const parts = [`# ${capitalize(rng.pick(VERBS))} the ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`, paragraph(rng)];
  for (let i = rng.skewed(1, 25); i > 0; i--) {
    parts.push(`## ${capitalize(rng.pick(NOUNS))} ${rng.pick(NOUNS)}`, paragraph(rng));
    if (rng.next() < 0.5) parts.push(Array.from({ length: rng.int(2, 6) }, () => `- ${sentence(rng, 3, 8)}`).join('\n'));
    if (rng.next() < 0.3) parts.push(['```sh', `${rng.pick(VERBS)}-${rng.pick(NOUNS)} --${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}.conf`, '```'].join('\n'));
  }
  if (problem) parts.push(plantTypo(rng, paragraph(rng)));
  return `${parts.join('\n\n')}\n`;
}

function makeText(rng, problem) {
  const parts = Array.from({ length: rng.skewed(1, 30) }, () => paragraph(rng, 72));
  if (problem) parts.push(plantTypo(rng, paragraph(rng, 72)));
  return `${parts.join('\n\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { root, hooks, files } = makeWorkspace({ files: Number(process.argv[2] ?? 2000), keep: true });
  console.log(`${root}: ${files.length} source files; hooks: ${hooks.map((hook) => hook.name).join(', ')}`);
}
