import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import { repoTest as it } from '../helpers/e2e.js';
import { reportAfter, sources, trustedRepo, withClient, writeScratch } from '../helpers/lsp-client.js';
import { findMarkedProcesses, makeMark, MARK_VARIABLE } from '../helpers/marked-processes.js';
import { fixtureHook } from '../helpers/paths.js';
import { isAlive, readPids } from '../helpers/processes.js';

describe('gauntlet lsp: trust', () => {
  it('spawns nothing for an untrusted config and shows one message saying how to trust it', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    const marker = repo.scratchPath('ran');
    repo.writeConfig({ hooks: [{ name: 'touch', command: ['sh', '-c', `touch ${marker}`], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.save('a.txt');
      await client.waitFor(() => client.messages.length > 0, 'a message');
      await sleep(500);
      expect(client.messages).toHaveLength(1);
      expect(client.messages[0]?.message).toContain('gauntlet trust');
      expect(client.messages[0]?.message).not.toContain('\n');
      expect(existsSync(marker)).toBe(false);
      expect(client.publishes.flatMap((publish) => publish.params.diagnostics)).toEqual([]);
      expect(await client.shutdown()).toBe(0);
    });
  });

  it('offers "Trust" when the client can ask; choosing it trusts the config and starts the hooks', { timeout: 20_000 }, async ({ makeRepo }) => {
    const repo = await makeRepo();
    const xdg = repo.scratchDir('xdg');
    repo.writeConfig({ hooks: [{ name: 'fast', command: [fixtureHook('report-each.sh'), 'x'], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg, capabilities: { window: { showMessage: {} } } }, async (client) => {
      client.answer = 'Trust';
      await client.open('a.txt', 'a\n');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, 'diagnostics once trusted');
      expect(client.messageRequests).toHaveLength(1);
      expect(client.messageRequests[0]?.message).toContain('gauntlet trust');
      expect(existsSync(path.join(xdg, 'gauntlet', 'trust.msgpack'))).toBe(true);
    });
  });

  it('needs the trust again when the config changes', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [{ name: 'fast', command: [fixtureHook('report-each.sh'), 'x'], files: '*.txt' }] });
    const marker = repo.scratchPath('ran');
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, 'the trusted hook');
      repo.writeConfig({ hooks: [{ name: 'touch', command: ['sh', '-c', `touch ${marker}`], files: '*.txt' }] });
      await client.configChanged();
      await client.waitFor(() => client.messages.some((message) => message.message.includes('gauntlet trust')), 'the trust message');
      await client.save('a.txt');
      await sleep(500);
      expect(existsSync(marker)).toBe(false);
      await repo.run(['trust'], { env: { XDG_DATA_HOME: xdg } });
      await client.save('a.txt');
      await client.waitFor(() => existsSync(marker), 'the newly trusted hook to run');
    });
  });
});

describe('gauntlet lsp: config', () => {
  it('shows an invalid config with showMessage, keeps the last good one, and keeps answering', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [{ name: 'fast', command: [fixtureHook('report-each.sh'), 'still here'], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, 'the first result');
      repo.write('gauntlet.yaml', 'hooks:\n  - name: broken\n    timeout: -1\n');
      await client.configChanged();
      await client.waitFor(() => client.messages.length > 0, 'the error message');
      expect(client.messages[0]?.type).toBe(1);
      expect(client.messages[0]?.message).toMatch(/gauntlet\.yaml:\d+:\d+: hooks\[0\]/);
      expect(client.messages[0]?.message).not.toContain('\n');
      // Both errors of the file, in one message.
      expect(client.messages[0]?.message).toMatch(/hooks\[0\]\.command: required field is missing; \S*gauntlet\.yaml:3:14: hooks\[0\]\.timeout: expected a positive number$/);
      expect(typeof (await client.executeCommand('gauntlet.showProfile'))).toBe('string');
      repo.write('a.txt', 'b\n');
      const before = client.publishesFor('a.txt').length;
      await client.save('a.txt');
      await client.waitFor(() => client.publishesFor('a.txt').length > before, 'the old config to run on save');
      expect(client.publishesFor('a.txt').at(-1)?.params.diagnostics[0]?.message).toBe('still here');
    });
  });

  it('picks up a changed config without a restart', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [{ name: 'old', command: [fixtureHook('report-each.sh'), 'old'], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitForPublish('a.txt', (diagnostics) => sources(diagnostics).join() === 'old', 'the old hook');
      repo.writeConfig({ hooks: [{ name: 'new', command: [fixtureHook('report-each.sh'), 'new'], files: '*.txt' }] });
      await repo.run(['trust'], { env: { XDG_DATA_HOME: xdg } });
      await client.save('gauntlet.yaml');
      await client.configChanged();
      await client.waitForPublish('a.txt', (diagnostics) => sources(diagnostics).join() === 'new', 'the new hook alone');
    });
  });
});

