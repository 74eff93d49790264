import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { PASSING_CONFIG, repoTest as it, splitLines, type MakeRepo, type TempRepo } from '../helpers/e2e.js';

/** A repository with a config, which install requires. */
async function makeConfiguredRepo(makeRepo: MakeRepo): Promise<TempRepo> {
  const repo = await makeRepo();
  repo.writeConfig(PASSING_CONFIG);
  return repo;
}

describe.concurrent('gauntlet install and init ignore the state folder in git', () => {
  it('install creates .gitignore with .gauntlet/ when there is none, and git then ignores the folder', async ({ makeRepo }) => {
    const repo = await makeConfiguredRepo(makeRepo);
    repo.write('.gauntlet/cache.msgpack', 'x');
    repo.write('.gauntlet/.gitignore', '');
    const result = await repo.run(['install']);
    expect(result.code, result.stderr).toBe(0);
    expect(splitLines(result.stdout)[0]).toBe('created .gitignore ignoring .gauntlet/');
    expect(repo.read('.gitignore')).toBe('.gauntlet/\n');
    expect(await repo.git('check-ignore', '.gauntlet/cache.msgpack')).toBe('.gauntlet/cache.msgpack\n');
  });

  it('install appends the line, keeping the other lines and ending a last line without a newline, once', async ({ makeRepo }) => {
    const repo = await makeConfiguredRepo(makeRepo);
    repo.write('.gitignore', '# build output\ndist/\nnode_modules');
    const first = await repo.run(['install']);
    expect(first.code, first.stderr).toBe(0);
    expect(splitLines(first.stdout)[0]).toBe('added .gauntlet/ to .gitignore');
    expect(repo.read('.gitignore')).toBe('# build output\ndist/\nnode_modules\n.gauntlet/\n');
    const again = await repo.run(['install']);
    expect(again.stdout).toBe('already installed: .git/hooks/pre-commit\n');
    expect(repo.read('.gitignore')).toBe('# build output\ndist/\nnode_modules\n.gauntlet/\n');
  });

  it('install refused for another tool\'s hook leaves .gitignore as it was', async ({ makeRepo }) => {
    const repo = await makeConfiguredRepo(makeRepo);
    repo.write('.git/hooks/pre-commit', '#!/bin/sh\nexit 0\n');
    const result = await repo.run(['install']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(repo.exists('.gitignore')).toBe(false);
  });

  it('install leaves a .gitignore alone that already ignores the folder in another form', async ({ makeRepo }) => {
    const repo = await makeConfiguredRepo(makeRepo);
    repo.write('.gitignore', 'dist/\n/.gauntlet/\n');
    const result = await repo.run(['install']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('.gitignore');
    expect(repo.read('.gitignore')).toBe('dist/\n/.gauntlet/\n');
  });

  it('init adds the line too, between what it wrote and how to check it', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('notes.txt', 'notes\n');
    repo.write('.gitignore', '*.log\n');
    const result = await repo.run(['init']);
    expect(result.code, result.stderr).toBe(0);
    const lines = splitLines(result.stdout);
    expect(lines.at(-2)).toBe('added .gauntlet/ to .gitignore');
    expect(lines.at(-1)).toBe('check it with: gauntlet run');
    expect(repo.read('.gitignore')).toBe('*.log\n.gauntlet/\n');
  });

  it('warns in one line and changes nothing when .gitignore is no regular file', async ({ makeRepo }) => {
    const repo = await makeConfiguredRepo(makeRepo);
    symlinkSync('/dev/zero', path.join(repo.root, '.gitignore'));
    const result = await repo.run(['install']);
    expect(result.code, result.stderr).toBe(0);
    expect(splitLines(result.stderr)).toEqual(['gauntlet: warning: .gitignore is a device, not a regular file; add the line .gauntlet/ to it yourself']);
  });
});
