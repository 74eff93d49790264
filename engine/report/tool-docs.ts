import type { Hook } from '../../protocol/hook.js';
import { recognizeTools } from '../cache/recognize-tool.js';

/** What a report needs to know of a configured hook to name its tool: the parser and the command. */
export type HookTool = Pick<Hook, 'name' | 'parser' | 'argv'>;

/** Where a tool is documented: its home page, and the page of one of its rules where the shape of those addresses is known. */
export interface ToolDocs {
  homepage: string;
  /** The page of the rule `code`; `message` is one diagnostic's text, for tools that name the rule there. Null when unknown. */
  ruleUri?: (code: string, message: string) => string | null;
}

/** pylint's message-id letters and the folders of its message pages. */
const PYLINT_CATEGORIES: Readonly<Record<string, string>> = {
  C: 'convention',
  R: 'refactor',
  W: 'warning',
  E: 'error',
  F: 'fatal',
  I: 'info',
};

const MARKDOWNLINT_DOCS: ToolDocs = {
  homepage: 'https://github.com/DavidAnson/markdownlint',
  // The rule pages are doc/md001.md ... on the main branch.
  ruleUri: (code) => (/^MD\d{3}$/i.test(code) ? `https://github.com/DavidAnson/markdownlint/blob/main/doc/${code.toLowerCase()}.md` : null),
};

/**
 * Tools whose home page gauntlet knows, by the program name engine/cache/recognize-tool.ts
 * gives (and the JSON parser presets, which share those names). Rule pages only where the
 * tool's own documentation has an address per rule code: ruff's pages are named after the
 * rule's name (`unused-import`), which a diagnostic does not carry, so ruff has none.
 */
const TOOL_DOCS: Readonly<Record<string, ToolDocs>> = {
  shellcheck: { homepage: 'https://www.shellcheck.net/', ruleUri: (code) => (/^SC\d+$/.test(code) ? `https://www.shellcheck.net/wiki/${code}` : null) },
  flake8: { homepage: 'https://flake8.pycqa.org/' },
  pylint: { homepage: 'https://pylint.readthedocs.io/', ruleUri: describePylintRule },
  // mypy's own `--show-error-code-links` points at this page, which leads to the code's section.
  mypy: { homepage: 'https://mypy-lang.org/', ruleUri: (code) => (/^[a-z][a-z0-9-]*$/.test(code) ? `https://mypy.readthedocs.io/en/stable/_refs.html#code-${code}` : null) },
  ruff: { homepage: 'https://docs.astral.sh/ruff/' },
  // Core rules only: a plugin's rule (`react/jsx-key`, `@typescript-eslint/no-unused-vars`) is documented by the plugin.
  eslint: { homepage: 'https://eslint.org/', ruleUri: (code) => (/^[a-z][a-z0-9-]*$/.test(code) ? `https://eslint.org/docs/latest/rules/${code}` : null) },
  biome: { homepage: 'https://biomejs.dev/', ruleUri: describeBiomeRule },
  markdownlint: MARKDOWNLINT_DOCS,
  'markdownlint-cli2': { ...MARKDOWNLINT_DOCS, homepage: 'https://github.com/DavidAnson/markdownlint-cli2' },
  yamllint: { homepage: 'https://github.com/adrienverge/yamllint' },
  prettier: { homepage: 'https://prettier.io/' },
  pyright: { homepage: 'https://github.com/microsoft/pyright' },
  codespell: { homepage: 'https://github.com/codespell-project/codespell' },
  tsc: { homepage: 'https://www.typescriptlang.org/' },
};

/** The documentation of the tool a hook runs: its parser preset's tool, or the first program of its command gauntlet knows. */
export function findToolDocs(hook: HookTool): ToolDocs | null {
  const names = hook.parser.type === 'json-preset' ? [hook.parser.preset] : recognizeTools(hook.argv);
  for (const name of names) {
    if (Object.hasOwn(TOOL_DOCS, name)) return TOOL_DOCS[name] ?? null;
  }
  return null;
}

/**
 * The page of rule `code` of `tool` (a name of TOOL_DOCS: a JSON preset, a recognised program),
 * or null. The one place rule addresses are decided: parsers stamp it on diagnostics, reports use it.
 */
export function findRuleUrl(tool: string, code: string | null, message: string): string | null {
  if (code === null || !Object.hasOwn(TOOL_DOCS, tool)) return null;
  return TOOL_DOCS[tool]?.ruleUri?.(code, message) ?? null;
}

/** Each hook's tool documentation, by hook name; hooks whose tool gauntlet does not know are left out. */
export function mapToolDocs(hooks: readonly HookTool[]): Map<string, ToolDocs> {
  const docs = new Map<string, ToolDocs>();
  for (const hook of hooks) {
    const found = findToolDocs(hook);
    if (found) docs.set(hook.name, found);
  }
  return docs;
}

/** pylint's page for a message: its category from the id's letter, its symbol from the `(symbol)` gauntlet's readers end the text with. */
function describePylintRule(code: string, message: string): string | null {
  const category = PYLINT_CATEGORIES[code.charAt(0)];
  const symbol = /\(([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\)\s*$/.exec(message)?.[1];
  if (!/^[CRWEFI]\d{4}$/.test(code) || category === undefined || symbol === undefined) return null;
  return `https://pylint.readthedocs.io/en/stable/user_guide/messages/${category}/${symbol}.html`;
}

/** Biome's page for a lint rule: `lint/style/useConst` is documented at rules/use-const. */
function describeBiomeRule(code: string): string | null {
  const name = /^lint\/[a-zA-Z]+\/([a-z][a-zA-Z0-9]*)$/.exec(code)?.[1];
  return name === undefined ? null : `https://biomejs.dev/linter/rules/${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
