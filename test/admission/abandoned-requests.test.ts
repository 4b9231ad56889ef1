import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { callScope } from '../../src/request-scope.js';
import { startGraphQL } from '../support/graphql.js';
import { sleep, startLiveServer, until } from '../support/live-server.js';

const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
const seed = { users: users.map((username) => ({ username, password: 'pw' })) };
// Five users, five `GET /users/{u}` calls.
const fiveUsers = `{ ${users
  .slice(1)
  .map((u, i) => `u${i}: user(username: "${u}") { username nickname }`)
  .join(' ')} }`;

describe('a request whose caller gave up makes no further Easemob call', () => {
  it('the caller disconnects while its calls wait for budget: they leave the queue, unsent', async () => {
    const server = await startLiveServer({
      emulator: { seed },
      client: { rateBudgets: { appPerSecond: 1, maxWaitMs: 10_000 }, scope: callScope },
    });
    const { client, emulator } = server;
    await client.users.get('alice');
    const before = emulator.calls.count('users.get');

    const controller = new AbortController();
    const request = fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: fiveUsers }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await until(() => client.admission.waiting === 5, 'the five calls to queue');
    controller.abort();
    expect(await request).toMatchObject({ name: 'AbortError' });

    await until(() => client.admission.waiting === 0, 'the queue to empty');
    // Past the moment the budget would have let two of them go.
    await sleep(2_200);
    expect(emulator.calls.count('users.get')).toBe(before);
  });
});

describe('a caller that disconnects mid-query', () => {
  it('is not answered field by field: execution stops, no failure is logged for it', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `user${String(i).padStart(3, '0')}`);
    const lines: string[] = [];
    const logs = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { url, emulator } = await startLiveServer({
      emulator: { seed: { users: names.map((username) => ({ username, password: 'pw' })) } },
      logger: createLogger('debug', logs),
    });
    emulator.faults.add({ endpoint: 'status.batch', kind: 'delay', ms: 1_000, times: 3 });
    const controller = new AbortController();
    const request = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { status } } }',
        variables: { r: names.map((username) => ({ __typename: 'User', username })) },
      }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await until(() => emulator.calls.count('status.batch') === 3, 'the three batch calls');
    controller.abort();
    expect(await request).toMatchObject({ name: 'AbortError' });
    // The held batches are answered after the caller left; whatever the server does with that
    // is done once they are.
    await until(
      () => emulator.calls.list('status.batch').every((call) => call.status !== -1),
      'the batch answers',
    );
    await new Promise((resolve) => setImmediate(resolve));
    // Before: each of the 300 fields failed (REQUEST_TIMEOUT, caller_gone) and was logged.
    expect(lines.filter((line) => line.includes('"request failed"'))).toEqual([]);
    expect(emulator.calls.count('status.batch')).toBe(3);
  });
});

describe('REQUEST_TIMEOUT_MS bounds every request', () => {
  it('at the deadline the waiting fields fail with REQUEST_TIMEOUT at once, and are never sent', async () => {
    const { post, client, emulator } = await startGraphQL({
      emulator: { seed },
      client: { rateBudgets: { appPerSecond: 1, maxWaitMs: 10_000 }, scope: callScope },
      server: { admission: { requestTimeoutMs: 300 } },
    });
    await client.users.get('alice');
    const before = emulator.calls.count('users.get');

    const started = performance.now();
    const response = await post(fiveUsers);
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    const codes = (response.body.errors ?? []).map((e) => e.extensions?.code);
    expect(codes).toEqual(Array(5).fill('REQUEST_TIMEOUT'));
    expect(Object.values(response.body.data ?? {})).toEqual(Array(5).fill(null));
    // Answered at the deadline, not when the budget would have served it (4+ s).
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_500);
    expect(client.admission.waiting).toBe(0);
    await sleep(1_200);
    expect(emulator.calls.count('users.get')).toBe(before);
  });

  it('a message already on the wire is not cut off: its outcome is the answer, with no retry', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      client: { rateBudgets: { appPerSecond: 100 }, scope: callScope },
      server: { admission: { requestTimeoutMs: 200 } },
    });
    emulator.faults.add({ endpoint: 'messages.send', kind: 'delay', ms: 600, times: 1 });
    const started = performance.now();
    const response = await post(
      'mutation { sendMessage(input: { targetType: USERS, targets: ["bob"], from: "alice", message: { text: "hi" } }) { results { success } } }',
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.sendMessage.results).toEqual([{ success: true }]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(550);
    expect(emulator.calls.count('messages.send')).toBe(1);
    expect(emulator.state.sentMessages).toHaveLength(1);
  });
});
