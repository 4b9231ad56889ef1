import { describe, expect, it } from 'vitest';
import type { CircuitState } from '../../src/easemob/circuit-breaker.js';
import { EasemobError } from '../../src/easemob/errors.js';
import type { FaultAction } from '../../src/emulator/faults.js';
import { manualClock, seededRandom } from '../support/clock.js';
import { rejectionOf, startHarness } from '../support/easemob.js';
import { startGraphQL, uncached } from '../support/graphql.js';
import { report, runConcurrently, sleep, timed } from '../support/load.js';

const seed = {
  users: [
    { username: 'alice', password: 'pw', nickname: 'Alice' },
    { username: 'bob', password: 'pw' },
  ],
  contacts: [['alice', 'bob']] as [string, string][],
};

// 1 attempt + 3 retries per call. The breaker opens once the window holds 7 attempts and more than
// half failed: after 2 successes (the token and a first call), at the 5th failure.
const breaker = { failureRate: 0.5, minCalls: 7, windowMs: 5_000, halfOpenAfterMs: 500 };
const options = { retry: { maxRetries: 3 }, circuitBreaker: breaker, timeoutMs: 300 };

async function openCircuit(fault: FaultAction) {
  const harness = await startHarness({ emulator: { seed }, client: options });
  const transitions: CircuitState[] = [];
  harness.client.circuit.onStateChange((state) => transitions.push(state));
  await harness.client.users.get('alice'); // the token is cached from here on
  harness.emulator.calls.reset();
  harness.emulator.faults.add({ endpoint: '*', ...fault });
  // 4 failed attempts: still closed, and the call reports Easemob's own failure.
  const first = await rejectionOf(harness.client.users.get('alice'));
  expect(first).toMatchObject({ endpoint: 'users.get' });
  expect(first).not.toMatchObject({ code: 'circuit_open' });
  expect(harness.client.circuit.state).toBe('closed');
  // The 5th failed attempt opens the circuit; the retry after it is refused without being sent.
  const second = await rejectionOf(harness.client.users.get('alice'));
  expect(second).toMatchObject({ code: 'circuit_open' });
  expect(harness.emulator.calls.count()).toBe(5);
  expect(harness.client.circuit.state).toBe('open');
  expect(transitions).toEqual(['open']);
  return { ...harness, transitions };
}

