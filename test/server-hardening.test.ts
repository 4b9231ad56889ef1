import { describe, expect, it } from 'vitest';
import { startGraphQL } from './support/graphql.js';

const seed = { users: [{ username: 'alice', password: 'pw' }] };

describe('CSRF prevention', () => {
  it('refuses a GET query without the CSRF header, and serves it with one', async () => {
    const { yoga, emulator } = await startGraphQL({ emulator: { seed } });
    const url = `http://localhost/graphql?query=${encodeURIComponent('{ user(username: "alice") { username } }')}`;
    const bare = await yoga.fetch(url, { headers: { accept: 'application/json' } });
    expect(bare.status).toBe(403);
    expect(emulator.calls.count()).toBe(0);
    const marked = await yoga.fetch(url, {
      headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(await marked.json()).toEqual({ data: { user: { username: 'alice' } } });
  });

  it('refuses a form-encoded POST (a "simple" cross-site request)', async () => {
    const { yoga } = await startGraphQL({ emulator: { seed } });
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    });
    expect(response.status).toBe(403);
  });
});

describe('introspection and GraphiQL', () => {
  const introspect = '{ __schema { queryType { name } } }';

  it('are on by default (dev)', async () => {
    const { post, yoga } = await startGraphQL();
    expect((await post(introspect)).body.data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
    const page = await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('OPEN DEV MODE');
  });

  it('can be turned off', async () => {
    const { post, yoga } = await startGraphQL({
      server: { limits: { introspection: false, graphiql: false } },
    });
    const { body } = await post(introspect);
    expect(body.errors![0]!.message).toMatch(/introspection/i);
    const page = await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('GraphiQL');
  });
});

describe('error masking', () => {
  it('an unexpected failure reads "Unexpected error." with the request id of the response', async () => {
    const { post, emulator } = await startGraphQL({ emulator: { seed } });
    // A creation time no Date can hold: serialising it fails inside graphql-scalars, not in our code.
    emulator.faults.add({
      endpoint: 'users.get',
      kind: 'respond',
      body: { entities: [{ uuid: 'u-1', username: 'alice', created: 9e18, activated: true }] },
    });
    const { body, headers } = await post('{ user(username: "alice") { createdAt } }', undefined, {
      'x-request-id': 'req-12345',
    });
    expect(headers.get('x-request-id')).toBe('req-12345');
    const error = body.errors![0]!;
    expect(error.message).toBe('Unexpected error.');
    // Nothing of the cause: no message, no stack, only what a user can quote to support.
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-12345' });
  });

  it('gives every response a request id', async () => {
    const { post } = await startGraphQL({ emulator: { seed } });
    const { headers } = await post('{ __typename }');
    expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
