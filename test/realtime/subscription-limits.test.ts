import { type Client, createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bearer, testAuth, userToken } from '../support/auth.js';
import { sse, startLiveServer, until } from '../support/live-server.js';

const seed = {
  users: ['alice', 'bob', 'carol', 'dave', 'erin'].map((username) => ({
    username,
    password: 'pw',
  })),
};
const statusQuery = (usernames: string[], selection = 'user { username } status') =>
  `subscription { statusChanged(usernames: ${JSON.stringify(usernames)}) { ${selection} } }`;

/** One graphql-ws connection carrying any number of subscriptions. */
function wsConnection(wsUrl: string, connectionParams: Record<string, unknown> = {}) {
  const client: Client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
  });
  let closed = false;
  client.on('closed', () => {
    closed = true;
  });
  return {
    subscribe(query: string, variables?: Record<string, unknown>) {
      const events: unknown[] = [];
      let failure: unknown;
      let completed = false;
      const dispose = client.subscribe(
        { query, variables },
        {
          next: (value) => events.push(value),
          error: (error) => {
            failure = error;
          },
          complete: () => {
            completed = true;
          },
        },
      );
      return {
        events,
        failure: () => failure,
        completed: () => completed,
        dispose,
      };
    },
    closed: () => closed,
    close: () => client.dispose(),
  };
}

