import { describe, expect, it } from 'vitest';
import { callScope, requestScope } from '../../src/request-scope.js';
import { bearer, testAuth, userToken } from '../support/auth.js';
import { startHarness } from '../support/easemob.js';
import { startGraphQL } from '../support/graphql.js';
import { report, runFor, sleep, until } from '../support/load.js';

const seed = {
  users: ['alice', 'bob', 'carol'].map((username) => ({
    username,
    password: 'pw',
    nickname: username,
  })),
};
const profile = '{ user(username: "carol") { username nickname } }';

describe('fair shares of a saturated budget', () => {
  it("caller A floods with 300 concurrent calls; caller B's calls all succeed within the bound", async () => {
    // The default bound: over one window, so a caller arriving just after another's burst took
    // the whole window is still served within it.
    const maxWaitMs = 2_000;
    const { client } = await startHarness({
      emulator: { seed },
      client: { rateBudgets: { appPerSecond: 20, maxWaitMs }, scope: callScope },
    });
    const as = <T>(caller: string, call: () => Promise<T>) =>
      requestScope.run({ requestId: caller, caller }, call);
    await client.tokens.app();
    let refusedA = 0;
    const flood = runFor(3_000, 300, async () => {
      try {
        await as('user:a', () => client.users.get('carol'));
      } catch {
        refusedA++;
        // A flooder that backs off a little, so the test measures the budget, not the CPU.
        await sleep(100);
      }
    });
    await sleep(300);
    const latencies: number[] = [];
    // B: 5 calls at a time. A strict window frees its slots together, so each of B's waits is up to
    // a window (~1 s); in each, B gets the slots it asks for, not what A's flood leaves over.
    const served = await runFor(2_500, 5, async () => {
      const started = performance.now();
      const user = await as('user:b', () => client.users.get('carol'));
      latencies.push(performance.now() - started);
      return user;
    });
    const flooded = await flood;

    latencies.sort((x, y) => x - y);
    report('fair-share', {
      floodCalls: flooded.length,
      floodRefused: refusedA,
      bCalls: served.length,
      bP50: Math.round(latencies[Math.floor(latencies.length / 2)]!),
      bMax: Math.round(latencies.at(-1)!),
    });
    // The budget was saturated: most of A's flood was refused…
    expect(refusedA).toBeGreaterThan(flooded.length / 2);
    // …and every one of B's calls was served (none threw), each within the wait bound.
    expect(served.every((user) => user.username === 'carol')).toBe(true);
    expect(served.length).toBeGreaterThanOrEqual(10);
    expect(latencies.at(-1)!).toBeLessThan(maxWaitMs);
  }, 20_000);

  it("callers are told apart by their credentials: a JWT user behind another one's burst is served", async () => {
    const { post } = await startGraphQL({
      emulator: { seed },
      // The default 2-s bound: A's burst fills this window and the next, and is refused beyond.
      client: { rateBudgets: { appPerSecond: 20 }, scope: callScope },
      server: { auth: testAuth() },
    });
    const [a, b] = [bearer(await userToken('alice')), bearer(await userToken('bob'))];
    await post(profile, undefined, a);
    // Each request a different user, so each costs a call of its own (identical reads would
    // share one). In arrival order, B would come after A's 40 admitted calls: past the bound.
    const someone = (name: string) => `{ user(username: "${name}") { username nickname } }`;
    const burst = Array.from({ length: 60 }, (_, i) => post(someone(`a${i}`), undefined, a));
    await sleep(50);
    const fromB = await Promise.all(
      Array.from({ length: 5 }, (_, i) => post(someone(`b${i}`), undefined, b)),
    );
    const fromA = await Promise.all(burst);
    expect(fromB.map((answer) => answer.body.errors ?? [])).toEqual(fromB.map(() => []));
    expect(fromA.filter((answer) => answer.status === 429).length).toBeGreaterThan(10);
  }, 20_000);

  it('an admin API key (weight 4) gets four calls for every one of a user', async () => {
    const { client } = await startHarness({
      client: { rateBudgets: { appPerSecond: 10, maxWaitMs: 10_000 } },
    });
    // This window's budget is spent; from here on, calls are served in fair order.
    for (let i = 0; i < 10; i++) await client.admission.acquire('users.get', { caller: 'filler' });
    const order: string[] = [];
    const pending: Promise<unknown>[] = [];
    const done = new AbortController();
    for (let i = 0; i < 20; i++) {
      for (const [caller, weight] of [
        ['key:k', 4],
        ['user:u', 1],
      ] as const) {
        pending.push(
          client.admission.acquire('users.get', { caller, weight, signal: done.signal }).then(
            () => order.push(caller),
            () => {},
          ),
        );
      }
    }
    await until(() => order.length >= 10, 5_000);
    expect(order.slice(0, 10)).toEqual([
      ...['key:k', 'key:k', 'key:k', 'key:k', 'user:u'],
      ...['key:k', 'key:k', 'key:k', 'key:k', 'user:u'],
    ]);
    done.abort();
    await Promise.all(pending);
  });
});
