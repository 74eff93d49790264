import { describe, expect, it } from 'vitest';
import { placeFile, placeFiles, toArgvPath, type FilePlacement } from '../../engine/schedule/place-files.js';
import { splitByBytes } from '../../engine/schedule/plan-jobs.js';
import { toRepoPath } from '../../engine/parse/paths.js';

const ROOT = '/repo';

function makeHook(argv: string[], overrides: Partial<FilePlacement> = {}): FilePlacement {
  return { argv, passFiles: true, ...overrides };
}

describe('toArgvPath', () => {
  it('writes a name that starts with "-" as ./name, so no tool reads it as an option', () => {
    expect(toArgvPath('-m0')).toBe('./-m0');
    expect(toArgvPath('-')).toBe('./-');
    expect(toArgvPath('--help')).toBe('./--help');
  });

  it('leaves every other name as it is, a "-" inside a folder name too', () => {
    for (const name of ['a.txt', 'src/-x.txt', ' -lead space.txt', 'a-b', './x']) expect(toArgvPath(name)).toBe(name);
  });

  it('gives a name that paths.ts reads back as the repository path', () => {
    for (const name of ['-m0', '--', '-dir/-x.py']) expect(toRepoPath(toArgvPath(name), ROOT)).toBe(name);
  });
});

describe('placeFiles', () => {
  it('appends the batch with names starting with "-" written ./name', () => {
    expect(placeFiles(makeHook(['grep', '-nH', 'BAD']), ['-m0', 'a.txt'])).toEqual(['grep', '-nH', 'BAD', './-m0', 'a.txt']);
  });

  it('puts the batch at {files}, written the same way', () => {
    expect(placeFiles(makeHook(['tool', '{files}', '--last']), ['-x', 'y'])).toEqual(['tool', './-x', 'y', '--last']);
  });

  it('puts "--" before the names as they are with files_after_double_dash', () => {
    const hook = makeHook(['grep', '-nH', 'BAD'], { filesAfterDoubleDash: true });
    expect(placeFiles(hook, ['-m0', 'a.txt'])).toEqual(['grep', '-nH', 'BAD', '--', '-m0', 'a.txt']);
    expect(placeFiles({ ...hook, argv: ['tool', '{files}', 'x'] }, ['-m0'])).toEqual(['tool', '--', '-m0', 'x']);
  });

  it('adds no "--" when there are no files to put after it', () => {
    expect(placeFiles(makeHook(['tool'], { filesAfterDoubleDash: true }), [])).toEqual(['tool']);
  });

  it('leaves the argv alone for a hook that is given no files', () => {
    expect(placeFiles(makeHook(['tool', '.'], { passFiles: false }), [])).toEqual(['tool', '.']);
  });
});

describe('placeFile', () => {
  it('puts the file at {file}, written ./name when it starts with "-"', () => {
    expect(placeFile(makeHook(['tool', '--path', '{file}', '-q']), '-m0')).toEqual(['tool', '--path', './-m0', '-q']);
  });

  it('puts "--" and the name at {file} with files_after_double_dash', () => {
    expect(placeFile(makeHook(['tool', '{file}'], { filesAfterDoubleDash: true }), '-m0')).toEqual(['tool', '--', '-m0']);
  });

  it('names a stdin hook\'s file at {file} the same way, and appends nothing without it', () => {
    expect(placeFile(makeHook(['fmt', '--stdin-filepath', '{file}'], { stdin: true }), '-a.py')).toEqual(['fmt', '--stdin-filepath', './-a.py']);
    expect(placeFile(makeHook(['fmt', '-'], { stdin: true }), '-a.py')).toEqual(['fmt', '-']);
  });

  it('appends the file when the command has no placeholder and reads no stdin', () => {
    expect(placeFile(makeHook(['tool']), '-m0')).toEqual(['tool', './-m0']);
  });
});

describe('splitByBytes', () => {
  it('counts the "./" a name starting with "-" gets against the budget', () => {
    // Each word costs its bytes, a NUL and a pointer: "./-ab" is 5 + 1 + 8 = 14 bytes, "abc" 12.
    expect(splitByBytes(['-ab', '-cd'], 28, 'h')).toEqual([['-ab', '-cd']]);
    expect(splitByBytes(['-ab', '-cd'], 27, 'h')).toEqual([['-ab'], ['-cd']]);
    expect(splitByBytes(['abc', 'def'], 24, 'h')).toEqual([['abc', 'def']]);
  });
});
