import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bearer, testAuth, userToken } from '../support/auth.js';
import { sleep, sse, startLiveServer, until } from '../support/live-server.js';

const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `user${String(i).padStart(3, '0')}`);
const seed = { users: ['alice', 'bob', 'carol'].map((username) => ({ username, password: 'pw' })) };
const statusQuery = (usernames: string[]) =>
  `subscription { statusChanged(usernames: ${JSON.stringify(usernames)}) { user { username } status previous changedAt } }`;

/** A graphql-ws subscription collecting events (or the error that ended it). */
function wsSubscribe(wsUrl: string, query: string, connectionParams: Record<string, unknown> = {}) {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
  });
  const events: unknown[] = [];
  let failure: unknown;
  const dispose = client.subscribe(
    { query },
    {
      next: (value) => events.push(value),
      error: (error) => {
        failure = error;
      },
      complete: () => {},
    },
  );
  return {
    events,
    failure: () => failure,
    close: async () => {
      dispose();
      await client.dispose();
    },
  };
}

describe('statusChanged', () => {
  it('over SSE: emits only changes, and N subscribers cost the calls of one', async () => {
    const { url, emulator, realtime } = await startLiveServer({ emulator: { seed } });
    const first = await sse(url, statusQuery(['bob', 'carol']));
    const second = await sse(url, statusQuery(['bob', 'carol']));
    expect(first.status).toBe(200);
    await until(() => realtime.status.rounds >= 2, 'two polling rounds');
    expect(first.events).toEqual([]);

    emulator.state.setOnline('bob', true);
    const [event] = await first.waitFor(1);
    expect(event).toMatchObject({
      data: { statusChanged: { user: { username: 'bob' }, status: 'ONLINE', previous: 'OFFLINE' } },
    });
    await second.waitFor(1);

    // One call per round carrying each watched name once, however many subscribers.
    const rounds = realtime.status.rounds;
    const batches = emulator.calls.usernames('status.batch');
    expect(batches.length).toBeGreaterThanOrEqual(rounds);
    expect(batches.length).toBeLessThanOrEqual(rounds + 1);
    for (const names of batches) expect([...names].sort()).toEqual(['bob', 'carol']);

    first.close();
    second.close();
    await until(() => !realtime.status.running, 'the poller to stop with its last subscriber');
    // A round already under way still makes its call; none starts after it.
    await realtime.status.idle();
    const after = emulator.calls.count('status.batch');
    // Proving that nothing more happens takes time: three poll intervals.
    await sleep(350);
    expect(emulator.calls.count('status.batch')).toBe(after);
  });

  it('over graphql-ws (WebSocket)', async () => {
    const { wsUrl, emulator, realtime } = await startLiveServer({ emulator: { seed } });
    const subscription = wsSubscribe(wsUrl, statusQuery(['carol']));
    await until(
      () => realtime.status.rounds >= 1 && realtime.status.watchedKeys === 1,
      'the first round',
    );
    // The change is made once the subscription listens, so its event cannot be missed.
    await realtime.whenListening('statusChanged', 1);
    emulator.state.setOnline('carol', true);
    await until(() => subscription.events.length === 1, 'an event over WebSocket');
    expect(subscription.events[0]).toMatchObject({
      data: { statusChanged: { user: { username: 'carol' }, status: 'ONLINE' } },
    });
    await subscription.close();
    await until(() => !realtime.status.running, 'the poller to stop');
  });

  it('polls 250 watched users in 3 calls of at most 100 per round', async () => {
    const users = names(250);
    const { url, emulator, realtime } = await startLiveServer({
      emulator: { seed: { users: users.map((username) => ({ username, password: 'pw' })) } },
      pollIntervalMs: 200,
      subscriptionLimits: { maxWatched: 250 },
    });
    const subscription = await sse(url, statusQuery(users));
    await until(() => realtime.status.rounds >= 1, 'one round');
    subscription.close();
    await until(() => !realtime.status.running, 'the poller to stop');
    const sizes = emulator.calls.usernames('status.batch').map((run) => run.length);
    expect(sizes.length % 3).toBe(0);
    expect(sizes.slice(0, 3).sort((a, b) => a - b)).toEqual([50, 100, 100]);
  });

  it('refuses more names than SUBSCRIPTION_MAX_WATCHED, and anonymous callers when auth is on', async () => {
    const { url } = await startLiveServer({ emulator: { seed }, server: { auth: testAuth() } });
    const anonymous = await sse(url, statusQuery(['bob']));
    const [denied] = await anonymous.waitFor(1);
    expect(JSON.stringify(denied)).toContain('UNAUTHENTICATED');
    anonymous.close();
    const tooMany = await sse(url, statusQuery(names(101)), bearer(await userToken('alice')));
    const [refused] = await tooMany.waitFor(1);
    expect(refused).toMatchObject({
      errors: [{ extensions: { code: 'SUBSCRIPTION_LIMIT', limit: 'watched', max: 100 } }],
    });
    tooMany.close();
  });
});

describe('presenceChanged', () => {
  it('emits a presence change', async () => {
    const { url, emulator, realtime } = await startLiveServer({ emulator: { seed } });
    emulator.state.setPresence('bob', 'ios_1', '0', '');
    const subscription = await sse(
      url,
      'subscription { presenceChanged(username: "alice", targets: ["bob"]) { presence { user { username } ext devices { resource status online } } } }',
    );
    await until(() => realtime.presence.rounds >= 2, 'two rounds');
    emulator.state.setPresence('bob', 'ios_1', '1', 'in a meeting');
    const [event] = await subscription.waitFor(1);
    expect(event).toMatchObject({
      data: {
        presenceChanged: {
          presence: {
            user: { username: 'bob' },
            ext: 'in a meeting',
            devices: [{ resource: 'ios_1', status: '1', online: true }],
          },
        },
      },
    });
    subscription.close();
  });
});

describe('messageSent', () => {
  it('delivers messages sent through this layer to the recipient, and only to those allowed', async () => {
    const { url, wsUrl, realtime } = await startLiveServer({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    const bobToken = await userToken('bob');
    const bob = wsSubscribe(
      wsUrl,
      'subscription { messageSent(username: "bob") { from { username } target targetType success message } }',
      {
        authorization: `Bearer ${bobToken}`,
      },
    );
    const snoop = wsSubscribe(wsUrl, 'subscription { messageSent(username: "bob") { target } }', {
      authorization: `Bearer ${await userToken('carol')}`,
    });
    // Bob's subscription listens before the message goes out; carol's is refused.
    await realtime.whenListening('messageSent', 1);
    await until(() => snoop.failure() !== undefined || snoop.events.length > 0, "carol's refusal");

    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(await userToken('alice')) },
      body: JSON.stringify({
        query:
          'mutation { sendMessage(input: { targetType: USERS, targets: ["bob", "carol"], message: { text: "hi" } }) { results { success } } }',
      }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    await until(() => bob.events.length === 1, "bob's event");
    expect(bob.events[0]).toEqual({
      data: {
        messageSent: {
          from: { username: 'alice' },
          target: 'bob',
          targetType: 'USERS',
          success: true,
          message: { type: 'txt', msg: 'hi' },
        },
      },
    });
    await until(() => snoop.failure() !== undefined || snoop.events.length > 0, "carol's answer");
    expect(JSON.stringify(snoop.failure() ?? snoop.events)).toContain('FORBIDDEN');
    await bob.close();
    await snoop.close();
  });
});
