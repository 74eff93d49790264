import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { hookOf, repoTest as it, type TempRepo } from '../helpers/e2e.js';
import { fixtureHook } from '../helpers/paths.js';

/** The number of files the run's trace says it listed. */
function readListedCount(stderr: string): number {
  const match = /read the config and listed (\d+) files/.exec(stderr);
  if (!match) throw new Error(`no listing mark in the trace:\n${stderr}`);
  return Number(match[1]);
}

/** Three files and one hook that checks each file on its own. */
async function writeFileHookRepo(repo: TempRepo, extraHooks: object[] = []): Promise<void> {
  repo.writeConfig({ hooks: [{ name: 'seen', command: [fixtureHook('report-each.sh'), 'seen'], files: ['*.py'] }, ...extraHooks] });
  for (const file of ['a.py', 'b.py', 'src/c.py']) repo.write(file, `# ${file}\n`);
  await repo.commitAll();
}

describe.concurrent('listing the repository', () => {
  it('lists no other file for a run over named files when every hook checks files one by one', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await writeFileHookRepo(repo);
    const { result, report } = await repo.runJson(['a.py'], { env: { GAUNTLET_TRACE: '1' } });
    expect(hookOf(report, 'seen').files).toBe(1);
    expect(readListedCount(result.stderr)).toBe(1);
  });

  it('lists every file for a run over named files when a hook checks the project as a whole', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await writeFileHookRepo(repo, [{ name: 'whole', command: ['true'], pass_files: false }]);
    const { result, report } = await repo.runJson(['a.py'], { env: { GAUNTLET_TRACE: '1' } });
    expect(hookOf(report, 'whole').status).toBe('passed');
    // a.py, b.py, src/c.py and gauntlet.yaml.
    expect(readListedCount(result.stderr)).toBe(4);
  });

  it('lists the files under a folder named on the command line', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await writeFileHookRepo(repo);
    const { report } = await repo.runJson(['--no-cache', 'src']);
    expect(hookOf(report, 'seen').files).toBe(1);
  });

  it('keeps a whole-project result while a tracked file is deleted from disk', async ({ makeRepo }) => {
    const repo = await makeRepo();
    await writeFileHookRepo(repo, [{ name: 'whole', command: ['true'], pass_files: false }]);
    rmSync(path.join(repo.root, 'b.py'));
    const first = await repo.runJson([]);
    expect(hookOf(first.report, 'whole').files_cached).toBe(0);
    const second = await repo.runJson([]);
    expect(hookOf(second.report, 'seen').files).toBe(2);
    expect(hookOf(second.report, 'whole').files_cached).toBeGreaterThan(0);
  });
});