describe('circuit breaker in the client', () => {
  it.each<[string, FaultAction]>([
    ['503', { kind: 'status', status: 503 }],
    ['500', { kind: 'status', status: 500 }],
    ['connection reset', { kind: 'reset' }],
    ['timeout', { kind: 'delay', ms: 600 }],
  ])(
    '%s on every call: opens after 5 failed attempts, then fails fast sending nothing',
    async (_name, fault) => {
      const { client, emulator } = await openCircuit(fault);
      const { value: errors, ms } = await timed(() =>
        Promise.all(Array.from({ length: 20 }, () => rejectionOf(client.status.get('alice')))),
      );
      for (const error of errors) {
        expect(error).toBeInstanceOf(EasemobError);
        expect(error).toMatchObject({
          status: 0,
          code: 'circuit_open',
          retryable: true,
          notSent: true,
          endpoint: 'status.get',
        });
        expect((error as EasemobError).description).toMatch(/Easemob is unavailable/);
      }
      expect(emulator.calls.count()).toBe(5);
      expect(ms).toBeLessThan(250);
    },
  );

  it('refuses a message while open: not sent, so not delivered', async () => {
    const { client, emulator } = await openCircuit({ kind: 'status', status: 503 });
    const hello = { targetType: 'users' as const, targets: ['bob'], from: 'alice' };
    const error = await rejectionOf(
      client.messages.send({ ...hello, message: { type: 'txt', msg: 'hello' } }),
    );
    expect(error).toMatchObject({ code: 'circuit_open', notSent: true, endpoint: 'messages.send' });
    expect(emulator.calls.count('messages.send')).toBe(0);
    expect(emulator.state.sentMessages).toHaveLength(0);
  });

  it('lets one trial call through after halfOpenAfter and closes when it succeeds', async () => {
    const { client, emulator, transitions } = await openCircuit({ kind: 'status', status: 503 });
    emulator.faults.clear();
    await sleep(breaker.halfOpenAfterMs + 50);
    // The trial is slow; the calls arriving meanwhile wait for its outcome instead of going out.
    emulator.faults.add({ endpoint: 'users.get', kind: 'delay', ms: 200, times: 1 });
    const users = await Promise.all(
      ['alice', 'bob', 'alice', 'bob', 'alice'].map((u) => client.users.get(u)),
    );
    expect(users.map((u) => u.username)).toEqual(['alice', 'bob', 'alice', 'bob', 'alice']);
    expect(transitions).toEqual(['open', 'halfOpen', 'closed']);
    const [trial, ...rest] = emulator.calls.list('users.get').slice(5);
    expect(rest).toHaveLength(4);
    for (const call of rest) expect(call.at - trial!.at).toBeGreaterThanOrEqual(150);
    expect(client.circuit.state).toBe('closed');
  });

  it('opens again when the trial call fails, after exactly one upstream call', async () => {
    const { client, emulator, transitions } = await openCircuit({ kind: 'status', status: 503 });
    await sleep(breaker.halfOpenAfterMs + 50);
    const errors = await Promise.all(
      Array.from({ length: 5 }, () => rejectionOf(client.users.get('alice'))),
    );
    // The trial was answered 503; its retry and the 4 calls waiting for it were refused unsent.
    expect(emulator.calls.count()).toBe(6);
    expect(emulator.calls.list().at(-1)!.status).toBe(503);
    for (const error of errors) expect(error).toMatchObject({ code: 'circuit_open' });
    expect(transitions).toEqual(['open', 'halfOpen', 'open']);
    // The new open period starts at the failed trial: no call goes out before it ends.
    await rejectionOf(client.users.get('alice'));
    expect(emulator.calls.count()).toBe(6);
  });

  it('counts 429 and other 4xx answers as successes; they prove Easemob is up', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed }, client: options });
    await client.users.get('alice');
    emulator.calls.reset();
    // Three calls throttled on every attempt: 12 consecutive 429s.
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 429, times: 12 });
    for (let i = 0; i < 3; i++) {
      expect(await rejectionOf(client.users.get('alice'))).toMatchObject({ status: 429 });
    }
    for (let i = 0; i < 10; i++) {
      expect(await rejectionOf(client.users.get('nobody'))).toMatchObject({ status: 404 });
    }
    // 8 × 503 of 33 attempts: closed. Had the 12 × 429 counted as failures, 20 of 33 would open it.
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503, times: 4 });
    await rejectionOf(client.users.get('alice'));
    await rejectionOf(client.users.get('nobody'));
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503, times: 4 });
    await rejectionOf(client.users.get('alice'));
    expect(emulator.calls.count()).toBe(12 + 10 + 4 + 1 + 4);
    expect(client.circuit.state).toBe('closed');
  });

  it('counts token requests too, and can be turned off', async () => {
    const clock = manualClock();
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: { ...options, token: { now: clock.now } },
    });
    emulator.faults.add({ endpoint: 'token', kind: 'status', status: 502 });
    await rejectionOf(client.users.get('alice'));
    // The token cache holds the failure for a second (by its clock): move past it before the
    // next token request.
    clock.advance(1_050);
    // 4 failed token attempts, then 3 more: the 7th opens the circuit, the last retry is refused.
    expect(await rejectionOf(client.users.get('alice'))).toMatchObject({ code: 'circuit_open' });
    expect(emulator.calls.count('token')).toBe(7);
    expect(emulator.calls.count('users.get')).toBe(0);

    const off = await startHarness({
      emulator: { seed },
      client: { ...options, circuitBreaker: false },
    });
    off.emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503 });
    for (let i = 0; i < 3; i++) await rejectionOf(off.client.users.get('alice'));
    expect(off.emulator.calls.count('users.get')).toBe(12);
    expect(off.client.circuit).toMatchObject({ enabled: false, state: 'closed' });
  });
});

