import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Hook } from '../../protocol/hook.js';
import type { JobResult } from '../../engine/worker/contract.js';
import { fingerprintTool, type RunVersion } from '../../engine/remote/tool-fingerprint.js';
import type { ToolMemo } from '../../engine/remote/tool-memo.js';
import { makeHook as makeBaseHook } from '../helpers/hooks.js';
import { useTempRoot } from '../helpers/temp-root.js';

const folder = useTempRoot('gauntlet-fingerprint-');

afterEach(() => {
  vi.unstubAllEnvs();
});
/** Bytes of a native program as far as fingerprinting goes: anything that does not start with `#!`. */
const NATIVE = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 42]);
const SCRIPT_BODY = 'import sys\nprint("lint", sys.argv)\n';

/** A hook running `argv` with `bin` as its PATH. */
function makeHook(argv: string[], bin: string, versionArgv?: string[]): Hook {
  return makeBaseHook({ argv, env: { PATH: bin }, ...(versionArgv ? { versionArgv } : {}) });
}

function emptyMemo(): ToolMemo {
  return { programs: new Map(), versions: new Map() };
}

/** A version command that prints `output` (or fails), counting its runs. */
function printVersion(output: string, status: JobResult['status'] = 'passed'): RunVersion & { runs: number } {
  const run = Object.assign(
    (hook: Hook): Promise<JobResult> => {
      run.runs += 1;
      const reason = status === 'passed' ? null : 'exit code 2';
      return Promise.resolve({ id: 0, hook: hook.name, status, exitCode: 0, signal: null, durationMs: 1, output, truncated: false, diagnostics: [], reason });
    },
    { runs: 0 },
  );
  return run;
}

/** A folder `name` of programs, with `files` in it, executable. */
async function makeBin(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const bin = join(folder(), name);
  await mkdir(bin, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    await writeFile(join(bin, file), content);
    await chmod(join(bin, file), 0o755);
  }
  return bin;
}

