import path from 'node:path';
import { describe, expect } from 'vitest';
import type { RunReport } from '../../protocol/report.js';
import { listDiagnostics, readCallFiles, readCalls } from '../helpers/cache-repo.js';
import { hookOf, statusesOf, type MakeRepo, type TempRepo } from '../helpers/e2e.js';
import { hasTool } from '../helpers/external-tools.js';
import { fixtureHook } from '../helpers/paths.js';
import { cloneRepo, findNginx, listStored, makeClones, remoteOf, remoteTest as it, remoteWarnings } from '../helpers/remote-cache.js';

const RECORD = fixtureHook('record-check.sh');
const HAS_FLAKE8 = hasTool('flake8');
const FILES: Record<string, string> = {
  'a.txt': 'alpha\n',
  'b.txt': 'beta\nBAD line\n',
  'c.txt': 'gamma\n',
  'src/m.py': 'import os\n',
  'src/ok.py': 'x = 1\n',
  'notes.md': 'not checked\n',
};
/** The recording hook's version, as its version command prints it. */
const VERSION_COMMAND = ['sh', '-c', 'echo record-check 1.0'];

/** Hooks whose results are shared (and one that is not), over files A and B both have. */
function makeConfig(a: TempRepo): object {
  const hooks: object[] = [
    // A script, shared by its content and its version command; it records every invocation.
    { name: 'check', command: [RECORD, a.scratchPath('check')], files: ['*.txt'], version_command: VERSION_COMMAND },
    // A native program: its content is its version.
    { name: 'nobad', command: ['grep', '-nH', 'BAD'], files: ['*.txt'], ok_exit_codes: [1] },
    // One result for the whole project.
    { name: 'project', command: ['grep', '-rn', '--exclude-dir=.gauntlet', 'BAD', '--include=*.txt', '.'], files: ['*.txt'], pass_files: false, ok_exit_codes: [1] },
    // A shell running a script gauntlet cannot see into, without version_command.
    { name: 'unshared', command: ['sh', '-c', '! grep -nH BAD "$@"', 'sh'], files: ['*.txt'] },
  ];
  if (HAS_FLAKE8) hooks.push({ name: 'flake8', command: 'flake8', version_command: 'flake8 --version', files: ['*.py'] });
  return { max_workers: 1, hooks };
}

const SHARED = ['check', 'nobad', 'project', ...(HAS_FLAKE8 ? ['flake8'] : [])];

/** A repository filled into the cache by clone A; B is a clone of it elsewhere with no local cache. */
async function fillFromA(makeRepo: MakeRepo, url: string): Promise<{ a: TempRepo; b: TempRepo; first: RunReport; log: string }> {
  const { a, b } = await makeClones(makeRepo, FILES, makeConfig);
  a.scratchDir('check');
  const { result, report } = await a.runJson([], { env: { GAUNTLET_REMOTE_CACHE: url } });
  expect(result.code, result.stderr).toBe(1);
  expect(remoteOf(report)).toMatchObject({ url, hits: 0, errors: 0, rejected: 0 });
  expect(remoteOf(report).uploads).toBeGreaterThan(0);
  return { a, b, first: report, log: a.scratchPath('check') };
}

