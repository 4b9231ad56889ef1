import { describe, expect, it } from 'vitest';
import { startGraphQL } from './support/graphql.js';
import { startLiveServer } from './support/live-server.js';

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

describe('CORS', () => {
  const listed = 'https://app.example.com';
  const foreign = 'https://evil.example';
  const preflight = (origin: string) => ({
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
  const post = (origin: string, contentType = 'application/json') => ({
    method: 'POST',
    headers: { origin, 'content-type': contentType },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

  it('allows no foreign origin by default, in open dev mode too: no Access-Control-Allow-Origin', async () => {
    // startGraphQL's app is the emulator's open dev mode: every caller is admin.
    const { yoga } = await startGraphQL();
    const answered = await yoga.fetch('http://localhost/graphql', preflight(foreign));
    expect(answered.headers.get('access-control-allow-origin')).toBeNull();
    expect(answered.headers.get('access-control-allow-credentials')).toBeNull();
    const posted = await yoga.fetch('http://localhost/graphql', post(foreign));
    // Executed (a page could have sent it anyway), but its page may not read the answer.
    expect(posted.headers.get('access-control-allow-origin')).toBeNull();
    // A "simple" request (no preflight) is refused by CSRF prevention before it runs.
    const simple = await yoga.fetch('http://localhost/graphql', post(foreign, 'text/plain'));
    expect(simple.status).toBe(403);
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the origins CORS_ORIGINS lists, exactly, with credentials', async () => {
    const { yoga } = await startGraphQL({
      server: { corsOrigins: [listed, 'https://admin.example.com'] },
    });
    const answered = await yoga.fetch('http://localhost/graphql', preflight(listed));
    expect(answered.headers.get('access-control-allow-origin')).toBe(listed);
    expect(answered.headers.get('access-control-allow-credentials')).toBe('true');
    expect(answered.headers.get('access-control-allow-headers')).toContain('authorization');
    const posted = await yoga.fetch('http://localhost/graphql', post(listed));
    expect(posted.headers.get('access-control-allow-origin')).toBe(listed);
    expect(await posted.json()).toEqual({ data: { __typename: 'Query' } });
    for (const near of [foreign, `${listed}.evil.example`, 'http://app.example.com']) {
      const refused = await yoga.fetch('http://localhost/graphql', preflight(near));
      expect(refused.headers.get('access-control-allow-origin'), near).toBeNull();
    }
  });

  it('CORS_ORIGINS reaches the server a deployment runs', async () => {
    const { url } = await startLiveServer({
      env: { CORS_ORIGINS: `${listed},https://admin.example.com` },
    });
    for (const [origin, allowed] of [
      [listed, listed],
      [foreign, null],
    ] as const) {
      const answered = await fetch(url, preflight(origin));
      expect(answered.headers.get('access-control-allow-origin'), origin).toBe(allowed);
    }
  });
});
