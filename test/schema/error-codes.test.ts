import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maskError } from '../../src/errors.js';
import { startGraphQL } from '../support/graphql.js';

const seed = { users: [{ username: 'alice', password: 'pw' }] };
const query = '{ user(username: "alice") { username nickname } }';

describe('upstream failures become coded GraphQL errors', () => {
  it.each([
    // Easemob's 401 is about this server's app token, not the caller: signing out would not help.
    [{ kind: 'status', status: 401 } as const, 'UPSTREAM_UNAVAILABLE'],
    [{ kind: 'status', status: 403 } as const, 'FORBIDDEN'],
    [{ kind: 'status', status: 429 } as const, 'RATE_LIMITED'],
    [{ kind: 'status', status: 503 } as const, 'UPSTREAM_UNAVAILABLE'],
    [{ kind: 'status', status: 500 } as const, 'UPSTREAM_UNAVAILABLE'],
    [{ kind: 'reset' } as const, 'UPSTREAM_UNAVAILABLE'],
    [{ kind: 'malformed' } as const, 'UPSTREAM_UNAVAILABLE'],
    [
      {
        kind: 'status',
        status: 400,
        body: { error: 'illegal_argument', error_description: 'bad' },
      } as const,
      'BAD_USER_INPUT',
    ],
  ])('%o → %s', async (fault, code) => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.faults.add({ endpoint: 'users.get', ...fault });
    const response = await run(query);
    expect(response.data).toEqual({ user: null });
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors!;
    expect(error!.extensions!.code).toBe(code);
    expect(error!.path).toEqual(['user']);
    expect(JSON.stringify(response)).not.toMatch(/at .*\.ts:\d+|stack/i);
  });

  it("Easemob refusing this server's own credentials (403 on /token) is UPSTREAM_UNAVAILABLE", async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.faults.add({ endpoint: 'token', kind: 'status', status: 403 });
    const response = await run(query);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
  });

  it('a broken token endpoint is UPSTREAM_UNAVAILABLE and leaks no credential', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'token',
      kind: 'status',
      status: 400,
      body: { error: 'invalid_grant', error_description: 'invalid client' },
    });
    const response = await run(query);
    expect(response.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(JSON.stringify(response)).not.toContain(emulator.clientSecret);
    expect(JSON.stringify(response)).not.toContain(emulator.clientId);
  });

  it('an unexpected error is masked to a generic message without a stack, even in development', () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      const internal = new TypeError('cannot read secret-internal-detail of undefined');
      const wrapped = new GraphQLError(internal.message, {
        originalError: internal,
        path: ['user'],
      });
      const masked = maskError(wrapped, 'Unexpected error.');
      expect(masked.message).toBe('Unexpected error.');
      const json = JSON.stringify(masked);
      expect(json).toContain('INTERNAL_SERVER_ERROR');
      expect(json).not.toContain('secret-internal-detail');
      expect(json).not.toContain('stack');
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
