import { appendFile, readdir, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultCache, resolveCachePath } from '../../engine/store/result-cache.js';
import { FAILED, PASSED, loadCache } from '../helpers/result-cache.js';
import { useTempRoot } from '../helpers/temp-root.js';

const root = useTempRoot('gauntlet-cache-journal-');
const HOOK = 'hook-key';

async function listJournals(): Promise<string[]> {
  return (await readdir(join(root(), '.gauntlet'))).filter((name) => name.endsWith('.journal'));
}

async function readJournal(): Promise<string> {
  const [name] = await listJournals();
  if (name === undefined) throw new Error('no journal');
  return join(root(), '.gauntlet', name);
}

/** One run that sets these results (key: PASSED) and saves; `editor` counts it as a language server's save. */
async function saveRun(keys: string[], editor = false): Promise<void> {
  const cache = await loadCache(root());
  if (editor) cache.forgoFigures();
  for (const key of keys) cache.set(key, PASSED);
  await cache.save(root());
}

async function readKeys(...keys: string[]): Promise<Record<string, boolean>> {
  const cache = await loadCache(root());
  return Object.fromEntries(keys.map((key) => [key, cache.get(key) !== null]));
}

describe('ResultCache journal', () => {
  it('appends what a save learnt to a journal and leaves the base file as it was', async () => {
    await saveRun(['first']);
    const base = await readFile(resolveCachePath(root()));
    await saveRun(['second']);
    await saveRun(['third']);

    expect(await readFile(resolveCachePath(root()))).toEqual(base);
    expect(await listJournals()).toHaveLength(1);
    expect(await readKeys('first', 'second', 'third')).toEqual({ first: true, second: true, third: true });
  });

  it('keeps what two processes appended between loading and saving', async () => {
    await saveRun(['seed']);
    const ours = await loadCache(root());
    const theirs = await loadCache(root());
    theirs.set('theirs', FAILED);
    ours.set('ours', PASSED);
    await theirs.save(root());
    await ours.save(root());

    expect(await readKeys('seed', 'theirs', 'ours')).toEqual({ seed: true, theirs: true, ours: true });
    expect((await loadCache(root())).get('theirs')).toMatchObject({ ok: false });
  });

  it('drops a frame cut short by a process killed while appending, and the next save writes a whole base file', async () => {
    await saveRun(['base']);
    await saveRun(['whole']);
    await saveRun(['cut']);
    const journal = await readJournal();
    const { length } = await readFile(journal);
    await truncate(journal, length - 3);

    expect(await readKeys('base', 'whole', 'cut')).toEqual({ base: true, whole: true, cut: false });
    await saveRun(['after']);
    expect(await listJournals()).toEqual([]);
    expect(await readKeys('base', 'whole', 'after')).toEqual({ base: true, whole: true, after: true });
  });

  it('applies no frame that was not signed with this user’s secret', async () => {
    await saveRun(['base']);
    await saveRun(['signed']);
    const journal = await readJournal();
    const length = Buffer.alloc(4);
    const planted = Buffer.from('\x82\xa3mac\xc4\x20' + 'x'.repeat(32) + '\xa4data\xc4\x00', 'latin1');
    length.writeUInt32LE(planted.length);
    await appendFile(journal, Buffer.concat([length, planted]));

    expect(await readKeys('base', 'signed')).toEqual({ base: true, signed: true });
    await saveRun(['after']);
    expect(await listJournals()).toEqual([]);
  });

  it('compacts into a new base file once the journal would outgrow its share of the base file', async () => {
    await saveRun(['seed']);
    const cache = await loadCache(root());
    // Bigger than any journal may grow next to so small a base file.
    for (let i = 0; i < 30_000; i++) cache.setFile(HOOK, `src/file-${i}.txt`, `content-${i}`, FAILED);
    await cache.save(root());

    expect(await listJournals()).toEqual([]);
    const again = await loadCache(root());
    expect(again.getFile(HOOK, 'src/file-29999.txt', 'content-29999')).toMatchObject({ ok: false });
    expect(again.get('seed')).not.toBeNull();
  });
});

describe('ResultCache tables per hook', () => {
  it('keeps the results of a file’s earlier contents: going back to one hits again', async () => {
    const cache = await loadCache(root());
    cache.setFile(HOOK, 'a.txt', 'content-1', PASSED);
    cache.setFile(HOOK, 'a.txt', 'content-2', FAILED);
    await cache.save(root());

    const again = await loadCache(root());
    expect(again.getFile(HOOK, 'a.txt', 'content-1')).toMatchObject({ ok: true });
    expect(again.getFile(HOOK, 'a.txt', 'content-2')).toMatchObject({ ok: false });
    expect(again.getFile(HOOK, 'a.txt', 'content-3')).toBeNull();
    expect(again.getFile('other-hook', 'a.txt', 'content-1')).toBeNull();
  });
});

describe('ResultCache eviction by kind of run', () => {
  it('keeps what the command line uses however many times the editor saves, which age only what the editor used', async () => {
    await saveRun(['cli']);
    for (let i = 0; i < 30; i++) await saveRun([`editor-${i}`], true);

    expect(await readKeys('cli', 'editor-0', 'editor-29')).toEqual({ cli: true, 'editor-0': false, 'editor-29': true });
  });

  it('drops what only the editor used after 20 of its saves, and what only the command line used after 20 of its runs', async () => {
    await saveRun(['cli']);
    await saveRun(['editor'], true);
    for (let i = 0; i < 20; i++) await saveRun([`editor-${i}`], true);
    expect(await readKeys('cli', 'editor', 'editor-0')).toEqual({ cli: true, editor: false, 'editor-0': true });

    for (let i = 0; i < 20; i++) await saveRun([`cli-${i}`]);
    expect(await readKeys('cli', 'cli-0', 'editor-0')).toEqual({ cli: false, 'cli-0': true, 'editor-0': true });
  });

  it('keeps an entry both kinds use while either still uses it', async () => {
    await saveRun(['shared']);
    const editor = await loadCache(root());
    editor.forgoFigures();
    expect(editor.get('shared')).not.toBeNull();
    editor.set('learnt', PASSED);
    await editor.save(root());
    for (let i = 0; i < 25; i++) await saveRun([`cli-${i}`]);

    expect(await readKeys('shared')).toEqual({ shared: true });
  });

  it('counts the runs of both kinds in the stats', async () => {
    await saveRun(['a']);
    await saveRun(['b'], true);
    expect((await ResultCache.load(root())).cache.stats()).toMatchObject({ runs: 3, entries: 2 });
  });
});
