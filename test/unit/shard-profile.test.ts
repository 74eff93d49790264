import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HookProfile, Profiles } from '../../engine/store/profiles.js';
import { buildPortableProfile, readPortableProfile, renderPortableProfile } from '../../engine/store/shard-profile.js';
import { useTempRoot } from '../helpers/temp-root.js';

const tempRoot = useTempRoot('gauntlet-shard-profile-');

/** A profile of runs of `durationMs` on `files` files in `batches` invocations each. */
function profileOf(...runs: Array<[durationMs: number, files: number, batches: number]>): HookProfile {
  return { runs: runs.length, failures: 0, samples: runs.map(([durationMs, files, batches], at) => ({ durationMs, files, batches, ok: true, at })) };
}

describe('the portable profile', () => {
  it('holds the fitted cost of each measured hook asked for, sorted by name, rounded to microseconds', () => {
    const profiles: Profiles = new Map([
      ['zeta', profileOf([1_000, 100, 1], [1_150, 100, 2])],
      ['alpha', profileOf([500, 0, 1])],
      ['never', { runs: 0, failures: 0, samples: [] }],
      ['unasked', profileOf([10, 1, 1])],
    ]);
    const profile = buildPortableProfile(['zeta', 'never', 'alpha', 'zeta'], (hook) => profiles.get(hook)?.samples ?? []);
    expect(profile).toEqual({
      schema: 'gauntlet-shard-profile/1',
      hooks: [
        { name: 'alpha', startup_ms: 500, per_file_ms: 0 },
        { name: 'zeta', startup_ms: 150, per_file_ms: 8.5 },
      ],
    });
    expect(buildPortableProfile(['a'], () => profileOf([1_000, 3, 1]).samples).hooks[0]?.per_file_ms).toBe(333.333);
  });

  it('keeps the previous cost of a hook with no usable sample, and drops hooks not asked for', () => {
    const previous = new Map([['kept', { startupMs: 5, perFileMs: 1 }], ['gone', { startupMs: 9, perFileMs: 9 }], ['fresh', { startupMs: 1, perFileMs: 1 }]]);
    const profile = buildPortableProfile(['kept', 'fresh'], (hook) => (hook === 'fresh' ? profileOf([200, 10, 1]).samples : []), previous);
    expect(profile.hooks).toEqual([
      { name: 'fresh', startup_ms: 0, per_file_ms: 20 },
      { name: 'kept', startup_ms: 5, per_file_ms: 1 },
    ]);
  });

  it('is written with keys in a fixed order, a hook a line, and read back as costs', async () => {
    const text = renderPortableProfile({ schema: 'gauntlet-shard-profile/1', hooks: [{ name: 'a', startup_ms: 1.5, per_file_ms: 2 }, { name: 'b"c', startup_ms: 0, per_file_ms: 0.25 }] });
    expect(text).toBe(
      '{\n  "schema": "gauntlet-shard-profile/1",\n  "hooks": [\n' +
        '    {"name":"a","startup_ms":1.5,"per_file_ms":2},\n' +
        '    {"name":"b\\"c","startup_ms":0,"per_file_ms":0.25}\n  ]\n}\n',
    );
    const file = join(tempRoot(), 'profile.json');
    await writeFile(file, text);
    const read = await readPortableProfile(file);
    expect(read).toEqual({ ok: true, costs: new Map([['a', { startupMs: 1.5, perFileMs: 2 }], ['b"c', { startupMs: 0, perFileMs: 0.25 }]]) });
  });

  it('writes an empty list for a profile of nothing measured', () => {
    expect(renderPortableProfile({ schema: 'gauntlet-shard-profile/1', hooks: [] })).toBe('{\n  "schema": "gauntlet-shard-profile/1",\n  "hooks": []\n}\n');
  });

  it.each([
    ['a number as text', '{"schema": "gauntlet-shard-profile/1", "hooks": [{"name": "a", "startup_ms": "1", "per_file_ms": 1}]}', 'hooks[0].startup_ms'],
    ['no hooks', '{"schema": "gauntlet-shard-profile/1"}', 'hooks'],
    ['an empty name', '{"schema": "gauntlet-shard-profile/1", "hooks": [{"name": "", "startup_ms": 1, "per_file_ms": 1}]}', 'hooks[0].name'],
    ['a list', '[]', 'expected {schema: ..., hooks: ...}'],
  ])('refuses a profile with %s, saying what is wrong where', async (_, text, field) => {
    const file = join(tempRoot(), 'profile.json');
    await writeFile(file, text);
    const read = await readPortableProfile(file);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toContain(field);
  });
});