describe('the portable identity of a hook’s tool', () => {
  it('is the content of a native program, the same wherever it is installed', async () => {
    const here = await makeBin('here', { lint: NATIVE });
    const there = await makeBin('there/deeper', { lint: NATIVE });
    const other = await makeBin('other', { lint: Buffer.concat([NATIVE, Buffer.from([1])]) });
    const identify = (bin: string): Promise<string | null> => fingerprintTool(makeHook(['lint', '-x'], bin), folder(), emptyMemo(), printVersion('')).then((found) => found.identity);
    const identity = await identify(here);
    expect(identity).not.toBeNull();
    expect(await identify(there)).toBe(identity);
    expect(await identify(other)).not.toBe(identity);
  });

  it.each<[string, string[], string]>([
    ['a #! script', ['lint', '--strict'], 'lint --version'],
    ['a #! script by its path', ['./tools/lint', '--strict'], './tools/lint --version'],
    ['a runner', ['npx', 'eslint', '--max-warnings=0'], 'npx eslint --version'],
    ['a runner with a subcommand', ['uv', 'run', 'ruff', 'check'], 'uv run ruff --version'],
    ['an interpreter running a module', ['python3', '-m', 'flake8', '--count'], 'python3 -m flake8 --version'],
    ['a shell running one tool', ['sh', '-c', 'lint "$@"', 'sh'], 'lint --version'],
    ['a runner of a tool with a subcommand', ['env', 'GOFLAGS=-mod=mod', 'go', 'vet'], 'go version'],
  ])('is not told for %s without version_command, suggesting the tool’s own version', async (_what, argv, example) => {
    const bin = await makeBin('bin', { lint: `#!/usr/bin/python3\n${SCRIPT_BODY}`, npx: NATIVE, uv: NATIVE, python3: NATIVE, sh: NATIVE, env: NATIVE });
    await makeBin('tools', { lint: `#!/bin/sh\n${SCRIPT_BODY}` });
    const found = await fingerprintTool(makeHook(argv, bin), folder(), emptyMemo(), printVersion('1.0'));
    expect(found).toEqual({
      identity: null,
      problem: `its program is a script or runs one, whose version gauntlet cannot see; set version_command (such as "${example}")`,
    });
  });

  it('asks for a version command without suggesting one when a shell runs several tools', async () => {
    const bin = await makeBin('bin', { sh: NATIVE });
    const found = await fingerprintTool(makeHook(['sh', '-c', 'lint && format --check'], bin), folder(), emptyMemo(), printVersion('1.0'));
    expect(found.problem).toBe('its program is a script or runs one, whose version gauntlet cannot see; set version_command to a command printing the versions of the tools it runs');
  });

  it('is a script’s content without its #! line, and what its version command printed', async () => {
    const venv = await makeBin('venv/bin', { lint: `#!${folder()}/venv/bin/python3\n${SCRIPT_BODY}` });
    const system = await makeBin('usr/bin', { lint: `#!/usr/bin/python3\n${SCRIPT_BODY}` });
    const identify = async (bin: string, version: string): Promise<string | null> =>
      (await fingerprintTool(makeHook(['lint'], bin, ['lint', '--version']), folder(), emptyMemo(), printVersion(version))).identity;
    const identity = await identify(venv, 'lint 1.0\n');
    expect(identity).not.toBeNull();
    expect(await identify(system, 'lint 1.0')).toBe(identity);
    expect(await identify(system, 'lint 1.1')).not.toBe(identity);
  });

  it('writes the repository’s path in version output as ".", so that clones elsewhere agree', async () => {
    const bin = await makeBin('bin', { lint: NATIVE });
    const identify = async (root: string): Promise<string | null> =>
      (await fingerprintTool(makeHook(['lint'], bin, ['lint', '--version']), root, emptyMemo(), printVersion(`lint 2.0 (plugins in ${root}/plugins)`))).identity;
    expect(await identify('/home/a/project')).toBe(await identify('/srv/ci/work/project'));
  });

  it('runs a version command once while its program is unchanged (the memo answers)', async () => {
    const bin = await makeBin('bin', { lint: NATIVE });
    const memo = emptyMemo();
    const version = printVersion('lint 3.0');
    const hook = makeHook(['lint'], bin, ['lint', '--version']);
    const first = await fingerprintTool(hook, folder(), memo, version);
    expect(await fingerprintTool(hook, folder(), memo, version)).toEqual(first);
    expect(version.runs).toBe(1);
  });

  it('runs a version command again in another checkout, where a runner may find another tool', async () => {
    // `npx eslint --version` prints what each checkout's node_modules holds: the same npx, the same words.
    const bin = await makeBin('bin', { npx: NATIVE });
    const memo = emptyMemo();
    const hook = makeHook(['npx', 'eslint'], bin, ['npx', 'eslint', '--version']);
    const first = await fingerprintTool(hook, join(folder(), 'checkout-a'), memo, printVersion('v8.57.0'));
    const second = await fingerprintTool(hook, join(folder(), 'checkout-b'), memo, printVersion('v9.1.0'));
    expect(first.identity).not.toBeNull();
    expect(second.identity).not.toBe(first.identity);
  });

  it('runs a version command again for another virtualenv whose python links to the same interpreter', async () => {
    const real = await makeBin('usr/bin', { 'python3.11': NATIVE });
    const venvs = await Promise.all(['venv-a', 'venv-b'].map(async (venv) => {
      const bin = await makeBin(`${venv}/bin`, {});
      await symlink(join(real, 'python3.11'), join(bin, 'python3'));
      return bin;
    }));
    const memo = emptyMemo();
    // A virtualenv is activated by PATH, as gauntlet finds it: the hook says nothing of it.
    const hook = makeBaseHook({ argv: ['python3', '-m', 'flake8'], versionArgv: ['python3', '-m', 'flake8', '--version'] });
    const identify = async (bin: string, version: string): Promise<string | null> => {
      vi.stubEnv('PATH', bin);
      return (await fingerprintTool(hook, folder(), memo, printVersion(version))).identity;
    };
    const first = await identify(venvs[0] ?? '', '5.0.4');
    expect(first).not.toBeNull();
    expect(await identify(venvs[1] ?? '', '7.1.0')).not.toBe(first);
  });

  it.each<[string, string[], string[] | undefined, JobResult['status'], string]>([
    ['its program is missing', ['nowhere'], undefined, 'passed', 'its program "nowhere" is not found'],
    ['its version command’s program is missing', ['lint'], ['absent', '--version'], 'passed', 'the program of its version_command "absent" is not found'],
    ['its version command fails', ['lint'], ['lint', '--version'], 'failed', 'its version_command failed (exit code 2)'],
  ])('is not told when %s', async (_what, argv, versionArgv, status, problem) => {
    const bin = await makeBin('bin', { lint: NATIVE });
    expect(await fingerprintTool(makeHook(argv, bin, versionArgv), folder(), emptyMemo(), printVersion('', status))).toEqual({ identity: null, problem });
  });
});
