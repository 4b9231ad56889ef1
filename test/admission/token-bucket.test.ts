import { describe, expect, it } from 'vitest';
import { EasemobError } from '../../src/easemob/errors.js';
import { rejectionOf, startHarness } from '../support/easemob.js';
import { sleep, timed } from '../support/load.js';

const seed = { users: ['alice', 'bob', 'carol'].map((username) => ({ username, password: 'pw' })) };

describe('the token endpoint has its own budget (300/s), outside the app-wide one', () => {
  it('with the app budget saturated, an app-token refresh and a user token come back at once', async () => {
    const { client, emulator } = await startHarness({
      // 1-s app tokens: the cached one expires while the data calls wait.
      emulator: { seed, defaultTokenTtlSeconds: 1 },
      client: { rateBudgets: { appPerSecond: 1, maxWaitMs: 10_000 } },
    });
    const first = await client.tokens.app();
    // The app budget is taken for seconds ahead (slots held without calls: nothing refreshes the
    // token meanwhile).
    const done = new AbortController();
    const queued = Array.from({ length: 5 }, () =>
      client.admission
        .acquire('users.get', { caller: 'load', signal: done.signal })
        .catch((error: unknown) => error),
    );
    expect(client.admission.waiting).toBe(4);
    await sleep(1_000);

    const refresh = await timed(() => client.tokens.app());
    const login = await timed(() => client.tokens.user({ username: 'bob', password: 'pw' }));

    expect(refresh.value).not.toBe(first);
    expect(refresh.ms).toBeLessThan(300);
    expect(login.ms).toBeLessThan(300);
    expect(emulator.calls.count('token')).toBe(3);
    expect(client.admission.waiting).toBeGreaterThan(0);
    done.abort();
    await Promise.all(queued);
  });
});

describe('admission.acquire: a slot without a call, spent by the next call made with it', () => {
  it('acquire takes the slot; the call with slot: "acquired" goes at once; the next one finds none', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed },
      client: { rateBudgets: { batchStatusPerSecond: 1, maxWaitMs: 200 } },
    });
    await client.tokens.app();
    await client.admission.acquire('status.batch');
    expect(emulator.calls.count('status.batch')).toBe(0);

    const served = await timed(() => client.status.getMany(['alice', 'bob'], { slot: 'acquired' }));
    expect([...served.value.keys()]).toEqual(['alice', 'bob']);
    expect(served.ms).toBeLessThan(200);
    expect(emulator.calls.count('status.batch')).toBe(1);

    // The window's one slot is spent: the next call, and the next acquire, are refused unsent.
    const refused = await rejectionOf(client.status.getMany(['carol']));
    expect(refused).toBeInstanceOf(EasemobError);
    expect(refused).toMatchObject({ code: 'budget_wait_exceeded', notSent: true });
    await expect(client.admission.acquire('status.batch')).rejects.toMatchObject({
      code: 'budget_wait_exceeded',
    });
    expect(emulator.calls.count('status.batch')).toBe(1);
  });
});
