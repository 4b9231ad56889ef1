import { Writable } from 'node:stream';
import { createClient } from 'graphql-ws';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../../src/logger.js';
import { adminKey, bearer, testAuth, userToken } from '../support/auth.js';
import { startLiveServer, until } from '../support/live-server.js';
import { killStartedMains, startMain } from '../support/main-process.js';

const seed = { users: ['alice', 'bob'].map((username) => ({ username, password: 'pw' })) };
const protocol = 'graphql-transport-ws';

/** A WebSocket speaking graphql-transport-ws by hand: every message and the close it ended with. */
function rawSocket(url: string, options: WebSocket.ClientOptions = {}) {
  const socket = new WebSocket(url, protocol, options);
  const messages: { type: string; id?: string; payload?: unknown }[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });
  socket.on('error', () => {});
  return {
    socket,
    messages,
    opened,
    closed,
    send: (message: object) => socket.send(JSON.stringify(message)),
  };
}

/** The HTTP status an upgrade is answered with: 101 when the WebSocket opened. */
function upgradeStatus(url: string, options: WebSocket.ClientOptions = {}) {
  return new Promise<{ status: number; socket?: WebSocket }>((resolve, reject) => {
    const socket = new WebSocket(url, protocol, options);
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0 });
      response.resume();
    });
    socket.once('error', reject);
  });
}

/** A graphql-ws client; `run` resolves with what one operation answered. */
function wsClient(url: string, connectionParams: Record<string, unknown> = {}) {
  let closed: { code: number } | undefined;
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => (closed = event as { code: number }) },
  });
  return {
    run(query: string, variables?: Record<string, unknown>) {
      return new Promise<{ next: unknown[]; error?: unknown }>((resolve) => {
        const next: unknown[] = [];
        client.subscribe(
          { query, variables },
          {
            next: (value) => next.push(value),
            error: (error) => resolve({ next, error }),
            complete: () => resolve({ next }),
          },
        );
      });
    },
    closed: () => closed,
    dispose: () => client.dispose(),
  };
}

/** A logger writing into memory, as pino writes to stdout. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return {
    logger: createLogger('info', stream),
    lines,
    parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

let printed: MockInstance[] = [];
beforeEach(() => {
  printed = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    vi.spyOn(console, level),
  );
});
afterEach(() => {
  for (const spy of printed) spy.mockRestore();
  killStartedMains();
});
/** Nothing went to stdout or stderr through console: the app writes JSON log lines only. */
const nothingPrinted = () => {
  for (const spy of printed) expect(spy).not.toHaveBeenCalled();
};

describe('WebSocket before connection_init', () => {
  it('a message larger than MAX_BODY_BYTES closes the connection with 1009, never acknowledged', async () => {
    const logs = capture();
    const { wsUrl } = await startLiveServer({
      emulator: { seed },
      env: { MAX_BODY_BYTES: '2048' },
      logger: logs.logger,
    });
    const socket = rawSocket(wsUrl);
    await socket.opened;
    socket.send({ type: 'connection_init', payload: { padding: 'x'.repeat(4096) } });
    expect((await socket.closed).code).toBe(1009);
    expect(socket.messages).toEqual([]);

    // Under the limit, the same server acknowledges.
    const small = rawSocket(wsUrl);
    await small.opened;
    small.send({ type: 'connection_init', payload: { padding: 'x'.repeat(1024) } });
    await until(() => small.messages.length > 0, 'an acknowledgement');
    expect(small.messages).toEqual([{ type: 'connection_ack' }]);
    small.socket.close();

    expect(logs.parsed()).toContainEqual(
      expect.objectContaining({ level: 30, code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' }),
    );
    nothingPrinted();
  });

  it('a connection that sends no connection_init within WS_CONNECTION_INIT_TIMEOUT_MS is closed with 4408', async () => {
    const { wsUrl } = await startLiveServer({
      emulator: { seed },
      env: { WS_CONNECTION_INIT_TIMEOUT_MS: '200' },
    });
    const socket = rawSocket(wsUrl);
    await socket.opened;
    const started = Date.now();
    const { code } = await socket.closed;
    expect(code).toBe(4408);
    // The configured 200 ms, not graphql-ws's default 3 s.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(socket.messages).toEqual([]);
  });
});

describe('WebSocket authentication', () => {
  it('a bad credential in connection_init is refused with 4403 before any subscription, logged at info', async () => {
    const logs = capture();
    const { wsUrl, realtime } = await startLiveServer({
      emulator: { seed },
      server: { auth: testAuth() },
      logger: logs.logger,
    });
    const socket = rawSocket(wsUrl);
    await socket.opened;
    socket.send({ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } });
    expect((await socket.closed).code).toBe(4403);
    expect(socket.messages).toEqual([]);

    // A subscription right behind the init, as clients pipeline them: never started (it arrives
    // before the refusal, so graphql-ws closes with 4401, "subscribe before acknowledgement").
    const pipelined = rawSocket(wsUrl);
    await pipelined.opened;
    pipelined.send({ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } });
    pipelined.send({
      id: '1',
      type: 'subscribe',
      payload: { query: 'subscription { statusChanged(usernames: ["bob"]) { status } }' },
    });
    expect([4401, 4403]).toContain((await pipelined.closed).code);
    expect(pipelined.messages).toEqual([]);
    expect(realtime.status.watchedKeys).toBe(0);
    expect(logs.parsed()).toContainEqual(
      expect.objectContaining({
        level: 30,
        msg: 'credentials refused',
        code: 'UNAUTHENTICATED',
        transport: 'websocket',
      }),
    );
    expect(logs.lines.join('\n')).not.toContain('not-a-token');
    nothingPrinted();
  });

  it('a bad credential in the upgrade request’s header is refused too; good ones are acknowledged', async () => {
    const { wsUrl } = await startLiveServer({ emulator: { seed }, server: { auth: testAuth() } });
    const refused = rawSocket(wsUrl, { headers: bearer('wrong') });
    await refused.opened;
    refused.send({ type: 'connection_init' });
    expect((await refused.closed).code).toBe(4403);

    for (const credential of [adminKey, await userToken('alice')]) {
      const viewer = wsClient(wsUrl, { authorization: `Bearer ${credential}` });
      const answer = await viewer.run('{ viewer { username } }');
      expect(answer.error).toBeUndefined();
      expect(answer.next).toHaveLength(1);
      await viewer.dispose();
    }
  });
});

