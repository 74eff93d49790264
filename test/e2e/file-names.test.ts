import { writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { hookOf, repoTest as it, type TempRepo } from '../helpers/e2e.js';

/** Passes when no file it is given holds BAD: grep exits 1 when it finds nothing. */
const NOBAD = { name: 'nobad', command: ['grep', '-nH', 'BAD'], files: ['*.txt', '-*'], ok_exit_codes: [1] };

/** a\xff.txt: a valid Linux file name that no UTF-8 string spells. */
const NON_UTF8_NAME = Buffer.from([0x61, 0xff, 0x2e, 0x74, 0x78, 0x74]);

function writeRaw(repo: TempRepo, name: Buffer, content: string): void {
  writeFileSync(Buffer.concat([Buffer.from(`${repo.root}/`), name]), content);
}

describe.concurrent('file names that look like options', () => {
  it('checks a file named -m0 as a file, and its failure stays on a cached run', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('-m0', 'BAD\n');
    repo.write('clean.txt', 'fine\n');
    repo.writeConfig({ hooks: [NOBAD] });

    const first = await repo.runJson([]);
    expect(first.result.code).toBe(1);
    expect(hookOf(first.report, 'nobad').status).toBe('failed');
    // grep printed ./-m0; the diagnostic names the file as the repository does.
    expect(first.report.diagnostics.map((diagnostic) => diagnostic.file)).toEqual(['-m0']);

    const second = await repo.runJson([]);
    expect(second.result.code).toBe(1);
    expect(hookOf(second.report, 'nobad')).toMatchObject({ status: 'failed', cached: true, files_cached: 2 });
    expect(second.report.diagnostics.map((diagnostic) => diagnostic.file)).toEqual(['-m0']);
  });

  it('checks a file named -m0 after "--" with files_after_double_dash, cached run included', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('-m0', 'BAD\n');
    repo.writeConfig({ hooks: [{ ...NOBAD, files_after_double_dash: true }] });

    for (const run of [1, 2]) {
      const { result, report } = await repo.runJson([]);
      expect(result.code, `run ${run}`).toBe(1);
      expect(hookOf(report, 'nobad')).toMatchObject({ status: 'failed', cached: run === 2 });
      expect(report.diagnostics.map((diagnostic) => diagnostic.file)).toEqual(['-m0']);
    }
  });

  it('names the file of a stdin hook at {file} so that no tool reads it as an option', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('-m0', 'BAD\n');
    // grep reads the file named at {file}; given "-m0" bare it would read stdin with a max count of 0 and pass.
    repo.writeConfig({ hooks: [{ ...NOBAD, command: ['grep', '-nH', 'BAD', '{file}'], stdin: true }] });

    const { result, report } = await repo.runJson([]);

    expect(result.code).toBe(1);
    expect(hookOf(report, 'nobad').status).toBe('failed');
    expect(report.diagnostics.map((diagnostic) => diagnostic.file)).toEqual(['-m0']);
  });
});

describe.skipIf(process.platform !== 'linux').concurrent('file names that are not UTF-8', () => {
  it('makes a hook that matches one an error naming the file, on every run, never a pass', async ({ makeRepo }) => {
    const repo = await makeRepo();
    writeRaw(repo, NON_UTF8_NAME, 'BAD\n');
    repo.write('clean.txt', 'fine\n');
    repo.writeConfig({ hooks: [NOBAD] });

    for (const run of [1, 2]) {
      const { result, report } = await repo.runJson([]);
      expect(result.code, `run ${run}`).toBe(1);
      expect(hookOf(report, 'nobad')).toMatchObject({
        status: 'error',
        files: 2,
        reason: 'a\\xff.txt: gauntlet cannot pass file names that are not UTF-8 to a hook (rename the file, or exclude it in the hook)',
      });
    }
  });

  it('reports one that is staged to a --staged run, and one under a folder named on the command line', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('sub/clean.txt', 'fine\n');
    writeRaw(repo, Buffer.concat([Buffer.from('sub/'), NON_UTF8_NAME]), 'BAD\n');
    repo.writeConfig({ hooks: [NOBAD] });
    await repo.git('add', '-A');

    for (const args of [['--staged'], ['sub']]) {
      const { result, report } = await repo.runJson(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(hookOf(report, 'nobad')).toMatchObject({ status: 'error', reason: expect.stringMatching(/^sub\/a\\xff\.txt: gauntlet cannot pass/) as unknown });
    }
    // A run over another folder does not cover it.
    repo.write('other/x.txt', 'fine\n');
    expect((await repo.runJson(['other'])).result.code).toBe(0);
  });

  it('says so in the text output too', async ({ makeRepo }) => {
    const repo = await makeRepo();
    writeRaw(repo, NON_UTF8_NAME, 'BAD\n');
    repo.writeConfig({ hooks: [NOBAD] });

    const result = await repo.run(['run']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('a\\xff.txt: gauntlet cannot pass file names that are not UTF-8');
  });

  it('passes again once the hook excludes the file, and leaves hooks that do not match it alone', async ({ makeRepo }) => {
    const repo = await makeRepo();
    writeRaw(repo, NON_UTF8_NAME, 'BAD\n');
    repo.write('clean.txt', 'fine\n');
    repo.writeConfig({
      hooks: [
        { ...NOBAD, exclude: ['a?.txt'] },
        { ...NOBAD, name: 'python-only', files: ['*.py'] },
      ],
    });

    const { result, report } = await repo.runJson([]);

    expect(result.code).toBe(0);
    expect(hookOf(report, 'nobad')).toMatchObject({ status: 'passed', files: 1 });
    expect(hookOf(report, 'python-only').status).toBe('skipped');
  });

  it('runs a project-level hook, which reads the file itself, on every run instead of caching it', async ({ makeRepo }) => {
    const repo = await makeRepo();
    writeRaw(repo, NON_UTF8_NAME, 'fine\n');
    repo.writeConfig({ hooks: [{ ...NOBAD, command: ['grep', '-rn', '--exclude-dir=.gauntlet', 'BAD', '--include=*.txt', '.'], pass_files: false }] });

    expect((await repo.runJson([])).result.code).toBe(0);
    // Its content changes under a name gauntlet cannot hash: the hook must look again.
    writeRaw(repo, NON_UTF8_NAME, 'BAD\n');
    const { result, report } = await repo.runJson([]);
    expect(result.code).toBe(1);
    expect(hookOf(report, 'nobad')).toMatchObject({ status: 'failed', cached: false });
  });
});

describe.concurrent('file names with spaces, quotes and control characters', () => {
  it.for([' leading space.txt', 'ünïcødé 日本.txt', 'two  spaces.txt', 'new\nline.txt', 'tab\there.txt', `it's "quoted".txt`, 'back\\slash.txt'])(
    'checks %j: passes while clean, fails once it holds BAD',
    async (name, { makeRepo }) => {
      const repo = await makeRepo();
      repo.writeConfig({ hooks: [NOBAD] });
      repo.write(name, 'fine\n');
      // A mangled name would make grep exit 2 ("no such file"), which is no pass.
      const clean = await repo.runJson([]);
      expect(clean.result.code).toBe(0);
      expect(hookOf(clean.report, 'nobad')).toMatchObject({ status: 'passed', files: 1 });

      repo.write(name, 'BAD\n');
      const dirty = await repo.runJson([]);
      expect(dirty.result.code).toBe(1);
      expect(hookOf(dirty.report, 'nobad').status).toBe('failed');
    },
  );
});
