import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import type { SarifLog } from '../../engine/report/sarif-report.js';
import { GAUNTLET_BIN } from '../helpers/paths.js';
import { describeSarifErrors } from '../helpers/sarif-schema.js';
import { parseJunitXml } from '../helpers/report-fixtures.js';

const execFileAsync = promisify(execFile);

/** Kills a CLI run that hangs, so the test fails on its result instead of timing out. */
const CLI_DEADLINE_MS = 25_000;

/** A hermetic environment: no user git config, no repository above the temp folder, no colour settings. */
function makeEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[name];
  return {
    ...env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CEILING_DIRECTORIES: realpathSync(tmpdir()),
  };
}

/**
 * A git work tree with a failing hook, a passing one, a warning-only one and a skipped one,
 * removed when the test ends (tests run concurrently, so each removes only its own).
 */
async function makeRepo(onTestFinished: (cleanup: () => void) => void): Promise<string> {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'gauntlet-reports-')));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  await execFileAsync('git', ['init', '-q'], { cwd: root, env: makeEnv() });
  const write = (relative: string, content: string): void => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), content);
  };
  write('a.py', 'print(1)\n');
  write('dir with space/ünï.py', 'print(2)\n');
  // JSON is valid YAML.
  write(
    'gauntlet.yaml',
    JSON.stringify({
      hooks: [
        { name: 'bad', command: ['sh', '-c', 'printf "a.py:1:2: error: bad [X1]\\n"; exit 1'], files: ['*.py'], pass_files: false },
        { name: 'ok', command: ['true'], files: ['*.py'] },
        {
          name: 'odd',
          command: ['sh', '-c', 'printf "dir with space/ünï.py:3: warning: odd <name>\\n"'],
          files: ['*.py'],
          pass_files: false,
          // The gnu parser takes no spaces in paths.
          parser: { regex: '^(?<file>[^:]+):(?<line>\\d+): (?<severity>\\w+): (?<message>.*)$' },
        },
        { name: 'rust', command: ['cargo', 'check'], files: ['*.rs'] },
      ],
    }),
  );
  return root;
}

async function runCli(root: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(GAUNTLET_BIN)) throw new Error(`${GAUNTLET_BIN} is missing: run "npm run build" first`);
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [GAUNTLET_BIN, ...args], {
      cwd: root,
      env: makeEnv(),
      timeout: CLI_DEADLINE_MS,
      killSignal: 'SIGKILL',
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function parseSarif(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  expect(describeSarifErrors(log)).toBe('');
  return log;
}

interface JunitCase {
  name: string;
  classname: string;
  failure?: { message: string; type: string; '#text'?: string };
  skipped?: { message: string };
}

interface JunitSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  testcase: JunitCase[];
}

function parseJunit(xml: string): { tests: string; failures: string; errors: string; skipped: string; testsuite: JunitSuite[] } {
  return (parseJunitXml(xml) as { testsuites: ReturnType<typeof parseJunit> }).testsuites;
}

describe.concurrent('run --format sarif|junit', () => {
  it('prints a valid SARIF log on stdout, one run per hook that ran', async ({ onTestFinished }) => {
    const root = await makeRepo(onTestFinished);
    const { code, stdout, stderr } = await runCli(root, ['run', '--format', 'sarif']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const log = parseSarif(stdout);
    expect(log.runs.map((run) => run.tool.driver.name).sort()).toEqual(['bad', 'odd', 'ok']);
    const bad = log.runs.find((run) => run.tool.driver.name === 'bad');
    expect(bad?.tool.driver.rules.map((rule) => rule.id)).toEqual(['X1']);
    expect(bad?.results).toEqual([
      {
        ruleId: 'X1',
        ruleIndex: 0,
        level: 'error',
        message: { text: 'bad' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'a.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 2 } } }],
        partialFingerprints: { 'gauntlet/v1': expect.stringMatching(/^[0-9a-f]{32}$/) as unknown },
      },
    ]);
    expect(bad?.invocations).toEqual([{ executionSuccessful: true, exitCode: 1 }]);
    expect(bad?.originalUriBaseIds['%SRCROOT%']?.uri).toBe(`file://${root}/`);
    const odd = log.runs.find((run) => run.tool.driver.name === 'odd');
    expect(odd?.results[0]).toMatchObject({
      ruleId: 'odd',
      level: 'warning',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'dir%20with%20space/%C3%BCn%C3%AF.py' }, region: { startLine: 3 } } }],
    });
  });

  it('writes JUnit XML to --output and keeps the text on stdout', async ({ onTestFinished }) => {
    const root = await makeRepo(onTestFinished);
    const { code, stdout } = await runCli(root, ['run', '--format', 'junit', '--output', 'f.xml']);
    expect(code).toBe(1);
    expect(stdout).toContain('bad');
    expect(stdout).not.toContain('<testsuites');
    const suites = parseJunit(readFileSync(path.join(root, 'f.xml'), 'utf8'));
    expect(suites.testsuite.map((suite) => suite.name).sort()).toEqual(['bad', 'odd', 'ok', 'rust']);
    const bad = suites.testsuite.find((suite) => suite.name === 'bad');
    expect(bad && [bad.tests, bad.failures, bad.errors, bad.skipped]).toEqual(['2', '1', '0', '0']);
    expect(bad?.testcase.map((testCase) => testCase.name)).toEqual(['a.py', '<1 other file>']);
    expect(bad?.testcase[0]?.failure).toEqual({ message: '1 diagnostic', type: 'failed', '#text': 'a.py:1:2 error X1 bad' });
    const odd = suites.testsuite.find((suite) => suite.name === 'odd');
    expect(odd?.testcase.map((testCase) => testCase.name)).toContain('dir with space/ünï.py');
    expect(odd?.failures).toBe('0');
    expect(suites.testsuite.find((suite) => suite.name === 'rust')?.testcase[0]?.skipped).toBeDefined();
    expect([suites.failures, suites.errors, suites.skipped]).toEqual(['1', '0', '1']);
  });

  it('writes the report in the chosen format to --output: SARIF with sarif, JSON with text', async ({ onTestFinished }) => {
    const root = await makeRepo(onTestFinished);
    const sarif = await runCli(root, ['run', '--format', 'sarif', '--output', 'out.sarif']);
    expect(sarif.code).toBe(1);
    expect(sarif.stdout).toContain('bad');
    expect(parseSarif(readFileSync(path.join(root, 'out.sarif'), 'utf8')).version).toBe('2.1.0');

    const text = await runCli(root, ['run', '--format', 'text', '--output', 'out.json', '--tool', 'bad']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('bad');
    const report = JSON.parse(readFileSync(path.join(root, 'out.json'), 'utf8')) as RunReport;
    expect(report.schema).toBe('gauntlet-report/1');
  });

  it('refuses an unknown format with a usage error', async ({ onTestFinished }) => {
    const root = await makeRepo(onTestFinished);
    const { code, stdout } = await runCli(root, ['run', '--format', 'xml']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
  });
});
