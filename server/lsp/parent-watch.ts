/** How often the server looks for its parent and its client; a dead one is noticed within this. */
const PARENT_POLL_MS = 1_000;

/**
 * Watches the process that started the server and, once `initialize` names it, the client's
 * process. A parent killed with SIGKILL may leave stdin open (another process holds the pipe);
 * the server would then run on, and its hooks with it. The first that is gone calls `onGone` once.
 */
export class ParentWatch {
  private readonly parentPid = process.ppid;
  private clientPid: number | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly onGone: (why: string) => void) {
    this.timer = setInterval(() => this.check(), PARENT_POLL_MS);
    // The watch alone must not keep the process alive.
    this.timer.unref();
  }

  /** Also watches the client's process, as `processId` of the initialize params gives it. */
  watchClient(pid: number | null | undefined): void {
    if (typeof pid === 'number' && Number.isInteger(pid) && pid > 0) this.clientPid = pid;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    // Orphaned, the server is adopted by init or a subreaper: its parent id changes.
    if (process.ppid !== this.parentPid) this.end(`its parent process ${this.parentPid} is gone`);
    else if (this.clientPid !== null && !isRunning(this.clientPid)) this.end(`the client process ${this.clientPid} is gone`);
  }

  private end(why: string): void {
    this.stop();
    this.onGone(why);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
