import { describe, expect, it } from 'vitest';
import { bearer, testAuth, userToken } from '../support/auth.js';
import { postJson } from '../support/http.js';
import { sse } from '../support/live-server.js';
import { startFederation } from './harness.js';

const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `user${String(i).padStart(3, '0')}`);
const buyers = names(300);

const seed = {
  users: [
    { username: 'alice', password: 'pw', nickname: 'Alice' },
    ...buyers.map((username) => ({ username, password: 'pw' })),
  ],
  online: ['alice', 'user007', 'user250'],
};

describe('through Hive Gateway, composed with an orders subgraph', () => {
  it('a user from this API gains orders from the other subgraph', async () => {
    const { query, emulator } = await startFederation({ emulator: { seed } });
    emulator.calls.reset();
    const response = await query(
      '{ user(username: "alice") { username nickname status orders { id } } }',
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        user: {
          username: 'alice',
          nickname: 'Alice',
          status: 'ONLINE',
          orders: [{ id: 'alice-1' }, { id: 'alice-2' }],
        },
      },
    });
    expect(emulator.calls.count('users.get')).toBe(1);
    expect(emulator.calls.count('status.batch')).toBe(1);
    expect(emulator.calls.count('status.get')).toBe(0);
  });

  it("300 buyers' statuses cost 3 batch-status calls and no per-user read", async () => {
    const { query, emulator } = await startFederation({ emulator: { seed }, buyers });
    emulator.calls.reset();
    const response = await query('{ orders(count: 300) { id buyer { username status } } }');
    expect(response.body.errors).toBeUndefined();
    const orders = response.body.data.orders as {
      id: string;
      buyer: { username: string; status: string };
    }[];
    expect(orders).toHaveLength(300);
    expect(orders[0]).toEqual({ id: 'order-0', buyer: { username: 'user000', status: 'OFFLINE' } });
    expect(orders[7]).toEqual({ id: 'order-7', buyer: { username: 'user007', status: 'ONLINE' } });
    expect(orders[250]!.buyer).toEqual({ username: 'user250', status: 'ONLINE' });
    expect(orders.filter((o) => o.buyer.status === 'ONLINE')).toHaveLength(2);
    expect(new Set(orders.map((o) => o.buyer.username)).size).toBe(300);

    expect(emulator.calls.count('status.batch')).toBe(3);
    const batches = emulator.calls.usernames('status.batch');
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 100]);
    expect(new Set(batches.flat()).size).toBe(300);
    expect(emulator.calls.count('users.get')).toBe(0);
    expect(emulator.calls.count('status.get')).toBe(0);
  });
});

describe('the upstream call limit through the gateway', () => {
  it("300 buyers' nicknames (300 profile reads) are refused by this subgraph before any call", async () => {
    const { query, emulator } = await startFederation({ emulator: { seed }, buyers });
    emulator.calls.reset();
    const response = await query('{ orders(count: 300) { id buyer { nickname } } }');
    const codes = (response.body.errors as { extensions?: Record<string, unknown> }[]).map(
      (error) => error.extensions,
    );
    expect(codes).toContainEqual(
      expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', estimatedCalls: 300, limit: 50 }),
    );
    expect(emulator.calls.count()).toBe(0);
  });
});

describe('authorization through the gateway', () => {
  it('the forwarded Authorization header decides, as it would calling this API directly', async () => {
    const { query, emulator } = await startFederation({
      emulator: { seed },
      server: { auth: testAuth() },
      buyers,
    });
    const alice = bearer(await userToken('alice'));

    const own = await query('{ user(username: "alice") { nickname status orders { id } } }', alice);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.user).toEqual({
      nickname: 'Alice',
      status: 'ONLINE',
      orders: [{ id: 'alice-1' }, { id: 'alice-2' }],
    });

    // Another user's public status: allowed while PUBLIC_PROFILES is on, through `_entities` too.
    const others = await query('{ orders(count: 3) { buyer { username status } } }', alice);
    expect(others.body.errors).toBeUndefined();
    expect(others.body.data.orders).toHaveLength(3);

    // Another user's private data is not.
    emulator.calls.reset();
    const secret = await query('{ orders(count: 1) { buyer { offlineCount } } }', alice);
    expect(secret.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(emulator.calls.count('offline.count')).toBe(0);

    emulator.calls.reset();
    const anonymous = await query('{ orders(count: 5) { id buyer { username status } } }');
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.data?.orders ?? null).toBeNull();
    expect(emulator.calls.count('status.batch')).toBe(0);
  });

  it('a gateway that does not forward Authorization gets anonymous answers', async () => {
    const { query, emulator } = await startFederation({
      emulator: { seed },
      server: { auth: testAuth() },
      forwardAuthorization: false,
    });
    emulator.calls.reset();
    const response = await query(
      '{ user(username: "alice") { nickname } }',
      bearer(await userToken('alice')),
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(emulator.calls.count()).toBe(0);
  });
});

