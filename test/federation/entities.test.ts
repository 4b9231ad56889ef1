import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printSubgraphFile, subgraphFile } from '../../src/schema/print.js';
import { adminKey, bearer, testAuth, userToken } from '../support/auth.js';
import { startGraphQL } from '../support/graphql.js';

/** `_entities` and `_service` called as a gateway would, straight on this API. */

const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `user${String(i).padStart(3, '0')}`);

const seed = {
  users: [
    { username: 'alice', password: 'pw', nickname: 'Alice' },
    { username: 'bob', password: 'pw', nickname: 'Bob' },
    ...names(300).map((username) => ({ username, password: 'pw' })),
  ],
  contacts: [['alice', 'bob']] as [string, string][],
  online: ['alice'],
};

const user = (username: unknown) => ({ __typename: 'User', username });
const entities = (selection: string) =>
  `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { ${selection} } } }`;

describe('_service', () => {
  it('serves the subgraph SDL: User keyed by username, Federation 2.6', async () => {
    const { run } = await startGraphQL();
    const { data } = await run('{ _service { sdl } }');
    const sdl = data!._service.sdl as string;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6"');
    expect(sdl).toMatch(/type User\s+@key\(fields: "username"\)/);
    // The committed subgraph.graphql is this text (`npm run schema` rewrites it).
    expect(`${sdl}\n`).toBe(printSubgraphFile());
    expect(readFileSync(subgraphFile, 'utf8')).toBe(printSubgraphFile());
  });
});

describe('_entities', () => {
  it('resolves references without calling Easemob; invalid names are null', async () => {
    const { post, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.calls.reset();
    const { body } = await post(entities('username'), {
      r: [user('ALICE'), user('not a name!'), user('bob'), user(42), user('nobody')],
    });
    expect(body).toEqual({
      data: {
        _entities: [{ username: 'alice' }, null, { username: 'bob' }, null, { username: 'nobody' }],
      },
    });
    expect(emulator.calls.count()).toBe(0);
  });

  it('300 references asking for status: 3 batch-status calls, no per-user read', async () => {
    const { post, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.calls.reset();
    const { body } = await post(entities('username status'), { r: names(300).map(user) });
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toHaveLength(300);
    expect(body.data!._entities[299]).toEqual({ username: 'user299', status: 'OFFLINE' });
    expect(emulator.calls.count('status.batch')).toBe(3);
    expect(emulator.calls.usernames('status.batch').map((batch) => batch.length)).toEqual([
      100, 100, 100,
    ]);
    expect(emulator.calls.count('users.get')).toBe(0);
    expect(emulator.calls.count('status.get')).toBe(0);
  });

  it("refuses a representation of a type this subgraph does not have as the caller's mistake, at no cost", async () => {
    const { post, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.calls.reset();
    const { body } = await post(entities('username'), {
      r: [user('alice'), { __typename: 'Group', id: '1' }],
    });
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'representations.1.__typename',
    });
    expect(body.errors![0]!.message).toBe(
      'invalid representations.1.__typename: this subgraph has no entity type "Group"',
    );
    expect(emulator.calls.count()).toBe(0);
  });

  it('ignores anything but the key in a representation', async () => {
    const { post, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.calls.reset();
    const forged = { ...user('alice'), profile: { username: 'alice', nickname: 'Forged' } };
    const { body } = await post(entities('nickname'), { r: [forged] });
    expect(body).toEqual({ data: { _entities: [{ nickname: 'Alice' }] } });
    expect(emulator.calls.count('users.get')).toBe(1);
  });

  it('keeps the depth and cost limits, weighing each representation', async () => {
    // The call limit would refuse the wide one first (120 calls): these are the CPU limits.
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { limits: { maxUpstreamCalls: 1_000_000 } },
    });
    emulator.calls.reset();
    // 60 users × (100 contacts × a status + the list) + 1: 6061 > 5000.
    const wide = await post(entities('contacts { status }'), { r: names(60).map(user) });
    expect(wide.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      complexity: 6061,
      limit: 5000,
    });
    const deep = await post(
      entities(
        'presence { user { presence { user { presence { user { presence { user { username } } } } } } } }',
      ),
      { r: [user('alice')] },
    );
    expect(deep.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      depth: 10,
      limit: 8,
    });
    expect(emulator.calls.count()).toBe(0);
  });
  it('weighs an operation mixing entities with other fields and enum variables', async () => {
    const { post } = await startGraphQL({ emulator: { seed } });
    const { body } = await post(
      `query ($r: [_Any!]!, $order: SortOrder) {
        _entities(representations: $r) { ... on User { username } }
        chatMessages(first: 1, order: $order) { edges { node { id } } }
      }`,
      { r: [user('alice')], order: 'ASC' },
    );
    expect(body).toEqual({
      data: { _entities: [{ username: 'alice' }], chatMessages: { edges: [] } },
    });
  });
});

describe('_entities with authentication configured', () => {
  const denied = ['status', 'nickname', 'uuid', 'offlineCount', 'contacts { username }'];

  it('an anonymous caller reads no User field through _entities, and costs no call', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    emulator.calls.reset();
    for (const selection of denied) {
      const { body } = await post(entities(selection), { r: [user('alice')] });
      const field = selection.split(' ')[0]!;
      // Nullable fields answer null, non-null ones null the entity: no value either way.
      expect(body.data!._entities[0]?.[field] ?? null, selection).toBeNull();
      expect(
        body.errors?.map((e) => e.extensions?.code),
        selection,
      ).toEqual(['UNAUTHENTICATED']);
    }
    expect(emulator.calls.count()).toBe(0);
  });

  it("viewers get other users' public fields, not their private ones; admins get all", async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    const bob = bearer(await userToken('bob'));
    const open = await post(entities('nickname status'), { r: [user('alice')] }, bob);
    expect(open.body).toEqual({ data: { _entities: [{ nickname: 'Alice', status: 'ONLINE' }] } });

    emulator.calls.reset();
    const closed = await post(entities('offlineCount'), { r: [user('alice')] }, bob);
    expect(closed.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(emulator.calls.count('offline.count')).toBe(0);

    const admin = await post(
      entities('offlineCount contacts { username }'),
      { r: [user('alice')] },
      bearer(adminKey),
    );
    expect(admin.body).toEqual({
      data: { _entities: [{ offlineCount: 0, contacts: [{ username: 'bob' }] }] },
    });
  });
});
