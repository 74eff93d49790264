import { loadRunStores, saveRunStores, type RunStores } from './run-stores.js';
import { reloadProfiles } from './profiles.js';

/** A save waits this long after the last run ended, so a burst of saves in the editor writes once. */
const SAVE_DELAY_MS = 1_000;
/** A server that never goes idle still saves this often. */
const SAVE_AT_LEAST_EVERY_MS = 10_000;

export interface LiveStoresOptions {
  saveDelayMs?: number;
  warn: (message: string) => void;
}

/**
 * A long-lived process's stores (the language server's, one per workspace): loaded once and kept
 * in memory, brought up to date before a run when another process (a `gauntlet run`) saved them,
 * and saved in the background, merged under the lock as the command line merges. Runs may
 * overlap: they share the stores, and no entry one of them sets is lost by another's save.
 */
export class LiveStores {
  private loaded: Promise<RunStores> | null = null;
  /** Refreshes and saves, one at a time. */
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private firstUnsaved: number | null = null;
  private readonly saveDelayMs: number;
  private closed = false;

  constructor(
    readonly root: string,
    private readonly options: LiveStoresOptions,
  ) {
    this.saveDelayMs = options.saveDelayMs ?? SAVE_DELAY_MS;
  }

  /**
   * The stores for a run: loaded the first time, else refreshed from disk when another process
   * wrote them. Warnings of loading or refreshing come with the stores, once.
   */
  async acquire(): Promise<RunStores> {
    if (!this.loaded) {
      this.loaded = loadRunStores(this.root).then((stores) => {
        stores.cache.forgoFigures();
        return stores;
      });
      return this.loaded;
    }
    const stores = await this.loaded;
    const warnings = await this.serialize(() => this.refresh(stores));
    return { profiles: stores.profiles, cache: stores.cache, warnings };
  }

  /** A run is over: what it learnt is saved soon, once runs pause (or at the latest every 10 s). */
  release(): void {
    if (this.closed) return;
    const now = Date.now();
    this.firstUnsaved ??= now;
    if (this.timer) clearTimeout(this.timer);
    const overdue = now - this.firstUnsaved >= SAVE_AT_LEAST_EVERY_MS;
    this.timer = setTimeout(() => void this.save(), overdue ? 0 : this.saveDelayMs);
    // A pending save does not keep a process alive that is otherwise done; `close` saves.
    this.timer.unref();
  }

  /** Saves what is unsaved now, and stops saving in the background. */
  async close(): Promise<void> {
    this.closed = true;
    await this.save();
  }

  /**
   * Saves now (commands that read the files, close). What another process did first is taken in:
   * a cache cleared meanwhile (`gauntlet cache clear`) stays cleared rather than written back.
   */
  async save(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstUnsaved = null;
    if (!this.loaded) return;
    const stores = await this.loaded;
    await this.serialize(async () => {
      for (const warning of await this.refresh(stores)) this.options.warn(warning);
      await saveRunStores(this.root, stores, this.options.warn);
    });
  }

  /** Takes in what other processes saved since; returns what could not be read. */
  private async refresh(stores: RunStores): Promise<string[]> {
    const found = await Promise.all([reloadProfiles(this.root, stores.profiles), stores.cache.refresh(this.root)]);
    return found.filter((warning): warning is string => warning !== null);
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const result = this.chain.then(task);
    this.chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
