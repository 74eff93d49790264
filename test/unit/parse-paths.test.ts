import { describe, expect, it } from 'vitest';
import { toRepoPath } from '../../engine/parse/paths.js';

const ROOT = '/home/dev/repo';

describe('toRepoPath', () => {
  it('keeps a plain relative path as it is', () => {
    expect(toRepoPath('src/app.py', ROOT)).toBe('src/app.py');
  });

  it('strips a leading ./ as mypy and shellcheck print when given ./file', () => {
    expect(toRepoPath('./src/app.py', ROOT)).toBe('src/app.py');
    expect(toRepoPath('././app.py', ROOT)).toBe('app.py');
  });

  it('resolves a/../b and doubled slashes', () => {
    expect(toRepoPath('src/../lib//util.sh', ROOT)).toBe('lib/util.sh');
  });

  it('makes an absolute path under the root relative', () => {
    expect(toRepoPath('/home/dev/repo/src/app.py', ROOT)).toBe('src/app.py');
  });

  it('accepts a root given with a trailing slash', () => {
    expect(toRepoPath('/home/dev/repo/src/app.py', `${ROOT}/`)).toBe('src/app.py');
  });

  it('normalises an absolute path before comparing it with the root', () => {
    expect(toRepoPath('/home/dev/other/../repo/./src/app.py', ROOT)).toBe('src/app.py');
  });

  it('does not treat a sibling folder sharing the root as a prefix as inside it', () => {
    expect(toRepoPath('/home/dev/repo-old/app.py', ROOT)).toBe('/home/dev/repo-old/app.py');
  });

  it('keeps an absolute path outside the root absolute, normalised', () => {
    expect(toRepoPath('/usr/include/../include/stdio.h', ROOT)).toBe('/usr/include/stdio.h');
  });

  it('turns a relative path that leaves the root into an absolute one', () => {
    expect(toRepoPath('../common/lib.py', ROOT)).toBe('/home/dev/common/lib.py');
  });

  it('keeps a relative path that leaves and re-enters the root relative', () => {
    expect(toRepoPath('../repo/src/app.py', ROOT)).toBe('src/app.py');
  });

  it('gives . for the root itself', () => {
    expect(toRepoPath('/home/dev/repo/', ROOT)).toBe('.');
    expect(toRepoPath('./', ROOT)).toBe('.');
  });

  it('leaves backslashes alone because they are file name characters on POSIX', () => {
    expect(toRepoPath('src\\app.py', ROOT)).toBe('src\\app.py');
  });

  it('works with the file system root as repository root', () => {
    expect(toRepoPath('/etc/hosts', '/')).toBe('etc/hosts');
  });
});
