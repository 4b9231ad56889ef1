import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EasemobClient } from '../../src/easemob/client.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { createLogger } from '../../src/logger.js';
import { createYogaApp } from '../../src/yoga-app.js';
import { clientOf } from '../support/easemob.js';

type Line = Record<string, unknown> & { msg: string; level: number; requestId?: string };
type Answer = { errors?: { message: string; extensions?: Record<string, unknown> }[] };

const json = { 'content-type': 'application/json' };
const post = (query: string, variables?: object): RequestInit => ({
  method: 'POST',
  headers: json,
  body: JSON.stringify({ query, variables }),
});

/** Each mistake, the HTTP status and code it is answered with. */
const mistakes: { name: string; init: RequestInit; status: number; code: string }[] = [
  {
    name: 'a CSRF refusal (GET without a preflight header)',
    init: { method: 'GET', headers: { accept: 'application/json' } },
    status: 403,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a CSRF refusal (a text/plain POST)',
    init: {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    },
    status: 403,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a variable of the wrong type',
    init: post('query ($u: String!) { user(username: $u) { username } }', { u: 5 }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a required variable missing',
    init: post('query ($u: String!) { user(username: $u) { username } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a @oneOf variable with two kinds',
    init: post(
      'mutation ($m: MessageInput!) { sendMessage(input: { targetType: USERS, targets: ["bob"], message: $m }) { results { target } } }',
      { m: { text: 'hi', command: 'ping' } },
    ),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a @oneOf literal with two kinds',
    init: post(
      'mutation { sendMessage(input: { targetType: USERS, targets: ["bob"], message: { text: "hi", command: "ping" } }) { results { target } } }',
    ),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an invalid DateTime variable',
    init: post('query ($s: DateTime) { chatMessages(since: $s) { edges { cursor } } }', {
      s: 'yesterday',
    }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an invalid DateTime literal',
    init: post('{ chatMessages(since: "yesterday") { edges { cursor } } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a scalar literal of the wrong type',
    init: post('{ user(username: 5) { username } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a field that does not exist',
    init: post('{ nope }'),
    status: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
];

describe('client mistakes', () => {
  let emulator: Emulator;
  let client: EasemobClient;
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: { users: [{ username: 'bob', password: 'pw-123456' }] },
    });
    client = clientOf(emulator);
  });
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  const yoga = () => createYogaApp({ easemob: client, logger: createLogger('debug', stream) });

  for (const mistake of mistakes) {
    it(`${mistake.name}: answered with ${mistake.code}, logged once at info, never as an error`, async () => {
      lines.length = 0;
      const response = await yoga().fetch('http://localhost/graphql', mistake.init);
      const answer = (await response.json()) as Answer;
      const requestId = response.headers.get('x-request-id');

      expect(response.status).toBe(mistake.status);
      expect(answer.errors?.length).toBe(1);
      expect(answer.errors?.[0]?.extensions?.code).toBe(mistake.code);
      expect(answer.errors?.[0]?.message).not.toBe('Unexpected error.');

      // Every line at info or above (yoga's own debug chatter aside) is this one refusal.
      const loud = lines.filter((line) => line.level >= 30);
      expect(loud, JSON.stringify(loud)).toHaveLength(1);
      expect(loud[0]).toMatchObject({ level: 30, msg: 'request refused', code: mistake.code });
      expect(loud[0]?.requestId).toBe(requestId);
      expect(lines.some((line) => line.msg === 'unexpected error')).toBe(false);
      expect(lines.some((line) => line.level >= 50)).toBe(false);
    });
  }

  it('a server-side failure is still logged once at error level, and masked', async () => {
    lines.length = 0;
    // The upstream client itself breaks: a bug of ours, not the caller's nor Easemob's.
    const broken = {
      ...client,
      users: {
        ...client.users,
        get: () => Promise.reject(new TypeError('cannot read properties of undefined')),
      },
    } as EasemobClient;
    const app = createYogaApp({ easemob: broken, logger: createLogger('debug', stream) });
    const response = await app.fetch(
      'http://localhost/graphql',
      post('{ user(username: "bob") { nickname } }'),
    );
    const answer = (await response.json()) as Answer;
    expect(answer.errors?.[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    const errors = lines.filter((line) => line.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      msg: 'unexpected error',
      error: { type: 'TypeError', message: 'cannot read properties of undefined' },
    });
  });

  it('a server-side failure before execution is logged once at error level, not twice', async () => {
    lines.length = 0;
    const app = createYogaApp({
      easemob: client,
      logger: createLogger('debug', stream),
      plugins: [
        {
          onRequestParse() {
            throw new RangeError('a plugin of ours broke');
          },
        },
      ],
    });
    const response = await app.fetch('http://localhost/graphql', post('{ __typename }'));
    const answer = (await response.json()) as Answer;
    expect(response.status).toBe(500);
    expect(answer.errors?.[0]?.message).toBe('Unexpected error.');
    const errors = lines.filter((line) => line.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'unexpected error', error: { type: 'RangeError' } });
  });
});