describe('subscriptions through the gateway', () => {
  it('messageSent reaches a subscriber of the gateway over SSE (the gateway sends the CSRF header)', async () => {
    const { gatewayUrl, query, realtime } = await startFederation({
      emulator: { seed },
    });
    const subscription = await sse(
      gatewayUrl,
      'subscription { messageSent(username: "alice") { from { username } target success message } }',
    );
    expect(subscription.status).toBe(200);
    // The gateway has subscribed at this API before the message goes out.
    await realtime.whenListening('messageSent', 1);

    const sent = await query(
      'mutation { sendMessage(input: { targetType: USERS, from: "user001", targets: ["alice"], message: { text: "hi" } }) { results { success } } }',
    );
    expect(sent.body.errors).toBeUndefined();
    const [event] = await subscription.waitFor(1);
    expect(event).toEqual({
      data: {
        messageSent: {
          from: { username: 'user001' },
          target: 'alice',
          success: true,
          message: { type: 'txt', msg: 'hi' },
        },
      },
    });
    subscription.close();
  });

  it("without the CSRF header the subgraph refuses the gateway's SSE GET (why gateway.config.ts sends it)", async () => {
    const { gatewayUrl } = await startFederation({
      emulator: { seed },
      forwardAuthorization: false,
    });
    const subscription = await sse(
      gatewayUrl,
      'subscription { messageSent(username: "alice") { target } }',
    );
    const [event] = await subscription.waitFor(1);
    expect(JSON.stringify(event)).toContain('Required CSRF header(s) not present');
    subscription.close();
  });
});

describe("this API's error codes reach the gateway's caller", () => {
  const codesOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    (body.errors ?? []).map((error) => error.extensions?.code);

  it('a bad argument is BAD_USER_INPUT, not DOWNSTREAM_SERVICE_ERROR', async () => {
    const { query, emulator } = await startFederation({ emulator: { seed } });
    emulator.calls.reset();
    const response = await query('{ users(first: 1000) { edges { node { username } } } }');
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: 'invalid first: must be at most 100',
        extensions: { code: 'BAD_USER_INPUT', field: 'first', serviceName: 'easemob' },
      }),
    ]);
    expect(emulator.calls.count()).toBe(0);
  });

  it('a value only this API refuses (a one-of message with no kind) keeps BAD_USER_INPUT though it answers HTTP 400', async () => {
    const { gatewayUrl, subgraphUrl } = await startFederation({ emulator: { seed } });
    const request = {
      query:
        'mutation($m: MessageInput!) { sendMessage(input: { targetType: USERS, targets: ["alice"], message: $m }) { results { success } } }',
      variables: { m: {} },
    };
    // The supergraph has no @oneOf: the gateway accepts the value and this API refuses it.
    const direct = await postJson(subgraphUrl, request, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(direct.status).toBe(400);
    const through = await postJson(gatewayUrl, request);
    expect(codesOf(through.body)).toEqual(['BAD_USER_INPUT']);
    expect(through.body.errors[0].extensions.serviceName).toBe('easemob');
  });

  it('an invalid username in a subscription is BAD_USER_INPUT over SSE too', async () => {
    const { gatewayUrl } = await startFederation({ emulator: { seed } });
    const subscription = await sse(
      gatewayUrl,
      'subscription { statusChanged(usernames: ["Not A Name!"]) { status } }',
    );
    const [event] = await subscription.waitFor(1);
    expect(codesOf(event as { errors?: { extensions?: Record<string, unknown> }[] })).toEqual([
      'BAD_USER_INPUT',
    ]);
    subscription.close();
  });
});
