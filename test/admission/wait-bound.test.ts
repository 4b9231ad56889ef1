import { describe, expect, it } from 'vitest';
import { EasemobError } from '../../src/easemob/errors.js';
import { localWindowMargin } from '../../src/easemob/rate-budget.js';
import { toClientError } from '../../src/errors.js';
import { callScope } from '../../src/request-scope.js';
import { startHarness } from '../support/easemob.js';
import { startGraphQL } from '../support/graphql.js';

const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
const seed = { users: users.map((username) => ({ username, password: 'pw' })) };

describe('a call waits for budget at most UPSTREAM_MAX_WAIT_MS', () => {
  it('calls whose wait would pass the bound are refused at once, unsent, saying when to retry', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: { rateBudgets: { appPerSecond: 5, maxWaitMs: 200 } },
    });
    await client.tokens.app();
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => client.users.get(users[i % users.length]!)),
    );
    const elapsed = performance.now() - started;
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const error of refused) {
      expect(error).toBeInstanceOf(EasemobError);
      expect(error).toMatchObject({ code: 'budget_wait_exceeded', status: 0, notSent: true });
      // The next window opens a (stretched) second after the first five left.
      expect(error.retryAfterMs).toBeGreaterThan(200);
      expect(error.retryAfterMs).toBeLessThanOrEqual(1000 * localWindowMargin);
    }
    // Refused without waiting for a window, and without a call.
    expect(elapsed).toBeLessThan(1000);
    expect(emulator.calls.count('users.get')).toBe(5);
    expect(toClientError(refused[0])?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterMs: refused[0].retryAfterMs,
    });
  });

  it('a full local queue is RATE_LIMITED too, not "Easemob is down"', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: { rateBudgets: { appPerSecond: 2, maxQueued: 3, maxWaitMs: 5_000 } },
    });
    await client.tokens.app();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => client.users.get(users[i % users.length]!)),
    );
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    // 2 at once, 3 queued (one window later), 5 refused.
    expect(refused).toHaveLength(5);
    for (const error of refused) {
      expect(error).toMatchObject({ code: 'rate_budget_exhausted', notSent: true });
      expect(toClientError(error)?.extensions?.code).toBe('RATE_LIMITED');
    }
    expect(emulator.calls.count('users.get')).toBe(5);
  });
});

describe('HTTP 429 with Retry-After when every field was refused for budget', () => {
  const query = '{ a: user(username: "alice") { username } b: user(username: "bob") { username } }';

  it('nothing served: 429, Retry-After in whole seconds, RATE_LIMITED with retryAfterMs', async () => {
    const { post, client, emulator } = await startGraphQL({
      emulator: { seed },
      client: { rateBudgets: { appPerSecond: 2, maxWaitMs: 200 }, scope: callScope },
    });
    // The budget of this window is spent.
    await Promise.all([client.users.get('carol'), client.users.get('dave')]);
    const before = emulator.calls.count('users.get');

    const response = await post(query);
    expect(response.status).toBe(429);
    const errors = response.body.errors ?? [];
    expect(errors.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    const waitMs = Math.max(...errors.map((e) => Number(e.extensions?.retryAfterMs)));
    expect(waitMs).toBeGreaterThan(0);
    expect(response.headers.get('retry-after')).toBe(String(Math.ceil(waitMs / 1000)));
    expect(response.body.data).toEqual({ a: null, b: null });
    // The status travels in the HTTP answer, not in the body.
    expect((response.body as { extensions?: unknown }).extensions).toBeUndefined();
    expect(emulator.calls.count('users.get')).toBe(before);
  });

  it('partly served: 200 with the data there is', async () => {
    const { post, client } = await startGraphQL({
      emulator: { seed },
      client: { rateBudgets: { appPerSecond: 2, maxWaitMs: 200 }, scope: callScope },
    });
    await client.users.get('carol');
    const response = await post(query);
    expect(response.status).toBe(200);
    expect(response.headers.get('retry-after')).toBeNull();
    const served = [response.body.data?.a, response.body.data?.b].filter(Boolean);
    expect(served).toHaveLength(1);
    expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
  });
});
