import type { Readable } from 'node:stream';

/** Keeps the first `capBytes` of a stream and drains the rest, so a chatty tool never blocks on a full pipe. */
export class OutputCapture {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  constructor(private readonly capBytes: number) {}

  /** Reads the stream to its end; past the cap, bytes are counted and dropped. */
  drain(stream: Readable): void {
    stream.on('data', (chunk: Buffer) => {
      const room = this.capBytes - this.kept;
      if (room >= chunk.length) {
        this.chunks.push(chunk);
        this.kept += chunk.length;
        return;
      }
      if (room > 0) {
        this.chunks.push(chunk.subarray(0, room));
        this.kept += room;
      }
      this.dropped += chunk.length - Math.max(room, 0);
    });
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  /** The kept text, with a marker where the tail was dropped. */
  text(): string {
    const kept = Buffer.concat(this.chunks).toString('utf8');
    return this.truncated ? `${kept}\n[gauntlet: output truncated, ${this.dropped} more bytes dropped]\n` : kept;
  }
}
