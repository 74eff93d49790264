import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { CodeQualityIssue } from '../../engine/report/gitlab-report.js';
import type { SarifLog } from '../../engine/report/sarif-report.js';
import { GAUNTLET_VERSION } from '../../protocol/version.js';
import { repoTest as it, splitLines, type TempRepo } from '../helpers/e2e.js';
import { fixtureHook } from '../helpers/paths.js';
import { describeSarifErrors } from '../helpers/sarif-schema.js';

/** grep's `file:line:text` for every line with TODO, read as one diagnostic per line. */
const TODO_HOOK = {
  name: 'todo',
  command: ['grep', '-Hn', 'TODO'],
  files: ['*.py'],
  parser: { regex: '^(?<file>[^:]+):(?<line>\\d+):(?<message>.*)$' },
};

function parseGitlab(text: string): CodeQualityIssue[] {
  return JSON.parse(text) as CodeQualityIssue[];
}

function parseSarif(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  expect(describeSarifErrors(log)).toBe('');
  return log;
}

/** The fingerprints of the TODO findings, by the text of their message, from both reports (which must agree). */
async function readFingerprints(repo: TempRepo): Promise<Record<string, string>> {
  const gitlab = await repo.run(['run', '--format', 'gitlab', '--no-cache']);
  const sarif = await repo.run(['run', '--format', 'sarif', '--no-cache']);
  const issues = parseGitlab(gitlab.stdout);
  const results = parseSarif(sarif.stdout).runs.flatMap((run) => run.results);
  expect(results.map((result) => result.partialFingerprints['gauntlet/v1'])).toEqual(issues.map((issue) => issue.fingerprint));
  return Object.fromEntries(issues.map((issue) => [issue.description.trim(), issue.fingerprint]));
}

describe.concurrent('run --format github', () => {
  it('groups each hook, annotates its diagnostics, escapes them, and ends with the summary', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('a,b:c.py', 'x = 1\n');
    repo.writeConfig({
      hooks: [
        {
          name: 'lint',
          command: [fixtureHook('print-exit.sh'), '1', 'a,b:c.py|2|7|error|E1|100% wrong: see ##[add-mask]x', 'a,b:c.py|3||warning||meh'],
          files: ['*.py'],
          pass_files: false,
          parser: { regex: '^(?<file>[^|]+)\\|(?<line>\\d+)\\|(?<column>\\d*)\\|(?<severity>\\w+)\\|(?<code>[^|]*)\\|(?<message>.*)$' },
        },
        { name: 'crash', command: [fixtureHook('print-exit.sh'), '3', '::error::forged by the tool'], files: ['*.py'], pass_files: false },
        { name: 'ok', command: ['true'], files: ['*.py'] },
      ],
    });
    const { code, stdout, stderr } = await repo.run(['run', '--format', 'github', '--serial', '--no-optimize']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(splitLines(stdout)).toEqual([
      '::group::lint — failed (2 diagnostics)',
      '  reason: exit code 1',
      '::error file=a%2Cb%3Ac.py,line=2,col=7,title=lint%3A E1::100%25 wrong: see ##[add-mask]x',
      '::warning file=a%2Cb%3Ac.py,line=3,title=lint::meh',
      '::endgroup::',
      '::group::crash — failed',
      '::error title=crash::exit code 3',
      '  | ::error::forged by the tool',
      '::endgroup::',
      '::group::ok — passed',
      '::endgroup::',
      expect.stringMatching(/^1 passed, 2 failed in \d+(ms|\.\d\ds) \(1 worker\)$/) as unknown,
    ]);
  });

  it('annotates at most 10 errors, lists the others in their group and says how many were not annotated', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('a.py', 'x = 1\n');
    const lines = Array.from({ length: 25 }, (_, index) => `a.py:${index + 1}:1: error: finding ${index + 1} [E${index + 1}]`);
    repo.writeConfig({ hooks: [{ name: 'many', command: [fixtureHook('print-exit.sh'), '1', ...lines], files: ['*.py'], pass_files: false }] });
    const { code, stdout } = await repo.run(['run', '--format', 'github']);
    expect(code).toBe(1);
    const output = splitLines(stdout);
    const annotations = output.filter((line) => line.startsWith('::error '));
    expect(annotations).toHaveLength(10);
    expect(annotations[0]).toBe('::error file=a.py,line=1,col=1,title=many%3A E1::finding 1');
    const plain = output.filter((line) => line.startsWith('  - '));
    expect(plain).toHaveLength(15);
    expect(plain[0]).toBe('  - a.py:11:1 error E11 finding 11');
    expect(output.at(-2)).toMatch(/^gauntlet: 15 of 25 findings not annotated: GitHub shows at most 10 error, 10 warning and 10 notice annotations per step \(50 per job\)/);
  });
});

