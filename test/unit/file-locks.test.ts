import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FileLocks, type Release } from '../../engine/schedule/file-locks.js';

/** A lock request whose outcome can be checked without awaiting it. */
interface Pending {
  readonly settled: boolean;
  readonly release: Release | null;
  promise: Promise<Release | null>;
}

function request(locks: FileLocks, files: string[], exclusive: boolean, signal?: AbortSignal): Pending {
  const pending = {
    settled: false,
    release: null as Release | null,
    promise: locks.acquire(files, exclusive, signal),
  };
  void pending.promise.then((release) => {
    pending.settled = true;
    pending.release = release;
  });
  return pending;
}

/** Lets every resolved grant reach its `then`. */
async function settle(): Promise<void> {
  await tick();
  await tick();
}

async function granted(pending: Pending): Promise<Release> {
  const release = await pending.promise;
  if (release === null) throw new Error('expected the lock to be granted');
  return release;
}

describe('FileLocks', () => {
  it('lets readers of the same file share it', async () => {
    const locks = new FileLocks();
    const first = request(locks, ['a'], false);
    const second = request(locks, ['a', 'b'], false);
    await settle();
    expect(first.release).not.toBeNull();
    expect(second.release).not.toBeNull();
  });

  it('makes a writer wait until every reader has released', async () => {
    const locks = new FileLocks();
    const readerOne = await granted(request(locks, ['a'], false));
    const readerTwo = await granted(request(locks, ['a'], false));
    const writer = request(locks, ['a'], true);
    await settle();
    expect(writer.settled).toBe(false);

    readerOne();
    await settle();
    expect(writer.settled).toBe(false);

    readerTwo();
    await settle();
    expect(writer.release).not.toBeNull();
  });

  it('gives a writer the file alone: readers and writers wait until it releases', async () => {
    const locks = new FileLocks();
    const writer = await granted(request(locks, ['a'], true));
    const reader = request(locks, ['a'], false);
    const otherWriter = request(locks, ['a'], true);
    await settle();
    expect(reader.settled).toBe(false);
    expect(otherWriter.settled).toBe(false);

    writer();
    await settle();
    expect(reader.release).not.toBeNull();
    expect(otherWriter.settled).toBe(false);

    reader.release?.();
    await settle();
    expect(otherWriter.release).not.toBeNull();
  });

  it('does not hold up jobs on other files', async () => {
    const locks = new FileLocks();
    await granted(request(locks, ['a'], true));
    const waiting = request(locks, ['a', 'b'], true);
    const elsewhere = request(locks, ['c'], true);
    await settle();
    expect(waiting.settled).toBe(false);
    expect(elsewhere.release).not.toBeNull();
  });

  it('grants several files all at once, only when every one of them is free', async () => {
    const locks = new FileLocks();
    const holdB = await granted(request(locks, ['b'], true));
    const both = request(locks, ['a', 'b'], true);
    await settle();
    expect(both.settled).toBe(false);

    holdB();
    await settle();
    expect(both.release).not.toBeNull();
  });

  it('never deadlocks two writers that want the same files in opposite order', async () => {
    const locks = new FileLocks();
    const readA = await granted(request(locks, ['a'], false));
    const readB = await granted(request(locks, ['b'], false));
    const forward = request(locks, ['a', 'b'], true);
    const backward = request(locks, ['b', 'a'], true);

    readA();
    await settle();
    // Had `forward` taken `a` alone, `backward` could take `b` next and both would wait forever.
    expect(forward.settled).toBe(false);
    expect(backward.settled).toBe(false);

    readB();
    await settle();
    expect(forward.release).not.toBeNull();
    expect(backward.settled).toBe(false);

    forward.release?.();
    await settle();
    expect(backward.release).not.toBeNull();
  });

  it('does not let a later reader overtake a writer waiting for the same file', async () => {
    const locks = new FileLocks();
    const reader = await granted(request(locks, ['a'], false));
    const writer = request(locks, ['a'], true);
    const lateReader = request(locks, ['a'], false);
    await settle();
    expect(writer.settled).toBe(false);
    expect(lateReader.settled).toBe(false);

    reader();
    await settle();
    expect(writer.release).not.toBeNull();
    expect(lateReader.settled).toBe(false);

    writer.release?.();
    await settle();
    expect(lateReader.release).not.toBeNull();
  });

  it('does not let a later reader of several files overtake a waiting writer of one of them', async () => {
    const locks = new FileLocks();
    const reader = await granted(request(locks, ['b'], false));
    const writer = request(locks, ['b'], true);
    const lateReader = request(locks, ['a', 'b'], false);
    await settle();
    expect(lateReader.settled).toBe(false);
    reader();
    await settle();
    expect(writer.release).not.toBeNull();
    expect(lateReader.settled).toBe(false);
  });

  it('grants waiters in the order they came', async () => {
    const locks = new FileLocks();
    const order: string[] = [];
    const first = await granted(request(locks, ['a'], true));
    const waiters = ['one', 'two', 'three'].map((name) =>
      locks.acquire(['a'], true).then((release) => {
        order.push(name);
        return release;
      }),
    );
    first();
    for (const waiter of waiters) (await waiter)?.();
    expect(order).toEqual(['one', 'two', 'three']);
  });

  it('resolves null and removes the waiter when its signal aborts', async () => {
    const locks = new FileLocks();
    const reader = await granted(request(locks, ['a'], false));
    const controller = new AbortController();
    const writer = request(locks, ['a'], true, controller.signal);
    const lateReader = request(locks, ['a'], false);
    await settle();
    expect(lateReader.settled).toBe(false);

    controller.abort();
    await settle();
    expect(writer.settled).toBe(true);
    expect(writer.release).toBeNull();
    // The aborted writer no longer stands in the queue.
    expect(lateReader.release).not.toBeNull();

    reader();
    lateReader.release?.();
    const nextWriter = request(locks, ['a'], true);
    await settle();
    expect(nextWriter.release).not.toBeNull();
  });

  it('resolves null at once for a signal that is already aborted', async () => {
    const locks = new FileLocks();
    const controller = new AbortController();
    controller.abort();
    expect(await locks.acquire(['a'], true, controller.signal)).toBeNull();
    const other = request(locks, ['a'], true);
    await settle();
    expect(other.release).not.toBeNull();
  });

  it('keeps a granted lock when its signal aborts afterwards', async () => {
    const locks = new FileLocks();
    const controller = new AbortController();
    const release = await granted(request(locks, ['a'], true, controller.signal));
    controller.abort();
    const reader = request(locks, ['a'], false);
    await settle();
    expect(reader.settled).toBe(false);
    release();
    await settle();
    expect(reader.release).not.toBeNull();
  });

  it('treats a second release as harmless', async () => {
    const locks = new FileLocks();
    const readerOne = await granted(request(locks, ['a'], false));
    await granted(request(locks, ['a'], false));
    const writer = request(locks, ['a'], true);

    readerOne();
    readerOne();
    await settle();
    // Had the second release counted, the writer would run beside the second reader.
    expect(writer.settled).toBe(false);
  });

  it('treats a second release of a writer as harmless', async () => {
    const locks = new FileLocks();
    const writer = await granted(request(locks, ['a'], true));
    writer();
    const next = await granted(request(locks, ['a'], true));
    writer();
    const reader = request(locks, ['a'], false);
    await settle();
    expect(reader.settled).toBe(false);
    next();
    await settle();
    expect(reader.release).not.toBeNull();
  });

  it('grants a job with no files at once', async () => {
    const locks = new FileLocks();
    await granted(request(locks, ['a'], true));
    const none = request(locks, [], true);
    await settle();
    expect(none.release).not.toBeNull();
  });
});
