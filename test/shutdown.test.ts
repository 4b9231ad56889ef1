import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { createClient } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmulator } from '../src/emulator/server.js';
import { sleep } from './support/live-server.js';
import { killStartedMains, type StartedMain, startMain } from './support/main-process.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  killStartedMains();
  for (const close of closers.splice(0)) await close();
});

const adminKey = 'a-test-admin-key-long-enough-0123';

/** main.ts against an emulator of the test's, as against a real Easemob: its faults are ours. */
async function mainOnEmulator(env: Record<string, string> = {}) {
  const emulator = await startEmulator({ seed: 'demo' });
  closers.push(() => emulator.close());
  const main = startMain({
    EASEMOB_BASE_URL: emulator.url,
    EASEMOB_ORG_NAME: emulator.orgName,
    EASEMOB_APP_NAME: emulator.appName,
    EASEMOB_CLIENT_ID: emulator.clientId,
    EASEMOB_CLIENT_SECRET: emulator.clientSecret,
    ADMIN_API_KEYS: adminKey,
    // Nothing between the requests and Easemob but the drain: no call budget, no pool limit.
    UPSTREAM_RATE_LIMIT_PER_SECOND: '0',
    UPSTREAM_MAX_CONNECTIONS: '1024',
    ...env,
  });
  return { emulator, main, base: await main.base };
}

/** Resolves once `check` holds, looking again every 10 ms (a counter, never a fixed sleep). */
async function until(check: () => boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

interface Outcome {
  status?: number;
  connection?: string;
  body?: string;
  error?: string;
}

/** One GraphQL POST over `agent`, reporting a reset instead of throwing. */
function query(base: string, agent: Agent, document: string): Promise<Outcome> {
  const payload = JSON.stringify({ query: document });
  return new Promise((resolve) => {
    const req = request(
      `${base}/graphql`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          authorization: `Bearer ${adminKey}`,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode, connection: res.headers.connection, body }),
        );
        res.on('error', (error) => resolve({ error: String(error) }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? String(error) }),
    );
    req.end(payload);
  });
}

/** A kept-alive connection that has carried one request and now sits idle. */
async function idleKeptAlive(base: string) {
  const { hostname, port } = new URL(base);
  const socket: Socket = connect(Number(port), hostname);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n\r\n`);
  await until(() => received.endsWith('{"status":"ok"}'), 'the first answer', 10_000);
  expect(received).toMatch(/connection: keep-alive/i);
  return { socket, closed, received: () => received };
}

function stoppedLine(main: StartedMain) {
  return main.logLines().find((line) => line.msg.startsWith('stopped after'));
}

describe('SIGTERM drains', () => {
  it('answers every request in flight in full with Connection: close, serves no new one, exits 0 before the force timeout', async () => {
    const inFlight = 300;
    const delayMs = 3000;
    const { emulator, main, base } = await mainOnEmulator();
    const idle = await idleKeptAlive(base);

    emulator.faults.add({ endpoint: 'users.get', kind: 'delay', ms: delayMs, times: inFlight });
    const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
    closers.push(async () => agent.destroy());
    // A different user each: identical reads in flight would share one call.
    const outcomes = Promise.all(
      Array.from({ length: inFlight }, (_, i) =>
        query(base, agent, `{ user(username: "someone${i}") { username } }`),
      ),
    );
    // Every request has reached Easemob, where it waits: all of them are in flight.
    await until(() => emulator.calls.count('users.get') >= inFlight, `${inFlight} calls`);

    const signalledAt = Date.now();
    main.child.kill('SIGTERM');
    await main.waitFor('SIGTERM: finishing requests in flight');
    const answeredBefore = idle.received().length;

    // The idle kept-alive connection is closed at once; nothing more is answered on it.
    const idleClosedAt = await idle.closed;
    expect(idle.received().length).toBe(answeredBefore);
    // New connections are refused.
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();

    const results = await outcomes;
    const exitCode = await main.exited;
    const exitedAt = Date.now();
    const resets = results.filter((r) => r.error !== undefined);
    const closing = results.filter((r) => r.connection === 'close');
    const full = results.filter(
      // Nobody of that name: Easemob's 404 after the delay, answered in full as null.
      (r) => r.status === 200 && r.body === '{"data":{"user":null}}',
    );
    const report = stoppedLine(main);
    console.info(
      `drain: ${inFlight} in flight, ${resets.length} reset, ${full.length} answered in full, ` +
        `${closing.length} with Connection: close; idle connection closed ${idleClosedAt - signalledAt} ms ` +
        `after SIGTERM, exit ${exitedAt - signalledAt} ms after (drain ${report?.ms} ms, ` +
        `in flight at drain ${report?.inFlight})`,
    );
    expect(resets).toEqual([]);
    expect(full).toHaveLength(inFlight);
    expect(closing).toHaveLength(inFlight);
    expect(exitCode).toBe(0);
    expect(report).toMatchObject({ forced: false, inFlight });
    // Well before the 8 s default force timeout: the drain ends with the slowest request.
    expect(exitedAt - signalledAt).toBeLessThan(8000);
  });

  it('completes SSE and graphql-ws subscriptions, then exits', async () => {
    const { emulator, main, base } = await mainOnEmulator({ SUBSCRIPTION_POLL_INTERVAL_MS: '100' });
    const document = (name: string) =>
      `subscription { statusChanged(usernames: ["${name}"]) { status } }`;

    const sse = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${adminKey}`,
      },
      body: JSON.stringify({ query: document('alice') }),
    });
    expect(sse.status).toBe(200);
    const sseText = sse.text();

    let wsCompleted = false;
    let wsError: unknown;
    const ws = createClient({
      url: `${base.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${adminKey}` },
      retryAttempts: 0,
    });
    const wsClosed = new Promise<number>((resolve) =>
      ws.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    ws.subscribe(
      { query: document('bob') },
      {
        next: () => {},
        error: (error) => {
          wsError = error;
        },
        complete: () => {
          wsCompleted = true;
        },
      },
    );
    // Both subscriptions are live once one polling round watches both users.
    await until(
      () =>
        emulator.calls
          .usernames('status.batch')
          .some((names) => names.includes('alice') && names.includes('bob')),
      'a round watching alice and bob',
    );

    main.child.kill('SIGTERM');
    expect(await sseText).toMatch(/event: complete\n/);
    expect(await wsClosed).toBe(1001);
    expect(wsCompleted).toBe(true);
    expect(wsError).toBeUndefined();
    expect(await main.exited).toBe(0);
    expect(stoppedLine(main)).toMatchObject({ forced: false });
  });

  it('destroys what is still open when SHUTDOWN_TIMEOUT_MS runs out, and exits 1', async () => {
    const { emulator, main, base } = await mainOnEmulator({ SHUTDOWN_TIMEOUT_MS: '300' });
    emulator.faults.add({ endpoint: 'users.get', kind: 'delay', ms: 20_000, times: 1 });
    const agent = new Agent({ keepAlive: true });
    closers.push(async () => agent.destroy());
    const outcome = query(base, agent, '{ user(username: "alice") { username } }');
    await until(() => emulator.calls.count('users.get') >= 1, 'the call');

    main.child.kill('SIGTERM');
    expect((await outcome).error).toBeDefined();
    expect(await main.exited).toBe(1);
    expect(stoppedLine(main)).toMatchObject({ level: 40, forced: true, inFlight: 1 });
  });
});