describe.concurrent('run --format gitlab', () => {
  it('writes a Code Quality report of every diagnostic, to --output too', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('src/a.py', 'print(1)\n');
    repo.writeConfig({
      hooks: [
        {
          name: 'lint',
          command: [fixtureHook('print-exit.sh'), '1', 'src/a.py:1:1: error: bad [E1]', 'src/a.py:1:3: note: fyi'],
          files: ['*.py'],
          pass_files: false,
        },
      ],
    });
    const { code, stdout } = await repo.run(['run', '--format', 'gitlab', '--output', 'gl-code-quality-report.json']);
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL');
    const issues = parseGitlab(readFileSync(path.join(repo.root, 'gl-code-quality-report.json'), 'utf8'));
    expect(issues).toEqual([
      { description: 'bad', check_name: 'lint/E1', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown, severity: 'major', location: { path: 'src/a.py', lines: { begin: 1, end: 1 } } },
      { description: 'fyi', check_name: 'lint', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown, severity: 'info', location: { path: 'src/a.py', lines: { begin: 1, end: 1 } } },
    ]);
  });

  it('prints [] when nothing was found', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('a.py', 'x = 1\n');
    repo.writeConfig({ hooks: [{ name: 'ok', command: ['true'], files: ['*.py'] }] });
    const { code, stdout } = await repo.run(['run', '--format', 'gitlab']);
    expect(code).toBe(0);
    expect(parseGitlab(stdout)).toEqual([]);
  });
});

describe.concurrent('fingerprints of the SARIF and GitLab reports', () => {
  it('stay when a line moves or is re-indented, and change when its text changes', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [TODO_HOOK] });
    repo.write('a.py', 'import os\nx = 1  # TODO one\ny = 2  # TODO two\n');
    const before = await readFingerprints(repo);
    expect(Object.keys(before).sort()).toEqual(['x = 1  # TODO one', 'y = 2  # TODO two']);

    repo.write('a.py', '"""Module."""\n\nimport os\n\n\nx = 1  # TODO one\nif True:\n    y  =  2  # TODO two\n');
    const moved = await readFingerprints(repo);
    expect(moved['x = 1  # TODO one']).toBe(before['x = 1  # TODO one']);
    expect(moved['y  =  2  # TODO two']).toBe(before['y = 2  # TODO two']);

    repo.write('a.py', 'import os\nx = 3  # TODO one\ny = 2  # TODO two\n');
    const edited = await readFingerprints(repo);
    expect(edited['x = 3  # TODO one']).not.toBe(before['x = 1  # TODO one']);
    expect(edited['y = 2  # TODO two']).toBe(before['y = 2  # TODO two']);
  });

  it("give the SARIF drivers gauntlet's version and the tool's pages from the config", async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('run.sh', 'echo $1\n');
    const comments = { comments: [{ file: 'run.sh', line: 1, column: 6, endLine: 1, endColumn: 8, level: 'info', code: 2086, message: 'Double quote to prevent globbing.' }] };
    repo.writeConfig({
      hooks: [{ name: 'sc', command: [fixtureHook('print-exit.sh'), '1', JSON.stringify(comments)], files: ['*.sh'], pass_files: false, parser: 'shellcheck' }],
    });
    const log = parseSarif((await repo.run(['run', '--format', 'sarif'])).stdout);
    expect(log.runs[0]?.tool.driver).toEqual({
      name: 'sc',
      version: GAUNTLET_VERSION,
      informationUri: 'https://www.shellcheck.net/',
      rules: [{ id: 'SC2086', shortDescription: { text: 'sc: SC2086' }, helpUri: 'https://www.shellcheck.net/wiki/SC2086' }],
    });
  });
});
