import { describe, expect, it } from 'vitest';
import { UserCardDocument, UsersDocument } from '../../operations/generated/graphql.js';
import { errorCode, startGraphQL } from '../support/graphql.js';

const names = (n: number, prefix = 'friend') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

/** A user "hub" whose contacts are friend000, friend001, … */
const hubWithContacts = (count: number, online: string[] = []) => {
  const friends = names(count);
  return {
    users: [
      { username: 'hub', password: 'pw' },
      ...friends.map((username) => ({ username, password: 'pw' })),
    ],
    contacts: friends.map((f) => ['hub', f] as [string, string]),
    online,
  };
};

const seed = {
  users: [
    { username: 'alice', password: 'pw', nickname: 'Alice' },
    { username: 'bob', password: 'pw', nickname: 'Bob' },
    { username: 'carol', password: 'pw' },
  ],
  contacts: [
    ['alice', 'bob'],
    ['alice', 'carol'],
  ] as [string, string][],
  blocks: [['alice', 'carol']] as [string, string][],
  online: ['bob'],
};

describe('the public contract', () => {
  it('UserCard works verbatim', async () => {
    const { execute, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.state.sendMessage({
      targetType: 'users',
      to: 'alice',
      from: 'bob',
      msg: { type: 'txt', msg: 'hi' },
    });
    const response = await execute(UserCardDocument, { username: 'alice' });
    expect(response.errors).toBeUndefined();
    const user = response.data!.user!;
    expect(user).toMatchObject({
      username: 'alice',
      nickname: 'Alice',
      activated: true,
      status: 'OFFLINE',
      offlineCount: 1,
      blocks: [{ username: 'carol' }],
    });
    expect(user.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(user.createdAt as string).getTime()).toBeGreaterThan(0);
    expect(user.contacts).toEqual(
      expect.arrayContaining([
        { username: 'bob', status: 'ONLINE' },
        { username: 'carol', status: 'OFFLINE' },
      ]),
    );
  });

  it("Users pages over Easemob's cursor verbatim", async () => {
    const { execute } = await startGraphQL({ emulator: { seed } });
    const first = await execute(UsersDocument, { first: 2 });
    expect(first.data!.users.edges.map((e) => e.node)).toEqual([
      { username: 'alice', nickname: 'Alice' },
      { username: 'bob', nickname: 'Bob' },
    ]);
    expect(first.data!.users.pageInfo.hasNextPage).toBe(true);
    const rest = await execute(UsersDocument, {
      first: 2,
      after: first.data!.users.pageInfo.endCursor,
    });
    expect(rest.data!.users.edges.map((e) => e.node.username)).toEqual(['carol']);
    expect(rest.data!.users.pageInfo.hasNextPage).toBe(false);
  });
});

describe('upstream calls', () => {
  it('250 contacts with status cost 1 contacts call + 3 batch-status calls, nothing else', async () => {
    const { execute, emulator } = await startGraphQL({
      emulator: { seed: hubWithContacts(250, ['friend007', 'friend123']) },
    });
    const response = await execute(UserCardDocument, { username: 'hub' });
    expect(response.errors).toBeUndefined();
    const contacts = response.data!.user!.contacts;
    expect(contacts).toHaveLength(250);
    expect(
      contacts
        .filter((c) => c.status === 'ONLINE')
        .map((c) => c.username)
        .sort(),
    ).toEqual(['friend007', 'friend123']);
    expect(emulator.calls.count('contacts.list')).toBe(1);
    // The hub's own status rides in one of the batches: 251 names → 3 calls of ≤ 100.
    expect(emulator.calls.count('status.batch')).toBe(3);
    expect(emulator.calls.usernames('status.batch').every((run) => run.length <= 100)).toBe(true);
    expect(emulator.calls.count('status.get')).toBe(0);
    // Only the hub's own profile is read, once.
    expect(emulator.calls.count('users.get')).toBe(1);
  });

  it('contacts { username status } alone reads no profile at all', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed: hubWithContacts(250) } });
    emulator.calls.reset();
    const response = await run('{ user(username: "hub") { username } }');
    expect(response.data).toEqual({ user: { username: 'hub' } });
    emulator.calls.reset();
    const contacts = await run(
      'mutation { addContact(username: "hub", contact: "friend000") { contacts { username status } } }',
    );
    expect(contacts.data!.addContact.contacts).toHaveLength(250);
    expect(emulator.calls.count('users.get')).toBe(0);
    expect(emulator.calls.count('status.get')).toBe(0);
    expect(emulator.calls.count('contacts.list')).toBe(1);
    expect(emulator.calls.count('status.batch')).toBe(3);
  });

  it('loads each profile and offline count once per operation, however often asked', async () => {
    // The call estimate counts every alias and 100 contacts (203 calls); coalescing is the point.
    const { run, emulator } = await startGraphQL({
      emulator: { seed },
      server: { limits: { maxUpstreamCalls: 1000 } },
    });
    const response = await run(`{
      a: user(username: "alice") { nickname offlineCount contacts { username nickname offlineCount } }
      b: user(username: "ALICE") { uuid activated offlineCount }
      c: user(username: "bob") { nickname offlineCount }
    }`);
    expect(response.errors).toBeUndefined();
    // alice, bob, carol: one profile read and one offline count each.
    expect(emulator.calls.count('users.get')).toBe(3);
    expect(emulator.calls.count('offline.count')).toBe(3);
    expect(emulator.calls.count('contacts.list')).toBe(1);
  });

  it('users(first: 100) with status costs 1 list call + 1 batch-status call', async () => {
    const { run, emulator } = await startGraphQL({
      emulator: {
        seed: { users: names(120, 'user').map((username) => ({ username, password: 'pw' })) },
      },
    });
    const response = await run(
      '{ users(first: 100) { edges { node { username nickname status } } } }',
    );
    expect(response.data!.users.edges).toHaveLength(100);
    expect(emulator.calls.count('users.list')).toBe(1);
    expect(emulator.calls.count('status.batch')).toBe(1);
    expect(emulator.calls.count('users.get')).toBe(0);
  });
});