describe('subscription limits', () => {
  it('per WebSocket connection: the one over the limit gets an error message, the socket stays open; completing one frees its slot', async () => {
    const { wsUrl, emulator, realtime } = await startLiveServer({
      emulator: { seed },
      subscriptionLimits: { perConnection: 2 },
    });
    const socket = wsConnection(wsUrl);
    const first = socket.subscribe(statusQuery(['bob']));
    const second = socket.subscribe(statusQuery(['carol']));
    await until(() => realtime.status.watchedKeys === 2, 'two subscriptions watching');
    const third = socket.subscribe(statusQuery(['dave']));
    await until(() => third.failure() !== undefined, 'the third to be refused');
    // An `error` message for that id (graphql-ws hands it to `error`), not a `next` and not a close.
    expect(third.failure()).toEqual([
      expect.objectContaining({
        message: 'at most 2 subscriptions per connection; complete one first',
        extensions: { code: 'SUBSCRIPTION_LIMIT', limit: 'connection', max: 2 },
      }),
    ]);
    expect(third.events).toEqual([]);
    expect(socket.closed()).toBe(false);
    expect(realtime.status.watches('dave')).toBe(false);

    // The others keep running on the same socket.
    const rounds = realtime.status.rounds;
    await until(() => realtime.status.rounds > rounds, 'a round reading bob');
    emulator.state.setOnline('bob', true);
    await until(() => first.events.length === 1, "bob's change");

    second.dispose();
    await until(() => realtime.status.watchedKeys === 1, 'the completed one to release');
    const fourth = socket.subscribe(statusQuery(['dave']));
    await until(() => realtime.status.watches('dave'), 'the freed slot to be taken');
    expect(fourth.failure()).toBeUndefined();
    await socket.close();
    await until(() => realtime.slots.activeFor('admin') === 0, 'closing the socket to free all');
    expect(realtime.status.running).toBe(false);
  });

  it('per caller across connections; other callers are not affected; ending one frees a slot', async () => {
    const { url, realtime } = await startLiveServer({
      emulator: { seed },
      server: { auth: testAuth() },
      subscriptionLimits: { perCaller: 2 },
    });
    const alice = bearer(await userToken('alice'));
    const one = await sse(url, statusQuery(['bob']), alice);
    const two = await sse(url, statusQuery(['carol']), alice);
    await until(() => realtime.slots.activeFor('user:alice') === 2, "alice's two subscriptions");
    const three = await sse(url, statusQuery(['dave']), alice);
    const [refused] = await three.waitFor(1);
    expect(refused).toMatchObject({
      errors: [
        {
          message: 'at most 2 subscriptions per caller; complete one first',
          extensions: { code: 'SUBSCRIPTION_LIMIT', limit: 'caller', max: 2 },
        },
      ],
    });
    three.close();
    expect(realtime.status.watches('dave')).toBe(false);

    const bob = await sse(url, statusQuery(['dave']), bearer(await userToken('bob')));
    await until(() => realtime.status.watches('dave'), "bob's subscription");
    expect(bob.events).toEqual([]);

    one.close();
    await until(() => realtime.slots.activeFor('user:alice') === 1, 'the slot to be freed');
    const again = await sse(url, statusQuery(['erin']), alice);
    await until(() => realtime.status.watches('erin'), "alice's next subscription");
    expect(realtime.slots.activeFor('user:alice')).toBe(2);
    for (const stream of [two, bob, again]) stream.close();
    await until(() => !realtime.status.running, 'the poller to stop');
  });

  it('total watched names per instance: names already watched cost nothing; releasing frees them', async () => {
    const { url, realtime } = await startLiveServer({
      emulator: { seed },
      subscriptionLimits: { maxWatchedTotal: 3 },
    });
    const a = await sse(url, statusQuery(['bob', 'carol']));
    const b = await sse(url, statusQuery(['carol', 'dave']));
    await until(() => realtime.status.watchedKeys === 3, 'three names watched');
    const c = await sse(url, statusQuery(['erin']));
    const [refused] = await c.waitFor(1);
    expect(refused).toMatchObject({
      errors: [{ extensions: { code: 'SUBSCRIPTION_LIMIT', limit: 'total', max: 3 } }],
    });
    c.close();
    // Presence subscriptions draw on the same total.
    const presence = await sse(
      url,
      'subscription { presenceChanged(username: "alice", targets: ["erin"]) { changedAt } }',
    );
    expect(await presence.waitFor(1)).toMatchObject([
      { errors: [{ extensions: { code: 'SUBSCRIPTION_LIMIT', limit: 'total' } }] },
    ]);
    presence.close();
    const watchedAlready = await sse(url, statusQuery(['bob']));
    await until(() => realtime.slots.activeFor('admin') === 3, 'a subscription adding no name');

    a.close();
    await until(() => realtime.slots.activeFor('admin') === 2, "a's release");
    // bob is still watched by the third, carol and dave by b: nothing is freed yet.
    expect(realtime.status.watchedKeys).toBe(3);
    b.close();
    await until(() => realtime.status.watchedKeys === 1, "b's names to be freed");
    const d = await sse(url, statusQuery(['erin', 'dave']));
    await until(() => realtime.status.watchedKeys === 3, 'the freed total to be used');
    expect(d.events).toEqual([]);
    watchedAlready.close();
    d.close();
  });

  it('refuses an over-cost subscription over WebSocket with an error message and no call', async () => {
    const { wsUrl, emulator, realtime } = await startLiveServer({ emulator: { seed } });
    emulator.calls.reset();
    const socket = wsConnection(wsUrl);
    // Each event would read the user's contacts and their profiles: 1 + 100 calls.
    const costly = socket.subscribe(statusQuery(['bob'], 'user { contacts { nickname } }'));
    await until(() => costly.failure() !== undefined, 'the refusal');
    expect(costly.failure()).toEqual([
      expect.objectContaining({
        extensions: { code: 'QUERY_TOO_COMPLEX', estimatedCalls: 101, limit: 50 },
      }),
    ]);
    expect(realtime.status.watchedKeys).toBe(0);
    expect(realtime.slots.activeFor('admin')).toBe(0);

    // A query over the same socket is refused by the same plugin, as a result (the way queries end).
    const query = socket.subscribe(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { nickname } } }',
      {
        r: Array.from({ length: 100 }, (_, i) => ({ __typename: 'User', username: `u${i}` })),
      },
    );
    await until(() => query.completed(), 'the query to end');
    expect(query.events).toEqual([
      {
        errors: [
          expect.objectContaining({
            extensions: { code: 'QUERY_TOO_COMPLEX', estimatedCalls: 100, limit: 50 },
          }),
        ],
      },
    ]);
    expect(socket.closed()).toBe(false);
    expect(emulator.calls.count()).toBe(0);
    await socket.close();
  });
});
