import { describe, expect, it } from 'vitest';
import { orderHooks } from '../../engine/schedule/order.js';

interface TestHook {
  name: string;
  timeoutMs: number;
}

function hook(name: string, timeoutMs = 60_000): TestHook {
  return { name, timeoutMs };
}

function meansOf(means: Record<string, number>): (name: string) => number | null {
  return (name) => means[name] ?? null;
}

function namesOf(hooks: readonly TestHook[]): string[] {
  return hooks.map((entry) => entry.name);
}

describe('orderHooks', () => {
  it('keeps config order when optimizing is off', () => {
    const hooks = [hook('slow'), hook('fast'), hook('new', 1_000)];
    const ordered = orderHooks(hooks, meansOf({ slow: 9_000, fast: 10 }), false);
    expect(namesOf(ordered)).toEqual(['slow', 'fast', 'new']);
  });

  it('puts profiled hooks first, fastest mean first', () => {
    const hooks = [hook('slow'), hook('unknown', 1), hook('fast'), hook('medium')];
    const ordered = orderHooks(hooks, meansOf({ slow: 9_000, fast: 10, medium: 500 }), true);
    expect(namesOf(ordered)).toEqual(['fast', 'medium', 'slow', 'unknown']);
  });

  it('orders never-profiled hooks by ascending timeout after the profiled ones', () => {
    const hooks = [hook('long', 600_000), hook('short', 5_000), hook('profiled', 120_000), hook('mid', 60_000)];
    const ordered = orderHooks(hooks, meansOf({ profiled: 20_000 }), true);
    expect(namesOf(ordered)).toEqual(['profiled', 'short', 'mid', 'long']);
  });

  it('keeps config order between hooks with equal means or equal timeouts', () => {
    const hooks = [hook('b', 1_000), hook('a', 1_000), hook('d'), hook('c')];
    const ordered = orderHooks(hooks, meansOf({ d: 50, c: 50 }), true);
    expect(namesOf(ordered)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('treats a non-finite mean as never profiled', () => {
    const hooks = [hook('broken', 1_000), hook('known', 90_000)];
    const ordered = orderHooks(hooks, meansOf({ broken: Number.NaN, known: 5 }), true);
    expect(namesOf(ordered)).toEqual(['known', 'broken']);
  });

  it('sorts hooks without a timeout after those with one', () => {
    const forever = Number.POSITIVE_INFINITY;
    const hooks = [hook('forever-a', forever), hook('bounded', 10_000), hook('forever-b', forever)];
    const ordered = orderHooks(hooks, () => null, true);
    expect(namesOf(ordered)).toEqual(['bounded', 'forever-a', 'forever-b']);
  });

  it('returns a new array and leaves the input untouched', () => {
    const hooks = [hook('slow'), hook('fast')];
    const ordered = orderHooks(hooks, meansOf({ slow: 100, fast: 1 }), true);
    expect(namesOf(hooks)).toEqual(['slow', 'fast']);
    expect(ordered).not.toBe(hooks);
    expect(orderHooks(hooks, () => null, false)).not.toBe(hooks);
  });

  it('keeps the caller’s hook type and objects', () => {
    const hooks = [{ name: 'x', timeoutMs: 1, extra: 'kept' }];
    const [first] = orderHooks(hooks, () => null, true);
    expect(first).toBe(hooks[0]);
    expect(first?.extra).toBe('kept');
  });
});
