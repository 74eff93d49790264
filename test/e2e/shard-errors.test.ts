import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { repoTest, splitLines, type TempRepo } from '../helpers/e2e.js';
import { fixtureHook } from '../helpers/paths.js';

/** A small repository with one hook given files, and the JSON reports of its shards as asked. */
async function makeSmallRepo(makeRepo: () => Promise<TempRepo>): Promise<TempRepo> {
  const repo = await makeRepo();
  for (let index = 0; index < 6; index++) repo.write(`f${index}.txt`, `${index}\n`);
  repo.writeConfig({ hooks: [{ name: 'list', command: [fixtureHook('print-exit.sh'), '0'], files: ['*.txt'] }] });
  await repo.commitAll();
  return repo;
}

/** Runs shard `spec` of the small repository and returns its JSON report's path. */
async function writeShardReport(repo: TempRepo, spec: string): Promise<string> {
  const file = repo.scratchPath(`shard-${spec.replace('/', '-of-')}.json`);
  const result = await repo.run(['run', '--shard', spec, '--format', 'json', '--output', file]);
  expect(result.code, result.stderr).toBe(0);
  return file;
}

/** Exit 2 with one line on stderr holding every one of `words`. */
function expectUsageLine(result: { code: number | null; stderr: string }, words: string[]): void {
  expect(result.code, result.stderr).toBe(2);
  const lines = splitLines(result.stderr);
  expect(lines).toHaveLength(1);
  for (const word of words) expect(lines[0]).toContain(word);
}

describe('gauntlet run --shard, wrongly used', () => {
  repoTest.for(['0/4', '5/4', '1/257', '2', 'a/b', '1/0', '-1/2', '1/2/3', ''])('refuses --shard "%s" in one line naming --shard', async (spec, { makeRepo }) => {
    const repo = await makeSmallRepo(makeRepo);
    expectUsageLine(await repo.run(['run', '--shard', spec]), ['--shard']);
  });

  repoTest('refuses --from-reports without --export', async ({ makeRepo }) => {
    const repo = await makeSmallRepo(makeRepo);
    expectUsageLine(await repo.run(['profile', '--from-reports', 'a.json']), ['--from-reports', '--export']);
  });

  repoTest('refuses --shard-profile without --shard', async ({ makeRepo }) => {
    const repo = await makeSmallRepo(makeRepo);
    repo.write('profile.json', '{"schema": "gauntlet-shard-profile/1", "hooks": []}\n');
    expectUsageLine(await repo.run(['run', '--shard-profile', 'profile.json']), ['--shard-profile', '--shard']);
  });

  repoTest.for([
    ['a missing file', null, 'ENOENT'],
    ['not JSON', '{"schema": ', 'not JSON'],
    ['another schema', '{"schema": "gauntlet-report/1", "hooks": []}', 'schema'],
    ['a negative cost', '{"schema": "gauntlet-shard-profile/1", "hooks": [{"name": "list", "startup_ms": -1, "per_file_ms": 1}]}', 'hooks[0].startup_ms'],
    ['a hook twice', '{"schema": "gauntlet-shard-profile/1", "hooks": [{"name": "a", "startup_ms": 1, "per_file_ms": 1}, {"name": "a", "startup_ms": 2, "per_file_ms": 1}]}', 'twice'],
  ] as const)('refuses a shard profile that is %s in one line naming the file', async ([, content, problem], { makeRepo }) => {
    const repo = await makeSmallRepo(makeRepo);
    const file = repo.scratchPath('ci-profile.json');
    if (content !== null) writeFileSync(file, content);
    expectUsageLine(await repo.run(['run', '--shard', '1/2', '--shard-profile', file]), ['ci-profile.json', problem]);
  });
});

describe('gauntlet report merge, wrongly used', () => {
  repoTest('names a missing shard', async ({ makeRepo }) => {
    const repo = await makeSmallRepo(makeRepo);
    const files = [await writeShardReport(repo, '1/3'), await writeShardReport(repo, '3/3')];
    expectUsageLine(await repo.run(['report', 'merge', ...files]), ['shard 2/3 is missing']);
  });

  repoTest('names the reports of a shard given twice', async ({ makeRepo }) => {
    const repo = await makeSmallRepo(makeRepo);
    const first = await writeShardReport(repo, '1/2');
    const again = repo.scratchPath('again.json');
    writeFileSync(again, readFileSync(first));
    expectUsageLine(await repo.run(['report', 'merge', first, again, await writeShardReport(repo, '2/2')]), ['shard-1-of-2.json', 'again.json', 'both shard 1/2']);
  });

  repoTest('names a report of another count of shards', async ({ makeRepo }) => {
    const repo = await makeSmallRepo(makeRepo);
    const files = [await writeShardReport(repo, '1/2'), await writeShardReport(repo, '2/3')];
    expectUsageLine(await repo.run(['report', 'merge', ...files]), ['shard-2-of-3.json', '2/3', '2 shards']);
  });

  repoTest('refuses shards split from other inputs, naming them', async ({ makeRepo }) => {
    const repo = await makeSmallRepo(makeRepo);
    const first = await writeShardReport(repo, '1/2');
    // Shard 2 splits by a profile, shard 1 by file count: together they need not run every job once.
    const profile = repo.scratchPath('profile.json');
    writeFileSync(profile, '{"schema": "gauntlet-shard-profile/1", "hooks": [{"name": "list", "startup_ms": 100, "per_file_ms": 5}]}');
    const second = repo.scratchPath('second.json');
    expect((await repo.run(['run', '--shard', '2/2', '--shard-profile', profile, '--format', 'json', '--output', second])).code).toBe(0);
    expectUsageLine(await repo.run(['report', 'merge', first, second]), ['second.json', 'shard-1-of-2.json', 'split from other']);
  });

  repoTest('names a report that is no shard of a run', async ({ makeRepo }) => {
    const repo = await makeSmallRepo(makeRepo);
    const plain = repo.scratchPath('plain.json');
    expect((await repo.run(['run', '--format', 'json', '--output', plain])).code).toBe(0);
    expectUsageLine(await repo.run(['report', 'merge', await writeShardReport(repo, '1/1'), plain]), ['plain.json', 'not the report of a shard']);
  });

  repoTest.for([
    ['missing', null, 'ENOENT'],
    ['not JSON', 'hello', 'not JSON'],
    ['JSON of something else', '{"schema": "gauntlet-profile/1", "hooks": []}', 'not the JSON report of a shard'],
    ['a report with a field of the wrong type', null, 'hooks[0].status'],
  ] as const)('names a report file that is %s', async ([label, content, problem], { makeRepo }) => {
    const repo = await makeSmallRepo(makeRepo);
    const file = repo.scratchPath('broken.json');
    if (content !== null) writeFileSync(file, content);
    if (label.startsWith('a report')) {
      const report = JSON.parse(readFileSync(await writeShardReport(repo, '1/1'), 'utf8')) as { hooks: Array<{ status: string }> };
      for (const hook of report.hooks) hook.status = 'exploded';
      writeFileSync(file, JSON.stringify(report));
    }
    expectUsageLine(await repo.run(['report', 'merge', file]), ['broken.json', problem]);
  });
});
