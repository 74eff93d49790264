/** What progress reporting needs from the connection (window/workDoneProgress). */
export interface ProgressReporter {
  begin(title: string, message: string): void;
  report(message: string): void;
  done(): void;
}

/** How long runs must go on before progress shows: a cached answer should not flash a bar. */
const SHOW_AFTER_MS = 200;
const TITLE = 'gauntlet';

/** One run's share of the progress: its hooks, and how many are done. */
export interface TrackedRun {
  addHooks(count: number): void;
  hookDone(): void;
  end(): void;
}

/**
 * "gauntlet: 3/8 hooks" while any run of the server goes on: the hooks of every run in
 * flight, and how many of them are done. Counts restart once every run has ended.
 */
export class RunProgress {
  private total = 0;
  private done = 0;
  private active = 0;
  private reporter: ProgressReporter | null = null;
  private pending: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  /** `create` asks the client for a progress token; it returns null when the client does not support progress. */
  constructor(private readonly create: () => Promise<ProgressReporter> | null) {}

  start(): TrackedRun {
    this.active += 1;
    let ended = false;
    let mine = 0;
    let mineDone = 0;
    this.timer ??= setTimeout(() => this.show(), SHOW_AFTER_MS);
    return {
      addHooks: (count) => {
        mine += count;
        this.total += count;
        this.update();
      },
      hookDone: () => {
        if (mineDone >= mine) return;
        mineDone += 1;
        this.done += 1;
        this.update();
      },
      end: () => {
        if (ended) return;
        ended = true;
        // Hooks of a run that ended early (cancelled) count as done.
        this.done += mine - mineDone;
        this.active -= 1;
        if (this.active === 0) this.finish();
        else this.update();
      },
    };
  }

  /** Ends any progress shown and shows no more (the server is shutting down). */
  close(): void {
    this.closed = true;
    this.finish();
  }

  private message(): string {
    return `${this.done}/${this.total} hooks`;
  }

  private show(): void {
    this.timer = null;
    if (this.closed || this.active === 0 || this.pending || this.reporter) return;
    const created = this.create();
    if (!created) return;
    const pending = created.then(
      (reporter) => {
        if (this.pending !== pending) return reporter.done();
        this.pending = null;
        if (this.active === 0 || this.closed) return reporter.done();
        this.reporter = reporter;
        reporter.begin(TITLE, this.message());
      },
      () => {
        if (this.pending === pending) this.pending = null;
      },
    );
    this.pending = pending;
  }

  private update(): void {
    this.reporter?.report(this.message());
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    this.reporter?.done();
    this.reporter = null;
    this.total = 0;
    this.done = 0;
  }
}
