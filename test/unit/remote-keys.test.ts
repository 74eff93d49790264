import { describe, expect, it } from 'vitest';
import { groupBuckets, toRemoteKey } from '../../engine/remote/remote-keys.js';

/** `count` files `src/fNNNN.py` with keys derived from their names (and `salt`). */
function makeFiles(count: number, salt = ''): Map<string, string> {
  return new Map(Array.from({ length: count }, (_, index) => [`src/f${String(index).padStart(4, '0')}.py`, `key-${index}${salt}`]));
}

function shuffle<T>(items: readonly T[]): T[] {
  // A fixed permutation: reversed, then odd positions first.
  const reversed = [...items].reverse();
  return [...reversed.filter((_, index) => index % 2 === 1), ...reversed.filter((_, index) => index % 2 === 0)];
}

describe('buckets of shared results', () => {
  it.each([0, 1, 10, 44, 45, 64, 90, 91, 200, 1_000, 5_000])('covers each of %i files exactly once, in disjoint buckets sorted by path', (count) => {
    const files = makeFiles(count);
    const buckets = groupBuckets(files);
    const listed = buckets.flatMap((bucket) => bucket.files);
    expect(listed).toHaveLength(count);
    expect(new Map(listed)).toEqual(files);
    for (const bucket of buckets) {
      expect(bucket.files.length).toBeGreaterThan(0);
      expect(bucket.key).toMatch(/^[0-9a-f]{64}$/);
      const paths = bucket.files.map(([path]) => path);
      expect(paths).toEqual([...paths].sort());
    }
    expect(new Set(buckets.map((bucket) => bucket.key)).size).toBe(buckets.length);
  });

  it.each<[number, number]>([
    [1, 1],
    [90, 1],
    [91, 2],
    [181, 2],
    [182, 4],
    [1_000, 16],
    [5_000, 64],
  ])('puts %i files in %i buckets: a power of two near files / 64, so that counts a little apart agree', (count, expected) => {
    expect(groupBuckets(makeFiles(count))).toHaveLength(expected);
  });

  it('gives the same buckets whatever order the files come in', () => {
    const files = makeFiles(500);
    expect(groupBuckets(new Map(shuffle([...files])))).toEqual(groupBuckets(files));
  });

  it.each([1, 50, 300, 2_000])('changes exactly one bucket key when one of %i files changes', (count) => {
    const files = makeFiles(count);
    const before = groupBuckets(files);
    for (const changed of [0, Math.floor(count / 2), count - 1]) {
      const path = [...files.keys()][changed] ?? '';
      const after = groupBuckets(new Map([...files, [path, 'another content']]));
      const keysBefore = new Set(before.map((bucket) => bucket.key));
      const differing = after.filter((bucket) => !keysBefore.has(bucket.key));
      expect(differing).toHaveLength(1);
      expect(differing[0]?.files.map(([file]) => file)).toContain(path);
      expect(after.map((bucket) => bucket.files.map(([file]) => file))).toEqual(before.map((bucket) => bucket.files.map(([file]) => file)));
    }
  });

  it('keys a bucket on its files’ keys, not only their paths', () => {
    const keys = (salt: string): string[] => groupBuckets(makeFiles(200, salt)).map((bucket) => bucket.key);
    expect(keys('')).toEqual(keys(''));
    expect(keys('').some((key) => keys('-other').includes(key))).toBe(false);
  });

  it('tells a file key from a project key and from a bucket key made of the same text', () => {
    const file = toRemoteKey('file', 'k');
    const project = toRemoteKey('project', 'k');
    expect(file).toMatch(/^[0-9a-f]{64}$/);
    expect(project).toMatch(/^[0-9a-f]{64}$/);
    expect(file).not.toBe(project);
    expect(toRemoteKey('file', 'k')).toBe(file);
    expect(groupBuckets(new Map([['k', 'k']]))[0]?.key).not.toBe(file);
  });
});
