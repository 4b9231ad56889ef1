import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/easemob.js';

describe('client-side rate budgets', () => {
  it('queues calls to stay under the budget instead of provoking 429s', async () => {
    const { client, emulator } = await startHarness({
      emulator: { rateLimits: { 'status.batch': { limit: 5, windowMs: 1000 } } },
      client: {
        // 12 calls at 5/s take over 2 s: the wait bound must allow it.
        rateBudgets: { appPerSecond: 100, batchStatusPerSecond: 5, maxWaitMs: 5_000 },
        // Retries would hide 429s; with none, any 429 fails the call.
        retry: { maxRetries: 0 },
      },
    });
    const started = Date.now();
    await Promise.all(Array.from({ length: 12 }, (_, i) => client.status.getMany([`u${i}`])));
    const statuses = emulator.calls.list('status.batch').map((c) => c.status);
    expect(statuses).toHaveLength(12);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // 12 calls at 5 per second need at least two further windows.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });

  it('without a budget the same burst is refused by the emulator', async () => {
    const { client, emulator } = await startHarness({
      emulator: { rateLimits: { 'status.batch': { limit: 5, windowMs: 1000 } } },
      client: { rateBudgets: false, retry: { maxRetries: 0 } },
    });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => client.status.getMany([`u${i}`])),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(7);
    expect(emulator.calls.list('status.batch').filter((c) => c.status === 429)).toHaveLength(7);
  });
});
