import http from 'node:http';
import https from 'node:https';

/** Requests in flight at once: enough to hide loopback and LAN round trips, few enough for any server. */
export const MAX_IN_FLIGHT = 16;
/** Largest body read: a bucket of results with many diagnostics is well below it. */
export const MAX_BODY_BYTES = 32 * 1_024 * 1_024;

interface Waiter {
  start: () => void;
  stop: (error: Error) => void;
}

/** A request that got no usable answer: the server is down, slow, or said something other than 2xx/404. */
export class RemoteRequestError extends Error {
  /** True when the server itself is unreachable or slow (no point asking it again this run). */
  readonly unreachable: boolean;

  constructor(message: string, unreachable: boolean, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RemoteRequestError';
    this.unreachable = unreachable;
  }
}

/**
 * GET and PUT against one HTTP cache server over kept-alive connections, at most MAX_IN_FLIGHT at
 * once; the rest wait their turn here, so that a request's `timeoutMs` counts from when it is sent.
 */
export class RemoteHttpClient {
  private readonly agent: http.Agent;
  private inFlight = 0;
  /** Requests waiting their turn: lookups, bucket uploads and entries whose blob is stored (`urgent`) go before other uploads. */
  private readonly waiting: { urgent: Waiter[]; later: Waiter[] } = { urgent: [], later: [] };
  private abandoned: RemoteRequestError | null = null;
  private readonly request: typeof http.request;
  private readonly base: URL;

  constructor(
    base: string,
    private readonly headers: Readonly<Record<string, string>>,
    private readonly timeoutMs: number,
  ) {
    this.base = new URL(base.endsWith('/') ? base : `${base}/`);
    const secure = this.base.protocol === 'https:';
    this.agent = secure ? new https.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT }) : new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
    this.request = secure ? https.request : http.request;
  }

  /** The body at `path` (relative to the base), or null when the server has none (404). */
  async get(path: string): Promise<Buffer | null> {
    const { status, body } = await this.send('GET', path, null, true);
    if (status === 404) return null;
    if (status === 200) return body;
    throw new RemoteRequestError(`GET ${path}: HTTP ${status}`, false);
  }

  /** Stores `body` at `path`; an `urgent` one goes before the others waiting. */
  async put(path: string, body: Buffer, urgent = false): Promise<void> {
    const { status } = await this.send('PUT', path, body, urgent);
    if (status < 200 || status > 299) throw new RemoteRequestError(`PUT ${path}: HTTP ${status}`, false);
  }

  /** Fails every request waiting its turn, and any sent later, with `error` (the server is down). */
  abandon(error: RemoteRequestError): void {
    this.abandoned = error;
    for (const waiter of [...this.waiting.urgent.splice(0), ...this.waiting.later.splice(0)]) waiter.stop(error);
  }

  close(): void {
    this.abandon(new RemoteRequestError('the run is over', false));
    this.agent.destroy();
  }

  private async send(method: 'GET' | 'PUT', path: string, body: Buffer | null, urgent: boolean): Promise<{ status: number; body: Buffer }> {
    await this.takeTurn(urgent);
    try {
      return await this.exchange(method, path, body);
    } finally {
      this.inFlight -= 1;
      (this.waiting.urgent.shift() ?? this.waiting.later.shift())?.start();
    }
  }

  private takeTurn(urgent: boolean): Promise<void> {
    if (this.abandoned) return Promise.reject(this.abandoned);
    if (this.inFlight < MAX_IN_FLIGHT) {
      this.inFlight += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      (urgent ? this.waiting.urgent : this.waiting.later).push({
        start: () => {
          this.inFlight += 1;
          resolve();
        },
        stop: reject,
      });
    });
  }

  private exchange(method: 'GET' | 'PUT', path: string, body: Buffer | null): Promise<{ status: number; body: Buffer }> {
    const url = new URL(path, this.base);
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...this.headers };
      if (body) {
        headers['content-type'] = 'application/octet-stream';
        headers['content-length'] = body.length;
      }
      const request = this.request(url, { method, agent: this.agent, headers, signal: AbortSignal.timeout(this.timeoutMs) }, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) request.destroy(new RemoteRequestError(`${method} ${path}: answer larger than ${MAX_BODY_BYTES} bytes`, false));
          else chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on('error', (error) => reject(toRequestError(method, path, error)));
      });
      request.on('error', (error) => reject(toRequestError(method, path, error)));
      request.end(body ?? undefined);
    });
  }
}

function toRequestError(method: string, path: string, error: Error): RemoteRequestError {
  if (error instanceof RemoteRequestError) return error;
  const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
  const code = (error as NodeJS.ErrnoException).code;
  const detail = timedOut ? 'no answer in time' : (code ?? error.message);
  return new RemoteRequestError(`${method} ${path}: ${detail}`, true, { cause: error });
}
