import { describe, expect } from 'vitest';
import { diagnosedFiles, hookOf, repoTest as it, type TempRepo } from '../helpers/e2e.js';
import { hasTool, PRETTIER_BIN } from '../helpers/external-tools.js';

const UGLY = 'const a = {b:1}\n';
const PRETTY = 'const a = { b: 1 };\n';

/** A repository with prettier as a format hook, one file to format and one already formatted. */
async function makePrettierRepo(makeRepo: () => Promise<TempRepo>, hook: object = {}): Promise<TempRepo> {
  const repo = await makeRepo();
  repo.writeConfig({ hooks: [{ name: 'prettier', command: [PRETTIER_BIN, '--stdin-filepath', '{file}'], format: true, files: '*.js', ...hook }] });
  repo.write('ugly.js', UGLY);
  repo.write('pretty.js', PRETTY);
  return repo;
}

describe.skipIf(!hasTool(PRETTIER_BIN))('format hooks with prettier', () => {
  it('fails a file prettier would change, with the diff as output, and leaves every file as it is', async ({ makeRepo }) => {
    const repo = await makePrettierRepo(makeRepo);
    const { result, report } = await repo.runJson([]);
    expect(result.code).toBe(1);
    const hook = hookOf(report, 'prettier');
    expect(hook.status).toBe('failed');
    expect(hook.output).toContain('--- a/ugly.js\n+++ b/ugly.js\n@@ -1,1 +1,1 @@\n-const a = {b:1}\n+const a = { b: 1 };\n');
    expect(hook.output).not.toContain('pretty.js');
    expect(diagnosedFiles(report, 'prettier')).toEqual(['ugly.js']);
    expect(repo.read('ugly.js')).toBe(UGLY);
    expect(hook.modified_files).toEqual([]);
  });

  it('passes formatted files, and answers a second run from the cache', async ({ makeRepo }) => {
    const repo = await makePrettierRepo(makeRepo);
    repo.write('ugly.js', PRETTY);
    expect((await repo.runJson([])).result.code).toBe(0);
    const { result, report } = await repo.runJson([]);
    expect(result.code).toBe(0);
    expect(hookOf(report, 'prettier')).toMatchObject({ status: 'passed', files_cached: 2, files_run: 0 });
  });

  it('with --fix writes what prettier prints to the file, fails as a fixer does, and the next run passes from the cache', async ({ makeRepo }) => {
    const repo = await makePrettierRepo(makeRepo);
    const first = await repo.runJson(['--fix']);
    expect(first.result.code).toBe(1);
    expect(hookOf(first.report, 'prettier')).toMatchObject({ status: 'failed', modified_files: ['ugly.js'] });
    expect(hookOf(first.report, 'prettier').reason).toMatch(/^modified 1 file: ugly\.js/);
    expect(repo.read('ugly.js')).toBe(PRETTY);
    expect(repo.read('pretty.js')).toBe(PRETTY);

    const second = await repo.runJson([]);
    expect(second.result.code).toBe(0);
    expect(hookOf(second.report, 'prettier')).toMatchObject({ status: 'passed', files_run: 1, files_cached: 1 });
    const third = await repo.runJson(['--fix']);
    expect(third.result.code).toBe(0);
    expect(hookOf(third.report, 'prettier')).toMatchObject({ status: 'passed', files_cached: 2, files_run: 0, modified_files: [] });
  });

  it('with --fix rewrites a file whose check failed before (the cached failure is no answer) and passes with fix_ok', async ({ makeRepo }) => {
    const repo = await makePrettierRepo(makeRepo, { fix_ok: true });
    expect((await repo.runJson([])).result.code).toBe(1);
    const { result, report } = await repo.runJson(['--fix']);
    expect(result.code).toBe(0);
    expect(hookOf(report, 'prettier')).toMatchObject({ status: 'passed', modified_files: ['ugly.js'] });
    expect(repo.read('ugly.js')).toBe(PRETTY);
  });

  it('with --fix leaves a file prettier cannot parse as it is, and fails with prettier’s error', async ({ makeRepo }) => {
    const repo = await makePrettierRepo(makeRepo);
    repo.write('broken.js', 'const = ;\n');
    const { result, report } = await repo.runJson(['--fix']);
    expect(result.code).toBe(1);
    expect(repo.read('broken.js')).toBe('const = ;\n');
    const hook = hookOf(report, 'prettier');
    expect(hook.status).toBe('failed');
    expect(hook.output).toContain('SyntaxError');
    expect(repo.read('ugly.js')).toBe(PRETTY);
  });
});
