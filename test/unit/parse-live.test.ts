import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import { parseGnu } from '../../engine/parse/gnu.js';

const CAPTURES = new URL('../fixtures/parse/', import.meta.url);
const SOURCES = fileURLToPath(new URL('src', CAPTURES));
const CONTEXT = { hook: 'live', root: SOURCES };
const TOOL_TIMEOUT_MS = 20_000;
// CI must prove the parsers against the real tools; a missing tool there is a failure, not a skip.
const IN_CI = (process.env.CI ?? '') !== '';

/** A live check: the tool, its argv (run in SOURCES, no shell), and the capture it must agree with. */
interface LiveTool {
  tool: string;
  args: string[];
  capture: string;
}

// --isolated / --norc: a config file that lands in a parent folder later must not change the findings.
const LIVE_TOOLS: LiveTool[] = [
  { tool: 'flake8', args: ['--isolated', 'file.py'], capture: 'flake8.txt' },
  { tool: 'shellcheck', args: ['--norc', '-f', 'gcc', 'script.sh'], capture: 'shellcheck.txt' },
];

function isToolInstalled(tool: string): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore', timeout: TOOL_TIMEOUT_MS }).error === undefined;
}

/** Runs a linter and returns its stdout; a non-zero exit is normal, it means findings. */
function runTool({ tool, args }: LiveTool): string {
  const result = spawnSync(tool, args, { cwd: SOURCES, encoding: 'utf8', timeout: TOOL_TIMEOUT_MS });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${tool} exited with ${String(result.status)}: ${result.stderr}`);
  }
  return result.stdout;
}

/** The fields that do not depend on the tool's wording, in a stable order. */
function pickLocations(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column ?? '-'} ${d.code ?? '-'}`).sort();
}

describe('parseGnu on live tool output', () => {
  for (const live of LIVE_TOOLS) {
    const installed = isToolInstalled(live.tool);

    it.runIf(installed || IN_CI)(`finds the same diagnostics as the ${live.tool} capture`, () => {
      if (!installed) {
        throw new Error(`${live.tool} is missing: install it, CI runs the live parser tests against the real tool`);
      }
      const captured = parseGnu(readFileSync(new URL(live.capture, CAPTURES), 'utf8'), CONTEXT);
      const current = parseGnu(runTool(live), CONTEXT);
      expect(current.length).toBeGreaterThan(0);
      expect(pickLocations(current)).toEqual(pickLocations(captured));
    });
  }
});

describe('parseGnu on live output for files with spaces in their names', () => {
  const installed = isToolInstalled('flake8') && isToolInstalled('shellcheck');

  it.runIf(installed || IN_CI)('reads flake8 and shellcheck findings on the spaced names the hook was given', () => {
    if (!installed) throw new Error('flake8 or shellcheck is missing: install them, CI runs the live parser tests against the real tools');
    const folder = mkdtempSync(path.join(tmpdir(), 'gauntlet-spaced-'));
    try {
      mkdirSync(path.join(folder, 'my dir'));
      writeFileSync(path.join(folder, 'my dir', 'bad file.py'), 'import os\n');
      writeFileSync(path.join(folder, 'run me.sh'), '#!/bin/sh\necho $1\n');
      const files = ['my dir/bad file.py', 'run me.sh'];
      const context = { hook: 'live', root: folder, files };
      const run = (tool: string, args: string[]): string =>
        spawnSync(tool, args, { cwd: folder, encoding: 'utf8', timeout: TOOL_TIMEOUT_MS }).stdout;
      const flake8 = parseGnu(run('flake8', ['--isolated', files[0] ?? '']), context);
      expect(flake8.map((d) => `${d.file}:${d.line}:${d.code ?? '-'}`)).toEqual(['my dir/bad file.py:1:F401']);
      const shellcheck = parseGnu(run('shellcheck', ['--norc', '-f', 'gcc', path.join(folder, files[1] ?? '')]), context);
      expect(shellcheck.map((d) => `${d.file}:${d.line}:${d.code ?? '-'}`)).toEqual(['run me.sh:2:SC2086']);
      // Without the hook's files, a spaced name is not guessed from the line's shape.
      expect(parseGnu(run('flake8', ['--isolated', files[0] ?? '']), { hook: 'live', root: folder })).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
