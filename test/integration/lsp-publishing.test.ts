import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import { repoTest as it } from '../helpers/e2e.js';
import { reportAfter, sources, TODO_STDIN_HOOK, trustedRepo, withClient } from '../helpers/lsp-client.js';
import { findMarkedProcesses, makeMark, MARK_VARIABLE } from '../helpers/marked-processes.js';
import { fixtureHook } from '../helpers/paths.js';
import { isAlive, readPids } from '../helpers/processes.js';

describe('gauntlet lsp: publishing', () => {
  it('publishes once per hook as each finishes, the faster hook first, with the version checked', { timeout: 30_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [
        { name: 'slow', command: reportAfter(1.5, 'slow finding', 'warning'), files: '*.txt' },
        { name: 'fast', command: [fixtureHook('report-each.sh'), 'fast finding'], files: '*.txt' },
      ],
    });
    repo.write('notes.txt', 'hello world\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('notes.txt', 'hello world\n');
      await client.waitForPublish('notes.txt', (diagnostics) => diagnostics.length === 2, 'both hooks');
      const published = client.publishesFor('notes.txt');
      expect(published.map((publish) => sources(publish.params.diagnostics))).toEqual([['fast'], ['fast', 'slow']]);
      expect(published.map((publish) => publish.params.version)).toEqual([1, 1]);
      const [first, second] = published;
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThan(1_000);
      const fast = second?.params.diagnostics.find((diagnostic) => diagnostic.source === 'fast');
      // 1-based 1:1 becomes 0-based, to the end of the word there.
      expect(fast).toMatchObject({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, severity: 1, message: 'fast finding' });
      expect(second?.params.diagnostics.find((diagnostic) => diagnostic.source === 'slow')?.severity).toBe(2);
      expect(await client.shutdown()).toBe(0);
    });
  });

  it('answers didOpen from the cache when the content was checked before, spawning nothing', { timeout: 30_000 }, async ({ makeRepo }) => {
    const count = 'runs';
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [{ name: 'counted', command: ['sh', '-c', `echo run >> "$0"; printf '%s:1:1: error: found\\n' "$1"`, path.join('..', 'scratch', count)], files: '*.txt' }],
    });
    repo.write('a.txt', 'text\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'text\n');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, 'the first result');
      // The run saves the cache just after its last hook is published.
      await client.waitFor(() => existsSync(path.join(repo.root, '.gauntlet', 'cache.msgpack')), 'the cache to be saved');
      await client.close('a.txt');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 0, 'the clear on close');
      const before = client.publishesFor('a.txt').length;
      await client.open('a.txt', 'text\n');
      await client.waitFor(() => client.publishesFor('a.txt').length > before, 'the cached result');
      expect(client.publishesFor('a.txt').at(-1)?.params.diagnostics.map((d) => d.message)).toEqual(['found']);
      expect(readFileSync(repo.scratchPath(count), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
    });
  });

  it('clears a document’s diagnostics when it is closed', async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, { hooks: [{ name: 'fast', command: [fixtureHook('report-each.sh'), 'x'], files: '*.txt' }] });
    repo.write('a.txt', 'a\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'a\n');
      await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 1, 'a diagnostic');
      await client.close('a.txt');
      const last = await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length === 0, 'an empty publish');
      expect(last.params.uri).toBe(client.uri('a.txt'));
    });
  });

  it('runs stdin hooks on the unsaved text after a pause in typing, other hooks on save', { timeout: 30_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, {
      lsp: { debounce_ms: 50 },
      hooks: [
        { name: 'todo', command: TODO_STDIN_HOOK, stdin: true, files: '*.txt' },
        { name: 'disk', command: [fixtureHook('report-each.sh'), 'on disk'], files: '*.txt' },
      ],
    });
    repo.write('a.txt', 'clean\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'clean\n');
      await client.waitForPublish('a.txt', (diagnostics) => sources(diagnostics).join() === 'disk', 'the disk hook on open');
      const version = await client.change('a.txt', 'clean\nTODO later\n');
      const edited = await client.waitForPublish('a.txt', (diagnostics) => sources(diagnostics).includes('todo'), 'the stdin hook on the buffer');
      expect(edited.params.version).toBe(version);
      const todo = edited.params.diagnostics.find((diagnostic) => diagnostic.source === 'todo');
      expect(todo).toMatchObject({ range: { start: { line: 1, character: 0 } }, severity: 2, message: 'todo' });
      // The disk hook waits for the save.
      expect(client.publishesFor('a.txt').every((publish) => publish.params.version === 1 || sources(publish.params.diagnostics).join() === 'disk,todo')).toBe(true);
      repo.write('a.txt', 'clean\nTODO later\n');
      const before = client.publishesFor('a.txt').length;
      await client.save('a.txt');
      await client.waitFor(() => client.publishesFor('a.txt').length >= before + 2, 'both hooks after the save');
    });
  });

  it('checks a buffer opened with unsaved text only with the stdin hooks, on that text', { timeout: 20_000 }, async ({ makeRepo }) => {
    const { repo, xdg } = await trustedRepo(makeRepo, {
      hooks: [
        { name: 'todo', command: TODO_STDIN_HOOK, stdin: true, files: '*.txt' },
        { name: 'disk', command: [fixtureHook('report-each.sh'), 'on disk'], files: '*.txt' },
      ],
    });
    repo.write('a.txt', 'saved\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'restored\nTODO\n');
      const published = await client.waitForPublish('a.txt', (diagnostics) => diagnostics.length > 0, 'the stdin hook');
      expect(sources(published.params.diagnostics)).toEqual(['todo']);
      await sleep(500);
      expect(client.publishesFor('a.txt').flatMap((publish) => sources(publish.params.diagnostics))).not.toContain('disk');
    });
  });

  it('cancels a run when the document is edited: its process is killed and its result never published', { timeout: 30_000 }, async ({ makeRepo }) => {
    const mark = makeMark();
    const pids = 'slow.pids';
    const { repo, xdg } = await trustedRepo(makeRepo, {
      lsp: { debounce_ms: 50 },
      hooks: [
        {
          name: 'slow',
          command: ['sh', '-c', `${fixtureHook('pid-sleep.sh')} "$0" 20; printf '%s:1:1: error: stale\\n' "$1"`, path.join('..', 'scratch', pids)],
          files: '*.txt',
          env: { [MARK_VARIABLE]: mark },
        },
        { name: 'todo', command: TODO_STDIN_HOOK, stdin: true, files: '*.txt' },
      ],
    });
    repo.write('a.txt', 'one\n');
    await withClient(repo, { xdg }, async (client) => {
      await client.open('a.txt', 'one\n');
      await client.waitFor(() => existsSync(repo.scratchPath(pids)), 'the slow hook to start');
      const started = readPids(repo.scratchPath(pids));
      expect(started.every(isAlive)).toBe(true);
      const version = await client.change('a.txt', 'one\nTODO\n');
      await client.waitFor(() => !started.some(isAlive), 'the slow hook to be killed', 10_000);
      await client.waitForPublish('a.txt', (diagnostics) => sources(diagnostics).includes('todo'), 'the new version checked');
      await sleep(300);
      const all = client.publishesFor('a.txt');
      expect(all.flatMap((publish) => publish.params.diagnostics).map((d) => d.message)).not.toContain('stale');
      expect(all.every((publish) => publish.params.version === version)).toBe(true);
      expect(findMarkedProcesses(mark)).toEqual([]);
    });
  });
});
