import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';

/** The largest message the server accepts; a larger Content-Length is a framing error, never a buffer. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A header block longer than this has lost its blank line. */
const MAX_HEADER_BYTES = 8_192;
/** A message whose bytes stop arriving for this long will never be complete. */
const STALLED_MESSAGE_MS = 5_000;
const HEADER_END = '\r\n\r\n';

/** The byte stream no longer splits into messages: the server cannot answer anything after it. */
class FramingError extends Error {
  override readonly name = 'FramingError';
}

/**
 * Reads `Content-Length`-framed JSON-RPC messages from a stream, and reports every way the framing
 * can break (a missing, malformed or oversized length, a body that is not JSON, a body that stops
 * short) as an error, after which it reads nothing more.
 */
export class FramedMessageReader extends AbstractMessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private bodyLength: number | null = null;
  private stallTimer: NodeJS.Timeout | null = null;
  private ended = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly stallMs = STALLED_MESSAGE_MS,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer): void => this.receive(chunk, callback);
    const onEnd = (): void => this.end(null);
    const onError = (error: Error): void => this.end(error);
    this.input.on('data', onData);
    this.input.on('end', onEnd);
    this.input.on('close', onEnd);
    this.input.on('error', onError);
    return {
      dispose: () => {
        this.clearStall();
        this.input.off('data', onData);
        this.input.off('end', onEnd);
        this.input.off('close', onEnd);
        this.input.off('error', onError);
      },
    };
  }

  private receive(chunk: Buffer, callback: DataCallback): void {
    if (this.ended) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      let message: Message | null;
      try {
        message = this.takeMessage();
      } catch (error) {
        this.end(error instanceof Error ? error : new FramingError(String(error), { cause: error }));
        return;
      }
      if (message === null) break;
      // What the connection does with a message is not a framing matter: the next one still counts.
      try {
        callback(message);
      } catch (error) {
        process.stderr.write(`gauntlet lsp: internal error handling a message: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    this.armStall();
  }

  /** The next whole message, or null until more bytes arrive. */
  private takeMessage(): Message | null {
    if (this.bodyLength === null) {
      const data = this.join();
      const end = data.indexOf(HEADER_END);
      if (end === -1) {
        if (data.length > MAX_HEADER_BYTES) throw new FramingError(`no end of the message header within ${MAX_HEADER_BYTES} bytes`);
        return null;
      }
      this.bodyLength = readContentLength(data.subarray(0, end).toString('latin1'));
      this.keep(data.subarray(end + HEADER_END.length));
    }
    if (this.buffered < this.bodyLength) return null;
    const data = this.join();
    const body = data.subarray(0, this.bodyLength);
    this.keep(data.subarray(this.bodyLength));
    this.bodyLength = null;
    return parseMessage(body);
  }

  private join(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] as Buffer;
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length === 0 ? [] : [rest];
    this.buffered = rest.length;
  }

  /** A message begun and not finished must go on arriving. */
  private armStall(): void {
    this.clearStall();
    if (this.buffered === 0 && this.bodyLength === null) return;
    this.stallTimer = setTimeout(() => {
      const what = this.bodyLength === null ? 'a message header' : `a message body (${this.buffered} of ${this.bodyLength} bytes)`;
      this.end(new FramingError(`${what} stopped arriving for ${this.stallMs / 1_000} s`));
    }, this.stallMs);
    this.stallTimer.unref();
  }

  private clearStall(): void {
    if (this.stallTimer !== null) clearTimeout(this.stallTimer);
    this.stallTimer = null;
  }

  /** Ends reading for good: with an error, or at the end of the stream. */
  private end(error: Error | null): void {
    if (this.ended) return;
    this.ended = true;
    this.clearStall();
    this.chunks = [];
    if (error) this.fireError(error);
    else this.fireClose();
  }
}

function readContentLength(header: string): number {
  let value: string | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) throw new FramingError(`a header line without a colon: ${JSON.stringify(line.slice(0, 80))}`);
    if (line.slice(0, colon).trim().toLowerCase() === 'content-length') value = line.slice(colon + 1).trim();
  }
  if (value === undefined) throw new FramingError('a message without a Content-Length header');
  if (!/^\d{1,16}$/.test(value)) throw new FramingError(`Content-Length ${JSON.stringify(value.slice(0, 80))} is not a byte count`);
  const length = Number(value);
  if (length > MAX_MESSAGE_BYTES) throw new FramingError(`Content-Length ${length} is over the limit of ${MAX_MESSAGE_BYTES} bytes`);
  return length;
}

function parseMessage(body: Buffer): Message {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new FramingError(`a message body that is not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new FramingError('a message body that is not a JSON object');
  return parsed as Message;
}
