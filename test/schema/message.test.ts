import { describe, expect, it } from 'vitest';
import type { SeedData } from '../../src/emulator/seed.js';
import type { MessageInput } from '../../src/emulator/state.js';
import { errorCode, startGraphQL } from '../support/graphql.js';

const seed: SeedData = {
  users: ['u1', 'u2', 'u3'].map((username) => ({ username, password: 'pw' })),
};

const send = `mutation ($input: SendMessageInput!) {
  sendMessage(input: $input) { results { target success result } }
}`;

const history = `query ($first: Int, $after: String, $since: DateTime, $until: DateTime,
    $order: SortOrder, $from: String, $chatType: ChatType) {
  chatMessages(first: $first, after: $after, since: $since, until: $until, order: $order,
      from: $from, chatType: $chatType) {
    edges {
      cursor
      node {
        id chatType to timestamp ext
        from { username }
        recipient { username }
        bodies {
          __typename
          ... on TextBody { text }
          ... on ImageBody { url filename secret width height }
          ... on LocationBody { latitude longitude address }
          ... on AudioBody { url filename length secret }
          ... on VideoBody { url filename length secret thumbnail thumbnailSecret fileLength }
          ... on FileBody { url filename secret fileLength }
          ... on CommandBody { action }
          ... on CustomBody { event exts }
          ... on UnknownBody { type raw }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Run = Awaited<ReturnType<typeof startGraphQL>>['run'];
type Node = Record<string, unknown> & { id: string; bodies: { text?: string }[] };

const nodes = (response: Awaited<ReturnType<Run>>): Node[] => {
  expect(response.errors).toBeUndefined();
  return response.data!.chatMessages.edges.map((edge: { node: Node }) => edge.node);
};

const texts = (response: Awaited<ReturnType<Run>>) =>
  nodes(response).map((node) => node.bodies[0]?.text);

const at = (ms: number) => new Date(ms).toISOString();

/** Stores back-dated text messages straight into the emulator's history. */
function store(
  emulator: { state: { storeMessage(input: MessageInput): unknown } },
  lines: [from: string, to: string, text: string, timestamp: number, MessageInput['targetType']?][],
) {
  for (const [from, to, text, timestamp, targetType = 'users'] of lines) {
    emulator.state.storeMessage({
      from,
      to,
      targetType,
      timestamp,
      msg: { type: 'txt', msg: text },
    });
  }
}

describe('sendMessage', () => {
  it('runs the Send operation verbatim', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const response = await run(`mutation Send {
  sendMessage(input: {
    targetType: USERS, targets: ["u2", "u3"], from: "u1",
    message: { text: "hello" }, ext: { attr1: "v1" }
  }) {
    results { target success }
  }
}`);
    expect(response).toEqual({
      data: {
        sendMessage: {
          results: [
            { target: 'u2', success: true },
            { target: 'u3', success: true },
          ],
        },
      },
    });
    expect(emulator.state.sentMessages).toHaveLength(2);
    expect(emulator.state.sentMessages).toEqual(
      ['u2', 'u3'].map((to) =>
        expect.objectContaining({
          from: 'u1',
          to,
          chat_type: 'chat',
          ext: { attr1: 'v1' },
          bodies: [{ type: 'txt', msg: 'hello' }],
        }),
      ),
    );
    expect(emulator.calls.count('messages.send')).toBe(1);
  });

  it('sends to groups and rooms, as "admin" without a sender', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const input = {
      targetType: 'CHATGROUPS',
      targets: ['1402541206787'],
      message: { command: 'x' },
    };
    const response = await run(send, { input });
    expect(response.data!.sendMessage.results).toEqual([
      { target: '1402541206787', success: true, result: 'success' },
    ]);
    expect(emulator.state.sentMessages[0]).toMatchObject({
      from: 'admin',
      chat_type: 'groupchat',
      bodies: [{ type: 'cmd', action: 'x' }],
    });
  });

  it('round-trips every kind of body through chatMessages', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const file = { url: 'https://files.example/a', filename: 'a.bin', secret: 's1' };
    const messages = [
      [{ text: 'hi' }, { __typename: 'TextBody', text: 'hi' }],
      [
        { image: { ...file, filename: 'a.png', width: 640, height: 480 } },
        { __typename: 'ImageBody', ...file, filename: 'a.png', width: 640, height: 480 },
      ],
      [
        { image: { url: file.url, filename: 'b.png' } },
        {
          __typename: 'ImageBody',
          url: file.url,
          filename: 'b.png',
          secret: null,
          width: null,
          height: null,
        },
      ],
      [
        { location: { latitude: 39.983805, longitude: 116.307417, address: '北京市海淀区' } },
        {
          __typename: 'LocationBody',
          latitude: 39.983805,
          longitude: 116.307417,
          address: '北京市海淀区',
        },
      ],
      [{ audio: { ...file, length: 3 } }, { __typename: 'AudioBody', ...file, length: 3 }],
      [
        {
          video: {
            ...file,
            length: 10,
            thumbnail: 'https://files.example/t',
            thumbnailSecret: 's2',
            fileLength: 2048,
          },
        },
        {
          __typename: 'VideoBody',
          ...file,
          length: 10,
          thumbnail: 'https://files.example/t',
          thumbnailSecret: 's2',
          fileLength: 2048,
        },
      ],
      [{ file: { ...file, fileLength: 99 } }, { __typename: 'FileBody', ...file, fileLength: 99 }],
      [{ command: 'refresh' }, { __typename: 'CommandBody', action: 'refresh' }],
      [
        { custom: { event: 'gift', exts: { count: '3' } } },
        { __typename: 'CustomBody', event: 'gift', exts: { count: '3' } },
      ],
    ] as const;
    for (const [message] of messages) {
      const sent = await run(send, {
        input: { targetType: 'USERS', targets: ['u2'], from: 'u1', message },
      });
      expect(sent.errors).toBeUndefined();
    }
    expect(emulator.state.sentMessages[3]!.bodies).toEqual([
      { type: 'loc', lat: 39.983805, lng: 116.307417, addr: '北京市海淀区' },
    ]);
    expect(emulator.state.sentMessages[5]!.bodies).toEqual([
      expect.objectContaining({
        thumb: 'https://files.example/t',
        thumb_secret: 's2',
        file_length: 2048,
      }),
    ]);
    const read = nodes(await run(history, { order: 'ASC' }));
    expect(read.map((node) => node.bodies)).toEqual(messages.map(([, body]) => [body]));
  });

  it('keeps bodies it does not understand as UnknownBody, and reads numbers sent as strings', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const bodies = [
      { type: 'hologram', depth: 3 },
      { type: 'loc', addr: 'nowhere' },
      { type: 'audio', url: 'https://a', filename: 'a.amr', length: '7' },
    ];
    bodies.forEach((msg, i) => {
      emulator.state.storeMessage({
        from: 'u1',
        to: 'u2',
        targetType: 'users',
        msg,
        timestamp: 1_000 + i,
      });
    });
    const read = nodes(await run(history, { order: 'ASC' }));
    expect(read.map((node) => node.bodies[0])).toEqual([
      { __typename: 'UnknownBody', type: 'hologram', raw: { type: 'hologram', depth: 3 } },
      { __typename: 'UnknownBody', type: 'loc', raw: { type: 'loc', addr: 'nowhere' } },
      { __typename: 'AudioBody', url: 'https://a', filename: 'a.amr', length: 7, secret: null },
    ]);
  });

  it('rejects a message of two kinds (@oneOf) before calling Easemob', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const literal = await run(`mutation {
      sendMessage(input: { targetType: USERS, targets: ["u2"], message: { text: "a", command: "b" } }) {
        results { target }
      }
    }`);
    expect(literal.data ?? null).toBeNull();
    expect(literal.errors?.[0]?.message).toMatch(/exactly one/i);
    const variables = await run(send, {
      input: { targetType: 'USERS', targets: ['u2'], message: { text: 'a', command: 'b' } },
    });
    expect(variables.errors?.[0]?.message).toMatch(/exactly one/i);
    const none = await run(send, { input: { targetType: 'USERS', targets: ['u2'], message: {} } });
    expect(none.errors?.[0]?.message).toMatch(/exactly one/i);
    expect(emulator.calls.count()).toBe(0);
  });

  it.each([
    ['a bad target', { targets: ['u2', 'not a name!'] }, 'input.targets.1'],
    ['no targets', { targets: [] }, 'input.targets'],
    ['101 targets', { targets: Array.from({ length: 101 }, (_, i) => `u${i}`) }, 'input.targets'],
    ['a bad group id', { targetType: 'CHATGROUPS', targets: ['g/1'] }, 'input.targets.0'],
    ['a bad sender', { from: 'u 1' }, 'input.from'],
    ['an empty sender', { from: '' }, 'input.from'],
    ['an empty text', { message: { text: '' } }, 'input.message.text'],
    [
      'a latitude out of range',
      { message: { location: { latitude: 91, longitude: 0, address: 'x' } } },
      'input.message.location.latitude',
    ],
    [
      'a longitude out of range',
      { message: { location: { latitude: 0, longitude: -181, address: 'x' } } },
      'input.message.location.longitude',
    ],
    [
      'an image with a width but no height',
      { message: { image: { url: 'https://i', filename: 'i.png', width: 3 } } },
      'input.message.image.height',
    ],
    [
      'a file with no URL',
      { message: { file: { url: 'nope', filename: 'f' } } },
      'input.message.file.url',
    ],
    [
      'a video of negative file length',
      { message: { video: { url: 'https://v', filename: 'v', length: 1, fileLength: -1 } } },
      'input.message.video.fileLength',
    ],
    ['an empty command', { message: { command: '' } }, 'input.message.command'],
    [
      'custom exts that are not strings',
      { message: { custom: { exts: { n: 1 } } } },
      'input.message.custom.exts.n',
    ],
  ])('rejects %s as BAD_USER_INPUT naming %s, calling nothing', async (_name, change, field) => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const input = {
      targetType: 'USERS',
      targets: ['u2'],
      from: 'u1',
      message: { text: 'hi' },
      ...change,
    };
    const response = await run(send, { input });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe(field);
    expect(response.errors![0]!.message).toContain(field);
    expect(emulator.calls.count()).toBe(0);
  });
});

describe('chatMessages', () => {
  it('pages with first/after until hasNextPage is false', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    store(
      emulator,
      Array.from(
        { length: 7 },
        (_, i) => ['u1', 'u2', `m${i}`, 1_000 + i] as [string, string, string, number],
      ),
    );
    const seen: (string | undefined)[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    do {
      const response = await run(history, { first: 3, after });
      seen.push(...texts(response));
      const { pageInfo } = response.data!.chatMessages;
      pages.push(pageInfo.hasNextPage);
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
    expect(pages).toEqual([true, true, false]);
    expect(emulator.calls.count('chatmessages.list')).toBe(3);
  });

  it("resumes after any edge's cursor, not only the last", async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    store(
      emulator,
      Array.from(
        { length: 5 },
        (_, i) => ['u1', 'u2', `m${i}`, 1_000 + i] as [string, string, string, number],
      ),
    );
    const first = await run(history, { first: 3, order: 'ASC' });
    const second = first.data!.chatMessages.edges[1].cursor;
    expect(texts(await run(history, { first: 2, after: second, order: 'ASC' }))).toEqual([
      'm2',
      'm3',
    ]);
    expect(texts(await run(history, { first: 20, order: 'ASC' }))).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
    ]);
  });

  it('filters by sender, chat type and time, in either order', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    store(emulator, [
      ['u1', 'u2', 'a', 1_000],
      ['u2', 'u1', 'b', 2_000],
      ['u1', '1402541206787', 'c', 3_000, 'chatgroups'],
      ['u3', '1402541206788', 'd', 4_000, 'chatrooms'],
    ]);
    expect(texts(await run(history, {}))).toEqual(['d', 'c', 'b', 'a']);
    expect(texts(await run(history, { order: 'ASC' }))).toEqual(['a', 'b', 'c', 'd']);
    expect(texts(await run(history, { from: 'U1' }))).toEqual(['c', 'a']);
    expect(texts(await run(history, { chatType: 'GROUPCHAT' }))).toEqual(['c']);
    expect(texts(await run(history, { chatType: 'CHAT', from: 'u2' }))).toEqual(['b']);
    expect(texts(await run(history, { since: at(2_000), until: at(4_000), order: 'ASC' }))).toEqual(
      ['b', 'c'],
    );
    expect(texts(await run(history, { since: at(3_500) }))).toEqual(['d']);
  });

  it('sets recipient only for one-to-one messages', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    store(emulator, [
      ['u1', 'u2', 'a', 1_000],
      ['u1', '1402541206787', 'c', 2_000, 'chatgroups'],
      ['u1', '1402541206788', 'd', 3_000, 'chatrooms'],
    ]);
    const read = nodes(await run(history, { order: 'ASC' }));
    expect(
      read.map(({ chatType, from, to, recipient, timestamp, ext }) => ({
        chatType,
        from,
        to,
        recipient,
        timestamp,
        ext,
      })),
    ).toEqual([
      {
        chatType: 'CHAT',
        from: { username: 'u1' },
        to: 'u2',
        recipient: { username: 'u2' },
        timestamp: at(1_000),
        ext: {},
      },
      {
        chatType: 'GROUPCHAT',
        from: { username: 'u1' },
        to: '1402541206787',
        recipient: null,
        timestamp: at(2_000),
        ext: {},
      },
      {
        chatType: 'CHATROOM',
        from: { username: 'u1' },
        to: '1402541206788',
        recipient: null,
        timestamp: at(3_000),
        ext: {},
      },
    ]);
    expect(new Set(read.map((node) => node.id)).size).toBe(3);
  });

  it('rejects a bad sender filter and page size before calling Easemob', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const badFrom = await run(history, { from: 'no such name!' });
    expect(errorCode(badFrom)).toBe('BAD_USER_INPUT');
    expect(badFrom.errors![0]!.extensions!.field).toBe('from');
    const tooMany = await run(history, { first: 101 });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0]!.extensions!.field).toBe('first');
    expect(emulator.calls.count()).toBe(0);
  });
});

describe('chatMessages by recipient', () => {
  it("filters by `to` through Easemob's ql", async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    store(emulator, [
      ['u1', 'u2', 'one', 1_000],
      ['u1', 'u3', 'two', 2_000],
      ['u2', 'u3', 'three', 3_000],
      ['u3', '1402541206787', 'to the group', 4_000, 'chatgroups'],
    ]);
    const toU3 = await run(
      '{ chatMessages(to: "U3", order: ASC) { edges { node { to bodies { ... on TextBody { text } } } } } }',
    );
    expect(toU3.errors).toBeUndefined();
    expect(
      toU3.data!.chatMessages.edges.map(
        (e: { node: { bodies: { text: string }[] } }) => e.node.bodies[0]!.text,
      ),
    ).toEqual(['two', 'three']);
    expect(emulator.calls.list('chatmessages.list')[0]!.query.ql).toBe(
      "select * where to='u3' order by timestamp asc",
    );
    const toGroup = await run(
      '{ chatMessages(to: "1402541206787", from: "u3") { edges { node { chatType } } } }',
    );
    expect(toGroup.data!.chatMessages.edges).toEqual([{ node: { chatType: 'GROUPCHAT' } }]);
  });
});
