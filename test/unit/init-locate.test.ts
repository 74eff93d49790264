import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeInstall, locateProgram } from '../../server/cli/init-locate.js';
import { TOOLS, type ToolSpec } from '../../server/cli/init-tools.js';
import { useTempRoot } from '../helpers/temp-root.js';

function findTool(name: string): ToolSpec {
  const tool = TOOLS.find((entry) => entry.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool;
}

/** A tool that surely is on no PATH, installed (or not) in the project's own folders. */
const RUFF: ToolSpec = { ...findTool('ruff'), program: 'gauntlet-test-ruff' };
const ESLINT: ToolSpec = { ...findTool('eslint'), program: 'gauntlet-test-eslint' };

async function writeExecutable(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, '#!/bin/sh\n', { mode: 0o755 });
}

const CASES = [
  { installed: ['.venv/bin/gauntlet-test-ruff', '.venv/bin/pip'], tool: RUFF, program: '.venv/bin/gauntlet-test-ruff', install: '.venv/bin/pip install ruff' },
  { installed: ['venv/bin/gauntlet-test-ruff', 'venv/bin/pip'], tool: RUFF, program: 'venv/bin/gauntlet-test-ruff', install: 'venv/bin/pip install ruff' },
  { installed: ['.venv/bin/pip'], tool: RUFF, program: null, install: '.venv/bin/pip install ruff' },
  { installed: [], tool: RUFF, program: null, install: 'pip install ruff' },
  { installed: ['node_modules/.bin/gauntlet-test-eslint'], tool: ESLINT, program: 'node_modules/.bin/gauntlet-test-eslint', install: 'npm install -D eslint' },
  // A Python tool is never looked for in node_modules, nor a JavaScript one in a virtualenv.
  { installed: ['node_modules/.bin/gauntlet-test-ruff', '.venv/bin/gauntlet-test-eslint'], tool: RUFF, program: null, install: 'pip install ruff' },
];

describe('where gauntlet init finds a tool, and how it says to install one', () => {
  const root = useTempRoot('gauntlet-init-locate-');

  it.for(CASES)('finds $tool.name as $program with $installed, else says $install', async ({ installed, tool, program, install }) => {
    for (const file of installed) await writeExecutable(path.join(root(), file));
    expect(await locateProgram(tool, root())).toBe(program);
    expect(await describeInstall(tool.installer, root())).toBe(install);
  });
});
