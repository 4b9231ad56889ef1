import { describe, expect, it } from 'vitest';
import { EasemobError } from '../../src/easemob/errors.js';
import { buildChatHistoryQl } from '../../src/easemob/resources/messages.js';
import { manualClock } from '../support/clock.js';
import { rejectionOf, startHarness } from '../support/easemob.js';

const seed = {
  users: [
    { username: 'alice', password: 'pw-alice', nickname: 'Alice' },
    { username: 'bob', password: 'pw-bob' },
    { username: 'carol', password: 'pw-carol' },
    { username: 'dave', password: 'pw-dave' },
  ],
  contacts: [['alice', 'bob'] as [string, string]],
  online: ['bob'],
};

describe('users', () => {
  it('registers one user, lower-casing the name as Easemob does', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    const user = await client.users.create({ username: 'Erin', password: 'secret', nickname: 'E' });
    expect(user).toMatchObject({ username: 'erin', nickname: 'E', activated: true });
    expect(user.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.createdAt).toBeTypeOf('number');
  });

  it('reports a duplicate single registration as a typed 400', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    const error = await rejectionOf(client.users.create({ username: 'alice', password: 'x' }));
    expect(error).toBeInstanceOf(EasemobError);
    expect(error).toMatchObject({
      status: 400,
      code: 'duplicate_unique_property_exists',
      retryable: false,
    });
  });

  it('registers many, returning partial failures instead of throwing', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    const result = await client.users.createMany([
      { username: 'u1', password: 'p1' },
      { username: 'alice', password: 'p2' },
      { username: 'u3', password: 'p3', nickname: 'three' },
    ]);
    expect(result.created.map((u) => u.username)).toEqual(['u1', 'u3']);
    expect(result.failed).toEqual([
      { username: 'alice', reason: expect.stringContaining('alice') },
    ]);
  });

  it('gets one user and reports a missing one as 404 service_resource_not_found', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    expect(await client.users.get('ALICE')).toMatchObject({ username: 'alice', nickname: 'Alice' });
    const error = await rejectionOf(client.users.get('nobody'));
    expect(error).toMatchObject({
      status: 404,
      code: 'service_resource_not_found',
      retryable: false,
    });
  });

  it('lists users page by page with the cursor, and iterates all of them', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    const first = await client.users.list({ limit: 3 });
    expect(first.users.map((u) => u.username)).toEqual(['alice', 'bob', 'carol']);
    expect(first.cursor).toBeTypeOf('string');
    const second = await client.users.list({ limit: 3, cursor: first.cursor });
    expect(second.users.map((u) => u.username)).toEqual(['dave']);
    expect(second.cursor).toBeUndefined();
    const all: string[] = [];
    for await (const user of client.users.iterate({ pageSize: 2 })) all.push(user.username);
    expect(all).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('deletes one user and many users', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    expect(await client.users.delete('dave')).toMatchObject({ username: 'dave' });
    expect(emulator.state.getUser('dave')).toBeUndefined();
    const deleted = await client.users.deleteMany({ limit: 2 });
    expect(deleted.users.map((u) => u.username)).toEqual(['alice', 'bob']);
    expect((await client.users.list()).users.map((u) => u.username)).toEqual(['carol']);
  });

  it('resets a password so the user token grant accepts only the new one', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    await client.users.resetPassword('alice', 'new-password');
    const token = await client.tokens.user({
      username: 'alice',
      password: 'new-password',
      ttlSeconds: 60,
    });
    expect(token).toMatchObject({ expiresInSeconds: 60, user: { username: 'alice' } });
    expect(token.accessToken).toMatch(/^YWMt/);
    const error = await rejectionOf(
      client.tokens.user({ username: 'alice', password: 'pw-alice' }),
    );
    expect(error).toMatchObject({ status: 400, code: 'invalid_grant' });
    const missing = await rejectionOf(client.users.resetPassword('nobody', 'x'));
    expect(missing).toMatchObject({ status: 404, code: 'entity_not_found' });
  });

  it('updates nickname, display style and the no-disturbing window', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    expect(await client.users.setNickname('bob', 'Bobby')).toMatchObject({ nickname: 'Bobby' });
    expect(await client.users.setNotificationDisplayStyle('bob', 'summary')).toMatchObject({
      notificationDisplayStyle: 'summary',
    });
    const quiet = await client.users.setNoDisturbing('bob', {
      enabled: true,
      startHour: 22,
      endHour: 7,
    });
    expect(quiet.noDisturbing).toEqual({ enabled: true, startHour: 22, endHour: 7 });
    const all = await client.users.update('bob', {
      nickname: 'B',
      notificationDisplayStyle: 'detail',
      noDisturbing: { enabled: false },
    });
    expect(all).toMatchObject({
      nickname: 'B',
      notificationDisplayStyle: 'detail',
      noDisturbing: { enabled: false },
    });
    const missing = await rejectionOf(client.users.setNickname('nobody', 'x'));
    expect(missing).toMatchObject({ status: 400, code: 'required_property_not_found' });
  });

  it('deactivates, activates and disconnects', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    expect(await client.users.deactivate('bob')).toMatchObject({
      username: 'bob',
      activated: false,
    });
    expect((await client.users.get('bob')).activated).toBe(false);
    // Easemob「用户体系集成 › 账号禁用与解禁」: a deactivated user is logged out at once.
    expect(emulator.state.isOnline('bob')).toBe(false);
    await client.users.activate('bob');
    expect((await client.users.get('bob')).activated).toBe(true);
    emulator.state.setOnline('bob', true);
    expect(await client.users.disconnect('bob')).toBe(true);
    expect(emulator.state.isOnline('bob')).toBe(false);
    expect(await rejectionOf(client.users.deactivate('nobody'))).toMatchObject({
      status: 400,
      code: 'management',
    });
  });
});

