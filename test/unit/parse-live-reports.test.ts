import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { ParserSpec } from '../../protocol/parser.js';
import { parseOutput } from '../../engine/parse/parse-output.js';

const CAPTURES = new URL('../fixtures/parse/', import.meta.url);
const SOURCES = fileURLToPath(new URL('src', CAPTURES));
/** Where src/ was when the captures were made; some tools write absolute paths. */
const CAPTURE_ROOT = '/work/main/test/fixtures/parse/src';
const ESLINT = fileURLToPath(new URL('../../node_modules/.bin/eslint', import.meta.url));
const TOOL_TIMEOUT_MS = 60_000;
// CI must prove the parsers against the real tools; a missing tool there is a failure, not a skip.
const IN_CI = (process.env.CI ?? '') !== '';

const ESLINT_RULES = '{"no-unused-vars":"error","eqeqeq":"warn","no-debugger":"error","no-var":"warn"}';
const STYLISH_FORMATS = ['%-P%f', '%\\s%#%l:%c%\\s%#%t%*[a-z]%\\s%#%m', '%-Q'];

/** A live check: the tool's argv (run in SOURCES, no shell), the parser, and the capture it must agree with. */
interface LiveReport {
  name: string;
  argv: string[];
  parser: ParserSpec;
  capture: string;
  /** Exit statuses that mean "ran" (findings are a non-zero status for most linters). */
  ranOk: (status: number) => boolean;
}

const ZERO_OR_ONE = (status: number): boolean => status === 0 || status === 1;
// pylint's status is a bit mask of message kinds; 32 is a usage error.
const PYLINT_RAN = (status: number): boolean => status < 32;

// --norc, --isolated, --rcfile=/dev/null, --no-config-lookup: a config file that lands in a parent folder later must not change the findings.
const LIVE_REPORTS: LiveReport[] = [
  { name: 'shellcheck -f json1', argv: ['shellcheck', '--norc', '-f', 'json1', 'script.sh'], parser: { type: 'json-preset', preset: 'shellcheck' }, capture: 'shellcheck.json', ranOk: ZERO_OR_ONE },
  { name: 'shellcheck -f checkstyle', argv: ['shellcheck', '--norc', '-f', 'checkstyle', 'script.sh'], parser: { type: 'checkstyle' }, capture: 'shellcheck-checkstyle.xml', ranOk: ZERO_OR_ONE },
  {
    name: 'shellcheck with a multi-line errorformat',
    argv: ['shellcheck', '--norc', 'script.sh'],
    parser: { type: 'errorformat', formats: ['%AIn %f line %l:', '%Z%p^%*[-^] SC%n (%t%*[a-z]): %m', '%C%.%#'] },
    capture: 'shellcheck-tty.txt',
    ranOk: ZERO_OR_ONE,
  },
  {
    name: 'pylint --output-format=json',
    argv: ['pylint', '--rcfile=/dev/null', '--persistent=n', '--output-format=json', 'file.py'],
    parser: { type: 'json-preset', preset: 'pylint' },
    capture: 'pylint.json',
    ranOk: PYLINT_RAN,
  },
  { name: 'flake8 with an errorformat', argv: ['flake8', '--isolated', 'file.py'], parser: { type: 'errorformat', formats: ['%f:%l:%c: %t%n %m'] }, capture: 'flake8.txt', ranOk: ZERO_OR_ONE },
  {
    name: 'mypy with an errorformat',
    argv: ['mypy', '--show-column-numbers', '--cache-dir=/dev/null', 'file.py'],
    parser: { type: 'errorformat', formats: ['%f:%l:%c: %trror: %m', '%f:%l:%c: %tarning: %m', '%f:%l:%c: %tote: %m'] },
    capture: 'mypy-show-columns.txt',
    ranOk: ZERO_OR_ONE,
  },
  {
    name: 'eslint -f json',
    argv: [ESLINT, '--no-config-lookup', '--rule', ESLINT_RULES, '-f', 'json', 'file.js', 'broken.js'],
    parser: { type: 'json-preset', preset: 'eslint' },
    capture: 'eslint.json',
    ranOk: ZERO_OR_ONE,
  },
  {
    name: 'eslint stylish with an errorformat',
    argv: [ESLINT, '--no-config-lookup', '--rule', ESLINT_RULES, 'file.js', 'broken.js'],
    parser: { type: 'errorformat', formats: STYLISH_FORMATS },
    capture: 'eslint-stylish.txt',
    ranOk: ZERO_OR_ONE,
  },
];

function isToolInstalled(program: string): boolean {
  return spawnSync(program, ['--version'], { stdio: 'ignore', timeout: TOOL_TIMEOUT_MS }).error === undefined;
}

function runTool(live: LiveReport): string {
  const [program = '', ...args] = live.argv;
  const result = spawnSync(program, args, { cwd: SOURCES, encoding: 'utf8', timeout: TOOL_TIMEOUT_MS, env: { ...process.env, NO_COLOR: '1' } });
  if (result.error !== undefined) throw result.error;
  if (result.status === null || !live.ranOk(result.status)) {
    throw new Error(`${live.name} exited with ${String(result.status ?? result.signal)}: ${result.stderr}`);
  }
  return result.stdout;
}

/** Paths in the capture are where src/ was then; %P checks that files exist, so map them to where src/ is now. */
function parseCapture(live: LiveReport): Promise<Diagnostic[]> {
  const fileExists = (path: string): boolean => existsSync(path.replace(CAPTURE_ROOT, SOURCES));
  return parseOutput(live.parser, readFileSync(new URL(live.capture, CAPTURES), 'utf8'), { hook: 'live', root: CAPTURE_ROOT, fileExists });
}

/** The fields that do not depend on the tool's wording, in a stable order. */
function pickLocations(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column ?? '-'} ${d.severity} ${d.code ?? '-'}`).sort();
}

describe('report parsers on live tool output', () => {
  for (const live of LIVE_REPORTS) {
    const program = live.argv[0] ?? '';
    const installed = isToolInstalled(program);

    it.runIf(installed || IN_CI)(`finds the same diagnostics as the capture: ${live.name}`, async () => {
      if (!installed) {
        throw new Error(`${program} is missing: install it (.ci/setup does), CI runs the live parser tests against the real tool`);
      }
      const current = await parseOutput(live.parser, runTool(live), { hook: 'live', root: SOURCES });
      expect(current.length).toBeGreaterThan(0);
      expect(pickLocations(current)).toEqual(pickLocations(await parseCapture(live)));
    });
  }
});
