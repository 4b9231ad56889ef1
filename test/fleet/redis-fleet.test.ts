import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.js';
import { connectFleet, type Fleet } from '../../src/fleet/fleet.js';
import { clientOf } from '../support/easemob.js';
import { sse, startLiveServer, until } from '../support/live-server.js';
import { startRedis } from '../support/redis.js';

const redis = await startRedis();
// Reads Redis's own view of the fleet: whether an instance's SUBSCRIBE has been taken.
const probe = new Redis(redis.url);
const fleets: Fleet[] = [];
const fleet = async (prefix: string) => {
  const connected = await connectFleet(redis.url, prefix);
  fleets.push(connected);
  return connected;
};
// After every server of the file has stopped (they stop after each test), so no subscription is
// still listening when the connections close.
afterAll(async () => {
  await Promise.all(fleets.splice(0).map((f) => f.close()));
  await probe.quit();
  await redis.stop();
});

async function channelSubscribers(channel: string): Promise<number> {
  const [, count] = (await probe.pubsub('NUMSUB', channel)) as [string, number];
  return count;
}

async function untilAsync(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Redis did not report the subscription in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const seed = { users: ['alice', 'bob', 'carol'].map((username) => ({ username, password: 'pw' })) };

describe('several instances through one Redis', () => {
  it('2 instances × 50 concurrent cold requests make exactly 1 token request', async () => {
    const emulator = await startEmulator({ seed });
    const stores = [(await fleet('token-test')).tokenStore, (await fleet('token-test')).tokenStore];
    const instances = stores.map((shared) => clientOf(emulator, { token: { shared } }));
    const answers = await Promise.all(
      instances.flatMap((client) => Array.from({ length: 50 }, () => client.status.get('alice'))),
    );
    expect(answers).toHaveLength(100);
    expect(emulator.calls.count('token')).toBe(1);
    expect(emulator.calls.count('status.get')).toBe(100);
    // One token, the same on both.
    const tokens = emulator.calls.list('status.get').map((c) => c.status);
    expect(tokens.every((s) => s === 200)).toBe(true);
    await Promise.all(instances.map((c) => c.close()));
    await emulator.close();
  });

  it('a token Easemob refuses is replaced once for the fleet', async () => {
    const emulator = await startEmulator({ seed });
    const make = async () =>
      clientOf(emulator, { token: { shared: (await fleet('revoke-test')).tokenStore } });
    const [a, b] = [await make(), await make()];
    await a.users.get('alice');
    await b.users.get('alice');
    expect(emulator.calls.count('token')).toBe(1);
    emulator.state.revokeTokens();
    await Promise.all([a.users.get('alice'), b.users.get('bob')]);
    expect(emulator.calls.count('token')).toBe(2);
    await Promise.all([a.close(), b.close()]);
    await emulator.close();
  });

  it('a subscriber on instance A receives a message sent through instance B', async () => {
    const shared = { prefix: `fanout-${Date.now()}` };
    const a = await startLiveServer({
      emulator: { seed },
      eventTarget: (await fleet(shared.prefix)).eventTarget,
    });
    const b = await startLiveServer({
      emulator: { seed },
      eventTarget: (await fleet(shared.prefix)).eventTarget,
    });
    const subscription = await sse(
      a.url,
      'subscription { messageSent(username: "bob") { from { username } target } }',
    );
    // A's subscriber listens, and Redis has A's SUBSCRIBE: a message published now reaches it.
    await a.realtime.whenListening('messageSent', 1);
    await untilAsync(async () => (await channelSubscribers('messageSent')) >= 1);
    const sent = await fetch(b.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation { sendMessage(input: { targetType: USERS, targets: ["bob"], from: "alice", message: { text: "hi" } }) { results { success } } }',
      }),
    });
    expect(((await sent.json()) as { errors?: unknown }).errors).toBeUndefined();
    const [event] = await subscription.waitFor(1);
    expect(event).toEqual({
      data: { messageSent: { from: { username: 'alice' }, target: 'bob' } },
    });
    subscription.close();
  });

  it("keeps the sum of all instances' calls under the shared budget, queueing instead of 429s", async () => {
    const emulator = await startEmulator({
      seed,
      rateLimits: { 'status.batch': { limit: 5, windowMs: 1000 } },
    });
    const limiter = (await fleet(`rate-${Date.now()}`)).rateLimiter;
    const instances = [0, 1].map(() =>
      clientOf(emulator, {
        // 12 calls at 5/s take over 2 s: the wait bound must allow it.
        rateBudgets: { batchStatusPerSecond: 5, maxWaitMs: 5_000 },
        sharedRateLimiter: limiter,
        // Any 429 would fail the call: none may happen.
        retry: { maxRetries: 0 },
      }),
    );
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => instances[i % 2]!.status.getMany([`u${i}`])),
    );
    const statuses = emulator.calls.list('status.batch').map((c) => c.status);
    expect(statuses).toHaveLength(12);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // 12 calls at 5 per rolling second, whichever instance sends them: at least two more windows.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    await Promise.all(instances.map((c) => c.close()));
    await emulator.close();
  });

  it('paces the fleet: at most a tenth of the window leaves at once, whichever instance sends it', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `u${i}`);
    const emulator = await startEmulator({
      seed: { users: names.map((username) => ({ username, password: 'pw' })) },
    });
    const limiter = (await fleet(`pace-${Date.now()}`)).rateLimiter;
    const instances = [0, 1].map(() =>
      // A bound shorter than a tenth of a window: what cannot leave with the first ten is refused.
      clientOf(emulator, { rateBudgets: { maxWaitMs: 50 }, sharedRateLimiter: limiter }),
    );
    await Promise.all(instances.map((c) => c.tokens.app()));
    const results = await Promise.allSettled(
      names.map((name, i) => instances[i % 2]!.users.get(name)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(emulator.calls.count('users.get')).toBe(10);
    await Promise.all(instances.map((c) => c.close()));
    await emulator.close();
  });

  it('one instance polls for the fleet; when it dies another takes over within the lease', async () => {
    const prefix = `lease-${Date.now()}`;
    const users = {
      users: ['alice', 'bob', 'carol'].map((username) => ({ username, password: 'pw' })),
    };
    const join = async () => {
      const shared = await fleet(prefix);
      return startLiveServer({
        emulator: { seed: users },
        eventTarget: shared.eventTarget,
        coordinators: shared.pollLeases(1500),
      });
    };
    // Two instances over two emulators: each emulator's counters show which instance polled.
    const [a, b] = [await join(), await join()];
    const onA = await sse(
      a.url,
      'subscription { statusChanged(usernames: ["bob"]) { user { username } status } }',
    );
    const onB = await sse(
      b.url,
      'subscription { statusChanged(usernames: ["carol"]) { user { username } status } }',
    );
    await until(() => a.realtime.status.rounds + b.realtime.status.rounds >= 4, 'a few rounds');
    const polledByA = a.emulator.calls.count('status.batch');
    const polledByB = b.emulator.calls.count('status.batch');
    // Exactly one instance polls, and for both subscribers' users.
    expect(Math.min(polledByA, polledByB)).toBe(0);
    const [owner, survivor] = polledByA > 0 ? [a, b] : [b, a];
    // Once both instances have announced what they watch, a round carries both (once each).
    await until(
      () => owner.emulator.calls.usernames('status.batch').at(-1)?.length === 2,
      'a round covering both instances',
    );
    expect([...owner.emulator.calls.usernames('status.batch').at(-1)!].sort()).toEqual([
      'bob',
      'carol',
    ]);
    expect(survivor.emulator.calls.count('status.batch')).toBe(0);
    // A change on the owner's Easemob reaches the subscriber on the other instance.
    owner.emulator.state.setOnline(owner === a ? 'carol' : 'bob', true);
    await (owner === a ? onB : onA).waitFor(1);

    // The owner dies: within the lease (1.5 s) the survivor polls its own Easemob.
    (owner === a ? onA : onB).close();
    await owner.stop();
    const before = survivor.emulator.calls.count('status.batch');
    await until(
      () => survivor.emulator.calls.count('status.batch') > before + 1,
      'the survivor to poll',
      6000,
    );
    const watched = survivor === a ? 'bob' : 'carol';
    survivor.emulator.state.setOnline(watched, true);
    const events = await (survivor === a ? onA : onB).waitFor(1);
    expect(events.at(-1)).toEqual({
      data: { statusChanged: { user: { username: watched }, status: 'ONLINE' } },
    });
    (survivor === a ? onA : onB).close();
  });
});
