import { describe, expect } from 'vitest';
import type { SarifLog } from '../../engine/report/sarif-report.js';
import { hookOf, repoTest as it, splitLines, statusesOf, type TempRepo } from '../helpers/e2e.js';
import { parseJunitXml } from '../helpers/report-fixtures.js';
import { describeSarifErrors } from '../helpers/sarif-schema.js';

/** Three hooks that all fail on any *.txt file: a skipped one never gets to fail. */
async function makeFailingRepo(repo: TempRepo): Promise<void> {
  const failing = (name: string): object => ({ name, command: ['false'], files: ['*.txt'], parser: 'none' });
  repo.writeConfig({ hooks: [failing('lint'), failing('format'), failing('types')] });
  repo.write('a.txt', 'text\n');
  await repo.commitAll('start');
}

interface JunitSkipped {
  testsuites: { skipped: string; testsuite: { name: string; skipped: string; testcase: { name: string; skipped?: { message: string } }[] }[] };
}

describe.concurrent('leaving hooks out with SKIP and --skip', () => {
  it('reports hooks named by SKIP and --skip as skipped, with the reason, in the text and the JSON report', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await makeFailingRepo(repo);

    const text = await repo.run(['run', '--skip', 'types'], { env: { SKIP: ' lint ,,' } });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('skip  lint  (skipped by SKIP)\n');
    expect(text.stdout).toContain('skip  types  (skipped by --skip)\n');
    expect(text.stdout).toMatch(/0 passed, 1 failed, 2 skipped/);

    const { result, report } = await repo.runJson(['--skip', 'types', '--skip', 'lint'], { env: { SKIP: 'lint,format' } });
    expect(result.code, result.stderr).toBe(0);
    expect(statusesOf(report)).toEqual({ lint: 'skipped', format: 'skipped', types: 'skipped' });
    expect(hookOf(report, 'lint').reason).toBe('skipped by --skip');
    expect(hookOf(report, 'format').reason).toBe('skipped by SKIP');
    expect(report.summary).toMatchObject({ hooks: 3, skipped: 3, failed: 0 });
  });

  it('names skipped hooks in the SARIF property bag (not as runs) and as skipped JUnit cases', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await makeFailingRepo(repo);
    const env = { SKIP: 'lint' };

    const sarif = await repo.run(['run', '--format', 'sarif', '--skip', 'types'], { env });
    const log = JSON.parse(sarif.stdout) as SarifLog;
    expect(describeSarifErrors(log)).toBe('');
    expect(log.runs.map((run) => run.tool.driver.name)).toEqual(['format']);
    expect(log.properties).toEqual({
      skipped: [
        { hook: 'lint', reason: 'skipped by SKIP' },
        { hook: 'types', reason: 'skipped by --skip' },
      ],
    });

    const junit = await repo.run(['run', '--format', 'junit', '--skip', 'types'], { env });
    const { testsuites } = parseJunitXml(junit.stdout) as JunitSkipped;
    expect(testsuites.skipped).toBe('2');
    const skipped = testsuites.testsuite.filter((suite) => suite.skipped === '1');
    expect(skipped.map((suite) => [suite.name, suite.testcase[0]?.skipped?.message])).toEqual([
      ['lint', 'skipped by SKIP'],
      ['types', 'skipped by --skip'],
    ]);
  });

  it('refuses an unknown --skip name like --tool, and only warns of an unknown SKIP name, which other tools share', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await makeFailingRepo(repo);

    const refused = await repo.run(['run', '--skip', 'nope']);
    expect(refused.code).toBe(2);
    expect(splitLines(refused.stderr)).toEqual(['gauntlet: --skip: unknown hook "nope" (known: lint, format, types)']);

    const { result, report } = await repo.runJson([], { env: { SKIP: 'lint,format,types,black' } });
    expect(result.code, result.stderr).toBe(0);
    expect(splitLines(result.stderr)).toEqual([
      'gauntlet: warning: SKIP names "black", which is no hook of this config (known: lint, format, types); ignored',
    ]);
    expect(report.summary.skipped).toBe(3);
  });
});
