import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../../src/config.js';
import { adminKey, bearer, testAuth, userToken } from '../support/auth.js';
import { startGraphQL } from '../support/graphql.js';
import { sse, startLiveServer, until } from '../support/live-server.js';

/**
 * One rule for another user's online state on every path: whether they are online is public like
 * `User.status` (off with PUBLIC_PROFILES=false); their devices, ext and lastSeenAt are theirs
 * and the admins'. Alice asks about bob.
 */

const seed = { users: ['alice', 'bob'].map((username) => ({ username, password: 'pw' })) };
const details = 'ext devices { resource status } lastSeenAt';

async function graphql(auth: AuthConfig = testAuth()) {
  const server = await startGraphQL({ emulator: { seed }, server: { auth } });
  server.emulator.state.setPresence('bob', 'ios_1', '1', 'in a meeting');
  server.emulator.state.setPresence('alice', 'web_1', '1', 'coding');
  const asAlice = bearer(await userToken('alice'));
  return { ...server, asAlice, asAdmin: bearer(adminKey) };
}

const presences = (targets: string[], selection: string) =>
  `{ presences(username: "alice", targets: ${JSON.stringify(targets)}) { ${selection} } }`;
const subscribe = (targets: string[], selection: string) =>
  `mutation { subscribePresence(username: "alice", targets: ${JSON.stringify(targets)}, expirySeconds: 60) { ${selection} } }`;

describe('presences (query)', () => {
  it("refuses a viewer another user's presence details before any call; admins see them", async () => {
    const { post, emulator, asAlice, asAdmin } = await graphql();
    for (const field of ['ext', 'devices { status }', 'lastSeenAt']) {
      emulator.calls.reset();
      const { body } = await post(
        presences(['bob'], `user { username } ${field}`),
        undefined,
        asAlice,
      );
      expect(body.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
      expect(emulator.calls.count('presence.get'), field).toBe(0);
    }
    const admin = await post(presences(['bob'], details), undefined, asAdmin);
    expect(admin.body.data?.presences).toEqual([
      expect.objectContaining({
        ext: 'in a meeting',
        devices: [{ resource: 'ios_1', status: '1' }],
      }),
    ]);
  });

  it('gives a viewer the public status of others and every detail of their own', async () => {
    const { post, asAlice } = await graphql();
    const others = await post(presences(['bob'], 'user { username status }'), undefined, asAlice);
    expect(others.body).toEqual({
      data: { presences: [{ user: { username: 'bob', status: 'OFFLINE' } }] },
    });
    const own = await post(presences(['alice'], 'ext'), undefined, asAlice);
    expect(own.body).toEqual({ data: { presences: [{ ext: 'coding' }] } });
  });

  it('with PUBLIC_PROFILES=false, refuses a viewer every other user', async () => {
    const { post, emulator, asAlice } = await graphql(testAuth({ publicProfiles: false }));
    emulator.calls.reset();
    const { body } = await post(presences(['bob'], 'user { username }'), undefined, asAlice);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(emulator.calls.count()).toBe(0);
    const own = await post(presences(['alice'], 'ext'), undefined, asAlice);
    expect(own.body.errors).toBeUndefined();
  });
});

describe('subscribePresence (mutation answer)', () => {
  it("refuses a viewer others' details before subscribing; admins see them", async () => {
    const { post, emulator, asAlice, asAdmin } = await graphql();
    const { body } = await post(subscribe(['bob'], 'ext'), undefined, asAlice);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(emulator.calls.count('presence.subscribe')).toBe(0);
    expect(emulator.state.presence.subscriptionList('alice')).toEqual([]);

    const allowed = await post(subscribe(['bob'], 'user { username }'), undefined, asAlice);
    expect(allowed.body).toEqual({ data: { subscribePresence: [{ user: { username: 'bob' } }] } });

    const admin = await post(subscribe(['bob'], 'ext'), undefined, asAdmin);
    expect(admin.body).toEqual({ data: { subscribePresence: [{ ext: 'in a meeting' }] } });
  });

  it('with PUBLIC_PROFILES=false, refuses a viewer subscribing to others at all', async () => {
    const { post, emulator, asAlice } = await graphql(testAuth({ publicProfiles: false }));
    const { body } = await post(subscribe(['bob'], 'user { username }'), undefined, asAlice);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(emulator.calls.count('presence.subscribe')).toBe(0);
  });
});

describe('presenceChanged (subscription over SSE)', () => {
  const watch = (selection: string) =>
    `subscription { presenceChanged(username: "alice", targets: ["bob"]) { presence { ${selection} } } }`;

  it("refuses a viewer others' details at the start; sends public events; admins get details", async () => {
    const { url, emulator, realtime } = await startLiveServer({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    const asAlice = bearer(await userToken('alice'));
    const snoop = await sse(url, watch('ext devices { status }'), asAlice);
    const [refused] = await snoop.waitFor(1);
    expect(refused).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    snoop.close();

    emulator.state.setPresence('bob', 'ios_1', '0', '');
    const viewer = await sse(url, watch('user { username }'), asAlice);
    const admin = await sse(url, watch('user { username } ext'), bearer(adminKey));
    await until(() => realtime.presence.rounds >= 2, 'two rounds');
    emulator.state.setPresence('bob', 'ios_1', '1', 'in a meeting');
    expect((await viewer.waitFor(1))[0]).toEqual({
      data: { presenceChanged: { presence: { user: { username: 'bob' } } } },
    });
    expect((await admin.waitFor(1))[0]).toEqual({
      data: { presenceChanged: { presence: { user: { username: 'bob' }, ext: 'in a meeting' } } },
    });
    viewer.close();
    admin.close();
  });

  it('with PUBLIC_PROFILES=false, refuses a viewer watching others', async () => {
    const { url } = await startLiveServer({
      emulator: { seed },
      server: { auth: testAuth({ publicProfiles: false }) },
    });
    const asAlice = bearer(await userToken('alice'));
    const others = await sse(url, watch('user { username }'), asAlice);
    expect((await others.waitFor(1))[0]).toMatchObject({
      errors: [{ extensions: { code: 'FORBIDDEN' } }],
    });
    others.close();
  });
});
