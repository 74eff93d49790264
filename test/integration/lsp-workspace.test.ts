import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../engine/worker/contract.js';
import { findingAt, type FakeAnswer } from '../helpers/fake-runner.js';
import { useHarnesses } from '../helpers/lsp-harness.js';
import { loadCache } from '../helpers/result-cache.js';

const start = useHarnesses();

/** One finding per job on each of its files, named by the hook; `slowMs` for the hook called `slow`. */
function reportEach(slowMs = 0): (job: Job) => FakeAnswer {
  return (job) => ({
    delayMs: job.hook === 'slow' ? slowMs : 0,
    diagnostics: job.files.map((file) => findingAt(file, 1, `${job.hook} finding`)),
  });
}

const TWO_HOOKS = {
  hooks: [
    { name: 'slow', command: ['slow-tool'], files: '*.txt' },
    { name: 'fast', command: ['fast-tool'], files: '*.txt' },
  ],
};

describe('language server workspace, in process', () => {
  it('publishes each hook’s result as it finishes, merged with the others, with the version checked', async () => {
    const harness = await start({ config: TWO_HOOKS, files: { 'a.txt': 'a\n' }, script: reportEach(150) });
    harness.open('a.txt');
    await harness.waitFor(() => harness.latest('a.txt').length === 2, 'both hooks');
    expect(harness.publishesFor('a.txt').map((params) => [params.version, params.diagnostics.map((d) => d.source)])).toEqual([
      [1, ['fast']],
      [1, ['fast', 'slow']],
    ]);
  });

  it('answers a reopened file from the cache, running nothing', async () => {
    const harness = await start({ config: TWO_HOOKS, files: { 'a.txt': 'a\n' }, script: reportEach() });
    harness.open('a.txt');
    await harness.waitFor(() => harness.latest('a.txt').length === 2, 'both hooks');
    harness.close('a.txt');
    const ran = harness.runner.jobs.length;
    harness.open('a.txt');
    await harness.waitFor(() => harness.publishesFor('a.txt').length >= 4 && harness.latest('a.txt').length === 2, 'the cached results');
    expect(harness.runner.jobs.length).toBe(ran);
  });

  it('never publishes the result of a version the editor has moved past', async () => {
    const config = { hooks: [{ name: 'slow', command: ['slow-tool'], files: '*.txt' }] };
    const harness = await start({ config, files: { 'a.txt': 'one\n' }, script: reportEach(300) });
    harness.open('a.txt');
    await harness.waitFor(() => harness.runner.jobs.length === 1, 'the first run to start');
    harness.save('a.txt', 'two\n');
    await harness.waitFor(() => harness.latest('a.txt').length === 1, 'the result');
    expect(harness.publishesFor('a.txt').map((params) => params.version)).toEqual([2]);
  });

  it('runs nothing in an untrusted workspace, and runs once the user trusts it', async () => {
    const harness = await start({ config: TWO_HOOKS, files: { 'a.txt': 'a\n' }, script: reportEach(), trusted: false, answerTrust: true });
    harness.open('a.txt');
    await harness.waitFor(() => harness.latest('a.txt').length === 2, 'the results after trust');
    expect(harness.trustAsked).toHaveLength(1);
  });

  it('tells once why nothing runs when the user declines trust', async () => {
    const harness = await start({ config: TWO_HOOKS, files: { 'a.txt': 'a\n' }, script: reportEach(), trusted: false, answerTrust: false });
    harness.open('a.txt');
    await harness.waitFor(() => harness.trustAsked.length === 1, 'the question');
    harness.save('a.txt', 'b\n');
    await harness.workspace.runAll(AbortSignal.timeout(5_000));
    expect(harness.runner.jobs).toEqual([]);
    expect(harness.trustAsked).toHaveLength(1);
  });

  it('picks up an edited config once it is trusted again: the new hook runs, the removed one’s findings go', async () => {
    const harness = await start({ config: TWO_HOOKS, files: { 'a.txt': 'a\n' }, script: reportEach(), answerTrust: true });
    harness.open('a.txt');
    await harness.waitFor(() => harness.latest('a.txt').length === 2, 'both hooks');
    harness.write('gauntlet.yaml', JSON.stringify({ hooks: [{ name: 'other', command: ['other-tool'], files: '*.txt' }] }));
    await harness.workspace.reload();
    await harness.waitFor(() => harness.latest('a.txt').join() === 'other: other finding', 'the new config’s result');
    expect(harness.trustAsked).toHaveLength(1);
  });

  it('shows a config error once and keeps the last good config running', async () => {
    const harness = await start({ config: TWO_HOOKS, files: { 'a.txt': 'a\n' }, script: reportEach() });
    harness.open('a.txt');
    await harness.waitFor(() => harness.latest('a.txt').length === 2, 'both hooks');
    harness.write('gauntlet.yaml', 'hooks: [{name: broken}]\n');
    await harness.workspace.reload();
    await harness.workspace.reload();
    expect(harness.messages.filter((message) => message.type === 'error')).toHaveLength(1);
    harness.save('a.txt', 'changed\n');
    await harness.waitFor(() => harness.publishesFor('a.txt').at(-1)?.version === 2 && harness.latest('a.txt').length === 2, 'the old config’s results');
  });

  it('keeps every result of overlapping runs in the cache it saves', async () => {
    const harness = await start({ config: TWO_HOOKS, files: { 'a.txt': 'a\n', 'b.txt': 'b\n' }, script: reportEach(50) });
    harness.open('a.txt');
    harness.open('b.txt');
    await harness.waitFor(() => harness.latest('a.txt').length === 2 && harness.latest('b.txt').length === 2, 'both files');
    await harness.workspace.close();
    const cache = await loadCache(harness.root);
    expect(cache.stats().entries).toBe(4);
    expect(existsSync(path.join(harness.root, '.gauntlet', 'profiles.msgpack'))).toBe(true);
  });

  it('checks unsaved text with the stdin hooks after a pause in typing, passing the buffer on stdin', async () => {
    const config = { lsp: { debounce_ms: 10 }, hooks: [{ name: 'todo', command: ['todo-tool', '{file}'], files: '*.txt', stdin: true }] };
    const script = (job: Job): FakeAnswer => ({
      diagnostics: (job.stdin ?? '').includes('TODO') ? [findingAt(job.files[0] ?? '', 1, 'todo')] : [],
    });
    const harness = await start({ config, files: { 'a.txt': 'clean\n' }, script });
    harness.open('a.txt');
    await harness.waitFor(() => harness.runner.jobs.length === 1, 'the check on open');
    const version = harness.change('a.txt', 'TODO later\n');
    await harness.waitFor(() => harness.publishesFor('a.txt').at(-1)?.version === version, 'the unsaved text’s result');
    expect(harness.latest('a.txt')).toEqual(['todo: todo']);
    expect(harness.runner.jobs.at(-1)?.stdin).toBe('TODO later\n');
  });

  it('cancels a document’s run when it is edited: the old run’s result is never published', async () => {
    const config = { hooks: [{ name: 'slow', command: ['slow-tool'], files: '*.txt' }] };
    const harness = await start({ config, files: { 'a.txt': 'one\n' }, script: reportEach(5_000) });
    harness.open('a.txt');
    await harness.waitFor(() => harness.runner.jobs.length === 1, 'the run to start');
    harness.change('a.txt', 'edited\n');
    await harness.waitFor(() => harness.runner.cancelled === 1, 'the run to be cancelled');
    await harness.workspace.close();
    expect(harness.publishesFor('a.txt')).toEqual([]);
  });
});
