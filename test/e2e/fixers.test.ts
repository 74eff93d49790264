import { describe, expect } from 'vitest';
import { CacheRepo, cacheRepoTest as it, hookIn, readCalls } from '../helpers/cache-repo.js';
import { fixtureHook } from '../helpers/paths.js';

const UPCASE = fixtureHook('upcase.sh');
const SHOW = fixtureHook('show-files.sh');

describe.concurrent('hooks that modify files', () => {
  /** A fixer that uppercases *.txt, and a checker that prints what it reads. */
  function writeFixerConfig(repo: CacheRepo, fixerLog: string, fixer: object = {}): void {
    repo.writeConfig({
      max_workers: 2,
      hooks: [
        { name: 'show', command: [SHOW], files: ['*.txt'], parser: 'none' },
        { name: 'upcase', command: [UPCASE, fixerLog], files: ['*.txt'], modifies_files: true, ...fixer },
      ],
    });
  }

  it('reports the files a fixer rewrote and fails it, and a checker in the same run reads the new content', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const fixerLog = repo.logDir('fixer');
    repo.write('a.txt', 'hello\n');
    repo.write('b.txt', 'ALREADY UPPER\n');
    writeFixerConfig(repo, fixerLog);

    const { run, report } = await repo.runText();

    expect(run.code).toBe(1);
    expect(repo.read('a.txt')).toBe('HELLO\n');
    const fixer = hookIn(report, 'upcase');
    expect(fixer.status).toBe('failed');
    expect(fixer.modified_files).toEqual(['a.txt']);
    expect(fixer.reason).toMatch(/^modified 1 file: a\.txt/);
    expect(run.stdout).toContain('    modified by upcase: 1 file (a.txt)\n');
    const checker = hookIn(report, 'show');
    expect(checker.status).toBe('passed');
    expect(checker.output).toContain('a.txt: HELLO');
    expect(checker.output).not.toContain('hello');
    expect(checker.modified_files).toEqual([]);
    // The fixer's phase comes first, whatever the order in the config.
    expect(checker.start_ms).not.toBeNull();
    expect(fixer.end_ms).not.toBeNull();
    expect(checker.start_ms ?? 0).toBeGreaterThanOrEqual(fixer.end_ms ?? Infinity);
  });

  it('passes the fixer on the next run, which changes nothing, then serves it from the cache', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const fixerLog = repo.logDir('fixer');
    repo.write('a.txt', 'hello\n');
    repo.write('b.txt', 'ALREADY UPPER\n');
    writeFixerConfig(repo, fixerLog);
    await repo.runJson();
    expect(readCalls(fixerLog).flat().sort()).toEqual(['a.txt', 'b.txt']);

    const second = await repo.runJson();

    expect(second.run.code).toBe(0);
    expect(hookIn(second.report, 'upcase')).toMatchObject({ status: 'passed', modified_files: [], reason: null, files_cached: 1, files_run: 1 });
    // What the fixer said of content it then replaced was not cached; b.txt, untouched, was.
    expect(readCalls(fixerLog).flat().sort()).toEqual(['a.txt', 'a.txt', 'b.txt']);
    expect(repo.read('a.txt')).toBe('HELLO\n');
    // The checker's results of the first run were on the fixed content: still good.
    expect(hookIn(second.report, 'show').cached).toBe(true);

    const third = await repo.runJson();
    expect(third.report.hooks.every((hook) => hook.cached)).toBe(true);
    expect(readCalls(fixerLog).flat()).toHaveLength(3);
  });

  it('passes a fixer that rewrote files when fix_ok is set, still listing them', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const fixerLog = repo.logDir('fixer');
    repo.write('a.txt', 'hello\n');
    repo.write('b.txt', 'world\n');
    writeFixerConfig(repo, fixerLog, { fix_ok: true });

    const { run, report } = await repo.runJson();

    expect(run.code).toBe(0);
    expect(hookIn(report, 'upcase')).toMatchObject({ status: 'passed', modified_files: ['a.txt', 'b.txt'], reason: null });
    expect(hookIn(report, 'show').output).toContain('b.txt: WORLD');
  });

  // Bug: a project-level fixer (pass_files: false) is never checked for rewritten files: execute-phase.ts
  // only looks when the job has files (`job.files.length > 0`), so modified_files stays empty, the
  // hook passes without fix_ok, and its result is cached under the key of the content it replaced.
  it('reports and fails a project-level fixer that rewrote files', async ({ makeRepo }) => {
    const repo = await makeRepo();
    const fixerLog = repo.logDir('fixer');
    repo.write('a.txt', 'hello\n');
    repo.write('b.txt', 'UPPER\n');
    repo.writeConfig({ max_workers: 1, hooks: [{ name: 'upcase', command: [UPCASE, fixerLog], files: ['*.txt'], pass_files: false, modifies_files: true }] });

    const { run, report } = await repo.runJson();

    expect(repo.read('a.txt')).toBe('HELLO\n');
    expect(hookIn(report, 'upcase').modified_files).toEqual(['a.txt']);
    expect(hookIn(report, 'upcase').reason).toMatch(/^modified/);
    expect(run.code).toBe(1);
  });
});