describe('contacts and blocks', () => {
  it('adds, lists and removes contacts', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    expect(await client.contacts.add('alice', 'carol')).toMatchObject({ username: 'carol' });
    expect((await client.contacts.list('alice')).sort()).toEqual(['bob', 'carol']);
    expect(await client.contacts.remove('alice', 'bob')).toMatchObject({ username: 'bob' });
    expect(await client.contacts.list('alice')).toEqual(['carol']);
    expect(await rejectionOf(client.contacts.add('alice', 'nobody'))).toMatchObject({
      status: 404,
    });
  });

  it('blocks many, lists and unblocks', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    expect((await client.blocks.add('alice', ['bob', 'carol'])).sort()).toEqual(['bob', 'carol']);
    expect((await client.blocks.list('alice')).sort()).toEqual(['bob', 'carol']);
    expect(await client.blocks.remove('alice', 'bob')).toMatchObject({ username: 'bob' });
    expect(await client.blocks.list('alice')).toEqual(['carol']);
    const error = await rejectionOf(client.blocks.add('alice', ['nobody']));
    expect(error).toMatchObject({ status: 400, code: 'illegal_argument' });
  });
});

describe('status and offline messages', () => {
  it('reads one status and many statuses; unknown users read as offline', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    expect(await client.status.get('bob')).toBe('online');
    expect(await client.status.get('alice')).toBe('offline');
    const states = await client.status.getMany(['alice', 'BOB', 'ghost']);
    expect([...states]).toEqual([
      ['alice', 'offline'],
      ['bob', 'online'],
      ['ghost', 'offline'],
    ]);
  });

  it('counts offline messages and reports delivery once the user comes online', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    await client.messages.send({
      targetType: 'users',
      targets: ['carol'],
      message: { type: 'txt', msg: 'hi' },
      from: 'alice',
    });
    expect(await client.offline.count('carol')).toBe(1);
    const [record] = emulator.state.sentMessages;
    expect(await client.offline.messageStatus('carol', record!.msg_id)).toBe('undelivered');
    emulator.state.setOnline('carol', true);
    expect(await client.offline.count('carol')).toBe(0);
    expect(await client.offline.messageStatus('carol', record!.msg_id)).toBe('delivered');
  });
});

describe('messages', () => {
  it('sends every body type and returns one result per target', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    const bodies = [
      { type: 'txt', msg: 'hello' },
      {
        type: 'img',
        url: 'https://example.com/a.png',
        filename: 'a.png',
        secret: 's',
        size: { width: 1, height: 2 },
      },
      { type: 'loc', lat: 39.98, lng: 116.3, addr: '北京市海淀区' },
      { type: 'audio', url: 'https://example.com/a.amr', filename: 'a.amr', length: 3 },
      {
        type: 'video',
        url: 'https://example.com/v.mp4',
        filename: 'v.mp4',
        length: 10,
        file_length: 1000,
      },
      { type: 'file', url: 'https://example.com/f.pdf', filename: 'f.pdf' },
      { type: 'cmd', action: 'refresh' },
      { type: 'custom', customEvent: 'gift', customExts: { id: '7' } },
    ] as const;
    for (const message of bodies) {
      const results = await client.messages.send({
        targetType: 'users',
        targets: ['bob', 'Carol'],
        message,
        from: 'alice',
        ext: { attr1: 'v1' },
      });
      expect(results).toEqual([
        { target: 'bob', success: true, result: 'success' },
        { target: 'carol', success: true, result: 'success' },
      ]);
    }
    expect(emulator.state.sentMessages).toHaveLength(bodies.length * 2);
    expect(emulator.state.sentMessages[0]).toMatchObject({
      from: 'alice',
      to: 'bob',
      chat_type: 'chat',
    });
  });

  it('sends to groups and chat rooms, and as admin when no sender is given', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    await client.messages.send({
      targetType: 'chatgroups',
      targets: ['184524748161025'],
      message: { type: 'txt', msg: 'g' },
    });
    await client.messages.send({
      targetType: 'chatrooms',
      targets: ['room1'],
      message: { type: 'txt', msg: 'r' },
    });
    expect(emulator.state.sentMessages.map((m) => [m.from, m.chat_type])).toEqual([
      ['admin', 'groupchat'],
      ['admin', 'chatroom'],
    ]);
  });
});

