import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startLiveServer } from './support/live-server.js';

const seed = { users: [{ username: 'alice', password: 'pw' }] };

/** A raw TCP connection: what the server wrote, and when it closed it. */
function rawConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk;
  });
  socket.on('error', () => {});
  const opened = Date.now();
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  return { socket, received: () => received, opened, closed };
}

/** Resolves with the connection's lifetime, or `undefined` if it is still open after `ms`. */
async function closedWithin(connection: ReturnType<typeof rawConnection>, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  const end = await Promise.race([connection.closed, gaveUp]);
  clearTimeout(timer);
  connection.socket.destroy();
  return end === undefined ? undefined : end - connection.opened;
}

const fast = {
  REQUEST_TIMEOUT_MS: '100',
  HTTP_HEADERS_TIMEOUT_MS: '300',
  HTTP_REQUEST_TIMEOUT_MS: '600',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: '300',
};

describe('HTTP timeouts', () => {
  it('a client that sends its headers, then trickles the body, is cut off with 408 after HTTP_REQUEST_TIMEOUT_MS', async () => {
    const { port } = await startLiveServer({ emulator: { seed }, env: fast });
    const slow = rawConnection(port);
    slow.socket.write(
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    const trickle = setInterval(() => slow.socket.write(' '), 50);
    const lifetime = await closedWithin(slow, 5000);
    clearInterval(trickle);
    expect(lifetime).toBeDefined();
    expect(lifetime!).toBeGreaterThanOrEqual(550);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);

    // One that takes its time within the limit is answered.
    const patient = rawConnection(port);
    const body = JSON.stringify({ query: '{ __typename }' });
    patient.socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    setTimeout(() => patient.socket.write(body), 200);
    await patient.closed;
    expect(patient.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(patient.received()).toContain('{"data":{"__typename":"Query"}}');
  });

  it('a client that never finishes its headers is cut off after HTTP_HEADERS_TIMEOUT_MS', async () => {
    const { port } = await startLiveServer({ emulator: { seed }, env: fast });
    const slow = rawConnection(port);
    slow.socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\n');
    const trickle = setInterval(() => slow.socket.write('X-Pad: 1\r\n'), 50);
    const lifetime = await closedWithin(slow, 5000);
    clearInterval(trickle);
    expect(lifetime).toBeDefined();
    expect(lifetime!).toBeGreaterThanOrEqual(250);
    expect(lifetime!).toBeLessThan(600 + 500);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('an idle kept-alive connection is closed after HTTP_KEEP_ALIVE_TIMEOUT_MS', async () => {
    const { port } = await startLiveServer({ emulator: { seed }, env: fast });
    const idle = rawConnection(port);
    idle.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const lifetime = await closedWithin(idle, 4000);
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(lifetime).toBeDefined();
  });
});
