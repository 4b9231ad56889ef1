import { describe, expect, it } from 'vitest';
import { adminKey, bearer, testAuth, userToken } from '../support/auth.js';
import { startGraphQL } from '../support/graphql.js';

const seed = {
  users: ['alice', 'bob', 'carol'].map((username) => ({ username, password: 'pw' })),
  // carol blocked alice.
  blocks: [['carol', 'alice']] as [string, string][],
};
const add = (contact: string) =>
  `mutation { addContact(username: "alice", contact: "${contact}") { username } }`;
const remove = (contact: string) =>
  `mutation { removeContact(username: "alice", contact: "${contact}") { username } }`;

describe('the viewers’ contact policy', () => {
  it('refuses adding a user who blocked the caller, leaving both lists unchanged; admins may', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    const { body } = await post(add('carol'), undefined, bearer(await userToken('alice')));
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', policy: 'blocked' });
    expect(body.errors?.[0]?.message).toBe('contact request rejected: carol does not accept it');
    expect(emulator.state.users.contactsOf('carol')).toEqual([]);
    expect(emulator.state.users.contactsOf('alice')).toEqual([]);
    expect(emulator.calls.count('contacts.add')).toBe(0);

    const admin = await post(add('carol'), undefined, bearer(adminKey));
    expect(admin.body.errors).toBeUndefined();
    expect(emulator.state.users.contactsOf('carol')).toEqual(['alice']);
  });

  it('lets a viewer add and remove anyone who has not blocked them', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    const asAlice = bearer(await userToken('alice'));
    expect((await post(add('bob'), undefined, asAlice)).body.errors).toBeUndefined();
    expect(emulator.state.users.contactsOf('bob')).toEqual(['alice']);
    expect((await post(remove('bob'), undefined, asAlice)).body.errors).toBeUndefined();
    expect(emulator.state.users.contactsOf('bob')).toEqual([]);
  });

  it('with VIEWER_CONTACTS=admin-only, only admins change contact lists', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed: { ...seed, contacts: [['alice', 'carol']] } },
      server: { auth: testAuth({ viewers: { contacts: 'admin-only' } }) },
    });
    const asAlice = bearer(await userToken('alice'));
    for (const query of [add('bob'), remove('carol')]) {
      const { body } = await post(query, undefined, asAlice);
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        policy: 'contacts',
      });
    }
    expect(emulator.calls.list().filter((c) => c.endpoint !== 'token')).toEqual([]);
    expect((await post(add('bob'), undefined, bearer(adminKey))).body.errors).toBeUndefined();
    expect(emulator.state.users.contactsOf('bob')).toEqual(['alice']);
    // Blocking stays the user's own: nobody needs a backend to protect themselves.
    const block = await post(
      'mutation { blockUsers(username: "alice", usernames: ["bob"]) { username } }',
      undefined,
      asAlice,
    );
    expect(block.body.errors).toBeUndefined();
  });
});
