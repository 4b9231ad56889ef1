import { describe, expect, it } from 'vitest';
import type { SeedData } from '../../src/emulator/seed.js';
import { manualClock } from '../support/clock.js';
import { errorCode, startGraphQL } from '../support/graphql.js';

const names = (n: number, prefix = 'p') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

const seed: SeedData = {
  users: ['alice', 'bob', 'carol', 'dave'].map((username) => ({ username, password: 'pw' })),
};

const userPresence = `query ($username: String!) {
  user(username: $username) {
    presence { user { username } devices { resource status online } ext lastSeenAt }
  }
}`;

const subscriptions = `query ($username: String!, $pageNum: Int, $pageSize: Int) {
  user(username: $username) {
    presenceSubscriptions(pageNum: $pageNum, pageSize: $pageSize) {
      totalCount pageNum pageSize hasNextPage
      items { user { username } expiresAt }
    }
  }
}`;

const subscribe = `mutation ($username: String!, $targets: [String!]!, $expirySeconds: Int!) {
  subscribePresence(username: $username, targets: $targets, expirySeconds: $expirySeconds) {
    user { username } ext expiresAt devices { resource status }
  }
}`;

describe('presence', () => {
  it('reads what setPresence wrote through User.presence', async () => {
    const { run } = await startGraphQL({ emulator: { seed } });
    const set = `mutation ($resource: String!, $status: String!, $ext: String) {
      setPresence(username: "Alice", resource: $resource, status: $status, ext: $ext)
    }`;
    expect((await run(set, { resource: 'ios_1', status: '1', ext: 'at work' })).data).toEqual({
      setPresence: true,
    });
    await run(set, { resource: 'android_2', status: '0', ext: 'at work' });
    await run(set, { resource: 'webim_3', status: 'busy', ext: 'in a meeting' });
    const response = await run(userPresence, { username: 'alice' });
    expect(response.data!.user.presence).toEqual({
      user: { username: 'alice' },
      devices: [
        { resource: 'ios_1', status: '1', online: true },
        { resource: 'android_2', status: '0', online: false },
        { resource: 'webim_3', status: 'busy', online: true },
      ],
      ext: 'in a meeting',
      lastSeenAt: null,
    });
  });

  it('gives lastSeenAt from the last login or logout', async () => {
    // Presence last times come from the emulator's clock (Easemob REST: 在线状态订阅 RESTful API, UNIX seconds).
    const clock = manualClock(Date.UTC(2024, 0, 1, 12, 0, 0, 750));
    const { run, emulator } = await startGraphQL({
      emulator: { seed: { ...seed, online: ['bob'] }, now: clock.now },
    });
    clock.advance(90_000);
    const before = Math.floor(clock.now() / 1000) * 1000;
    emulator.state.setOnline('bob', false);
    const { lastSeenAt } = (await run(userPresence, { username: 'bob' })).data!.user.presence;
    expect(new Date(lastSeenAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(lastSeenAt).getTime()).toBeLessThanOrEqual(clock.now());
    expect(lastSeenAt).toBe('2024-01-01T12:01:30.000Z');
  });

  it('reads 150 users with presences in two calls, in order', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.state.setPresence('p149', 'ios_1', '1', 'last one');
    const targets = names(150);
    const response = await run(
      `query ($targets: [String!]!) {
        presences(username: "alice", targets: $targets) { user { username } ext }
      }`,
      { targets },
    );
    expect(response.errors).toBeUndefined();
    const presences = response.data!.presences as { user: { username: string }; ext: string }[];
    expect(presences.map((p) => p.user.username)).toEqual(targets);
    expect(presences[149]!.ext).toBe('last one');
    expect(emulator.calls.count('presence.get')).toBe(2);
    expect(emulator.calls.usernames('presence.get').map((batch) => batch.length)).toEqual([
      100, 50,
    ]);
  });

  it("batches 120 contacts' presence into two calls", async () => {
    const friends = names(120, 'friend');
    const { run, emulator } = await startGraphQL({
      emulator: {
        seed: {
          users: [...seed.users, ...friends.map((username) => ({ username, password: 'pw' }))],
          contacts: friends.map((friend) => ['alice', friend] as [string, string]),
        },
      },
    });
    emulator.state.setPresence('friend007', 'ios_1', '1', 'hello');
    const response = await run(`{
      user(username: "alice") { contacts { username presence { ext } } }
    }`);
    expect(response.errors).toBeUndefined();
    const contacts = response.data!.user.contacts as {
      username: string;
      presence: { ext: string };
    }[];
    expect(contacts).toHaveLength(120);
    expect(contacts.find((c) => c.username === 'friend007')!.presence.ext).toBe('hello');
    expect(emulator.calls.count('presence.get')).toBe(2);
    expect(emulator.calls.usernames('presence.get').map((batch) => batch.length)).toEqual([
      100, 20,
    ]);
  });

  it('subscribes, pages the subscription list and unsubscribes', async () => {
    const clock = manualClock();
    const { run } = await startGraphQL({ emulator: { seed, now: clock.now } });
    const targets = ['bob', 'carol', 'dave', 'erin', 'frank'];
    const start = clock.now();
    const subscribed = await run(subscribe, { username: 'alice', targets, expirySeconds: 3600 });
    expect(subscribed.errors).toBeUndefined();
    const answers = subscribed.data!.subscribePresence as {
      user: { username: string };
      expiresAt: string;
    }[];
    expect(answers.map((p) => p.user.username)).toEqual(targets);
    for (const answer of answers) {
      const expiresAt = new Date(answer.expiresAt).getTime();
      expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(start / 1000) * 1000 + 3_600_000);
      expect(expiresAt).toBeLessThanOrEqual(clock.now() + 3_600_000);
      expect(expiresAt).toBe(start + 3_600_000);
    }
    const page = async (pageNum: number) =>
      (await run(subscriptions, { username: 'alice', pageNum, pageSize: 2 })).data!.user
        .presenceSubscriptions;
    const first = await page(1);
    expect(first).toMatchObject({ totalCount: 5, pageNum: 1, pageSize: 2, hasNextPage: true });
    expect(first.items.map((s: { user: { username: string } }) => s.user.username)).toEqual([
      'bob',
      'carol',
    ]);
    expect(new Date(first.items[0].expiresAt).getTime()).toBeGreaterThan(clock.now());
    const last = await page(3);
    expect(last).toMatchObject({ totalCount: 5, pageNum: 3, hasNextPage: false });
    expect(last.items.map((s: { user: { username: string } }) => s.user.username)).toEqual([
      'frank',
    ]);

    const removed = await run(
      'mutation { unsubscribePresence(username: "alice", targets: ["bob", "CAROL"]) }',
    );
    expect(removed.data).toEqual({ unsubscribePresence: true });
    const after = (await run(subscriptions, { username: 'alice' })).data!.user
      .presenceSubscriptions;
    expect(after).toMatchObject({ totalCount: 3, pageNum: 1, pageSize: 100, hasNextPage: false });
    expect(after.items.map((s: { user: { username: string } }) => s.user.username)).toEqual([
      'dave',
      'erin',
      'frank',
    ]);
  });

  it.each([
    ['an expiry over 30 days', { expirySeconds: 2_592_001 }, 'expirySeconds'],
    ['a zero expiry', { expirySeconds: 0 }, 'expirySeconds'],
    ['no targets', { targets: [] }, 'targets'],
    ['a bad target', { targets: ['bob', 'no such!'] }, 'targets.1'],
    ['501 targets', { targets: names(501) }, 'targets'],
    ['a bad subscriber', { username: 'a b' }, 'username'],
  ])('rejects subscribing with %s, naming %s', async (_name, change, field) => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const response = await run(subscribe, {
      username: 'alice',
      targets: ['bob'],
      expirySeconds: 60,
      ...change,
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe(field);
    expect(emulator.calls.count()).toBe(0);
  });

  it.each([
    ['a resource with a space', { resource: 'ios 1' }, 'resource'],
    ['an empty status', { status: '' }, 'status'],
    ['an ext over 1024 bytes', { ext: '字'.repeat(342) }, 'ext'],
  ])('rejects setting presence with %s, naming %s', async (_name, change, field) => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const response = await run(
      `mutation ($resource: String!, $status: String!, $ext: String) {
        setPresence(username: "alice", resource: $resource, status: $status, ext: $ext)
      }`,
      { resource: 'ios_1', status: '1', ext: '', ...change },
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe(field);
    expect(emulator.calls.count()).toBe(0);
  });

  it.each([
    [501, 1, 'pageSize'],
    [0, 1, 'pageSize'],
    [10, 0, 'pageNum'],
  ])('rejects a subscription page of size %i, number %i', async (pageSize, pageNum, field) => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const response = await run(subscriptions, { username: 'alice', pageNum, pageSize });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe(field);
    expect(emulator.calls.count('presence.sublist')).toBe(0);
  });
});