describe('queries', () => {
  it('user is null when Easemob answers 404', async () => {
    const { run } = await startGraphQL({ emulator: { seed } });
    const response = await run('{ user(username: "nobody") { username status } }');
    expect(response).toEqual({ data: { user: null } });
  });

  it('user names are case-insensitive', async () => {
    const { run } = await startGraphQL({ emulator: { seed } });
    const response = await run('{ user(username: "Alice") { username nickname } }');
    expect(response.data).toEqual({ user: { username: 'alice', nickname: 'Alice' } });
  });

  it('shows notification settings, modifiedAt and offline message status', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    await run(`mutation { updateUser(username: "carol", input: {
      notificationDisplayStyle: SUMMARY, noDisturbing: { enabled: true, startHour: 22, endHour: 7 }
    }) { username } }`);
    const id = emulator.state.sendMessage({
      targetType: 'users',
      to: 'carol',
      from: 'bob',
      msg: { type: 'txt', msg: 'x' },
    }).msg_id;
    const response = await run(
      `query($id: ID!) { user(username: "carol") {
      notificationDisplayStyle noDisturbing { enabled startHour endHour } modifiedAt
      offlineMessageStatus(messageId: $id)
    } }`,
      { id },
    );
    expect(response.data!.user).toMatchObject({
      notificationDisplayStyle: 'SUMMARY',
      noDisturbing: { enabled: true, startHour: 22, endHour: 7 },
      offlineMessageStatus: 'UNDELIVERED',
    });
    emulator.state.setOnline('carol', true);
    const later = await run(
      `query($id: ID!) { user(username: "carol") { offlineMessageStatus(messageId: $id) } }`,
      { id },
    );
    expect(later.data!.user.offlineMessageStatus).toBe('DELIVERED');
  });

  it('rejects bad arguments before any upstream call', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    for (const [query, field] of [
      ['{ user(username: "no way") { username } }', 'username'],
      ['{ users(first: 0) { edges { cursor } } }', 'first'],
      ['{ users(first: 101) { edges { cursor } } }', 'first'],
      ['{ users(after: "garbage") { edges { cursor } } }', 'after'],
      ['{ users(last: 2) { edges { cursor } } }', 'last'],
    ] as const) {
      const response = await run(query);
      expect(errorCode(response), query).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.field, query).toBe(field);
      expect(response.errors![0]!.message, query).toContain(field);
    }
    expect(emulator.calls.count()).toBe(0);
  });
});

describe('push fields of the user entity', () => {
  it('notifierName, deviceToken and notificationIgnoredGroups come with the one profile read', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.state.setPushBinding('alice', {
      notifier_name: '2882303761517426801',
      device_token: 'device-token-of-alice',
      ignoredGroups: { '63112447328257': true, '1402541206787': false },
    });
    const response = await run(`{
      alice: user(username: "alice") { nickname notifierName deviceToken notificationIgnoredGroups }
      bob: user(username: "bob") { notifierName deviceToken notificationIgnoredGroups }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      alice: {
        nickname: 'Alice',
        notifierName: '2882303761517426801',
        deviceToken: 'device-token-of-alice',
        notificationIgnoredGroups: ['63112447328257'],
      },
      // "没有设置则不会返回": nothing set, nothing shown.
      bob: { notifierName: null, deviceToken: null, notificationIgnoredGroups: null },
    });
    expect(emulator.calls.count('users.get')).toBe(2);
  });
});