describe('circuit breaker through GraphQL', () => {
  const profile = '{ user(username: "alice") { username nickname } }';
  const card = `query Card($u: String!) {
    user(username: $u) { username nickname status offlineCount contacts { username status } }
  }`;
  const aliceCard = {
    user: {
      username: 'alice',
      nickname: 'Alice',
      status: 'OFFLINE',
      offlineCount: 0,
      contacts: [{ username: 'bob', status: 'OFFLINE' }],
    },
  };

  it('answers UPSTREAM_UNAVAILABLE fast with no upstream call, then recovers on its own', async () => {
    const { run, emulator, client } = await startGraphQL({
      emulator: { seed },
      client: options,
      // Every read reaches Easemob; the cache would answer alice's card without it.
      reads: uncached,
    });
    expect(await run(card, { u: 'alice' })).toEqual({ data: aliceCard });
    emulator.calls.reset();
    emulator.faults.add({ endpoint: '*', kind: 'status', status: 503 });

    const failed = await run(profile);
    expect(failed.errors?.map((e) => e.extensions)).toEqual([
      {
        code: 'UPSTREAM_UNAVAILABLE',
        // A 503 may come after Easemob did the work: not notSent.
        upstream: { status: 503, code: 'service_unavailable', retryable: true, notSent: false },
      },
    ]);
    const opened = await run(profile);
    expect(opened.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    // The card's 5 successful calls are in the window: the 6th failure (of 11 attempts) opens it.
    const failedAttempts = 6;
    expect(emulator.calls.count()).toBe(failedAttempts);
    expect(client.circuit.state).toBe('open');

    const { value: answers, ms } = await timed(() =>
      Promise.all(Array.from({ length: 20 }, () => run(card, { u: 'alice' }))),
    );
    for (const answer of answers) {
      expect(answer.data).toEqual({ user: null });
      expect(answer.errors).toEqual([
        {
          message: 'Easemob is unavailable (circuit_open)',
          locations: expect.any(Array),
          path: ['user'],
          extensions: {
            code: 'UPSTREAM_UNAVAILABLE',
            upstream: { status: 0, code: 'circuit_open', retryable: true, notSent: true },
          },
        },
      ]);
    }
    expect(emulator.calls.count()).toBe(failedAttempts);
    expect(ms).toBeLessThan(1_000);

    emulator.faults.clear();
    await sleep(breaker.halfOpenAfterMs + 50);
    // One trial call (the profile) goes out; the rest of the operation follows once it succeeded.
    expect(await run(card, { u: 'alice' })).toEqual({ data: aliceCard });
    expect(client.circuit.state).toBe('closed');
    expect(emulator.calls.count()).toBe(failedAttempts + 4);
  });
});

describe('a failure-rate breaker, blind to our own connection pool', () => {
  const timeoutMs = 200;

  it('30% of calls slowed past the timeout, 300 calls, 16 at a time over 4 connections: ≥ 70% succeed, the breaker stays closed', async () => {
    const { client, emulator } = await startHarness({
      // Seeded draws: the same calls are slow on every run.
      emulator: { seed, random: seededRandom(30) },
      client: {
        timeoutMs,
        maxConnections: 4,
        retry: { maxRetries: 1 },
        // The default breaker (rate, window, minimum calls); a short open period only in case.
        circuitBreaker: { halfOpenAfterMs: 500 },
      },
    });
    await client.users.get('alice');
    const transitions: CircuitState[] = [];
    client.circuit.onStateChange((state) => transitions.push(state));
    emulator.faults.add({
      endpoint: 'users.get',
      kind: 'delay',
      ms: 2 * timeoutMs,
      probability: 0.3,
    });
    // Four times as many callers as connections: slow answers hold connections, the rest wait for
    // one. That wait is not Easemob's: counted against it, it made runs of "timeouts" that opened
    // a consecutive-failures breaker (5–8% of the calls succeeded then; 80% now).
    const outcomes = await runConcurrently(300, 16, () =>
      client.users.get('alice').then(
        () => 'ok',
        (error: EasemobError) => error.code,
      ),
    );
    const tally: Record<string, number> = {};
    for (const outcome of outcomes) tally[outcome] = (tally[outcome] ?? 0) + 1;
    report('circuit 30% slow', {
      ...tally,
      openings: transitions.filter((t) => t === 'open').length,
    });
    expect(transitions).toEqual([]);
    expect(tally.circuit_open).toBeUndefined();
    expect(tally.ok).toBeGreaterThanOrEqual(0.7 * 300);
  });

  it('503 on every call: opens once the window holds the minimum of calls, then fails fast; recovers after half-open', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: {
        retry: { maxRetries: 0 },
        circuitBreaker: { failureRate: 0.5, minCalls: 10, windowMs: 5_000, halfOpenAfterMs: 300 },
      },
    });
    const transitions: CircuitState[] = [];
    client.circuit.onStateChange((state) => transitions.push(state));
    await client.tokens.app(); // one success in the window
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503 });
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      codes.push(((await rejectionOf(client.users.get('alice'))) as EasemobError).code);
    }
    // Fewer than 10 attempts in the window: closed, however many failed. The 9th failure makes 10.
    expect(codes.slice(0, 9)).toEqual(Array(9).fill('service_unavailable'));
    expect(codes.slice(9)).toEqual(Array(3).fill('circuit_open'));
    expect(emulator.calls.count('users.get')).toBe(9);
    expect(transitions).toEqual(['open']);

    // Open: 20 more calls, none of them reaches Easemob.
    const more = await Promise.all(
      Array.from({ length: 20 }, () => rejectionOf(client.users.get('alice'))),
    );
    for (const error of more) expect(error).toMatchObject({ code: 'circuit_open', notSent: true });
    expect(emulator.calls.count('users.get')).toBe(9);

    // Easemob recovers; after the open period one trial call closes the circuit.
    emulator.faults.clear();
    await sleep(350);
    await expect(client.users.get('alice')).resolves.toMatchObject({ username: 'alice' });
    expect(transitions).toEqual(['open', 'halfOpen', 'closed']);
    expect(emulator.calls.count('users.get')).toBe(10);
  });

  it('calls waiting for one of 2 connections do not open the breaker: refused unsent, never sent', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: {
        timeoutMs,
        maxConnections: 2,
        retry: { maxRetries: 0 },
        circuitBreaker: { failureRate: 0.5, minCalls: 5, windowMs: 5_000, halfOpenAfterMs: 5_000 },
      },
    });
    await client.users.get('alice');
    emulator.calls.reset();
    const transitions: CircuitState[] = [];
    client.circuit.onStateChange((state) => transitions.push(state));
    // Easemob answers in 150 ms, well within the timeout: 2 calls at a time, each holding a
    // connection for 150 ms; 20 concurrent calls queue for them.
    emulator.faults.add({ endpoint: 'users.get', kind: 'delay', ms: 150 });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        client.users.get('alice').then(
          () => ({ code: 'ok', notSent: false }),
          (error: EasemobError) => ({ code: error.code, notSent: error.notSent }),
        ),
      ),
    );
    const ok = outcomes.filter((o) => o.code === 'ok').length;
    const waited = outcomes.filter((o) => o.code === 'connection_wait_exceeded');
    report('circuit pool wait', { ok, waited: waited.length });
    // Every call either was answered or waited its whole bound for a connection and was refused,
    // unsent: none timed out on Easemob's account, and the breaker saw only successes.
    expect(ok + waited.length).toBe(20);
    expect(ok).toBeGreaterThanOrEqual(2);
    expect(waited.length).toBeGreaterThanOrEqual(5);
    for (const refusal of waited) expect(refusal.notSent).toBe(true);
    expect(emulator.calls.count('users.get')).toBe(ok);
    expect(transitions).toEqual([]);
    expect(client.circuit.state).toBe('closed');
  });
});
