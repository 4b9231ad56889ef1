import { describe, expect, it } from 'vitest';
import { connectFleet } from '../../src/fleet/fleet.js';
import { easemobReadiness, redisReadiness } from '../../src/ops/health.js';
import { createYogaApp } from '../../src/yoga-app.js';
import { testAuth } from '../support/auth.js';
import { startGraphQL } from '../support/graphql.js';
import { sleep, startLiveServer } from '../support/live-server.js';
import { startRedis } from '../support/redis.js';

type Yoga = Awaited<ReturnType<typeof startGraphQL>>['yoga'];

async function probe(yoga: Yoga, path: '/healthz' | '/readyz') {
  const response = await yoga.fetch(`http://localhost${path}`);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('/healthz', () => {
  it('answers 200 {"status":"ok"} without calling Easemob', async () => {
    const { yoga, emulator } = await startGraphQL({ server: { auth: testAuth() } });
    const answer = await probe(yoga, '/healthz');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ status: 'ok' });
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(emulator.calls.count()).toBe(0);
  });

  it('answers while Easemob is down', async () => {
    const { yoga, emulator } = await startGraphQL();
    await emulator.close();
    expect((await probe(yoga, '/healthz')).status).toBe(200);
  });

  it('is served over real HTTP to a plain GET (no CSRF header, no credentials)', async () => {
    const { url } = await startLiveServer({ server: { auth: testAuth() } });
    const base = url.replace(/\/graphql$/, '');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok' });
  });
});

describe('/readyz', () => {
  it('answers 200 when an app token can be had from the emulator', async () => {
    const { yoga, emulator } = await startGraphQL();
    const answer = await probe(yoga, '/readyz');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ status: 'ok' });
    expect(emulator.calls.count('token')).toBe(1);
  });

  it('a cached valid token counts: no token request', async () => {
    const { yoga, emulator, client } = await startGraphQL();
    await client.tokens.app();
    const before = emulator.calls.count('token');
    expect((await probe(yoga, '/readyz')).status).toBe(200);
    expect(emulator.calls.count('token')).toBe(before);
  });

  it('answers 503 naming the reason when Easemob cannot be reached', async () => {
    const { yoga, emulator } = await startGraphQL();
    await emulator.close();
    const answer = await probe(yoga, '/readyz');
    expect(answer.status).toBe(503);
    const body = JSON.parse(answer.text);
    expect(body.status).toBe('unavailable');
    expect(body.reason).toMatch(/^easemob: unreachable \(ECONNREFUSED\)$/);
  });

  it('answers 503 when Easemob refuses the credentials, without naming the secret', async () => {
    const secret = 'wrong-client-secret-value-123';
    const { yoga, emulator } = await startGraphQL({ client: { clientSecret: secret } });
    const answer = await probe(yoga, '/readyz');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text)).toEqual({
      status: 'unavailable',
      reason: 'easemob: app credentials refused (HTTP 400 invalid_grant)',
    });
    expect(answer.text).not.toContain(secret);
    expect(answer.text).not.toContain(emulator.clientSecret);
    expect(answer.text).not.toContain('client_secret');
  });

  it('answers 503 while the circuit breaker is open, and 200 once a trial call succeeds', async () => {
    const { yoga, emulator, client } = await startGraphQL({
      client: {
        circuitBreaker: { minCalls: 2, halfOpenAfterMs: 300 },
        retry: { maxRetries: 0 },
      },
      server: { health: { cacheMs: 0 } },
    });
    await client.tokens.app();
    const fault = emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503 });
    for (let i = 0; i < 2; i++) await client.users.get('alice').catch(() => {});
    expect(client.circuit.state).toBe('open');

    const answer = await probe(yoga, '/readyz');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text)).toEqual({
      status: 'unavailable',
      reason: 'easemob: circuit breaker open (recent calls to Easemob failed)',
    });
    // Before the trial is due the probe sends nothing.
    expect(emulator.calls.count('users.get')).toBe(2);

    // Easemob recovers; nothing else calls it, so the probe makes the trial call itself.
    emulator.faults.remove(fault);
    await sleep(350);
    const recovered = await probe(yoga, '/readyz');
    expect(recovered.status).toBe(200);
    expect(client.circuit.state).toBe('closed');
  });

  it('a burst of 50 concurrent probes costs at most one token request', async () => {
    const { yoga, emulator } = await startGraphQL();
    const answers = await Promise.all(Array.from({ length: 50 }, () => probe(yoga, '/readyz')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(emulator.calls.count('token')).toBeLessThanOrEqual(1);
    expect(emulator.calls.count()).toBeLessThanOrEqual(1);
  });

  it('reuses a result for a moment: a probe storm against a dead Easemob sends nothing more', async () => {
    const { yoga, emulator } = await startGraphQL({
      emulator: { clientSecret: 'the-real-secret-of-this-app' },
      client: { clientSecret: 'not-the-real-secret' },
    });
    const first = await probe(yoga, '/readyz');
    expect(first.status).toBe(503);
    const calls = emulator.calls.count('token');
    const again = await Promise.all(Array.from({ length: 20 }, () => probe(yoga, '/readyz')));
    expect(again.every((a) => a.status === 503)).toBe(true);
    expect(emulator.calls.count('token')).toBe(calls);
  });

  it('fails a check that takes too long, naming it', async () => {
    const { yoga } = await startGraphQL({
      server: {
        health: {
          timeoutMs: 100,
          checks: [
            { name: 'slow', check: () => new Promise((resolve) => setTimeout(resolve, 1000)) },
          ],
        },
      },
    });
    const answer = await probe(yoga, '/readyz');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text).reason).toBe('slow: no answer within 100 ms');
  });

  it('does not publish what an unexpected failure says', async () => {
    const { yoga } = await startGraphQL({
      server: {
        health: {
          checks: [
            {
              name: 'odd',
              check: () => Promise.reject(new Error('password=hunter2 at /etc/secret')),
            },
          ],
        },
      },
    });
    const answer = await probe(yoga, '/readyz');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text).reason).toBe('odd: check failed');
  });

  it('with Redis configured, pings it too', async () => {
    const redis = await startRedis();
    try {
      const fleet = await connectFleet(redis.url, `health-${Date.now()}`);
      const { client } = await startGraphQL();
      // As main.ts wires it when REDIS_URL is set.
      const withRedis = createYogaApp({
        easemob: client,
        health: {
          cacheMs: 0,
          checks: [easemobReadiness(client), redisReadiness(() => fleet.ping())],
        },
      });
      expect((await probe(withRedis, '/readyz')).status).toBe(200);

      await fleet.close();
      const answer = await probe(withRedis, '/readyz');
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.text)).toEqual({
        status: 'unavailable',
        reason: 'redis: unreachable',
      });
      expect(answer.text).not.toContain(redis.url);
    } finally {
      await redis.stop();
    }
  });
});
