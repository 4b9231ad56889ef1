import { describe, expect, it } from 'vitest';
import { defaultMaxUpstreamCalls } from '../../src/plugins/upstream-call-limit.js';
import { startGraphQL } from '../support/graphql.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `u${String(i).padStart(3, '0')}`);
const seed = {
  users: [
    { username: 'alice', password: 'pw', nickname: 'Alice' },
    ...names(120).map((username) => ({ username, password: 'pw' })),
  ],
  contacts: names(60).map((name) => ['alice', name] as [string, string]),
};
const refs = (n: number) => names(n).map((username) => ({ __typename: 'User', username }));
const entities = (selection: string) =>
  `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { ${selection} } } }`;

describe('the upstream call limit (MAX_UPSTREAM_CALLS)', () => {
  it('defaults to half a second of the 100 calls/s budget', () => {
    expect(defaultMaxUpstreamCalls).toBe(50);
  });

  it('refuses 1,000 _entities asking for nickname before any call', async () => {
    // They weigh 1,001 by field complexity, under its limit of 5000: the call limit alone refuses.
    const { post, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.calls.reset();
    const { body } = await post(entities('nickname'), { r: refs(1000) });
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      estimatedCalls: 1000,
      limit: 50,
    });
    expect(body.errors![0]!.message).toMatch(/1000 Easemob calls, more than the limit of 50/);
    expect(emulator.calls.count()).toBe(0);
  });

  it('refuses a contact list asking profiles, with no call; status alone passes', async () => {
    const { post, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.calls.reset();
    const costly = await post('{ user(username: "alice") { contacts { nickname status } } }');
    expect(costly.body.errors![0]!.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      estimatedCalls: 102,
      limit: 50,
    });
    expect(emulator.calls.count()).toBe(0);
    const cheap = await post('{ user(username: "alice") { contacts { username status } } }');
    expect(cheap.body.errors).toBeUndefined();
    expect(cheap.body.data!.user.contacts).toHaveLength(60);
    expect(emulator.calls.count('contacts.list')).toBe(1);
    expect(emulator.calls.count('status.batch')).toBe(1);
  });

  it('passes an operation at the limit and refuses one call more', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { limits: { maxUpstreamCalls: 10 } },
    });
    emulator.calls.reset();
    const atLimit = await post(entities('nickname'), { r: refs(10) });
    expect(atLimit.body.errors).toBeUndefined();
    expect(atLimit.body.data!._entities).toHaveLength(10);
    expect(emulator.calls.count('users.get')).toBe(10);
    emulator.calls.reset();
    const over = await post(entities('nickname'), { r: refs(11) });
    expect(over.body.errors![0]!.extensions).toMatchObject({ estimatedCalls: 11, limit: 10 });
    expect(emulator.calls.count()).toBe(0);
  });

  it('counts a page of users as carrying their profiles: nickname + status is 2 calls', async () => {
    const { post, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.calls.reset();
    const { body } = await post(
      '{ users(first: 100) { edges { node { username nickname status } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.users.edges).toHaveLength(100);
    expect(emulator.calls.count('users.list')).toBe(1);
    expect(emulator.calls.count('status.batch')).toBe(1);
    expect(emulator.calls.count('users.get')).toBe(0);
  });

  it('refuses mutations by their cost too, before they act', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { limits: { maxUpstreamCalls: 3 } },
    });
    emulator.calls.reset();
    const { body } = await post(
      'mutation { addContact(username: "alice", contact: "u100") { contacts { nickname } } }',
    );
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 3 });
    expect(emulator.calls.count()).toBe(0);
  });
});
