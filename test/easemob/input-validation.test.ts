import { describe, expect, it } from 'vitest';
import { EasemobInputError } from '../../src/easemob/errors.js';
import type { Harness } from '../support/easemob.js';
import { clientOf, rejectionOf, startHarness } from '../support/easemob.js';

const long = (n: number, c = 'a') => c.repeat(n);
const names = (n: number) => Array.from({ length: n }, (_, i) => `user${i}`);
const txt = { type: 'txt' as const, msg: 'hi' };

type Case = [label: string, field: string, call: (client: Harness['client']) => Promise<unknown>];

const cases: Case[] = [
  ['username with a space', 'username', (c) => c.users.get('bad name')],
  ['username too long', 'username', (c) => c.users.get(long(65))],
  ['empty username', 'username', (c) => c.users.get('')],
  ['username with a slash', 'username', (c) => c.status.get('a/b')],
  [
    'password too long',
    'user.password',
    (c) => c.users.create({ username: 'ok', password: long(65) }),
  ],
  ['empty password', 'user.password', (c) => c.users.create({ username: 'ok', password: '' })],
  [
    'nickname too long',
    'user.nickname',
    (c) => c.users.create({ username: 'ok', password: 'p', nickname: long(101) }),
  ],
  [
    '61 users in one batch',
    'users',
    (c) => c.users.createMany(names(61).map((username) => ({ username, password: 'p' }))),
  ],
  [
    'a bad name inside a batch',
    'users.1.username',
    (c) =>
      c.users.createMany([
        { username: 'ok', password: 'p' },
        { username: 'no way', password: 'p' },
      ]),
  ],
  ['list limit 0', 'limit', (c) => c.users.list({ limit: 0 })],
  ['list limit 101', 'limit', (c) => c.users.list({ limit: 101 })],
  ['delete-many limit 501', 'limit', (c) => c.users.deleteMany({ limit: 501 })],
  ['delete-many limit 0', 'limit', (c) => c.users.deleteMany({ limit: 0 })],
  [
    'blocks past 500 with the current list',
    'usernames',
    (c) => c.blocks.add('ok', names(2), { current: names(499).map((n) => `x${n}`) }),
  ],
  ['new password too long', 'newPassword', (c) => c.users.resetPassword('ok', long(65))],
  ['update with nothing', 'update', (c) => c.users.update('ok', {})],
  [
    'no-disturbing without hours',
    'update.noDisturbing',
    (c) => c.users.setNoDisturbing('ok', { enabled: true }),
  ],
  [
    'no-disturbing hour 24',
    'update.noDisturbing.startHour',
    (c) => c.users.setNoDisturbing('ok', { enabled: true, startHour: 24, endHour: 1 }),
  ],
  ['501 blocks at once', 'usernames', (c) => c.blocks.add('ok', names(501))],
  ['no blocks', 'usernames', (c) => c.blocks.add('ok', [])],
  ['bad name among batch status', 'usernames.2', (c) => c.status.getMany(['a', 'b', 'c d'])],
  ['bad message id', 'messageId', (c) => c.offline.messageStatus('ok', 'a b')],
  [
    'presence ext over 1024 bytes',
    'ext',
    (c) => c.presence.set('ok', { resource: 'android_1', status: '1', ext: long(342, '环') }),
  ],
  [
    'presence resource with a slash',
    'resource',
    (c) => c.presence.set('ok', { resource: 'a/b', status: '1' }),
  ],
  ['presence expiry over 30 days', 'expiry', (c) => c.presence.subscribe('ok', ['a'], 2_592_001)],
  ['presence expiry 0', 'expiry', (c) => c.presence.subscribe('ok', ['a'], 0)],
  ['presence with no names', 'usernames', (c) => c.presence.getMany('ok', [])],
  [
    'sublist page 0',
    'page.pageNum',
    (c) => c.presence.subscriptions('ok', { pageNum: 0, pageSize: 10 }),
  ],
  [
    'sublist page size 501',
    'page.pageSize',
    (c) => c.presence.subscriptions('ok', { pageNum: 1, pageSize: 501 }),
  ],
  [
    'message with no target',
    'message.targets',
    (c) => c.messages.send({ targetType: 'users', targets: [], message: txt }),
  ],
  [
    'message to a bad user name',
    'message.targets.1',
    (c) => c.messages.send({ targetType: 'users', targets: ['ok', 'b c'], message: txt }),
  ],
  [
    'message with empty from',
    'message.from',
    (c) => c.messages.send({ targetType: 'users', targets: ['ok'], message: txt, from: '' }),
  ],
  [
    'empty text message',
    'message.message.msg',
    (c) =>
      c.messages.send({ targetType: 'users', targets: ['ok'], message: { type: 'txt', msg: '' } }),
  ],
  [
    'image without url',
    'message.message.url',
    (c) =>
      c.messages.send({
        targetType: 'users',
        targets: ['ok'],
        message: { type: 'img', filename: 'a.png' } as never,
      }),
  ],
  [
    'unknown body type',
    'message.message.type',
    (c) =>
      c.messages.send({
        targetType: 'users',
        targets: ['ok'],
        message: { type: 'sticker' } as never,
      }),
  ],
  [
    'location out of range',
    'message.message.lat',
    (c) =>
      c.messages.send({
        targetType: 'users',
        targets: ['ok'],
        message: { type: 'loc', lat: 91, lng: 0, addr: '' },
      }),
  ],
  [
    'bad target type',
    'message.targetType',
    (c) => c.messages.send({ targetType: 'groups' as never, targets: ['ok'], message: txt }),
  ],
  ['chat history limit 0', 'query.limit', (c) => c.chatHistory.list({ limit: 0 })],
  [
    'user token with a bad name',
    'username',
    (c) => c.tokens.user({ username: 'a b', password: 'p' }),
  ],
  [
    'user token with negative ttl',
    'ttlSeconds',
    (c) => c.tokens.user({ username: 'ok', password: 'p', ttlSeconds: -1 }),
  ],
];

