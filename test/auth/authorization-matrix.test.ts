import { getNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { adminKey, bearer, testAuth, userToken } from '../support/auth.js';
import { startGraphQL } from '../support/graphql.js';

/**
 * Every root field, every mutation and every User field, asked by four callers about alice:
 * anonymous, alice herself, bob (another viewer), and an admin. Denials must come before any
 * upstream call.
 */

type Caller = 'anonymous' | 'self' | 'other' | 'admin';
type Outcome = 'ok' | 'FORBIDDEN' | 'UNAUTHENTICATED';
type Row = [anonymous: Outcome, self: Outcome, other: Outcome, admin: Outcome];

const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const signedIn: Row = [U, 'ok', 'ok', 'ok'];
const adminOnly: Row = [U, F, F, 'ok'];
const selfOrAdmin: Row = [U, 'ok', F, 'ok'];

const seed = {
  users: ['alice', 'bob', 'carol'].map((username) => ({ username, password: 'pw' })),
  contacts: [['alice', 'bob']] as [string, string][],
  blocks: [['alice', 'carol']] as [string, string][],
};

const open: Row = ['ok', 'ok', 'ok', 'ok'];

const root: Record<string, [string, Row]> = {
  // Federation: the SDL is public; an entity's fields keep their own rules (see User fields).
  _service: ['{ _service { sdl } }', open],
  _entities: [
    '{ _entities(representations: [{ __typename: "User", username: "alice" }]) { ... on User { status } } }',
    signedIn,
  ],
  viewer: ['{ viewer { username } }', signedIn],
  user: ['{ user(username: "alice") { username } }', signedIn],
  users: ['{ users(first: 2) { edges { node { username } } } }', adminOnly],
  chatMessages: ['{ chatMessages(first: 2) { edges { node { id } } } }', adminOnly],
  // Others' presence details are the admin's (test/auth/presence-visibility.test.ts).
  presences: [
    '{ presences(username: "alice", targets: ["bob"]) { user { username } } }',
    selfOrAdmin,
  ],
  createUser: [
    'mutation { createUser(input: { username: "dave", password: "pw" }) { username } }',
    adminOnly,
  ],
  createUsers: [
    'mutation { createUsers(input: [{ username: "erin", password: "pw" }]) { created { username } } }',
    adminOnly,
  ],
  deleteUser: ['mutation { deleteUser(username: "carol") { username } }', adminOnly],
  deleteUsers: ['mutation { deleteUsers(limit: 1) { deleted { username } cursor } }', adminOnly],
  issueUserToken: [
    'mutation { issueUserToken(input: { username: "alice", password: "pw" }) { expiresAt } }',
    selfOrAdmin,
  ],
  resetPassword: ['mutation { resetPassword(username: "alice", password: "new-pw") }', adminOnly],
  updateUser: [
    'mutation { updateUser(username: "alice", input: { nickname: "A" }) { username } }',
    selfOrAdmin,
  ],
  deactivateUser: ['mutation { deactivateUser(username: "alice") { username } }', adminOnly],
  activateUser: ['mutation { activateUser(username: "alice") { username } }', adminOnly],
  disconnectUser: ['mutation { disconnectUser(username: "alice") }', adminOnly],
  addContact: [
    'mutation { addContact(username: "alice", contact: "carol") { username } }',
    selfOrAdmin,
  ],
  removeContact: [
    'mutation { removeContact(username: "alice", contact: "bob") { username } }',
    selfOrAdmin,
  ],
  blockUsers: [
    'mutation { blockUsers(username: "alice", usernames: ["bob"]) { username } }',
    selfOrAdmin,
  ],
  unblockUser: [
    'mutation { unblockUser(username: "alice", blocked: "carol") { username } }',
    selfOrAdmin,
  ],
  sendMessage: [
    'mutation { sendMessage(input: { targetType: USERS, targets: ["bob"], from: "alice", message: { text: "hi" } }) { results { success } } }',
    selfOrAdmin,
  ],
  setPresence: [
    'mutation { setPresence(username: "alice", resource: "ios_1", status: "1") }',
    selfOrAdmin,
  ],
  subscribePresence: [
    'mutation { subscribePresence(username: "alice", targets: ["bob"], expirySeconds: 60) { expiresAt } }',
    selfOrAdmin,
  ],
  unsubscribePresence: [
    'mutation { unsubscribePresence(username: "alice", targets: ["bob"]) }',
    selfOrAdmin,
  ],
};

const publicField: Row = signedIn;
const privateField: Row = selfOrAdmin;
const userFields: Record<string, [string, Row]> = {
  username: ['username', publicField],
  uuid: ['uuid', publicField],
  nickname: ['nickname', publicField],
  activated: ['activated', publicField],
  createdAt: ['createdAt', publicField],
  modifiedAt: ['modifiedAt', publicField],
  status: ['status', publicField],
  notificationDisplayStyle: ['notificationDisplayStyle', privateField],
  noDisturbing: ['noDisturbing { enabled }', privateField],
  notifierName: ['notifierName', privateField],
  notificationIgnoredGroups: ['notificationIgnoredGroups', privateField],
  deviceToken: ['deviceToken', adminOnly],
  offlineCount: ['offlineCount', privateField],
  offlineMessageStatus: ['offlineMessageStatus(messageId: "123")', privateField],
  contacts: ['contacts { username }', privateField],
  blocks: ['blocks { username }', privateField],
  presence: ['presence { ext }', privateField],
  presenceSubscriptions: ['presenceSubscriptions { totalCount }', privateField],
};

const callers: Caller[] = ['anonymous', 'other', 'self', 'admin'];

async function headersFor(caller: Caller): Promise<Record<string, string>> {
  if (caller === 'anonymous') return {};
  if (caller === 'admin') return bearer(adminKey);
  return bearer(await userToken(caller === 'self' ? 'alice' : 'bob'));
}

function outcomeOf(body: {
  data?: unknown;
  errors?: { extensions?: Record<string, unknown> }[];
}): Outcome | string {
  if (!body.errors?.length) return 'ok';
  return String(body.errors[0]!.extensions?.code);
}

describe('the matrix covers the whole schema', () => {
  it('names every Query and Mutation field and every User field', () => {
    const rootFields = [
      ...Object.keys(schema.getQueryType()!.getFields()),
      ...Object.keys(schema.getMutationType()!.getFields()),
    ];
    expect(rootFields.sort()).toEqual(Object.keys(root).sort());
    const user = getNamedType(schema.getType('User')!);
    expect(isObjectType(user) && Object.keys(user.getFields()).sort()).toEqual(
      Object.keys(userFields).sort(),
    );
  });
});

describe('root fields and mutations × callers', () => {
  it.each(Object.entries(root))('%s', async (_name, [query, row]) => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    for (const caller of callers) {
      const expected = row[['anonymous', 'self', 'other', 'admin'].indexOf(caller)]!;
      const before = emulator.calls.count();
      const { body } = await post(query, undefined, await headersFor(caller));
      expect(outcomeOf(body), `${caller}: ${JSON.stringify(body.errors)}`).toBe(expected);
      if (expected !== 'ok')
        expect(emulator.calls.count(), `${caller} denied without upstream calls`).toBe(before);
    }
  });
});

