import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEasemobClient } from '../../src/easemob/client.js';
import { rejectionOf } from '../support/easemob.js';

/**
 * A bare HTTP server that answers like Easemob and counts the TCP connections it sees: the
 * connection-level behaviour is what these tests prove.
 */
async function startCountingServer(
  handler: (path: string) => { status: number; body: unknown } | 'hang',
) {
  const sockets = new Set<unknown>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    if (req.url?.endsWith('/token')) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ access_token: 'YWMt-test', expires_in: 3600, application: 'app' }));
      return;
    }
    const answer = handler(req.url ?? '');
    if (answer === 'hang') return;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      res.statusCode = answer.status;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer.body));
    }, 5);
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => sockets.size,
    maxInFlight: () => maxInFlight,
  };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const clientFor = (url: string, extra: object = {}) =>
  createEasemobClient({
    baseUrl: url,
    orgName: 'org',
    appName: 'app',
    clientId: 'id',
    clientSecret: 'secret',
    rateBudgets: false,
    ...extra,
  });

describe('transport', () => {
  it('reuses keep-alive connections and never opens more than the bound', async () => {
    const server = await startCountingServer(() => ({
      status: 200,
      body: { data: { u: 'online' } },
    }));
    const client = clientFor(server.url, { maxConnections: 4 });
    await Promise.all(Array.from({ length: 200 }, () => client.status.get('u')));
    for (let i = 0; i < 20; i++) await client.status.get('u');
    // 4 pooled connections (the token request shares them).
    expect(server.connections()).toBeLessThanOrEqual(4);
    expect(server.maxInFlight()).toBeLessThanOrEqual(4);
    await client.close();
  });

  it('puts a deadline on every request', async () => {
    const server = await startCountingServer(() => 'hang');
    const client = clientFor(server.url, { timeoutMs: 200, retry: { maxRetries: 0 } });
    const started = Date.now();
    const error = await rejectionOf(client.status.get('u'));
    expect(error).toMatchObject({ status: 0, code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
    await client.close();
  });

  it('treats a refused connection as not sent, so even a message send is retried', async () => {
    const server = await startCountingServer(() => ({ status: 200, body: {} }));
    const url = server.url;
    const dead = servers.pop()!;
    dead.closeAllConnections();
    await new Promise((resolve) => dead.close(resolve));
    const client = clientFor(url, { retry: { maxRetries: 2, initialDelayMs: 0, maxDelayMs: 0 } });
    const error = await rejectionOf(
      client.messages.send({
        targetType: 'users',
        targets: ['u'],
        message: { type: 'txt', msg: 'x' },
      }),
    );
    expect(error).toMatchObject({ status: 0, code: 'network_error', notSent: true });
    await client.close();
  });
});
