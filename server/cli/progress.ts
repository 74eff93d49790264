import type { Colors } from './colors.js';
import { formatDuration } from './render-text.js';

const REFRESH_MS = 100;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A one-line live status on a terminal: what runs, how many are done. Clears itself before other output. */
export class ProgressLine {
  private readonly running = new Set<string>();
  private done = 0;
  private total = 0;
  private frame = 0;
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly colors: Colors,
  ) {}

  begin(total: number): void {
    this.total = total;
    this.timer = setInterval(() => this.draw(), REFRESH_MS);
    this.timer.unref();
  }

  hookStarted(hook: string): void {
    this.running.add(hook);
  }

  hookFinished(hook: string): void {
    this.running.delete(hook);
    this.done += 1;
  }

  /** Prints text above the live line. */
  print(text: string, out: NodeJS.WritableStream): void {
    this.clear();
    out.write(text);
  }

  end(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.clear();
  }

  private clear(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }

  private draw(): void {
    const spinner = FRAMES[this.frame++ % FRAMES.length] ?? '';
    const names = [...this.running].join(', ');
    const head = `${spinner} ${this.done}/${this.total} hooks  ${formatDuration(Date.now() - this.started)}  `;
    const width = (this.stream.columns > 0 ? this.stream.columns : 80) - 1;
    const room = Math.max(0, width - head.length);
    this.stream.write(`\r\x1b[2K${head}${this.colors.dim(names.length > room ? `${names.slice(0, Math.max(0, room - 1))}…` : names)}`);
    this.shown = true;
  }
}
