import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endpoints, expandPath } from '../../src/easemob/endpoints.js';
import { EasemobInputError } from '../../src/easemob/errors.js';
import { adminKey, bearer, testAuth } from '../support/auth.js';
import { rejectionOf } from '../support/easemob.js';
import { type GraphQLResponse, startGraphQL } from '../support/graphql.js';

/**
 * Values that are, or that some hop decodes or normalises to, a dot segment or a path separator:
 * `.`, `..`, their percent-encodings (once or twice), Tomcat's `..;`, and `/`, `\`, `?`, `#`, NUL
 * raw or encoded, alone or inside a name.
 */
const dotSegment = fc.constantFrom(
  '.',
  '..',
  ' .. ',
  '%2e',
  '%2E',
  '%2e%2e',
  '%2E%2e',
  '.%2e',
  '%2e.',
  '%252e%252e',
  '..;',
  '..;x',
  '..%00',
  '.%00',
);
const separator = fc.constantFrom(
  '/',
  '\\',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '?',
  '#',
  '\0',
  '%00',
  ';',
);
const plain = fc.stringMatching(/^[a-z0-9]{0,6}$/);
const hostile = fc.oneof(
  dotSegment,
  fc.tuple(plain, separator, plain).map(([a, s, b]) => a + s + b),
  fc.tuple(plain, separator, dotSegment).map(([a, s, d]) => a + s + d),
  fc.tuple(dotSegment, separator, plain).map(([d, s, b]) => d + s + b),
);

/** Every GraphQL argument whose value becomes (or names a user whose name becomes) a path segment. */
const pathArguments: {
  field: string;
  query: string;
  vars: (v: string) => Record<string, unknown>;
}[] = [
  {
    field: 'username',
    query: 'query($v: String!) { user(username: $v) { username } }',
    vars: (v) => ({ v }),
  },
  {
    field: 'messageId',
    query: 'query($v: ID!) { user(username: "alice") { offlineMessageStatus(messageId: $v) } }',
    vars: (v) => ({ v }),
  },
  {
    field: 'username',
    query: 'query($v: String!) { presences(username: $v, targets: ["bob"]) { ext } }',
    vars: (v) => ({ v }),
  },
  {
    field: 'targets.0',
    query: 'query($v: String!) { presences(username: "alice", targets: [$v]) { ext } }',
    vars: (v) => ({ v }),
  },
  ...['activateUser', 'deactivateUser', 'deleteUser'].map((name) => ({
    field: 'username',
    query: `mutation($v: String!) { ${name}(username: $v) { username } }`,
    vars: (v: string) => ({ v }),
  })),
  {
    field: 'username',
    query: 'mutation($v: String!) { disconnectUser(username: $v) }',
    vars: (v) => ({ v }),
  },
  {
    field: 'username',
    query: 'mutation($v: String!) { resetPassword(username: $v, password: "new-password-1") }',
    vars: (v) => ({ v }),
  },
  {
    field: 'username',
    query:
      'mutation($v: String!) { updateUser(username: $v, input: { nickname: "n" }) { username } }',
    vars: (v) => ({ v }),
  },
  {
    field: 'input.username',
    query:
      'mutation($v: String!) { createUser(input: { username: $v, password: "pw-1" }) { username } }',
    vars: (v) => ({ v }),
  },
  ...['addContact', 'removeContact'].flatMap((name) => [
    {
      field: 'username',
      query: `mutation($v: String!) { ${name}(username: $v, contact: "bob") { username } }`,
      vars: (v: string) => ({ v }),
    },
    {
      field: 'contact',
      query: `mutation($v: String!) { ${name}(username: "alice", contact: $v) { username } }`,
      vars: (v: string) => ({ v }),
    },
  ]),
  {
    field: 'username',
    query: 'mutation($v: String!) { blockUsers(username: $v, usernames: ["bob"]) { username } }',
    vars: (v) => ({ v }),
  },
  {
    field: 'usernames.0',
    query: 'mutation($v: String!) { blockUsers(username: "alice", usernames: [$v]) { username } }',
    vars: (v) => ({ v }),
  },
  {
    field: 'username',
    query: 'mutation($v: String!) { unblockUser(username: $v, blocked: "bob") { username } }',
    vars: (v) => ({ v }),
  },
  {
    field: 'blocked',
    query: 'mutation($v: String!) { unblockUser(username: "alice", blocked: $v) { username } }',
    vars: (v) => ({ v }),
  },
  ...(['username', 'resource', 'status'] as const).map((field) => ({
    field,
    query:
      'mutation($u: String!, $r: String!, $s: String!) { setPresence(username: $u, resource: $r, status: $s) }',
    vars: (v: string) => ({ u: 'alice', r: 'android_1', s: '1', [field[0]!]: v }),
  })),
  {
    field: 'username',
    query:
      'mutation($v: String!) { subscribePresence(username: $v, targets: ["bob"], expirySeconds: 60) { ext } }',
    vars: (v) => ({ v }),
  },
  {
    field: 'targets.0',
    query:
      'mutation($v: String!) { subscribePresence(username: "alice", targets: [$v], expirySeconds: 60) { ext } }',
    vars: (v) => ({ v }),
  },
  {
    field: 'username',
    query: 'mutation($v: String!) { unsubscribePresence(username: $v, targets: ["bob"]) }',
    vars: (v) => ({ v }),
  },
];