describe('presence answers that carry a reason', () => {
  it('setPresence and unsubscribePresence surface a result other than "ok" as BAD_USER_INPUT with the reason', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'presence.set',
      kind: 'respond',
      times: 1,
      body: { result: 'presence is not enabled for this app' },
    });
    const set = await run(
      'mutation { setPresence(username: "alice", resource: "android", status: "0", ext: "123") }',
    );
    expect(errorCode(set)).toBe('BAD_USER_INPUT');
    expect(set.errors![0]!.message).toBe(
      'presence is not enabled for this app (operation_refused)',
    );
    expect(set.errors![0]!.extensions!.upstream).toMatchObject({
      status: 200,
      code: 'operation_refused',
    });
    emulator.faults.add({
      endpoint: 'presence.unsubscribe',
      kind: 'respond',
      times: 1,
      body: { result: 'not subscribed' },
    });
    const unsubscribed = await run(
      'mutation { unsubscribePresence(username: "alice", targets: ["bob"]) }',
    );
    expect(errorCode(unsubscribed)).toBe('BAD_USER_INPUT');
    expect(unsubscribed.errors![0]!.message).toContain('not subscribed');
    // The documented success still is one.
    expect(
      (
        await run(
          'mutation { setPresence(username: "alice", resource: "android", status: "0", ext: "123") }',
        )
      ).data,
    ).toEqual({ setPresence: true });
  });
});
