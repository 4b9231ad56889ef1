import { describe, expect, it } from 'vitest';
import { pacedBurst, windowMargin } from '../../src/easemob/rate-budget.js';
import { rejectionOf, startHarness } from '../support/easemob.js';

const users = Array.from({ length: 30 }, (_, i) => `u${i}`);
const seed = { users: users.map((username) => ({ username, password: 'pw' })) };

describe('a window’s calls leave paced, not as one burst', () => {
  it('10 of the app’s 100 a second at once; the next waits a tenth of a window, not a whole one', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      // A bound shorter than a tenth of a window: what cannot leave with the first ten is refused.
      client: { rateBudgets: { appPerSecond: 100, maxWaitMs: 50 } },
    });
    await client.tokens.app();
    const results = await Promise.allSettled(users.map((name) => client.users.get(name)));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(pacedBurst(100)).toBe(10);
    expect(emulator.calls.count('users.get')).toBe(10);
    expect(refused).toHaveLength(20);
    for (const error of refused) {
      expect(error).toMatchObject({ code: 'budget_wait_exceeded', notSent: true });
      // The next slot is a tenth of the (stretched) window away, not the whole window.
      expect(error.retryAfterMs).toBeLessThanOrEqual(100 * windowMargin);
    }
  });

  it('small limits keep their whole window at once', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: { rateBudgets: { appPerSecond: 8, maxWaitMs: 50 } },
    });
    await client.tokens.app();
    const results = await Promise.allSettled(users.slice(0, 9).map((n) => client.users.get(n)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(8);
    expect(await rejectionOf(client.users.get('u9'))).toMatchObject({
      code: 'budget_wait_exceeded',
    });
    expect(emulator.calls.count('users.get')).toBe(8);
  });
});
