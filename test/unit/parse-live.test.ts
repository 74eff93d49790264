import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
