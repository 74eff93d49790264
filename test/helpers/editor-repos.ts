import { expect } from 'vitest';
import type { TempRepo } from './e2e.js';
import { ESLINT_BIN, hasTool, PRETTIER_BIN } from './external-tools.js';
import { trustedRepo } from './lsp-client.js';
import { MARK_VARIABLE } from './marked-processes.js';

/** The file an editor test opens: a `var` ESLint fixes (line 1) and an object prettier spaces out (line 2). */
export const FIX_FILE = 'a.js';

/** The file's text on disk, after the quick fix, and after the quick fix and a format. */
export const FIX_TEXTS = {
  saved: 'var a = 1;\nconst b = {c:a}\nexport { b };\n',
  fixed: 'let a = 1;\nconst b = {c:a}\nexport { b };\n',
  formatted: 'let a = 1;\nconst b = { c: a };\nexport { b };\n',
};

/** The hooks whose diagnostics the editor waits for before asking for a quick fix. */
export const FIX_SOURCES = ['eslint', 'prettier'];

/** The repository's own ESLint flat config: the fixable no-var rule and nothing else. */
const ESLINT_CONFIG = "export default [{ files: ['**/*.js'], rules: { 'no-var': 'warn' } }];\n";

/**
 * A trusted repository with FIX_FILE, an ESLint hook (the eslint JSON preset, so its findings
 * carry fixes) and a prettier format hook, both from node_modules and run with `mark` in their
 * environment. Fails (on CI too) when either tool is missing.
 */
export async function makeFixRepo(makeRepo: () => Promise<TempRepo>, mark: string): Promise<{ repo: TempRepo; xdg: string }> {
  expect(hasTool(ESLINT_BIN), 'eslint is missing: npm ci installs it').toBe(true);
  expect(hasTool(PRETTIER_BIN), 'prettier is missing: npm ci installs it').toBe(true);
  const env = { [MARK_VARIABLE]: mark };
  const made = await trustedRepo(makeRepo, {
    hooks: [
      { name: 'eslint', command: [ESLINT_BIN, '-f', 'json'], parser: 'eslint', files: '*.js', env },
      { name: 'prettier', command: [PRETTIER_BIN, '--stdin-filepath', '{file}'], format: true, files: '*.js', env },
    ],
  });
  // .mjs: the temporary repository has no package.json saying its .js files are modules.
  made.repo.write('eslint.config.mjs', ESLINT_CONFIG);
  made.repo.write(FIX_FILE, FIX_TEXTS.saved);
  return made;
}

/** Each config the server reads at a project's root, with a text of that kind: each is an editor's root marker. */
const ROOT_MARKERS: [string, string][] = [
  ['gauntlet.yaml', 'hooks:\n  - { name: x, command: "true" }\n'],
  ['.pre-commit-config.yaml', 'repos: []\n'],
  ['.pre-commit-config.yml', 'repos: []\n'],
  ['lefthook.yml', 'pre-commit: {}\n'],
  ['.lefthook.yml', 'pre-commit: {}\n'],
  ['lefthook.yaml', 'pre-commit: {}\n'],
  ['.lefthook.yaml', 'pre-commit: {}\n'],
];

/**
 * Per root marker, a folder `pN` holding it and a file `pN/src/notes.txt`; then `none/src/notes.txt`
 * with no marker above it. Gives each `src` folder (absolute) and the root an editor should find
 * from it (null for none).
 */
export function writeMarkedFolders(repo: TempRepo): { dirs: string[]; roots: (string | null)[] } {
  const folders = ROOT_MARKERS.map(([marker, text], i) => {
    repo.write(`p${i}/${marker}`, text);
    return `p${i}`;
  });
  for (const folder of [...folders, 'none']) repo.write(`${folder}/src/notes.txt`, 'text\n');
  return {
    dirs: [...folders, 'none'].map((folder) => `${repo.root}/${folder}/src`),
    roots: [...folders.map((folder) => `${repo.root}/${folder}`), null],
  };
}
