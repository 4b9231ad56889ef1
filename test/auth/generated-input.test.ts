import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { adminKey, bearer, testAuth } from '../support/auth.js';
import { startGraphQL } from '../support/graphql.js';

/**
 * Generated input across every argument: never a 500, never an upstream call for input our
 * validation refused, and never a secret — client secret, app token, any password sent — in a
 * response or a log line.
 */

const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    'ALICE',
    'alice',
    'a/b',
    '../etc',
    '%2F',
    'x'.repeat(65),
    '环信',
    '\u0000',
    "a'b",
    'bob',
  ),
  fc.string({ minLength: 60, maxLength: 1100 }),
);
const name = fc.oneof(fc.constantFrom('alice', 'bob', 'Carol'), text);
const int = fc.oneof(
  fc.integer({ min: -3, max: 3_000_000 }),
  fc.constantFrom(0, -1, 2_147_483_647, 101, 501),
);
/** Marked so the test can find them anywhere: responses and logs must never show them. */
const password = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9]{6,60}$/).map((s) => `pw:${s}`),
  fc.stringMatching(/^[a-zA-Z0-9]{70,80}$/).map((s) => `pw:${s}`),
  fc.constant('pw:'),
);
const list = <T>(item: fc.Arbitrary<T>) =>
  fc.oneof(fc.array(item, { maxLength: 5 }), fc.array(item, { minLength: 99, maxLength: 130 }));

const operations: [string, fc.Arbitrary<Record<string, unknown>>][] = [
  [
    'query($u: String!) { user(username: $u) { username status contacts { username } } }',
    fc.record({ u: name }),
  ],
  [
    'query($f: Int, $a: String) { users(first: $f, after: $a) { edges { node { username } } } }',
    fc.record({ f: int, a: fc.option(text) }),
  ],
  [
    'query($f: String, $s: DateTime, $n: Int) { chatMessages(first: $n, from: $f, since: $s) { edges { cursor } } }',
    fc.record({
      f: fc.option(name),
      s: fc.option(fc.constantFrom('2024-01-01T00:00:00Z', 'yesterday', '')),
      n: int,
    }),
  ],
  [
    'query($u: String!, $t: [String!]!) { presences(username: $u, targets: $t) { ext } }',
    fc.record({ u: name, t: list(name) }),
  ],
  [
    'query($id: ID!) { user(username: "alice") { offlineMessageStatus(messageId: $id) } }',
    fc.record({ id: text }),
  ],
  [
    'query($n: Int, $s: Int) { user(username: "alice") { presenceSubscriptions(pageNum: $n, pageSize: $s) { totalCount } } }',
    fc.record({ n: int, s: int }),
  ],
  [
    'mutation($i: CreateUserInput!) { createUser(input: $i) { username } }',
    fc.record({ i: fc.record({ username: name, password, nickname: fc.option(text) }) }),
  ],
  [
    'mutation($i: [CreateUserInput!]!) { createUsers(input: $i) { failed { username } } }',
    fc.record({ i: fc.array(fc.record({ username: name, password }), { maxLength: 65 }) }),
  ],
  [
    'mutation($u: String!, $p: String!) { resetPassword(username: $u, password: $p) }',
    fc.record({ u: name, p: password }),
  ],
  [
    'mutation($u: String!, $i: UpdateUserInput!) { updateUser(username: $u, input: $i) { username } }',
    fc.record({
      u: name,
      i: fc.record(
        {
          nickname: text,
          notificationDisplayStyle: fc.constantFrom('SUMMARY', 'DETAIL'),
          noDisturbing: fc.record({
            enabled: fc.boolean(),
            startHour: fc.option(int),
            endHour: fc.option(int),
          }),
        },
        { requiredKeys: [] },
      ),
    }),
  ],
  [
    'mutation($u: String!, $c: String!) { addContact(username: $u, contact: $c) { username } }',
    fc.record({ u: name, c: name }),
  ],
  [
    'mutation($u: String!, $b: [String!]!) { blockUsers(username: $u, usernames: $b) { username } }',
    fc.record({ u: name, b: list(name) }),
  ],
  [
    'mutation($i: SendMessageInput!) { sendMessage(input: $i) { results { success } } }',
    fc.record({
      i: fc.record({
        targetType: fc.constantFrom('USERS', 'CHATGROUPS', 'CHATROOMS'),
        targets: list(name),
        from: fc.option(name),
        message: fc.oneof(
          fc.record({ text }),
          fc.record({
            location: fc.record({ latitude: fc.double(), longitude: fc.double(), address: text }),
          }),
          fc.record({ image: fc.record({ url: text, filename: text }) }),
          fc.record({ command: text }),
          fc.record({ text, command: text }),
        ),
        ext: fc.option(
          fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
        ),
      }),
    }),
  ],
  [
    'mutation($u: String!, $r: String!, $s: String!, $e: String) { setPresence(username: $u, resource: $r, status: $s, ext: $e) }',
    fc.record({ u: name, r: text, s: text, e: fc.option(text) }),
  ],
  [
    'mutation($u: String!, $t: [String!]!, $x: Int!) { subscribePresence(username: $u, targets: $t, expirySeconds: $x) { ext } }',
    fc.record({ u: name, t: list(name), x: int }),
  ],
];

function collectStrings(value: unknown, into: string[]): string[] {
  if (typeof value === 'string' && value.startsWith('pw:') && value.length > 3) into.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, into);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) collectStrings(v, into);
  return into;
}

describe('generated input', () => {
  it('never a 500, never an upstream call for refused input, never a secret', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      'debug',
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const { post, emulator, client } = await startGraphQL({
      emulator: {
        seed: {
          users: ['alice', 'bob', 'carol'].map((username) => ({
            username,
            password: 'pw:seed-password',
          })),
        },
      },
      client: { logger: logger.child({ component: 'easemob' }) },
      server: { auth: testAuth(), logger },
    });
    const sentPasswords: string[] = [];
    const bodies: string[] = [];
    let refused = 0;

    for (const [query, variables] of operations) {
      await fc.assert(
        fc.asyncProperty(variables, async (vars) => {
          collectStrings(vars, sentPasswords);
          // A field on `user(username: "alice")` is validated when reached: alice's own read is fine.
          const counted = () =>
            emulator.calls.list().filter((c) => c.endpoint !== 'users.get').length;
          const before = counted();
          const { status, body } = await post(query, vars, bearer(adminKey));
          bodies.push(JSON.stringify(body));
          expect(status, JSON.stringify(body)).toBeLessThan(500);
          const ours = body.errors?.find(
            (e) => e.extensions?.code === 'BAD_USER_INPUT' && e.extensions.field !== undefined,
          );
          const unparsed = body.errors !== undefined && body.data === undefined;
          if (ours || unparsed) {
            refused++;
            expect(counted(), `${query} ${JSON.stringify(vars)}`).toBe(before);
          }
        }),
        { numRuns: 40, seed: 20261122 },
      );
    }

    expect(refused).toBeGreaterThan(100);
    const token = await client.tokens.app();
    const secrets = [emulator.clientSecret, token, 'pw:seed-password', ...sentPasswords];
    const everything = bodies.join('\n') + lines.join('');
    for (const secret of secrets) expect(everything.includes(secret), secret).toBe(false);
    expect(everything).not.toMatch(/\n\s+at \S+ \(|"stack"/);
  }, 120_000);
});
