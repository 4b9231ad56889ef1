import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/easemob.js';

const users = ['alice', 'bob', 'carol'];
const seed = { users: users.map((username) => ({ username, password: 'pw' })) };

describe('the budget counts a call until its answer, as late as Easemob may have counted it', () => {
  it('calls the server counts late (a busy loop on its side) do not let the next window in early', async () => {
    const { client, emulator } = await startHarness({
      // Easemob's own count: 2 calls in any second, from when each reaches its limiter.
      emulator: { seed, rateLimits: { 'users.get': { limit: 2, windowMs: 1000 } } },
      // Any 429 fails its call: none may happen.
      client: { rateBudgets: { appPerSecond: 2, maxWaitMs: 5_000 }, retry: { maxRetries: 0 } },
    });
    await client.tokens.app();
    // The first two reach the emulator's limiter 700 ms after they left. Counted from when they
    // left, the third would leave one (stretched) window later, 500 ms after they were counted.
    emulator.faults.add({ endpoint: 'users.get', kind: 'delay', ms: 700, times: 2 });
    const results = await Promise.allSettled(users.map((name) => client.users.get(name)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(emulator.calls.list('users.get').map((c) => c.status)).toEqual([200, 200, 200]);
  });
});