/** Subscriptions poll with the same paths: they answer over SSE, refused before the first poll. */
const subscriptionArguments: {
  field: string;
  query: string;
  vars: (v: string) => Record<string, unknown>;
}[] = [
  {
    field: 'username',
    query: 'subscription($v: String!) { messageSent(username: $v) { id } }',
    vars: (v) => ({ v }),
  },
  {
    field: 'usernames.0',
    query: 'subscription($v: String!) { statusChanged(usernames: [$v]) { status } }',
    vars: (v) => ({ v }),
  },
  {
    field: 'username',
    query:
      'subscription($v: String!) { presenceChanged(username: $v, targets: ["bob"]) { changedAt } }',
    vars: (v) => ({ v }),
  },
  {
    field: 'targets.0',
    query:
      'subscription($v: String!) { presenceChanged(username: "alice", targets: [$v]) { changedAt } }',
    vars: (v) => ({ v }),
  },
];

describe('path segments', () => {
  it('every path-building argument refuses dot segments and separators: BAD_USER_INPUT naming it, no upstream call', async () => {
    const { post, yoga, emulator } = await startGraphQL({
      emulator: {
        seed: {
          users: [
            { username: 'alice', password: 'pw-alice' },
            { username: 'bob', password: 'pw-bob' },
          ],
        },
      },
      server: { auth: testAuth() },
    });
    // The parent of a nested field (`user(username: "alice")`) may read alice, with the app token
    // that takes: those calls are fine.
    const counted = () =>
      emulator.calls
        .list()
        .filter((c) => c.endpoint !== 'token' && !/\/users\/alice$/.test(c.path));
    for (const { field, query, vars } of pathArguments) {
      await fc.assert(
        fc.asyncProperty(hostile, async (value) => {
          const before = counted().length;
          const { status, body } = await post(query, vars(value), bearer(adminKey));
          const label = `${query} ${JSON.stringify(value)}`;
          expect(status, label).toBeLessThan(500);
          expect(body.errors?.[0]?.extensions, label).toMatchObject({
            code: 'BAD_USER_INPUT',
            field,
          });
          expect(counted().slice(before), label).toEqual([]);
        }),
        { numRuns: 30, seed: 20261201 },
      );
    }
    for (const { field, query, vars } of subscriptionArguments) {
      await fc.assert(
        fc.asyncProperty(hostile, async (value) => {
          const before = counted().length;
          const response = await yoga.fetch('http://localhost/graphql', {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              accept: 'text/event-stream',
              ...bearer(adminKey),
            },
            body: JSON.stringify({ query, variables: vars(value) }),
          });
          const label = `${query} ${JSON.stringify(value)}`;
          const events = (await response.text())
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => JSON.parse(line.slice(6)) as GraphQLResponse<unknown>);
          expect(events[0]?.errors?.[0]?.extensions, label).toMatchObject({
            code: 'BAD_USER_INPUT',
            field,
          });
          expect(counted().slice(before), label).toEqual([]);
        }),
        { numRuns: 15, seed: 20261201 },
      );
    }
  }, 120_000);

  it('the client refuses a dot segment in every path argument before sending', async () => {
    const { client, emulator } = await startGraphQL();
    for (const attempt of [
      () => client.users.get('..'),
      () => client.users.deactivate('.'),
      () => client.contacts.add('alice', '..'),
      () => client.blocks.remove('..', 'bob'),
      () => client.offline.messageStatus('alice', '..'),
      () => client.presence.set('alice', { resource: '..', status: 'activate' }),
      () => client.presence.set('alice', { resource: 'android_1', status: '.' }),
    ]) {
      expect(await rejectionOf(attempt())).toBeInstanceOf(EasemobInputError);
    }
    expect(emulator.calls.count()).toBe(0);
  });

  it('expandPath never builds a segment that is or decodes to a dot segment or a separator', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        expect(() => expandPath(endpoints['users.get'].path, { username: value })).toThrow(
          EasemobInputError,
        );
      }),
      { numRuns: 300, seed: 20261201 },
    );
    expect(() => expandPath('/users/:username', { username: '' })).toThrow(EasemobInputError);
    expect(
      expandPath(endpoints['presence.set'].path, {
        username: 'a.b',
        resource: 'ios_1',
        status: '...',
      }),
    ).toBe('/users/a.b/presence/ios_1/...');
  });
});
