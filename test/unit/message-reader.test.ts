import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Message } from 'vscode-languageserver/node';
import { FramedMessageReader } from '../../server/lsp/message-reader.js';

function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`, 'latin1'), body]);
}

function listen(input: PassThrough): { messages: Message[]; errors: Error[]; closed: () => boolean } {
  const reader = new FramedMessageReader(input, 50);
  const messages: Message[] = [];
  const errors: Error[] = [];
  let closed = false;
  reader.onError((error) => errors.push(error));
  reader.onClose(() => (closed = true));
  reader.listen((message) => messages.push(message));
  return { messages, errors, closed: () => closed };
}

describe('reading framed messages', () => {
  it('reads messages split at every byte, and several in one chunk, counting the length in bytes', () => {
    const input = new PassThrough();
    const { messages, errors } = listen(input);
    const first = { jsonrpc: '2.0', method: 'a', params: { text: 'héllo ✓' } };
    const second = { jsonrpc: '2.0', method: 'b' };
    for (const byte of frame(first)) input.emit('data', Buffer.from([byte]));
    input.emit('data', Buffer.concat([frame(second), frame(first)]));
    expect(messages).toEqual([first, second, first]);
    expect(errors).toEqual([]);
  });

  it('reports a message that stops short once no byte came for the stall time, and reads nothing after', async () => {
    const input = new PassThrough();
    const { messages, errors } = listen(input);
    const whole = frame({ jsonrpc: '2.0', method: 'a' });
    input.emit('data', whole.subarray(0, whole.length - 3));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors.map((error) => error.message)).toEqual([expect.stringMatching(/^a message body \(27 of 30 bytes\) stopped arriving for 0\.05 s$/)]);
    input.emit('data', frame({ jsonrpc: '2.0', method: 'b' }));
    expect(messages).toEqual([]);
  });

  it('closes at the end of the stream without an error', () => {
    const input = new PassThrough();
    const { errors, closed } = listen(input);
    input.emit('end');
    expect(closed()).toBe(true);
    expect(errors).toEqual([]);
  });
});
