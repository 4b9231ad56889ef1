import { describe, expect, it } from 'vitest';
import { errorCode, startGraphQL } from '../support/graphql.js';

const seed = {
  users: [
    { username: 'alice', password: 'pw', nickname: 'Alice' },
    { username: 'bob', password: 'pw' },
    { username: 'carol', password: 'pw' },
  ],
  online: ['bob'],
};

describe('user mutations', () => {
  it('createUser returns the new user without another read', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const response = await run(
      'mutation { createUser(input: { username: "Dave", password: "pw", nickname: "D" }) { username nickname activated uuid } }',
    );
    expect(response.data!.createUser).toMatchObject({
      username: 'dave',
      nickname: 'D',
      activated: true,
    });
    expect(emulator.calls.count('users.get')).toBe(0);
    expect(emulator.state.getUser('dave')).toBeDefined();
  });

  it('createUser of an existing name is a CONFLICT', async () => {
    const { run } = await startGraphQL({ emulator: { seed } });
    const response = await run(
      'mutation { createUser(input: { username: "alice", password: "pw" }) { username } }',
    );
    expect(errorCode(response)).toBe('CONFLICT');
  });

  it('createUsers returns partial failures instead of throwing', async () => {
    const { run } = await startGraphQL({ emulator: { seed } });
    const response = await run(`mutation { createUsers(input: [
      { username: "u1", password: "p" }, { username: "alice", password: "p" }, { username: "u2", password: "p", nickname: "two" }
    ]) { created { username nickname } failed { username reason } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.createUsers).toEqual({
      created: [
        { username: 'u1', nickname: null },
        { username: 'u2', nickname: 'two' },
      ],
      failed: [{ username: 'alice', reason: expect.stringContaining('alice') }],
    });
  });

  it('createUsers refuses more than 60 users, naming the argument, before any call', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const input = Array.from({ length: 61 }, (_, i) => ({ username: `n${i}`, password: 'p' }));
    const response = await run(
      'mutation($input: [CreateUserInput!]!) { createUsers(input: $input) { failed { username } } }',
      { input },
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe('input');
    expect(emulator.calls.count()).toBe(0);
  });

  it('deleteUser, resetPassword, updateUser', async () => {
    const { run, client, emulator } = await startGraphQL({ emulator: { seed } });
    const deleted = await run('mutation { deleteUser(username: "carol") { username } }');
    expect(deleted.data).toEqual({ deleteUser: { username: 'carol' } });
    expect(emulator.state.getUser('carol')).toBeUndefined();
    expect(errorCode(await run('mutation { deleteUser(username: "carol") { username } }'))).toBe(
      'NOT_FOUND',
    );

    const reset = await run('mutation { resetPassword(username: "alice", password: "new-pw") }');
    expect(reset.data).toEqual({ resetPassword: true });
    await expect(
      client.tokens.user({ username: 'alice', password: 'new-pw' }),
    ).resolves.toBeDefined();

    const updated = await run(`mutation { updateUser(username: "alice", input: {
      nickname: "Al", notificationDisplayStyle: DETAIL, noDisturbing: { enabled: false }
    }) { nickname notificationDisplayStyle noDisturbing { enabled } } }`);
    expect(updated.data!.updateUser).toEqual({
      nickname: 'Al',
      notificationDisplayStyle: 'DETAIL',
      noDisturbing: { enabled: false },
    });
  });

  it('updateUser validates the input fields by name', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const cases = [
      ['{ }', 'input'],
      ['{ noDisturbing: { enabled: true } }', 'input.noDisturbing'],
      [
        '{ noDisturbing: { enabled: true, startHour: 25, endHour: 1 } }',
        'input.noDisturbing.startHour',
      ],
      [`{ nickname: "${'n'.repeat(101)}" }`, 'input.nickname'],
    ];
    for (const [input, field] of cases) {
      const response = await run(
        `mutation { updateUser(username: "alice", input: ${input}) { username } }`,
      );
      expect(errorCode(response), input).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.field, input).toBe(field);
    }
    expect(emulator.calls.count()).toBe(0);
  });

  it('deactivateUser, activateUser, disconnectUser', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const off = await run(
      'mutation { deactivateUser(username: "bob") { username activated status } }',
    );
    expect(off.data).toEqual({
      deactivateUser: { username: 'bob', activated: false, status: 'OFFLINE' },
    });
    const on = await run('mutation { activateUser(username: "bob") { username activated } }');
    expect(on.data).toEqual({ activateUser: { username: 'bob', activated: true } });
    emulator.state.setOnline('bob', true);
    const kicked = await run('mutation { disconnectUser(username: "bob") }');
    expect(kicked.data).toEqual({ disconnectUser: true });
    expect(emulator.state.isOnline('bob')).toBe(false);
  });
});

describe('contacts and blocks', () => {
  it('addContact, removeContact, blockUsers, unblockUser return the owner with fresh lists', async () => {
    const { run } = await startGraphQL({ emulator: { seed } });
    const added = await run(
      'mutation { addContact(username: "alice", contact: "bob") { contacts { username status } } }',
    );
    expect(added.data!.addContact.contacts).toEqual([{ username: 'bob', status: 'ONLINE' }]);
    const both = await run(`mutation {
      a: addContact(username: "alice", contact: "carol") { contacts { username } }
      b: removeContact(username: "alice", contact: "bob") { contacts { username } }
    }`);
    expect(both.data).toEqual({
      a: { contacts: [{ username: 'bob' }, { username: 'carol' }] },
      b: { contacts: [{ username: 'carol' }] },
    });
    const blocked = await run(
      'mutation { blockUsers(username: "alice", usernames: ["bob", "carol"]) { blocks { username } } }',
    );
    expect(blocked.data!.blockUsers.blocks).toEqual([{ username: 'bob' }, { username: 'carol' }]);
    const unblocked = await run(
      'mutation { unblockUser(username: "alice", blocked: "bob") { blocks { username } } }',
    );
    expect(unblocked.data!.unblockUser.blocks).toEqual([{ username: 'carol' }]);
  });

  it('maps Easemob errors to codes', async () => {
    const { run } = await startGraphQL({ emulator: { seed } });
    expect(
      errorCode(
        await run('mutation { addContact(username: "alice", contact: "nobody") { username } }'),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await run('mutation { blockUsers(username: "alice", usernames: ["nobody"]) { username } }'),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('blockUsers refuses more than 500 names', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const usernames = Array.from({ length: 501 }, (_, i) => `x${i}`);
    const response = await run(
      'mutation($u: [String!]!) { blockUsers(username: "alice", usernames: $u) { username } }',
      { u: usernames },
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe('usernames');
    expect(emulator.calls.count()).toBe(0);
  });
});

describe('deleteUsers', () => {
  it('deletes the oldest N, returns them with Easemob’s cursor, and evicts what was cached of them', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    // Cached before the delete: a read after it must not answer from these.
    await run('{ a: user(username: "alice") { nickname } b: user(username: "bob") { nickname } }');
    const reads = emulator.calls.count('users.get');
    const first = await run(
      'mutation { deleteUsers(limit: 2) { deleted { username nickname } cursor } }',
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.deleteUsers.deleted).toEqual([
      { username: 'alice', nickname: 'Alice' },
      { username: 'bob', nickname: null },
    ]);
    expect(first.data!.deleteUsers.cursor).toEqual(expect.any(String));
    expect(emulator.calls.list('users.deleteMany')[0]!.query).toEqual({ limit: '2' });
    const after = await run(
      '{ a: user(username: "alice") { nickname } b: user(username: "bob") { nickname } }',
    );
    expect(after.data).toEqual({ a: null, b: null });
    expect(emulator.calls.count('users.get')).toBe(reads + 2);
    // The last user: no cursor, as no user remains.
    const last = await run('mutation { deleteUsers(limit: 500) { deleted { username } cursor } }');
    expect(last.data!.deleteUsers).toEqual({ deleted: [{ username: 'carol' }], cursor: null });
  });

  it('refuses a limit outside 1-500 before any call', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    for (const limit of [0, 501]) {
      const response = await run('mutation($l: Int!) { deleteUsers(limit: $l) { cursor } }', {
        l: limit,
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.field).toBe('limit');
    }
    expect(emulator.calls.count()).toBe(0);
  });
});

describe('blockUsers and the 500 limit', () => {
  it('checks the limit against the owner’s current list, not per call', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    for (let i = 0; i < 501; i++) emulator.state.createUser({ username: `x${i}`, password: 'p' });
    for (let i = 0; i < 498; i++) emulator.state.addBlock('carol', `x${i}`);
    const block = (usernames: string[]) =>
      run(
        'mutation($u: [String!]!) { blockUsers(username: "carol", usernames: $u) { username } }',
        {
          u: usernames,
        },
      );
    // 498 + 3 = 501: refused before the add, naming the argument.
    const over = await block(['x498', 'x499', 'x500']);
    expect(errorCode(over)).toBe('BAD_USER_INPUT');
    expect(over.errors![0]!.extensions!.field).toBe('usernames');
    expect(over.errors![0]!.message).toContain('501 blocked users');
    expect(emulator.calls.count('blocks.add')).toBe(0);
    // 498 + 2 = 500 (a name already blocked does not count twice): allowed.
    const full = await block(['x0', 'x498', 'x499']);
    expect(full.errors).toBeUndefined();
    expect(emulator.state.users.blocksOf('carol')).toHaveLength(500);
  });
});
