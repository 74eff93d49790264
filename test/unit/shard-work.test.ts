import { describe, expect, it } from 'vitest';
import type { HookCost } from '../../engine/schedule/cost-model.js';
import { computeMedianCost, splitWork, type ShardHook, type ShardSplit } from '../../engine/schedule/shard-work.js';

/** `count` file names in a few folders, in a fixed order. */
function listFiles(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}/${index % 7}/file-${index}.txt`);
}

function fileHook(name: string, files: string[], modifiesFiles = false): ShardHook {
  return { name, whole: false, modifiesFiles, files };
}

function wholeHook(name: string, files: string[]): ShardHook {
  return { name, whole: true, modifiesFiles: false, files };
}

/** A seeded shuffle, so the reordered inputs are the same on every run. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const shuffled = [...items];
  let state = seed;
  for (let index = shuffled.length - 1; index > 0; index--) {
    state = (state * 16_807) % 2_147_483_647;
    const other = state % (index + 1);
    [shuffled[index], shuffled[other]] = [shuffled[other] as T, shuffled[index] as T];
  }
  return shuffled;
}

/** Every (hook, file) job and whole hook as `hook` or `hook file`, with the shard that runs it. */
function listAssignments(split: ShardSplit): Array<[string, number]> {
  const jobs: Array<[string, number]> = [...split.whole].map(([hook, shard]) => [hook, shard]);
  for (const [hook, files] of split.files) for (const [file, shard] of files) jobs.push([`${hook} ${file}`, shard]);
  return jobs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What each shard costs under `costs` (files counted without), start-ups paid once per shard running a hook. */
function measureLoads(split: ShardSplit, hooks: readonly ShardHook[], costs: ReadonlyMap<string, HookCost> | null): number[] {
  const loads = new Array<number>(split.count).fill(0);
  for (const hook of hooks) {
    const cost = costs?.get(hook.name) ?? { startupMs: 0, perFileMs: 1 };
    const owner = split.whole.get(hook.name);
    if (owner !== undefined) loads[owner] = (loads[owner] ?? 0) + (costs === null ? Math.max(1, hook.files.length) : cost.startupMs + cost.perFileMs * hook.files.length);
    const running = new Set<number>();
    for (const shard of split.files.get(hook.name)?.values() ?? []) {
      loads[shard] = (loads[shard] ?? 0) + cost.perFileMs + (running.has(shard) ? 0 : cost.startupMs);
      running.add(shard);
    }
  }
  return loads;
}

const MIXED: ShardHook[] = [
  fileHook('lint', listFiles('src', 120)),
  fileHook('format', listFiles('src', 40), true),
  fileHook('spell', listFiles('docs', 30)),
  wholeHook('types', listFiles('src', 120)),
  wholeHook('audit', []),
  fileHook('nothing', []),
];

describe('splitWork', () => {
  it.each([1, 2, 3, 4, 5, 8])('runs every job and every whole hook in exactly one of %i shards', (count) => {
    const split = splitWork(MIXED, count, null);
    const jobs = listAssignments(split);
    const expected = MIXED.flatMap((hook) => (hook.whole ? [hook.name] : hook.files.map((file) => `${hook.name} ${file}`)));
    expect(jobs.map(([job]) => job)).toEqual([...expected].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const [, shard] of jobs) {
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(count);
    }
  });

  it.each<[string, ReadonlyMap<string, HookCost> | null]>([
    ['counting files', null],
    ['with costs', new Map([['lint', { startupMs: 200, perFileMs: 3 }], ['types', { startupMs: 500, perFileMs: 20 }]])],
  ])('gives the same split whatever the order of hooks and files (%s)', (_, costs) => {
    const reordered = shuffle(MIXED, 7).map((hook) => ({ ...hook, files: shuffle(hook.files, 11) }));
    for (const count of [2, 3, 5]) {
      expect(listAssignments(splitWork(reordered, count, costs))).toEqual(listAssignments(splitWork(MIXED, count, costs)));
    }
  });

  it.each([2, 3, 4, 5])('balances file counts across %i shards to within one file', (count) => {
    const hooks = [fileHook('a', listFiles('a', 101)), fileHook('b', listFiles('b', 57)), fileHook('c', listFiles('c', 13))];
    const loads = measureLoads(splitWork(hooks, count, null), hooks, null);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it.each([2, 3, 4, 5])('keeps the costliest shard within the largest unit of an even share of the cost across %i shards', (count) => {
    const hooks = [fileHook('cheap', listFiles('a', 300)), fileHook('dear', listFiles('b', 40)), wholeHook('project', listFiles('c', 50)), wholeHook('tiny', [])];
    const costs = new Map([
      ['cheap', { startupMs: 0, perFileMs: 2 }],
      ['dear', { startupMs: 0, perFileMs: 45 }],
      ['project', { startupMs: 100, perFileMs: 8 }],
      ['tiny', { startupMs: 30, perFileMs: 0 }],
    ]);
    const loads = measureLoads(splitWork(hooks, count, costs), hooks, costs);
    const total = loads.reduce((sum, load) => sum + load, 0);
    // List scheduling's bound: an even share plus the largest unit (the whole `project`, 500 ms).
    expect(Math.max(...loads)).toBeLessThanOrEqual(total / count + 500);
    expect(total).toBeCloseTo(300 * 2 + 40 * 45 + 500 + 30, 6);
  });

  it.each([2, 3, 4, 5])('brings a mix of hooks with start-up costs within 10 %% of the lower bound on %i shards', (count) => {
    const hooks = [
      fileHook('flake8', listFiles('py', 800)),
      fileHook('shellcheck', listFiles('sh', 300)),
      fileHook('yamllint', listFiles('yaml', 200)),
      fileHook('codespell', listFiles('md', 300)),
      fileHook('js-lint', listFiles('js', 400)),
      wholeHook('pylint', listFiles('py', 80)),
    ];
    const costs = new Map([
      ['flake8', { startupMs: 150, perFileMs: 4 }],
      ['shellcheck', { startupMs: 50, perFileMs: 10 }],
      ['yamllint', { startupMs: 200, perFileMs: 8 }],
      ['codespell', { startupMs: 300, perFileMs: 2 }],
      ['js-lint', { startupMs: 300, perFileMs: 3 }],
      ['pylint', { startupMs: 1_000, perFileMs: 50 }],
    ]);
    const loads = measureLoads(splitWork(hooks, count, costs), hooks, costs);
    // No split ends before the longest whole hook, nor before an even share of the work started once per hook.
    const once = hooks.reduce((sum, hook) => sum + (costs.get(hook.name)?.startupMs ?? 0) + (costs.get(hook.name)?.perFileMs ?? 0) * hook.files.length, 0);
    const bound = Math.max(5_000, once / count);
    expect(Math.max(...loads)).toBeLessThanOrEqual(bound * 1.1);
  });

  it('balances by cost, not by file count, when given costs', () => {
    // By count the whole hook weighs 20 files against 200; by cost, 2 s against 200 ms.
    const hooks = [wholeHook('slow', listFiles('a', 20)), fileHook('fast', listFiles('b', 200))];
    const costs = new Map([['slow', { startupMs: 0, perFileMs: 100 }], ['fast', { startupMs: 0, perFileMs: 1 }]]);
    const byCost = measureLoads(splitWork(hooks, 2, costs), hooks, costs);
    const byCount = measureLoads(splitWork(hooks, 2, null), hooks, costs);
    expect(byCost).toEqual([2_000, 200]);
    expect(Math.max(...byCount)).toBe(2_090);
  });

  it('gathers the files of a hook dear to start in one shard rather than paying its start-up in each', () => {
    const hooks = [fileHook('heavy-start', listFiles('a', 8)), fileHook('other', listFiles('b', 40))];
    const costs = new Map([['heavy-start', { startupMs: 1_000, perFileMs: 1 }], ['other', { startupMs: 0, perFileMs: 30 }]]);
    const shards = new Set(splitWork(hooks, 2, costs).files.get('heavy-start')?.values());
    expect(shards.size).toBe(1);
  });

  it('assigns whole hooks longest first to the least loaded shard, ties to the lowest shard', () => {
    const hooks = [wholeHook('c', []), wholeHook('a', []), wholeHook('b', []), wholeHook('d', [])];
    const costs = new Map([['a', { startupMs: 5, perFileMs: 0 }], ['b', { startupMs: 4, perFileMs: 0 }], ['c', { startupMs: 3, perFileMs: 0 }], ['d', { startupMs: 3, perFileMs: 0 }]]);
    const split = splitWork(hooks, 2, costs);
    expect(Object.fromEntries(split.whole)).toEqual({ a: 0, b: 1, c: 1, d: 0 });
    expect(split.loads).toEqual([8, 7]);
  });

  it('puts a file a fixer rewrites in one shard with every other hook that checks it', () => {
    const files = listFiles('src', 60);
    const hooks = [fileHook('fix', files.slice(0, 30), true), fileHook('lint', files), fileHook('spell', files)];
    const split = splitWork(hooks, 4, null);
    for (const file of files.slice(0, 30)) {
      const owner = split.files.get('fix')?.get(file);
      expect(split.files.get('lint')?.get(file)).toBe(owner);
      expect(split.files.get('spell')?.get(file)).toBe(owner);
    }
    expect(new Set(files.slice(30).map((file) => split.files.get('lint')?.get(file))).size).toBeGreaterThan(1);
  });

  it('costs a hook the profile lacks as its median hook', () => {
    const costs = new Map([['a', { startupMs: 100, perFileMs: 1 }], ['b', { startupMs: 300, perFileMs: 5 }], ['c', { startupMs: 200, perFileMs: 9 }]]);
    expect(computeMedianCost(costs)).toEqual({ startupMs: 200, perFileMs: 5 });
    expect(computeMedianCost(new Map([...costs, ['d', { startupMs: 0, perFileMs: 2 }]]))).toEqual({ startupMs: 150, perFileMs: 3.5 });
    expect(computeMedianCost(new Map())).toEqual({ startupMs: 0, perFileMs: 1 });
    const split = splitWork([wholeHook('known', []), wholeHook('unknown', listFiles('x', 10))], 2, new Map([['known', { startupMs: 40, perFileMs: 2 }]]));
    // The unknown hook costs 40 + 10 × 2 = 60: it is the longest, so it goes first, to shard 0.
    expect(Object.fromEntries(split.whole)).toEqual({ unknown: 0, known: 1 });
  });

  it('gives a shard nothing when there is less work than shards', () => {
    const split = splitWork([fileHook('lint', ['a.txt', 'b.txt'])], 4, null);
    expect([...(split.files.get('lint')?.values() ?? [])].sort()).toEqual([0, 1]);
    expect(split.loads).toEqual([1, 1, 0, 0]);
  });
});
