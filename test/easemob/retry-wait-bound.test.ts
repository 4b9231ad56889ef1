import { describe, expect, it } from 'vitest';
import { toClientError } from '../../src/errors.js';
import { rejectionOf, startHarness } from '../support/easemob.js';

const seed = { users: [{ username: 'alice', password: 'pw' }] };

/** When the emulator received each `users.get`, from the first, and what it answered. */
const gets = (emulator: Awaited<ReturnType<typeof startHarness>>['emulator']) => {
  const calls = emulator.calls.list('users.get');
  return calls.map((c) => ({ afterMs: c.at - calls[0]!.at, status: c.status }));
};

describe('a 429 is waited out within the caller’s wait bound, never past it', () => {
  it('a Retry-After longer than what is left of the bound: RATE_LIMITED at once, no retry', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      // The retry budget (5 s) would allow the wait; the wait bound (500 ms) does not.
      client: { rateBudgets: { maxWaitMs: 500 } },
    });
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 429, retryAfter: 1 });
    const started = performance.now();
    const error = await rejectionOf(client.users.get('alice'));
    // Not the second Retry-After asked for.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(toClientError(error)?.extensions?.code).toBe('RATE_LIMITED');
    expect(gets(emulator)).toEqual([{ afterMs: 0, status: 429 }]);
  });

  it('backoff pauses after 429s spend the bound: retried until it is gone, then refused', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: {
        rateBudgets: { maxWaitMs: 500 },
        retry: { maxRetries: 5, initialDelayMs: 300, maxDelayMs: 300 },
      },
    });
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 429 });
    const error = await rejectionOf(client.users.get('alice'));
    expect(toClientError(error)?.extensions?.code).toBe('RATE_LIMITED');
    const seen = gets(emulator);
    // Paused at most 500 ms in all (jitter may make it fewer retries, never a later one).
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThan(6);
    expect(seen.at(-1)!.afterMs).toBeLessThan(500 + 250);
  });

  it('the retry waits for budget like any call, with what the pause left of the bound', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      // One call a (stretched) second: the retry's slot is ~1.2 s after the first attempt left.
      client: {
        rateBudgets: { appPerSecond: 1, maxWaitMs: 1_000 },
        retry: { initialDelayMs: 800, maxDelayMs: 800 },
      },
    });
    await client.tokens.app();
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 429, times: 1 });
    const error = await rejectionOf(client.users.get('alice'));
    // 800 ms paused (or less: jitter) + ~400 ms for the next slot > 1,000: refused, not sent.
    expect(error).toMatchObject({ code: 'budget_wait_exceeded' });
    expect(toClientError(error)?.extensions?.code).toBe('RATE_LIMITED');
    expect(gets(emulator)).toEqual([{ afterMs: 0, status: 429 }]);
  });
});