describe('WebSocket connection limits', () => {
  it('WS_MAX_CONNECTIONS: the upgrade over it is answered 503; a closed connection frees its place', async () => {
    const { wsUrl, app } = await startLiveServer({
      emulator: { seed },
      env: { WS_MAX_CONNECTIONS: '2', WS_MAX_CONNECTIONS_PER_ADDRESS: '0' },
    });
    const first = await upgradeStatus(wsUrl);
    const second = await upgradeStatus(wsUrl, { localAddress: '127.0.0.2' });
    expect([first.status, second.status]).toEqual([101, 101]);
    expect((await upgradeStatus(wsUrl, { localAddress: '127.0.0.3' })).status).toBe(503);

    first.socket!.close();
    // The place is freed when the server sees the TCP connection end.
    await until(() => app.websockets.connections === 1, 'the first connection to end');
    const again = await upgradeStatus(wsUrl);
    expect(again.status).toBe(101);
    second.socket!.close();
    again.socket!.close();
  });

  it('WS_MAX_CONNECTIONS_PER_ADDRESS: one address over it gets 429, another address still connects', async () => {
    const { wsUrl } = await startLiveServer({
      emulator: { seed },
      env: { WS_MAX_CONNECTIONS_PER_ADDRESS: '2' },
    });
    const mine = [await upgradeStatus(wsUrl), await upgradeStatus(wsUrl)];
    expect(mine.map((m) => m.status)).toEqual([101, 101]);
    expect((await upgradeStatus(wsUrl)).status).toBe(429);
    const other = await upgradeStatus(wsUrl, { localAddress: '127.0.0.2' });
    expect(other.status).toBe(101);
    for (const { socket } of [...mine, other]) socket!.close();
  });
});

describe('WebSocket operations', () => {
  it('introspection off over HTTP is off over WebSocket', async () => {
    const { wsUrl, url } = await startLiveServer({
      emulator: { seed },
      server: { limits: { introspection: false } },
    });
    const client = wsClient(wsUrl);
    const answer = await client.run('{ __schema { queryType { name } } }');
    expect(answer.next).toEqual([]);
    expect(answer.error).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(/introspection has been disabled.*"__schema"/),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    );
    // And the rest of the schema answers.
    expect((await client.run('{ __typename }')).next).toEqual([{ data: { __typename: 'Query' } }]);
    await client.dispose();

    const http = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(((await http.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(
      /introspection has been disabled/,
    );
  });

  it('a syntax error, a document over MAX_TOKENS and bad variables get an error message with a code; the socket stays open', async () => {
    const logs = capture();
    const { wsUrl } = await startLiveServer({
      emulator: { seed },
      server: { limits: { maxTokens: 40 } },
      logger: logs.logger,
    });
    const client = wsClient(wsUrl);
    const syntax = await client.run('subscription { statusChanged(usernames: ["bob"] { status } }');
    expect(syntax.error).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Syntax Error/),
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ]);
    const long = `subscription { statusChanged(usernames: [${'"bob", '.repeat(40)}]) { status } }`;
    const tooComplex = await client.run(long);
    expect(tooComplex.error).toEqual([
      expect.objectContaining({ extensions: { code: 'QUERY_TOO_COMPLEX' } }),
    ]);
    const variables = await client.run(
      'subscription ($names: [String!]!) { statusChanged(usernames: $names) { status } }',
      { names: 42 },
    );
    expect(variables.error).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
    expect(client.closed()).toBeUndefined();
    expect((await client.run('{ __typename }')).next).toEqual([{ data: { __typename: 'Query' } }]);
    await client.dispose();

    for (const line of logs.parsed()) expect(line).not.toHaveProperty('stack');
    expect(logs.lines.join('\n')).not.toMatch(/\n\s+at /);
    nothingPrinted();
  });
});

describe('WebSocket failures in a real process', () => {
  it('write JSON log lines on stdout and nothing on stderr: no stack, no graphql-ws console output', async () => {
    const server = startMain({ MAX_BODY_BYTES: '2048' });
    const wsUrl = (await server.url).replace(/^http/, 'ws');
    const client = wsClient(wsUrl);
    const syntax = await client.run('subscription { statusChanged(usernames: ["bob"] { status } }');
    expect(syntax.error).toEqual([
      expect.objectContaining({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
    ]);
    await client.dispose();
    const oversized = rawSocket(wsUrl);
    await oversized.opened;
    oversized.send({ type: 'connection_init', payload: { padding: 'x'.repeat(4096) } });
    expect((await oversized.closed).code).toBe(1009);
    await server.waitFor('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    // stdout and stderr together, less stdout: what went to stderr.
    expect(server.output().length).toBe(server.stdout().length);
    const lines = server.logLines();
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 30, code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' }),
    );
    expect(server.stdout()).not.toMatch(/\n\s+at /);
  });
});
