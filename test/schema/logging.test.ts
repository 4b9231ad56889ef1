import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createYogaApp } from '../../src/yoga-app.js';
import { startHarness } from '../support/easemob.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', stream), lines };
}

describe('server logs', () => {
  it('are JSON lines with no stack trace, token, password or client secret', async () => {
    const { emulator, client } = await startHarness({
      emulator: { seed: { users: [{ username: 'alice', password: 'alice-password-1' }] } },
      client: {},
    });
    const { logger, lines } = capture();
    const yoga = createYogaApp({ easemob: client, logger });
    const post = (query: string, variables?: object) =>
      yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });

    await post('mutation { resetPassword(username: "alice", password: "brand-new-password-2") }');
    await post(
      'mutation { createUser(input: { username: "alice", password: "dup-password-3" }) { username } }',
    );
    await post('{ user(username: "bad name") { username } }');
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503 });
    await post('{ user(username: "alice") { nickname } }');

    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(text).toContain('request failed');
    const token = await client.tokens.app();
    for (const secret of [
      emulator.clientSecret,
      token,
      'alice-password-1',
      'brand-new-password-2',
      'dup-password-3',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/\n\s+at |"stack"/);
  });

  it('log one line for an Easemob failure that fails many fields, each field still answering its error', async () => {
    const names = ['ann', 'bob', 'cid', 'dan'];
    const { emulator, client } = await startHarness({
      emulator: {
        seed: { users: names.map((username) => ({ username, password: 'pw-12345678' })) },
      },
      client: {},
    });
    const { logger, lines } = capture();
    const yoga = createYogaApp({ easemob: client, logger });
    // 403 is not retried: one batch-status call, refused, under every listed user.
    emulator.faults.add({ endpoint: 'status.batch', kind: 'status', status: 403 });
    const representations = names.map((username) => ({ __typename: 'User', username }));
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { status } } }',
        variables: { r: representations },
      }),
    });
    const body = (await response.json()) as {
      errors?: { path: unknown[]; extensions: { code: string } }[];
    };

    expect(body.errors?.map((error) => error.path)).toEqual(
      names.map((_, i) => ['_entities', i, 'status']),
    );
    expect(new Set(body.errors?.map((error) => error.extensions.code))).toEqual(
      new Set(['FORBIDDEN']),
    );
    expect(lines.filter((line) => line.includes('"request failed"'))).toHaveLength(1);
  });
});