describe('gauntlet lsp: workspace', () => {
  it('runs a project-level hook after a save and clears the files it no longer reports', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, {
      lsp: { debounce_ms: 20 },
      // Reports on every file named in scratch/report.
      hooks: [{ name: 'project', command: ['sh', '-c', `while read -r f; do printf '%s:1:1: error: in project\\n' "$f"; done < "$0"`, path.join('..', 'scratch', 'report')], pass_files: false, files: '*.txt' }],
    });
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'b\n');
    await repo.git('add', '-A');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await writeScratch(repo, 'report', 'a.txt\nb.txt\n');
      await client.save('a.txt');
      await client.waitForPublish('b.txt', (diagnostics) => diagnostics.length === 1, 'b.txt reported');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, 'a.txt reported');
      await writeScratch(repo, 'report', 'a.txt\n');
      repo.write('a.txt', 'a2\n');
      await client.save('a.txt');
      await client.waitFor(() => client.publishesFor('b.txt').at(-1)?.params.diagnostics.length === 0, 'b.txt cleared');
      expect(client.publishesFor('a.txt').at(-1)?.params.diagnostics).toHaveLength(1);
    });
  });

  it('runs every hook on every file for gauntlet.runWorkspace and publishes files not open', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [{ name: 'fast', command: [fixtureHook('report-each.sh'), 'x'], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    repo.write('sub/b.txt', 'b\n');
    await withClient(repo, { xdg, capabilities: { window: { workDoneProgress: true } } }, async (client) => {
      const answer = (await client.executeCommand('gauntlet.runWorkspace')) as { workspaces: { ok: boolean; summary: { hooks: number } }[] };
      expect(answer.workspaces).toHaveLength(1);
      expect(answer.workspaces[0]?.summary.hooks).toBe(1);
      await client.waitForPublish('sub/b.txt', (diagnostics) => diagnostics.length === 1, 'the file not open');
      expect(client.publishesFor('a.txt').at(-1)?.params.diagnostics).toHaveLength(1);
      expect(await client.executeCommand('gauntlet.showProfile')).toMatch(/fast\s+1\s/);
      expect(await client.executeCommand('gauntlet.clearCache')).toContain('cache cleared');
      expect(existsSync(path.join(repo.root, '.gauntlet', 'cache.msgpack'))).toBe(false);
    });
  });

  it('shows "gauntlet: n/m hooks" progress while runs go on, when the client supports it', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [
        { name: 'slow', command: reportAfter(1, 'slow'), files: '*.txt' },
        { name: 'fast', command: [fixtureHook('report-each.sh'), 'x'], files: '*.txt' },
      ],
    });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg, capabilities: { window: { workDoneProgress: true } } }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitFor(() => client.progress.some((entry) => JSON.stringify(entry).includes('"kind":"end"')), 'the progress to end');
      const values = client.progress.map((entry) => (entry as { value: { kind: string; title?: string; message?: string } }).value);
      expect(values[0]).toMatchObject({ kind: 'begin', title: 'gauntlet' });
      expect(values.map((value) => value.message).filter(Boolean)).toContain('1/2 hooks');
      expect(values.at(-1)?.kind).toBe('end');
    });
  });

  it('gives each workspace folder its own config and engine', { timeout: 20_000 }, async ({ makeRepo }) => {
    const first = await trustedRepo(makeRepo, { hooks: [{ name: 'one', command: [fixtureHook('report-each.sh'), 'one'], files: '*.txt' }] });
    const second = await makeRepo();
    second.writeConfig({ hooks: [{ name: 'two', command: [fixtureHook('report-each.sh'), 'two'], files: '*.txt' }] });
    await second.run(['trust'], { env: { XDG_DATA_HOME: first.xdg } });
    first.repo.write('a.txt', 'a\n');
    second.write('b.txt', 'b\n');
    await withClient(first.repo, { xdg: first.xdg, folders: [first.repo.root, second.root] }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.open('b.txt', 'b\n', second.root);
      await client.waitForPublish('a.txt', (diagnostics) => sources(diagnostics).join() === 'one', 'the first folder');
      await client.waitFor(() => client.publishesFor('b.txt', second.root).some((publish) => sources(publish.params.diagnostics).join() === 'two'), 'the second folder');
    });
  });
});

describe('gauntlet lsp: ending', () => {
  it('kills every running hook on shutdown and exits, leaving no process', { timeout: 20_000 }, async ({ makeRepo }) => {
    const mark = makeMark();
    const pids = 'pids';
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [{ name: 'hang', command: [fixtureHook('grandchildren.sh'), path.join('..', 'scratch', pids)], files: '*.txt', env: { [MARK_VARIABLE]: mark } }],
    });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitFor(() => existsSync(repo.scratchPath(pids)) && readPids(repo.scratchPath(pids)).length === 3, 'the hook to start');
      expect(await client.shutdown()).toBe(0);
      expect(readPids(repo.scratchPath(pids)).filter(isAlive)).toEqual([]);
      expect(findMarkedProcesses(mark)).toEqual([]);
    });
  });

  it('takes its hooks along when the client goes away without a shutdown', { timeout: 20_000 }, async ({ makeRepo }) => {
    const mark = makeMark();
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [{ name: 'hang', command: ['sh', '-c', 'sleep 30'], files: '*.txt', env: { [MARK_VARIABLE]: mark } }],
    });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitFor(() => findMarkedProcesses(mark).length > 0, 'the hook to start');
      const gone = new Promise((resolve) => client.child.once('exit', resolve));
      client.child.stdin?.end();
      await gone;
      await client.waitFor(() => findMarkedProcesses(mark).length === 0, 'no hook process left', 5_000);
    });
  });
});
