import { describe, expect, it } from 'vitest';
import { startGraphQL } from '../support/graphql.js';

const seed = {
  users: ['alice', 'bob'].map((username) => ({ username, password: 'pw' })),
  contacts: [['alice', 'bob']] as [string, string][],
};

describe('query cost limits, checked before execution', () => {
  it('refuses contacts of contacts of contacts (list fan-out) with no upstream call', async () => {
    // The call limit (test/schema/upstream-call-limit.test.ts) would refuse it first.
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { limits: { maxUpstreamCalls: 1_000_000 } },
    });
    const { body } = await post(
      '{ user(username: "alice") { contacts { contacts { contacts { username } } } } }',
    );
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 5000 });
    expect(body.errors![0]!.message).toMatch(/complexity \d+ exceeds the limit of 5000/);
    expect(emulator.calls.count()).toBe(0);
  });

  it('allows the contract operations', async () => {
    const { post } = await startGraphQL({ emulator: { seed } });
    const card = await post(
      '{ user(username: "alice") { username uuid nickname activated createdAt status offlineCount contacts { username status } blocks { username } } }',
    );
    expect(card.body.errors).toBeUndefined();
    const page = await post(
      '{ users(first: 100) { edges { cursor node { username nickname status } } pageInfo { hasNextPage } } }',
    );
    expect(page.body.errors).toBeUndefined();
  });

  it('weighs lists by the size their arguments ask for', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { limits: { maxComplexity: 300 } },
    });
    const small = await post('{ users(first: 10) { edges { node { username status } } } }');
    expect(small.body.errors).toBeUndefined();
    emulator.calls.reset();
    const big = await post('{ users(first: 100) { edges { node { username status nickname } } } }');
    expect(big.body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(emulator.calls.count()).toBe(0);
  });

  it('refuses queries deeper than the limit', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { limits: { maxDepth: 3, maxUpstreamCalls: 1_000_000 } },
    });
    const { body } = await post(
      '{ user(username: "alice") { contacts { contacts { username } } } }',
    );
    expect(body.errors![0]!.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      depth: 4,
      limit: 3,
    });
    expect(emulator.calls.count()).toBe(0);
  });

  it('refuses too many aliases', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { limits: { maxAliases: 5 } },
    });
    const aliases = Array.from(
      { length: 6 },
      (_, i) => `a${i}: user(username: "alice") { username }`,
    ).join(' ');
    const { body } = await post(`{ ${aliases} }`);
    expect(body.errors![0]!.message).toContain('Aliases limit of 5 exceeded');
    expect(body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(emulator.calls.count()).toBe(0);
  });

  it('refuses documents with too many tokens', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { limits: { maxTokens: 50 } },
    });
    const fields = Array.from({ length: 60 }, () => 'username').join(' ');
    const { body } = await post(`{ user(username: "alice") { ${fields} } }`);
    expect(body.errors![0]!.message).toContain('Token limit of 50 exceeded');
    expect(emulator.calls.count()).toBe(0);
  });

  it('bounds list arguments: presences of more than 500 targets', async () => {
    const { post, emulator } = await startGraphQL({ emulator: { seed } });
    const targets = Array.from({ length: 501 }, (_, i) => `u${i}`);
    const { body } = await post(
      'query($t: [String!]!) { presences(username: "alice", targets: $t) { ext } }',
      { t: targets },
    );
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targets' });
    expect(emulator.calls.count()).toBe(0);
  });
});
