import path from 'node:path';
import { describe, expect } from 'vitest';
import { type CliResult, type MakeRepo, repoTest as it, splitLines, TempRepo } from '../helpers/e2e.js';
import { fixtureHook } from '../helpers/paths.js';

/** Exit code 2, nothing on stdout, exactly one line on stderr and no stack trace; returns the line. */
function expectOneLineError(result: CliResult): string {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.endsWith('\n')).toBe(true);
  const lines = splitLines(result.stderr);
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

async function repoWithYaml(makeRepo: MakeRepo, yaml: string, file = 'gauntlet.yaml'): Promise<TempRepo> {
  const repo = await makeRepo();
  repo.write(file, yaml);
  return repo;
}

describe.concurrent('config errors', () => {
  it('reports a negative timeout as one line with file, line, column and field', async ({ makeRepo }) => {
    const repo = await repoWithYaml(makeRepo, ['hooks:', '  - name: lint', '    command: ["true"]', '    timeout: -1', ''].join('\n'));
    const line = expectOneLineError(await repo.run(['run']));
    expect(line).toBe('gauntlet.yaml:4:14: hooks[0].timeout: expected a positive number');
  });

  it('reports an unknown field with a did-you-mean at the key', async ({ makeRepo }) => {
    const repo = await repoWithYaml(makeRepo,
      ['hooks:', '  - name: ok', '    command: ["true"]', '  - name: lint', '    command: ["true"]', '    timout: 3', ''].join('\n'),
    );
    const line = expectOneLineError(await repo.run(['run']));
    expect(line).toBe('gauntlet.yaml:6:5: hooks[1]: unknown field "timout" (did you mean "timeout"?)');
  });

  it('reports a YAML syntax error as one line', async ({ makeRepo }) => {
    const repo = await repoWithYaml(makeRepo, ['hooks:', '  - name: lint', '    command: ["true"', '    timeout: 3', ''].join('\n'));
    const line = expectOneLineError(await repo.run(['run']));
    expect(line).toMatch(/^gauntlet\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('reports a project without any config as one line naming the files looked for and gauntlet init', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('a.py');
    repo.write('sub/b.py');
    const missing = 'file not found, nor .pre-commit-config.yaml or lefthook.yml beside it (run "gauntlet init" to write one, or pass --config PATH)';
    expect(expectOneLineError(await repo.run(['run']))).toBe(`gauntlet.yaml: ${missing}`);
    // From a subfolder the root's file is outside cwd: shown absolute.
    expect(expectOneLineError(await repo.run(['run'], { cwd: 'sub' }))).toBe(`${path.join(repo.root, 'gauntlet.yaml')}: ${missing}`);
  });

  it('reads another config file with --config, and names that file in its errors', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('gauntlet.yaml', 'this is: [not valid\n');
    repo.writeConfig({ hooks: [{ name: 'other', command: [fixtureHook('print-exit.sh'), '0'], pass_files: false, always_run: true }] }, 'ci/other.yaml');

    const ok = await repo.runJson(['--config', 'ci/other.yaml']);
    expect(ok.result.code).toBe(0);
    expect(ok.report.hooks.map((hook) => hook.name)).toEqual(['other']);

    const fromSubfolder = await repo.runJson(['-c', 'other.yaml'], { cwd: 'ci' });
    expect(fromSubfolder.result.code).toBe(0);
    expect(fromSubfolder.report.root).toBe(repo.root);

    repo.write('ci/bad.yaml', ['hooks:', '  - name: x', '    command: ["true"]', '    stage: slow', ''].join('\n'));
    const line = expectOneLineError(await repo.run(['run', '--config', 'ci/bad.yaml']));
    expect(line).toBe('ci/bad.yaml:4:12: hooks[0].stage: expected one of: fast, comprehensive');
  });

  it('reports running outside a git repository as one line with exit code 2', async ({ makeRepo }) => {
    const repo = await makeRepo({ git: false });
    repo.writeConfig({ hooks: [{ name: 'x', command: ['true'] }] });
    const line = expectOneLineError(await repo.run(['run']));
    expect(line).toMatch(/^gauntlet: not a git repository: /);
    expectOneLineError(await repo.run(['profile']));
  });

  it('refuses contradictory options as one line', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [{ name: 'x', command: ['true'] }] });
    expect(expectOneLineError(await repo.run(['run', '--serial', '--parallel']))).toMatch(/^gauntlet: --serial and --parallel/);
    expect(expectOneLineError(await repo.run(['run', '--changed', '--staged']))).toMatch(/^gauntlet: --changed and --staged/);
  });

  it('refuses a file argument that does not exist or lies outside the repository', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [{ name: 'x', command: ['true'] }] });
    expect(expectOneLineError(await repo.run(['run', 'nope.py']))).toMatch(/^gauntlet: nope\.py: no such file/);
    expect(expectOneLineError(await repo.run(['run', '../scratch']))).toMatch(/^gauntlet: \.\.\/scratch: outside the repository/);
  });

  it('exits 2 without a stack trace on a bad option value', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [{ name: 'x', command: ['true'] }] });
    for (const args of [['run', '--stage', 'slow'], ['nonsense']]) {
      const result = await repo.run(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^error: /);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it('refuses a worker count above 256 from -j or max_workers at once, naming the flag or field', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.writeConfig({ hooks: [{ name: 'x', command: ['true'] }] });
    expect(expectOneLineError(await repo.run(['run', '-j', '130000']))).toBe(
      "error: option '-j, --max-workers <n>' argument '130000' is invalid. expected at most 256 workers",
    );
    repo.writeConfig({ max_workers: 100_000_000, hooks: [{ name: 'x', command: ['true'] }] });
    const started = performance.now();
    expect(expectOneLineError(await repo.run(['run']))).toMatch(/^gauntlet\.yaml:\d+:\d+: max_workers: expected at most 256 workers$/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('blames an oversized command on the hook, not on a file name', async ({ makeRepo }) => {
    const repo = await makeRepo();
    repo.write('a.txt', 'a\n');
    // One word past the kernel's limit for a single string (128 KiB on Linux).
    repo.writeConfig({ hooks: [{ name: 'long-word', command: ['sh', '-c', `true # ${'x'.repeat(200_000)}`], files: '*.txt' }] });
    expect(expectOneLineError(await repo.run(['run']))).toMatch(/^gauntlet: hook long-word: command word 3 is too long \(200007 bytes; one word may have at most 131071\)$/);
    // Words each within that limit, together past ARG_MAX.
    repo.writeConfig({ hooks: [{ name: 'long-command', command: ['sh', '-c', 'true', ...Array.from({ length: 40 }, () => 'x'.repeat(100_000))], files: '*.txt' }] });
    expect(expectOneLineError(await repo.run(['run']))).toMatch(/^gauntlet: hook long-command: command is too long for one command line \(\d+ bytes; at most \d+ next to its environment\)$/);
  });
});

describe.concurrent('hook selection', () => {
  async function makeThreeHookRepo(makeRepo: MakeRepo): Promise<TempRepo> {
    const repo = await makeRepo();
    const hook = (name: string, stage?: string): object => ({
      name,
      command: [fixtureHook('print-exit.sh'), '0'],
      pass_files: false,
      always_run: true,
      ...(stage === undefined ? {} : { stage }),
    });
    repo.writeConfig({ hooks: [hook('alpha'), hook('beta', 'comprehensive'), hook('gamma', 'fast'), hook('delta', 'comprehensive')] });
    return repo;
  }

  it('runs only the hook named with --tool, or the hooks named by repeated --tool', async ({ makeRepo }) => {
    const repo = await makeThreeHookRepo(makeRepo);
    const one = await repo.runJson(['--tool', 'beta']);
    expect(one.result.code).toBe(0);
    expect(one.report.hooks.map((hook) => hook.name)).toEqual(['beta']);
    expect(one.report.summary.hooks).toBe(1);

    const two = await repo.runJson(['-t', 'gamma', '-t', 'alpha']);
    expect(two.report.hooks.map((hook) => hook.name).sort()).toEqual(['alpha', 'gamma']);
  });

  it('refuses an unknown --tool name as one line listing the known names', async ({ makeRepo }) => {
    const repo = await makeThreeHookRepo(makeRepo);
    const line = expectOneLineError(await repo.run(['run', '--tool', 'alpha', '--tool', 'eslint']));
    expect(line).toContain('"eslint"');
    expect(line).toContain('known: alpha, beta, gamma, delta');
  });

  it('runs only the hooks of the stage given with --stage', async ({ makeRepo }) => {
    const repo = await makeThreeHookRepo(makeRepo);
    const comprehensive = await repo.runJson(['--stage', 'comprehensive']);
    expect(comprehensive.result.code).toBe(0);
    expect(comprehensive.report.hooks.map((hook) => hook.name).sort()).toEqual(['beta', 'delta']);

    const fast = await repo.runJson(['--stage', 'fast']);
    expect(fast.report.hooks.map((hook) => hook.name).sort()).toEqual(['alpha', 'gamma']);
  });
});
