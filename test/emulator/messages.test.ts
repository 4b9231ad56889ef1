import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { getJson, postJson } from '../support/http.js';

const ctx = useEmulator({
  seed: { users: ['u1', 'u2', 'u3', 'jma2'].map((username) => ({ username, password: 'p' })) },
});

function send(body: unknown) {
  return postJson(`${ctx.emulator.baseUrl}/messages`, body, { token: ctx.token });
}

describe('POST /messages', () => {
  it('answers "success" per target in the /hx wrapper「IM环信接口文档 › 发送文本消息」 envelope', async () => {
    const response = await send({
      target_type: 'users',
      target: ['u1', 'u2', 'u3'],
      msg: { type: 'txt', msg: 'hello from rest' },
      from: 'jma2',
      ext: { attr1: 'v1', attr2: 'v2' },
    });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(
      [
        'action',
        'application',
        'applicationName',
        'data',
        'duration',
        'organization',
        'path',
        'timestamp',
        'uri',
      ].sort(),
    );
    expect(response.body).toMatchObject({
      action: 'post',
      path: '/messages',
      uri: `${ctx.emulator.baseUrl}/messages`,
      data: { u1: 'success', u2: 'success', u3: 'success' },
      organization: 'easemob-demo',
      applicationName: 'testapp',
    });
  });

  it('stores one record per target with its own numeric msg_id, body and ext intact', async () => {
    const before = ctx.emulator.state.sentMessages.length;
    const msg = {
      type: 'img',
      url: 'https://x/1.png',
      filename: '1.png',
      secret: 's',
      size: { width: 1, height: 2 },
    };
    await send({ target_type: 'users', target: ['u1', 'u2'], msg, from: 'JMA2', ext: { k: 1 } });
    const sent = ctx.emulator.state.sentMessages.slice(before);
    expect(sent).toHaveLength(2);
    expect(sent.map((m) => m.to)).toEqual(['u1', 'u2']);
    expect(sent[0]?.msg_id).not.toBe(sent[1]?.msg_id);
    for (const message of sent) {
      expect(message.msg_id).toMatch(/^\d{15,20}$/);
      expect(message).toMatchObject({
        from: 'jma2',
        chat_type: 'chat',
        target_type: 'users',
        bodies: [msg],
        ext: { k: 1 },
      });
      expect(typeof message.timestamp).toBe('number');
    }
  });

  it('sends as admin when from is absent', async () => {
    const before = ctx.emulator.state.sentMessages.length;
    await send({ target_type: 'users', target: ['u1'], msg: { type: 'txt', msg: 'hi' } });
    expect(ctx.emulator.state.sentMessages[before]?.from).toBe('admin');
  });

  it('fails an empty from, as /hx wrapper「IM环信接口文档 › 发送文本消息」 warns', async () => {
    const before = ctx.emulator.state.sentMessages.length;
    const response = await send({
      target_type: 'users',
      target: ['u1'],
      msg: { type: 'txt', msg: 'hi' },
      from: '',
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body).sort()).toEqual(
      ['duration', 'error', 'error_description', 'exception', 'timestamp'].sort(),
    );
    expect(ctx.emulator.state.sentMessages).toHaveLength(before);
  });

  it('maps target types to chat types', async () => {
    const before = ctx.emulator.state.sentMessages.length;
    await send({
      target_type: 'chatgroups',
      target: ['1402541206787'],
      msg: { type: 'txt', msg: 'g' },
    });
    await send({
      target_type: 'chatrooms',
      target: ['room1'],
      msg: { type: 'cmd', action: 'ping' },
    });
    const [group, room] = ctx.emulator.state.sentMessages.slice(before);
    expect(group).toMatchObject({ to: '1402541206787', chat_type: 'groupchat' });
    expect(room).toMatchObject({ to: 'room1', chat_type: 'chatroom' });
  });

  it('accepts every documented message type', async () => {
    for (const msg of [
      { type: 'txt', msg: 't' },
      { type: 'img', url: 'u', filename: 'f', secret: 's' },
      { type: 'loc', lat: 39.98, lng: 116.3, addr: 'a' },
      { type: 'audio', url: 'u', filename: 'f', length: 3, secret: 's' },
      { type: 'video', url: 'u', filename: 'f', length: 3, secret: 's' },
      { type: 'file', url: 'u', filename: 'f', secret: 's' },
      { type: 'cmd', action: 'a' },
      { type: 'custom', customEvent: 'e', customExts: { a: '1' } },
    ]) {
      const response = await send({ target_type: 'users', target: ['u1'], msg });
      expect(response.status, msg.type).toBe(200);
    }
  });

  it('rejects bad target types, targets and messages', async () => {
    const before = ctx.emulator.state.sentMessages.length;
    const cases = [
      { target_type: 'people', target: ['u1'], msg: { type: 'txt', msg: 'x' } },
      { target_type: 'users', target: 'u1', msg: { type: 'txt', msg: 'x' } },
      { target_type: 'users', target: [], msg: { type: 'txt', msg: 'x' } },
      { target_type: 'users', target: ['u1'], msg: { type: 'sticker' } },
      { target_type: 'users', target: ['u1'] },
      { target_type: 'users', target: ['u1'], msg: { type: 'txt', msg: 'x' }, ext: 'nope' },
    ];
    for (const body of cases) {
      const response = await send(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toBe('illegal_argument');
    }
    expect(ctx.emulator.state.sentMessages).toHaveLength(before);
  });

  it('writes each sent message to the chat history', async () => {
    await send({
      target_type: 'users',
      target: ['u3'],
      msg: { type: 'txt', msg: 'to history' },
      from: 'u2',
    });
    const history = await getJson(
      `${ctx.emulator.baseUrl}/chatmessages?ql=${encodeURIComponent("select * where to='u3' order by timestamp desc")}&limit=1`,
      { token: ctx.token },
    );
    expect(history.body.entities[0]).toMatchObject({
      type: 'chatmessage',
      from: 'u2',
      to: 'u3',
      chat_type: 'chat',
      payload: { bodies: [{ type: 'txt', msg: 'to history' }], ext: {} },
    });
  });
});
