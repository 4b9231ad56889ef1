import { describe, expect, it } from 'vitest';
import { bearer, testAuth, userToken } from '../support/auth.js';
import { startGraphQL } from '../support/graphql.js';

const seed = {
  users: [
    { username: 'alice', password: 'pw' },
    { username: 'bob', password: 'pw' },
  ],
  contacts: [['alice', 'bob']] as [string, string][],
  online: ['bob'],
};

/** Calls per endpoint, token requests aside. */
function upstreamCalls(emulator: { calls: { snapshot(): { counts: Record<string, number> } } }) {
  const { counts } = emulator.calls.snapshot();
  return Object.fromEntries(
    Object.entries(counts).filter(([name, n]) => n > 0 && name !== 'token'),
  );
}

describe('user(username): existence comes from a read the query makes anyway', () => {
  it('`user { status offlineCount }` costs 2 calls: the offline count proves the user exists', async () => {
    const { post, emulator } = await startGraphQL({ emulator: { seed } });
    const { body } = await post('{ user(username: "bob") { status offlineCount } }');
    expect(body).toEqual({ data: { user: { status: 'ONLINE', offlineCount: 0 } } });
    expect(upstreamCalls(emulator)).toEqual({ 'offline.count': 1, 'status.batch': 1 });
  });

  it('`user { contacts { username status } }` costs the contact list and the batch status only', async () => {
    const { post, emulator } = await startGraphQL({ emulator: { seed } });
    const { body } = await post('{ user(username: "alice") { contacts { username status } } }');
    expect(body).toEqual({
      data: { user: { contacts: [{ username: 'bob', status: 'ONLINE' }] } },
    });
    expect(upstreamCalls(emulator)).toEqual({ 'contacts.list': 1, 'status.batch': 1 });
  });

  it('still answers null for an unknown user, whichever read proved it', async () => {
    const { post } = await startGraphQL({ emulator: { seed } });
    for (const selection of ['offlineCount', 'contacts { username }', 'blocks { username }']) {
      const { body } = await post(`{ user(username: "nobody") { ${selection} } }`);
      expect(body).toEqual({ data: { user: null } });
    }
  });

  it('fragments count: a profile field inside a fragment makes the profile the witness', async () => {
    const { post, emulator } = await startGraphQL({ emulator: { seed } });
    const { body } = await post(
      '{ user(username: "alice") { ...Card } } fragment Card on User { ... on User { uuid } offlineCount }',
    );
    expect(body.errors).toBeUndefined();
    expect(upstreamCalls(emulator)).toEqual({ 'offline.count': 1, 'users.get': 1 });
  });

  it('a viewer who may not read private data never causes a private read', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    const token = await userToken('bob');
    const { body } = await post(
      '{ user(username: "alice") { status offlineCount } }',
      undefined,
      bearer(token),
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(upstreamCalls(emulator)['offline.count']).toBeUndefined();
    expect(upstreamCalls(emulator)['users.get']).toBe(1);
  });
});

describe("lists read their users' statuses up front, within the same rules", () => {
  it('a user listing contacts while PUBLIC_PROFILES is off causes no status read', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth({ publicProfiles: false }) },
    });
    const { body } = await post(
      '{ user(username: "alice") { contacts { username status } } }',
      undefined,
      bearer(await userToken('alice')),
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(upstreamCalls(emulator)).toEqual({ 'contacts.list': 1 });
  });

  it('a failed status batch still fails at the status field, located as before', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      client: { retry: { maxRetries: 0 } },
    });
    emulator.faults.add({ endpoint: 'status.batch', kind: 'status', status: 400 });
    const { body } = await post('{ user(username: "alice") { contacts { username status } } }');
    expect(body.data).toEqual({ user: null });
    expect(body.errors?.[0]?.path).toEqual(['user', 'contacts', 0, 'status']);
  });
});