describe('input is validated before any request', () => {
  it.each(cases)('%s → EasemobInputError naming %s, zero requests', async (_label, field, call) => {
    const { client, emulator } = await startHarness();
    const error = await rejectionOf(call(client));
    expect(error).toBeInstanceOf(EasemobInputError);
    expect((error as EasemobInputError).field).toBe(field);
    expect((error as Error).message).toContain(field);
    expect(emulator.calls.count()).toBe(0);
  });

  it('accepts the documented maximums', async () => {
    const { client, emulator } = await startHarness();
    const created = await client.users.createMany(
      names(60).map((username) => ({ username, password: long(64), nickname: long(100) })),
    );
    expect(created.created).toHaveLength(60);
    await client.users.create({ username: long(64), password: 'p' });
    await client.presence.set('user0', { resource: 'android_1', status: '1', ext: long(1024) });
    await client.presence.subscribe('user0', ['user1'], 2_592_000);
    expect(emulator.calls.count('users.create')).toBe(2);
  });

  it('deletes up to 500 users in one call (Easemob advises 100-500)', async () => {
    const { client, emulator } = await startHarness();
    await client.users.createMany(names(3).map((username) => ({ username, password: 'p' })));
    const page = await client.users.deleteMany({ limit: 500 });
    expect(page.users.map((u) => u.username)).toEqual(names(3));
    expect(emulator.calls.list('users.deleteMany')[0]!.query).toEqual({ limit: '500' });
  });

  it('checks the 500-block limit against the current list: 498 + 2 goes, 499 + 2 does not', async () => {
    const { client, emulator } = await startHarness({
      emulator: {
        seed: {
          users: [
            { username: 'ok', password: 'p' },
            ...names(2).map((n) => ({ username: n, password: 'p' })),
          ],
        },
      },
    });
    const current = Array.from({ length: 498 }, (_, i) => `x${i}`);
    // A name already on the list does not count twice.
    expect(
      await client.blocks.add('ok', ['user0', 'user1'], { current: [...current, 'user0'] }),
    ).toEqual(['user0', 'user1']);
    const error = await rejectionOf(
      client.blocks.add('ok', ['user0', 'user1'], { current: [...current, 'x498'] }),
    );
    expect(error).toBeInstanceOf(EasemobInputError);
    expect((error as Error).message).toContain('501 blocked users');
    expect(emulator.calls.count('blocks.add')).toBe(1);
  });

  it('refuses org and app names outside the documented AppKey rules before any request', async () => {
    const { emulator } = await startHarness();
    for (const [orgName, appName, field] of [
      ['easemob_demo', 'testapp', 'orgName'],
      ['easemob-demo', 'TestApp', 'appName'],
      ['easemob-demo', long(33), 'appName'],
      ['easemob-demo', 'test#app', 'appName'],
    ] as const) {
      expect(() => clientOf(emulator, { orgName, appName })).toThrow(
        expect.objectContaining({ name: 'EasemobInputError', field }),
      );
    }
    // The documentation's own: easemob-demo#testapp, 1112171214115068#testapp.
    await clientOf(emulator, { orgName: '1112171214115068', appName: long(32) }).close();
    expect(emulator.calls.count()).toBe(0);
  });

  it('lower-cases user names before sending them', async () => {
    const { client, emulator } = await startHarness({
      emulator: { seed: { users: [{ username: 'mixed', password: 'p' }] } },
    });
    expect(await client.users.get('  MiXeD ')).toMatchObject({ username: 'mixed' });
    expect(emulator.calls.list('users.get')[0]!.path).toMatch(/\/users\/mixed$/);
  });
});
