import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import { repoTest as it, waitUntil } from '../helpers/e2e.js';
import { trustedRepo, withClient } from '../helpers/lsp-client.js';
import { findMarkedProcesses, makeMark, MARK_VARIABLE } from '../helpers/marked-processes.js';
import { fixtureHook } from '../helpers/paths.js';
import { isAlive } from '../helpers/processes.js';

/** A trusted repository whose one hook sleeps 30 s on a.txt; every process of the server's tree carries `mark`. */
async function sleepingHookRepo(makeRepo: Parameters<typeof trustedRepo>[0], mark: string): Promise<Awaited<ReturnType<typeof trustedRepo>>> {
  const set = await trustedRepo(makeRepo, {
    hooks: [{ name: 'hang', command: ['sh', '-c', 'sleep 30'], files: '*.txt', env: { [MARK_VARIABLE]: mark } }],
  });
  set.repo.write('a.txt', 'a\n');
  return set;
}

/** Marked processes other than `except` (the server itself, when the test holds on to it). */
function markedBesides(mark: string, except: number[]): number[] {
  return findMarkedProcesses(mark).filter((pid) => !except.includes(pid));
}

describe.concurrent('gauntlet lsp: ending on signals and a dead parent', () => {
  it.for(['SIGHUP', 'SIGQUIT', 'SIGTERM'] as const)(
    'kills its running hooks and exits on %s',
    { timeout: 20_000 },
    async (signal, { makeRepo }) => {
      const mark = makeMark();
      const { repo, xdg } = await sleepingHookRepo(makeRepo, mark);
      await withClient(repo, { xdg }, async (client) => {
        await client.open('a.txt', 'a\n');
        await client.waitFor(() => markedBesides(mark, []).length > 0, 'the hook to start');
        const exited = new Promise<number | null>((resolve) => client.child.once('exit', (code) => resolve(code)));
        client.child.kill(signal);
        expect(await exited).toBe(0);
        await client.waitFor(() => findMarkedProcesses(mark).length === 0, 'no hook process left', 5_000);
      });
    },
  );

  it('exits at once on a second signal while its hooks are still being stopped, still killing them', { timeout: 20_000 }, async ({ makeRepo }) => {
    const mark = makeMark();
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [{ name: 'stubborn', command: [fixtureHook('ignore-term.sh'), path.join('..', 'scratch', 'pids')], files: '*.txt', env: { [MARK_VARIABLE]: mark } }],
    });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitFor(() => findMarkedProcesses(mark).length >= 2, 'the hook to start');
      const exited = new Promise<number | null>((resolve) => client.child.once('exit', (code) => resolve(code)));
      client.child.kill('SIGTERM');
      // The hook ignores TERM: the first signal's stop waits out the grace period before KILL.
      await sleep(300);
      const started = performance.now();
      client.child.kill('SIGHUP');
      expect(await exited).toBe(1);
      expect(performance.now() - started).toBeLessThan(1_500);
      await client.waitFor(() => findMarkedProcesses(mark).length === 0, 'no hook process left', 5_000);
    });
  });

  it('kills its hooks and exits when its parent is killed while stdin stays open', { timeout: 20_000 }, async ({ makeRepo }) => {
    const mark = makeMark();
    const { repo, xdg } = await sleepingHookRepo(makeRepo, mark);
    await withClient(repo, { xdg, env: { [MARK_VARIABLE]: mark }, shellParent: true }, async (client) => {
      await client.open('a.txt', 'a\n');
      // The server and the hook's sh and sleep.
      await client.waitFor(() => findMarkedProcesses(mark).length >= 3, 'the hook to start');
      const shell = client.child.pid as number;
      client.child.kill('SIGKILL');
      // Still there as the parent goes (the server looks once a second): what ends them is the watch.
      expect(findMarkedProcesses(mark).length).toBeGreaterThan(0);
      expect(await waitUntil(() => !isAlive(shell), 5_000)).toBe(true);
      await client.waitFor(() => findMarkedProcesses(mark).length === 0, 'neither the server nor a hook process left', 8_000);
    });
  });

  it('kills its hooks and exits when the client process named at initialize is gone', { timeout: 20_000 }, async ({ makeRepo }) => {
    const mark = makeMark();
    const { repo, xdg } = await sleepingHookRepo(makeRepo, mark);
    const fakeClient = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await withClient(repo, { xdg, env: { [MARK_VARIABLE]: mark }, processId: fakeClient.pid ?? null }, async (client) => {
        await client.open('a.txt', 'a\n');
        await client.waitFor(() => findMarkedProcesses(mark).length >= 3, 'the hook to start');
        const exited = new Promise<number | null>((resolve) => client.child.once('exit', (code) => resolve(code)));
        fakeClient.kill('SIGKILL');
        expect(await exited).toBe(1);
        await client.waitFor(() => findMarkedProcesses(mark).length === 0, 'neither the server nor a hook process left', 5_000);
      });
    } finally {
      fakeClient.kill('SIGKILL');
    }
  });
});
