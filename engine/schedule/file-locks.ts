/** Releases what `acquire` granted; calling it twice is harmless. */
export type Release = () => void;

interface Waiter {
  files: readonly string[];
  exclusive: boolean;
  grant: (release: Release | null) => void;
}

/**
 * Per-file read/write locks for one run: checkers share a file, a hook that
 * rewrites it holds it alone. A job takes all its files at once or waits, so
 * two jobs never deadlock; a waiter is not overtaken by a later one that wants
 * any of its files, so nobody starves.
 */
export class FileLocks {
  private readonly readers = new Map<string, number>();
  private readonly writers = new Set<string>();
  private readonly waiting: Waiter[] = [];

  /** Resolves with a release once every file is free for this mode, or null if the signal aborts first. */
  acquire(files: readonly string[], exclusive: boolean, signal?: AbortSignal): Promise<Release | null> {
    if (signal?.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter: Waiter = { files, exclusive, grant: resolve };
      this.waiting.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          const index = this.waiting.indexOf(waiter);
          if (index === -1) return;
          this.waiting.splice(index, 1);
          resolve(null);
          this.grantWaiting();
        },
        { once: true },
      );
      this.grantWaiting();
    });
  }

  private grantWaiting(): void {
    const blocked = new Set<string>();
    for (let i = 0; i < this.waiting.length; ) {
      const waiter = this.waiting[i]!;
      if (waiter.files.some((file) => blocked.has(file)) || !this.isFree(waiter)) {
        for (const file of waiter.files) blocked.add(file);
        i += 1;
        continue;
      }
      this.waiting.splice(i, 1);
      this.take(waiter);
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        this.give(waiter);
        this.grantWaiting();
      });
    }
  }

  private isFree(waiter: Waiter): boolean {
    return waiter.files.every((file) => !this.writers.has(file) && (!waiter.exclusive || !this.readers.has(file)));
  }

  private take(waiter: Waiter): void {
    for (const file of waiter.files) {
      if (waiter.exclusive) this.writers.add(file);
      else this.readers.set(file, (this.readers.get(file) ?? 0) + 1);
    }
  }

  private give(waiter: Waiter): void {
    for (const file of waiter.files) {
      if (waiter.exclusive) {
        this.writers.delete(file);
        continue;
      }
      const count = (this.readers.get(file) ?? 1) - 1;
      if (count === 0) this.readers.delete(file);
      else this.readers.set(file, count);
    }
  }
}