describe('User fields × callers (asked about alice)', () => {
  it.each(Object.entries(userFields))('%s', async (_name, [selection, row]) => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    for (const caller of callers) {
      const expected = row[['anonymous', 'self', 'other', 'admin'].indexOf(caller)]!;
      emulator.calls.reset();
      const { body } = await post(
        `{ user(username: "alice") { ${selection} } }`,
        undefined,
        await headersFor(caller),
      );
      expect(outcomeOf(body), `${caller}: ${JSON.stringify(body.errors)}`).toBe(expected);
      if (expected !== 'ok') {
        // At most the profile read that tells whether alice exists; nothing for the denied field.
        const called = emulator.calls.list().map((c) => c.endpoint);
        expect(
          called.filter((e) => e !== 'users.get' && e !== 'token'),
          caller,
        ).toEqual([]);
      }
    }
  });
});

describe('policies', () => {
  it('with PUBLIC_PROFILES off, viewers see no other user at all', async () => {
    const { post } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth({ publicProfiles: false }) },
    });
    const asBob = bearer(await userToken('bob'));
    expect(
      outcomeOf((await post('{ user(username: "alice") { nickname } }', undefined, asBob)).body),
    ).toBe(F);
    expect(
      outcomeOf((await post('{ user(username: "alice") { status } }', undefined, asBob)).body),
    ).toBe(F);
    expect(
      outcomeOf(
        (await post('{ user(username: "bob") { nickname status } }', undefined, asBob)).body,
      ),
    ).toBe('ok');
  });

  it('a viewer sending without `from` sends as themselves', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    const { body } = await post(
      'mutation { sendMessage(input: { targetType: USERS, targets: ["bob"], message: { text: "hi" } }) { results { success } } }',
      undefined,
      bearer(await userToken('alice')),
    );
    expect(body.errors).toBeUndefined();
    expect(emulator.state.sentMessages.map((m) => m.from)).toEqual(['alice']);
  });

  it("a viewer sees their own contacts but not their contacts' private data", async () => {
    // A profile field per contact is estimated at 101 calls (100 contacts), over the default call
    // limit; authorization is the point here.
    const { post } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth(), limits: { maxUpstreamCalls: 1000 } },
    });
    const asAlice = bearer(await userToken('alice'));
    const mine = await post(
      '{ viewer { contacts { username status nickname } } }',
      undefined,
      asAlice,
    );
    expect(mine.body).toEqual({
      data: { viewer: { contacts: [{ username: 'bob', status: 'OFFLINE', nickname: null }] } },
    });
    const theirs = await post('{ viewer { contacts { offlineCount } } }', undefined, asAlice);
    expect(outcomeOf(theirs.body)).toBe(F);
  });

  it('an admin JWT acts as admin and names its user as the viewer', async () => {
    const { post } = await startGraphQL({ emulator: { seed }, server: { auth: testAuth() } });
    const token = await userToken('carol', { roles: ['admin'] });
    const { body } = await post(
      '{ viewer { username } users(first: 1) { edges { cursor } } }',
      undefined,
      bearer(token),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.viewer).toEqual({ username: 'carol' });
  });
});
