import { Document, isMap, isSeq, type YAMLMap } from 'yaml';
import type { ProjectPlan } from './init-python.js';
import type { ToolSpec } from './init-tools.js';

/** yamllint's default `line-length`: the written file passes `yamllint -d default`. */
const MAX_LINE = 80;
/** Fields written as `[a, b]` while that fits on a line, else as a block list. */
const LIST_FIELDS = ['command', 'files', 'exclude', 'ok_exit_codes', 'version_command'];

/** A hook as written in the starter gauntlet.yaml. */
export interface StarterHook {
  name: string;
  command: string[];
  files?: string[];
  exclude?: string[];
  pass_files?: false;
  stage?: 'comprehensive';
  timeout?: number;
  parser?: ToolSpec['parser'];
  env?: Record<string, string>;
  ok_exit_codes?: number[];
  version_command?: string[];
}

/** The hook for a tool found at `program`, with the arguments and variables the project's layout asks for. */
export function toStarterHook(tool: ToolSpec, program: string, plan: ProjectPlan): StarterHook {
  const hook: StarterHook = { name: tool.name, command: [program, ...tool.args, ...plan.args] };
  if (tool.files.length > 0) hook.files = tool.files;
  if (tool.exclude) hook.exclude = tool.exclude;
  if (tool.passFiles === false) hook.pass_files = false;
  if (tool.stage) hook.stage = tool.stage;
  if (tool.timeout !== undefined) hook.timeout = tool.timeout;
  if (tool.parser !== undefined) hook.parser = tool.parser;
  if (plan.env) hook.env = plan.env;
  if (tool.okExitCodes) hook.ok_exit_codes = tool.okExitCodes;
  if (tool.version !== null) hook.version_command = [program, ...(tool.version ?? ['--version'])];
  return hook;
}

const HEADER = [
  'Written by `gauntlet init` for the tools found on this machine; edit freely.',
  'Each hook runs its command with the matching files appended;',
  'see README.md, "Configuration".',
];

/**
 * The starter gauntlet.yaml: a schema modeline for the YAML language server first (when
 * `schema` is known), a comment above each hook, and nothing `yamllint -d default` objects to.
 */
export function renderStarter(entries: readonly { comment: string; hook: StarterHook }[], schema: string | null): string {
  const doc = new Document({ hooks: entries.map((entry) => entry.hook) });
  doc.commentBefore = [...describeModeline(schema), ...HEADER.flatMap((line) => wrapComment(line, 0))].map((line) => ` ${line}`).join('\n');
  const hooks = doc.get('hooks');
  const items = isSeq(hooks) ? hooks.items.filter((item): item is YAMLMap => isMap(item)) : [];
  items.forEach((item, index) => {
    item.commentBefore = wrapComment(entries[index]?.comment ?? '', 2).map((line) => ` ${line}`).join('\n');
    for (const field of LIST_FIELDS) {
      const node = item.get(field, true);
      // A list too long for one line is written one item per line.
      if (isSeq(node)) node.flow = `    ${field}: ${renderFlow(node.toJSON())}`.length <= MAX_LINE;
    }
  });
  return doc.toString({ directives: true, lineWidth: MAX_LINE, flowCollectionPadding: false });
}

/** A list as one `[a, b]` line, quoted as the file will quote it. */
function renderFlow(list: unknown): string {
  return new Document(list, { flow: true }).toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

/** The modeline; a path too long for yamllint's line length gets yamllint's leave on the line before. */
function describeModeline(schema: string | null): string[] {
  if (schema === null) return [];
  const line = `yaml-language-server: $schema=${schema}`;
  return line.length + 2 > MAX_LINE ? ['yamllint disable-line rule:line-length', line] : [line];
}

/** Splits a comment at spaces into lines that fit, `# ` and indentation included. */
function wrapComment(text: string, indent: number): string[] {
  const width = MAX_LINE - indent - 2;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  return [...lines, current];
}