describe.skipIf(findNginx() === null).concurrent('the remote result cache between two clones', () => {
  it('serves every shared hook of a clone with no local cache from the other clone’s uploads, spawning nothing for them', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    const { b, first, log } = await fillFromA(makeRepo, cache.url);
    expect(readCalls(log)).toHaveLength(1);

    const { result, report } = await b.runJson([], { env: { GAUNTLET_REMOTE_CACHE: cache.url } });

    expect(result.code).toBe(1);
    expect(statusesOf(report)).toEqual(statusesOf(first));
    expect(listDiagnostics(report)).toEqual(listDiagnostics(first));
    expect(readCalls(log), 'the recording hook ran again').toHaveLength(1);
    for (const name of SHARED) {
      const hook = hookOf(report, name);
      expect(hook, name).toMatchObject({ cached: true, files_run: 0, batches: 0, files_cached: hook.files, files_cached_remote: hook.files });
      expect(hook.diagnostics, name).toBe(hookOf(first, name).diagnostics);
    }
    expect(hookOf(report, 'unshared')).toMatchObject({ status: 'failed', files_run: 3, files_cached_remote: 0 });
    const remoteFiles = SHARED.reduce((sum, name) => sum + hookOf(report, name).files, 0);
    expect(report.summary.files_cached_remote).toBe(remoteFiles);
    expect(remoteOf(report)).toMatchObject({ url: cache.url, errors: 0, rejected: 0, uploads: 0 });
    expect(remoteOf(report).hits).toBe(remoteOf(report).lookups);
    expect(remoteWarnings(result.stderr)).toEqual([
      expect.stringMatching(/^gauntlet: warning: remote cache: not sharing results of unshared \(its program is a script or runs one, whose version gauntlet cannot see; set version_command/),
    ]);

    // What came from the server is kept locally: the next run asks it nothing.
    const again = await b.runJson([], { env: { GAUNTLET_REMOTE_CACHE: cache.url } });
    expect(remoteOf(again.report)).toMatchObject({ lookups: 0, uploads: 0 });
    expect(again.report.summary.files_cached_remote).toBe(0);
    expect(listDiagnostics(again.report)).toEqual(listDiagnostics(first));
  });

  it('runs again only the file changed in the second clone, and the hooks whose whole result it changes', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    const { b, log } = await fillFromA(makeRepo, cache.url);
    b.write('a.txt', 'alpha\nBAD too\n');

    const { result, report } = await b.runJson([], { env: { GAUNTLET_REMOTE_CACHE: cache.url } });

    expect(result.code).toBe(1);
    expect(readCallFiles(log)).toEqual([['a.txt'], ['a.txt', 'b.txt', 'c.txt']]);
    for (const name of ['check', 'nobad']) expect(hookOf(report, name), name).toMatchObject({ files: 3, files_cached_remote: 2, files_cached: 2, files_run: 1 });
    expect(hookOf(report, 'project')).toMatchObject({ files_cached_remote: 0, files_run: 3 });
    expect(listDiagnostics(report).filter((line) => /^(check|nobad|project) /.test(line)).sort()).toEqual([
      'check a.txt:2:1 error [-] BAD found',
      'check b.txt:2:1 error [-] BAD found',
      'nobad a.txt:2:- error [-] BAD too',
      'nobad b.txt:2:- error [-] BAD line',
      'project a.txt:2:- error [-] BAD too',
      'project b.txt:2:- error [-] BAD line',
    ]);
  });

  it('shares nothing between checkouts whose version commands print different versions', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    // As `npx tool --version` prints what each checkout installed: a file neither commits.
    const { a, b } = await makeClones(makeRepo, FILES, (repo) => ({
      max_workers: 1,
      hooks: [{ name: 'check', command: [RECORD, repo.scratchPath('check')], files: ['*.txt'], version_command: ['sh', '-c', 'cat installed/VERSION'] }],
    }));
    a.scratchDir('check');
    a.write('installed/VERSION', '1.0\n');
    b.write('installed/VERSION', '2.0\n');
    const env = { GAUNTLET_REMOTE_CACHE: cache.url };
    await a.runJson([], { env });

    const { report } = await b.runJson([], { env });

    expect(hookOf(report, 'check')).toMatchObject({ files_cached_remote: 0, files_run: 3 });
    expect(readCalls(a.scratchPath('check'))).toHaveLength(2);

    // The same version there: B's results are A's.
    const c = await cloneRepo(makeRepo, a);
    c.write('installed/VERSION', '2.0\n');
    const same = await c.runJson([], { env });
    expect(hookOf(same.report, 'check')).toMatchObject({ files_cached_remote: 3, files_run: 0 });
  });

  it('shows the last run’s remote lookups and hits in cache stats', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    const { b } = await fillFromA(makeRepo, cache.url);
    const { report } = await b.runJson([], { env: { GAUNTLET_REMOTE_CACHE: cache.url } });
    const { lookups, hits } = remoteOf(report);

    const json = await b.run(['cache', 'stats', '--format', 'json']);
    const text = await b.run(['cache', 'stats']);

    expect((JSON.parse(json.stdout) as { last_run: { remote: unknown } }).last_run.remote).toEqual({ lookups, hits, hit_rate: 1 });
    expect(text.stdout).toContain(`  remote   100.0% hit rate (${hits} of ${lookups} lookups)\n`);
  });

  it('never uploads the results of a hook with cache: off or of a script without version_command', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    const { a, b } = await makeClones(makeRepo, FILES, (repo) => ({
      max_workers: 1,
      hooks: [
        { name: 'uncached', command: [RECORD, repo.scratchPath('uncached')], files: ['*.txt'], version_command: VERSION_COMMAND, cache: 'off' },
        { name: 'script', command: [RECORD, repo.scratchPath('script')], files: ['*.txt'] },
      ],
    }));
    a.scratchDir('uncached');
    a.scratchDir('script');

    for (const clone of [a, b]) {
      const { result, report } = await clone.runJson([], { env: { GAUNTLET_REMOTE_CACHE: cache.url } });
      expect(result.code).toBe(1);
      expect(remoteOf(report)).toMatchObject({ lookups: 0, uploads: 0, hits: 0 });
      expect(report.summary.files_cached_remote).toBe(0);
      expect(remoteWarnings(result.stderr)).toEqual([
        `gauntlet: warning: remote cache: not sharing results of script (its program is a script or runs one, whose version gauntlet cannot see; set version_command (such as "${RECORD} --version"))`,
      ]);
    }
    expect(listStored(cache.data)).toEqual([]);
    expect(readCalls(a.scratchPath('uncached'))).toHaveLength(2);
    expect(readCalls(a.scratchPath('script'))).toHaveLength(2);
  });

  it('stores its entries as the Bazel HTTP cache protocol lays them out', async ({ makeRepo, startCache }) => {
    const cache = await startCache();
    await fillFromA(makeRepo, cache.url);
    const stored = listStored(cache.data);
    expect(stored.length).toBeGreaterThan(0);
    for (const file of stored) expect(file).toMatch(new RegExp(`^(ac|cas)\\${path.sep}[0-9a-f]{64}$`));
    expect(stored.filter((file) => file.startsWith('ac')).length).toBe(stored.filter((file) => file.startsWith('cas')).length);
  });
});
