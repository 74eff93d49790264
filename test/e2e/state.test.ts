import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { hookOf, type MakeRepo, type ProfileJson, repoTest as it, splitLines, TempRepo } from '../helpers/e2e.js';
import { fixtureHook } from '../helpers/paths.js';

const PROFILES = '.gauntlet/profiles.msgpack';

async function makeProfiledRepo(makeRepo: MakeRepo): Promise<TempRepo> {
  const repo = await makeRepo();
  repo.write('a.py');
  repo.writeConfig({
    hooks: [
      { name: 'quick', command: [fixtureHook('sleep-exit.sh'), '0.02'], pass_files: false, always_run: true, timeout: 5 },
      { name: 'failing', command: [fixtureHook('sleep-exit.sh'), '0.02', '1'], pass_files: false, always_run: true },
      { name: 'never', command: ['cargo', 'check'], files: ['*.rs'] },
    ],
  });
  return repo;
}

async function readProfile(repo: TempRepo): Promise<ProfileJson> {
  const result = await repo.run(['profile', '--format', 'json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as ProfileJson;
}

/** Bytes that look random but are the same on every run. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe.concurrent('gauntlet profile', () => {
  it('lists every configured hook with its runs, mean, median, p95 and failures, as text or JSON', async ({ makeRepo }) => {
    const repo = await makeProfiledRepo(makeRepo);
    expect((await repo.run(['run'])).code).toBe(1);
    // --no-cache: the hooks run (and are measured) again although nothing changed.
    expect((await repo.run(['run', '--no-cache'])).code).toBe(1);

    const result = await repo.run(['profile']);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = splitLines(result.stdout);
    expect(lines).toHaveLength(4);
    expect(lines[0]?.split(/\s+/).slice(0, 6)).toEqual(['hook', 'runs', 'mean', 'median', 'p95', 'failures']);
    const row = (name: string): string[] => lines.find((line) => line.startsWith(`${name} `))?.split(/\s+/) ?? [];
    expect(row('quick').slice(0, 6)).toEqual(['quick', '2', expect.stringMatching(/ms$/), expect.stringMatching(/ms$/), expect.stringMatching(/ms$/), '0%']);
    expect(row('failing').slice(0, 6)).toEqual(['failing', '2', expect.any(String), expect.any(String), expect.any(String), '100%']);
    expect(row('never').slice(0, 6)).toEqual(['never', '0', '-', '-', '-', '-']);

    const profile = await readProfile(repo);
    const quick = profile.hooks.find((hook) => hook.name === 'quick');
    expect(quick).toMatchObject({ runs: 2, failure_rate: 0 });
    expect(quick?.mean_ms).toBeGreaterThan(0);
    expect(quick?.median_ms).toBeGreaterThan(0);
    expect(quick?.p95_ms).toBeGreaterThan(0);
    expect(profile.hooks.find((hook) => hook.name === 'failing')).toMatchObject({ runs: 2, failure_rate: 1 });
    expect(profile.hooks.find((hook) => hook.name === 'never')).toMatchObject({ runs: 0, mean_ms: null, median_ms: null, p95_ms: null });
  });

  it('forgets every measurement with --reset', async ({ makeRepo }) => {
    const repo = await makeProfiledRepo(makeRepo);
    await repo.run(['run']);
    expect(repo.exists(PROFILES)).toBe(true);

    const reset = await repo.run(['profile', '--reset']);

    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('profile cleared');
    expect(repo.exists(PROFILES)).toBe(false);
    for (const hook of (await readProfile(repo)).hooks) expect(hook).toMatchObject({ runs: 0, mean_ms: null });
  });

  it('warns in one line about a corrupted profile file, runs anyway and rewrites it', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [{ name: 'quick', command: [fixtureHook('sleep-exit.sh'), '0.01'], pass_files: false, always_run: true }] });

    mkdirSync(path.join(repo.root, '.gauntlet'), { recursive: true });
    writeFileSync(path.join(repo.root, PROFILES), pseudoRandomBytes(512, 1));

    const result = await repo.run(['run']);

    expect(result.code).toBe(0);
    const warnings = splitLines(result.stderr);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^gauntlet: warning: \.gauntlet\/profiles\.msgpack: /);
    expect(result.stdout).toMatch(/^pass {2}quick\b/m);

    // The run saved a good file: no warning the next time, and the run was recorded.
    const again = await repo.run(['run', '--no-cache']);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect((await readProfile(repo)).hooks[0]?.runs).toBe(2);
  });

  it('warns in one line about a corrupted profile file in gauntlet profile too', async ({ makeRepo }) => {
    const repo = await makeProfiledRepo(makeRepo);
    mkdirSync(path.join(repo.root, '.gauntlet'), { recursive: true });
    writeFileSync(path.join(repo.root, PROFILES), pseudoRandomBytes(64, 7));

    const result = await repo.run(['profile']);

    expect(result.code).toBe(0);
    expect(splitLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^gauntlet: warning: \.gauntlet\/profiles\.msgpack: /);
    expect(result.stdout).toMatch(/^quick\s+0\s/m);
  });

  it('treats an empty (truncated) profile file as a warning on stderr and a fresh start', async ({ makeRepo }) => {
    const repo = await makeProfiledRepo(makeRepo);
    mkdirSync(path.join(repo.root, '.gauntlet'), { recursive: true });
    writeFileSync(path.join(repo.root, PROFILES), '');

    // The warning goes to stderr: the JSON report on stdout stays parseable.
    const { result, report } = await repo.runJson(['--tool', 'quick']);

    expect(result.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(splitLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^gauntlet: warning: \.gauntlet\/profiles\.msgpack: /);
  });

  it('warns in one line about a corrupted result cache and runs every hook anyway', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [{ name: 'quick', command: [fixtureHook('sleep-exit.sh'), '0.01'], pass_files: false, always_run: true }] });
    expect((await repo.run(['run'])).code).toBe(0);
    const cacheFiles = readdirSync(path.join(repo.root, '.gauntlet')).filter((name) => name.endsWith('.msgpack') && name !== 'profiles.msgpack');
    expect(cacheFiles.length).toBeGreaterThan(0);
    for (const name of cacheFiles) writeFileSync(path.join(repo.root, '.gauntlet', name), pseudoRandomBytes(300, 11));

    const { result, report } = await repo.runJson([]);

    expect(result.code).toBe(0);
    // Each broken file is one line naming it: the result cache, and the validated-config cache (rebuilt from gauntlet.yaml).
    const lines = splitLines(result.stderr);
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.startsWith('gauntlet: warning: .gauntlet/cache.msgpack: '))).toBeDefined();
    expect(lines.find((line) => line.startsWith('gauntlet: warning: .gauntlet/config.msgpack: '))).toMatch(/; reading the config itself$/);
    // Nothing could be answered from the broken cache: the hook ran.
    expect(hookOf(report, 'quick')).toMatchObject({ status: 'passed', batches: 1 });
  });
});

describe.concurrent('the .gauntlet folder', () => {
  it('ignores itself: it holds a .gitignore of * and git status shows nothing of it', async ({ makeRepo }) => {
    const repo = await makeProfiledRepo(makeRepo);
    await repo.commitAll();
    expect(existsSync(path.join(repo.root, '.gauntlet'))).toBe(false);

    await repo.run(['run']);

    expect(repo.read('.gauntlet/.gitignore')).toBe('*\n');
    expect(repo.exists(PROFILES)).toBe(true);
    expect(await repo.git('status', '--porcelain', '--untracked-files=all', '--ignored=no')).toBe('');
  });

  it('never passes its own files to hooks', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [{ name: 'seen', command: [fixtureHook('report-each.sh'), 'seen'] }] });
    await repo.run(['run']);
    expect(repo.exists(PROFILES)).toBe(true);

    const { report } = await repo.runJson(['--no-cache']);

    expect(report.diagnostics.map((diagnostic) => diagnostic.file)).toEqual(['gauntlet.yaml']);
  });
});

describe('concurrent runs', () => {
  it('keep each other\'s profile measurements', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({
      hooks: [
        { name: 'long', command: [fixtureHook('sleep-exit.sh'), '0.8'], pass_files: false, always_run: true },
        { name: 'short', command: [fixtureHook('sleep-exit.sh'), '0.02'], pass_files: false, always_run: true },
      ],
    });

    const [long, short] = await Promise.all([repo.run(['run', '--tool', 'long']), repo.run(['run', '--tool', 'short'])]);

    expect(long.code).toBe(0);
    expect(short.code).toBe(0);
    const runs = Object.fromEntries((await readProfile(repo)).hooks.map((hook) => [hook.name, hook.runs]));
    expect(runs).toEqual({ long: 1, short: 1 });
  });
});