describe('chat history export', () => {
  it('pages through history with ql, limit and cursor', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    for (const text of ['one', 'two', 'three']) {
      await client.messages.send({
        targetType: 'users',
        targets: ['bob'],
        message: { type: 'txt', msg: text },
        from: 'alice',
      });
    }
    await client.messages.send({
      targetType: 'users',
      targets: ['alice'],
      message: { type: 'txt', msg: 'back' },
      from: 'bob',
    });
    const first = await client.chatHistory.list({
      ql: buildChatHistoryQl({ from: 'alice', order: 'asc' }),
      limit: 2,
    });
    expect(first.messages.map((m) => m.bodies[0]?.msg)).toEqual(['one', 'two']);
    expect(first.cursor).toBeTypeOf('string');
    const rest = await client.chatHistory.list({
      ql: buildChatHistoryQl({ from: 'alice', order: 'asc' }),
      limit: 2,
      cursor: first.cursor,
    });
    expect(rest.messages.map((m) => m.bodies[0]?.msg)).toEqual(['three']);
    expect(rest.cursor).toBeUndefined();
    const newest = await client.chatHistory.list({ ql: 'order by timestamp desc', limit: 1 });
    expect(newest.messages[0]).toMatchObject({
      from: 'bob',
      to: 'alice',
      chatType: 'chat',
      ext: {},
    });
    const all = [];
    for await (const message of client.chatHistory.iterate({ pageSize: 3 })) all.push(message);
    expect(all).toHaveLength(4);
  });

  it('filters by time range as Easemob「聊天消息导出 › 使用示例2」 writes it', async () => {
    // Message timestamps come from the emulator's clock: moving it puts "b" after the cut.
    const clock = manualClock();
    const { client, emulator } = await startHarness({ emulator: { seed, now: clock.now } });
    await client.messages.send({
      targetType: 'users',
      targets: ['bob'],
      message: { type: 'txt', msg: 'a' },
      from: 'alice',
    });
    const cut = emulator.state.sentMessages[0]!.timestamp + 1;
    clock.advance(5);
    await client.messages.send({
      targetType: 'users',
      targets: ['bob'],
      message: { type: 'txt', msg: 'b' },
      from: 'alice',
    });
    const page = await client.chatHistory.list({ ql: buildChatHistoryQl({ since: cut }) });
    expect(page.messages.map((m) => m.bodies[0]?.msg)).toEqual(['b']);
  });
});

describe('presence', () => {
  it('sets per-device presence, subscribes, reads, lists and unsubscribes', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    await client.presence.set('bob', { resource: 'android_123', status: '1', ext: 'at work' });
    await client.presence.set('bob', { resource: 'ios_9', status: 'busy' });
    const subscribed = await client.presence.subscribe('alice', ['bob', 'carol'], 3600);
    expect(subscribed).toHaveLength(2);
    expect(subscribed[0]).toMatchObject({
      username: 'bob',
      devices: { android_123: '1', ios_9: 'busy' },
    });
    expect(subscribed[0]!.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);

    const now = await client.presence.getMany('alice', ['bob']);
    expect(now).toEqual([expect.objectContaining({ username: 'bob', ext: expect.any(String) })]);

    const page = await client.presence.subscriptions('alice', { pageNum: 1, pageSize: 10 });
    expect(page.total).toBe(2);
    expect(page.subscriptions.map((s) => s.username).sort()).toEqual(['bob', 'carol']);

    await client.presence.unsubscribe('alice', ['bob']);
    const after = await client.presence.subscriptions('alice');
    expect(after.subscriptions.map((s) => s.username)).toEqual(['carol']);
  });

  it('sends unsubscribe as the raw JSON array of the documented example', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    await client.presence.subscribe('alice', ['bob'], 60);
    await client.presence.unsubscribe('alice', ['bob']);
    expect(emulator.calls.list('presence.unsubscribe')[0]!.body).toEqual(['bob']);
  });
});

describe('errors', () => {
  it('carries status, Easemob code, description and retryability', async () => {
    const { client } = await startHarness({ emulator: { seed } });
    const error = (await rejectionOf(client.contacts.list('nobody'))) as EasemobError;
    expect(error).toBeInstanceOf(EasemobError);
    expect(error.status).toBe(404);
    expect(error.code).toBe('service_resource_not_found');
    expect(error.description).toBe('Service resource not found');
    expect(error.retryable).toBe(false);
    expect(error.endpoint).toBe('contacts.list');
    expect(error.message).toContain('contacts.list');
  });
});
