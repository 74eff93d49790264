import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from '../../protocol/config.js';
import { renderStarter, toStarterHook } from '../../server/cli/init-render.js';
import { CONFLICT_MARKERS, TOOLS, type ToolSpec } from '../../server/cli/init-tools.js';
import { hasTool, runTool } from '../helpers/external-tools.js';
import { useTempRoot } from '../helpers/temp-root.js';

/** Every known tool, each at the longest path init may write for it. */
const ENTRIES = [...TOOLS, CONFLICT_MARKERS].map((tool) => ({ comment: tool.comment, hook: toStarterHook(tool, locateLongest(tool), { args: tool.pythonProject ? ['--explicit-package-bases', 'src', 'tests'] : [], env: tool.pythonProject ? { MYPYPATH: 'src' } : undefined }) }));

function locateLongest(tool: ToolSpec): string {
  if (tool.installer.kind === 'npm') return `node_modules/.bin/${tool.program}`;
  return tool.installer.kind === 'pip' ? `.venv/bin/${tool.program}` : tool.program;
}

const LONG_SCHEMA = `/home/${'someone-with-a-long-name/'.repeat(3)}lib/node_modules/gauntlet/dist/gauntlet.schema.json`;

const SCHEMAS = [
  { schema: 'node_modules/gauntlet/dist/gauntlet.schema.json', head: ['# yaml-language-server: $schema=node_modules/gauntlet/dist/gauntlet.schema.json'] },
  { schema: LONG_SCHEMA, head: ['# yamllint disable-line rule:line-length', `# yaml-language-server: $schema=${LONG_SCHEMA}`] },
  { schema: null, head: ['# Written by `gauntlet init` for the tools found on this machine; edit freely.'] },
];

describe.runIf(hasTool('yamllint'))('the starter gauntlet.yaml', () => {
  const root = useTempRoot('gauntlet-init-render-');

  it.for(SCHEMAS)('holds every known hook, passes yamllint -d default and reads back as written (schema $schema)', async ({ schema, head }) => {
    const text = renderStarter(ENTRIES, schema);
    const file = path.join(root(), 'gauntlet.yaml');
    await writeFile(file, text);
    expect((await runTool('yamllint', ['-d', 'default', file], root())).output).toBe('');
    expect(text.split('\n').slice(0, head.length)).toEqual(head);
    const config: unknown = parse(text);
    expect(config).toEqual({ hooks: ENTRIES.map((entry) => JSON.parse(JSON.stringify(entry.hook)) as unknown) });
    expect(ConfigSchema.safeParse(config).error).toBeUndefined();
  });
});
