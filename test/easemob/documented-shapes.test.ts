import { describe, expect, it } from 'vitest';
import { rejectionOf, startHarness } from '../support/easemob.js';

/**
 * The client must accept every response shape Easemob's documentation shows. The emulator answers
 * with each documented example verbatim (a canned answer), over a real socket.
 */

const seed = {
  users: [
    { username: 'stliu', password: 'pw' },
    { username: 'zw123', password: 'pw' },
  ],
};

describe('status shapes', () => {
  it('Easemob「REST API 开发指南 › 查看用户在线状态」: data as {"user": "online"}', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'status.get',
      kind: 'respond',
      body: {
        action: 'get',
        application: '4d7e4ba0-dc4a-11e3-90d5-e1ffbaacdaf5',
        params: {},
        uri: 'https://a1.easemob.com/easemob-demo/chatdemoui',
        entities: [],
        data: { stliu: 'online' },
        timestamp: 1404932199220,
        duration: 743,
        organization: 'easemob-demo',
        applicationName: 'chatdemoui',
      },
    });
    expect(await client.status.get('stliu')).toBe('online');
  });

  it('Easemob「聊天消息导出 › 查看用户在线状态」: data as [{target_name, result_code, result_content}]', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'status.get',
      kind: 'respond',
      body: {
        data: [{ target_name: 'zw123', result_code: 200, result_content: { result: 'offline' } }],
      },
    });
    expect(await client.status.get('zw123')).toBe('offline');
    emulator.faults.clear();
    emulator.faults.add({
      endpoint: 'status.batch',
      kind: 'respond',
      body: {
        data: [
          { target_name: 'zw123', result_code: '200', result_content: { result: 'online' } },
          { target_name: 'stliu', result_code: 200, result_content: { result: 'offline' } },
        ],
      },
    });
    expect([...(await client.status.getMany(['zw123', 'stliu']))]).toEqual([
      ['zw123', 'online'],
      ['stliu', 'offline'],
    ]);
  });

  it('Easemob「用户体系集成 › 批量获取用户在线状态」: data as [{"user1": "offline"}, {"user2": "offline"}]', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'status.batch',
      kind: 'respond',
      body: {
        action: 'get batch user status',
        data: [{ user1: 'offline' }, { user2: 'online' }],
        timestamp: 1552280231926,
        duration: 4,
      },
    });
    expect([...(await client.status.getMany(['user1', 'user2']))]).toEqual([
      ['user1', 'offline'],
      ['user2', 'online'],
    ]);
  });
});

describe('other documented variants', () => {
  it('Easemob「在线状态订阅 RESTful API › 批量订阅在线状态」: presence numbers as strings, and an empty uid matched by position', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'presence.subscribe',
      kind: 'respond',
      body: {
        result: [
          {
            uid: '',
            last_time: '1644466063',
            expiry: '1645500371',
            ext: '123',
            status: { android: '1', 'android_6b5610ac-4e11-4661-82b3-dee17bc7b2cc': '0' },
          },
          {
            uid: 'c3',
            last_time: '1645183991',
            expiry: '1645500371',
            ext: '',
            status: { android: '0', 'android_6b5610ac-4e11-4661-82b3-dee17bc7b2cc': '0' },
          },
        ],
      },
    });
    const presence = await client.presence.subscribe('wzy', ['c2', 'c3'], 1000);
    expect(presence).toEqual([
      {
        username: 'c2',
        devices: { android: '1', 'android_6b5610ac-4e11-4661-82b3-dee17bc7b2cc': '0' },
        ext: '123',
        lastSeenAt: 1644466063000,
        expiresAt: 1645500371000,
      },
      {
        username: 'c3',
        devices: { android: '0', 'android_6b5610ac-4e11-4661-82b3-dee17bc7b2cc': '0' },
        ext: '',
        lastSeenAt: 1645183991000,
        expiresAt: 1645500371000,
      },
    ]);
  });

  it('Easemob「在线状态订阅 RESTful API › 查询订阅列表」: the subscription list with totalnum as a string', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'presence.sublist',
      kind: 'respond',
      body: {
        result: {
          totalnum: '2',
          sublist: [
            { uid: 'lxml2', expiry: '1645822322' },
            { uid: 'lxml1', expiry: '1645822322' },
          ],
        },
      },
    });
    expect(await client.presence.subscriptions('wzy', { pageNum: 1, pageSize: 100 })).toEqual({
      total: 2,
      subscriptions: [
        { username: 'lxml2', expiresAt: 1645822322000 },
        { username: 'lxml1', expiresAt: 1645822322000 },
      ],
    });
  });

  it('Easemob「用户体系集成」: user entities with numbers and booleans as strings, and unknown fields', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'users.get',
      kind: 'respond',
      body: {
        action: 'get',
        path: '/users',
        entities: [
          {
            uuid: '3b8c9890-7b9a-11e8-9d88-f50bf55cafad',
            type: 'user',
            created: '1530276298905',
            modified: 1534405429835,
            username: 'User1',
            activated: 'true',
            notification_no_disturbing: true,
            notification_no_disturbing_start: '1',
            notification_no_disturbing_end: 3,
            notification_display_style: 0,
            nickname: 'testuser',
            notifier_name: '2882303761517426801',
            device_token: 'abc',
          },
        ],
        timestamp: 1542798985011,
        duration: 6,
        count: 1,
      },
    });
    expect(await client.users.get('user1')).toEqual({
      uuid: '3b8c9890-7b9a-11e8-9d88-f50bf55cafad',
      username: 'user1',
      nickname: 'testuser',
      activated: true,
      createdAt: 1530276298905,
      modifiedAt: 1534405429835,
      notificationDisplayStyle: 'summary',
      noDisturbing: { enabled: true, startHour: 1, endHour: 3 },
    });
  });

  it('/hx wrapper「IM环信接口文档」: offline count, and send results keyed by target', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'offline.count',
      kind: 'respond',
      body: { action: 'get', entities: [], data: { u1: '7' }, count: 0 },
    });
    expect(await client.offline.count('u1')).toBe(7);
    emulator.faults.add({
      endpoint: 'messages.send',
      kind: 'respond',
      body: { path: '/messages', data: { u2: 'success', stliu: 'success', u3: 'fail' } },
    });
    const results = await client.messages.send({
      targetType: 'users',
      targets: ['u2', 'u3', 'stliu'],
      message: { type: 'txt', msg: 'HelloWorld' },
      from: 'u1',
    });
    expect(results).toEqual([
      { target: 'u2', success: true, result: 'success' },
      { target: 'u3', success: false, result: 'fail' },
      { target: 'stliu', success: true, result: 'success' },
    ]);
  });

  it('Easemob「聊天消息导出 › 聊天记录数据结构」: chat history records with every body type', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'chatmessages.list',
      kind: 'respond',
      body: {
        count: 2,
        cursor:
          'MTYxOTcyOTYyNDpnR2tBQVFNQWdHa0FCZ0ZHczBKN0F3Q0FkUUFRYUdpdkt2ZU1FZU9vNU4zVllyT2pqUUNBZFFBUWFHaXZJUGVNRWVPMjdMRWo5b0w4dEFB',
        entities: [
          {
            type: 'chatmessage',
            from: 'zw123',
            msg_id: '5I02W-16-8278a',
            chat_type: 'chat',
            payload: {
              bodies: [{ msg: 'hhhhhh', type: 'txt' }],
              ext: { key1: 'value1' },
            },
            timestamp: 1403099033211,
            to: '1402541206787',
          },
          {
            type: 'chatmessage',
            from: 'zw123',
            msg_id: 5000000000000001,
            chat_type: 'groupchat',
            payload: {
              bodies: [
                {
                  type: 'loc',
                  lat: 39.983805,
                  lng: 116.307417,
                  addr: '北京市海淀区北四环西路66号',
                },
              ],
            },
            timestamp: '1403099033212',
            to: '1402541206787',
          },
        ],
      },
    });
    const page = await client.chatHistory.list({ ql: 'order by timestamp desc', limit: 20 });
    expect(page.cursor).toMatch(/^MTYx/);
    expect(page.messages).toEqual([
      {
        id: '5I02W-16-8278a',
        from: 'zw123',
        to: '1402541206787',
        chatType: 'chat',
        timestamp: 1403099033211,
        bodies: [{ type: 'txt', msg: 'hhhhhh' }],
        ext: { key1: 'value1' },
      },
      {
        id: '5000000000000001',
        from: 'zw123',
        to: '1402541206787',
        chatType: 'groupchat',
        timestamp: 1403099033212,
        bodies: [
          { type: 'loc', lat: 39.983805, lng: 116.307417, addr: '北京市海淀区北四环西路66号' },
        ],
        ext: {},
      },
    ]);
  });
});

describe('answers that do not parse', () => {
  it('a 200 with a body that is not JSON becomes a typed invalid_response', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({ endpoint: 'messages.send', kind: 'malformed' });
    const error = await rejectionOf(
      client.messages.send({
        targetType: 'users',
        targets: ['zw123'],
        message: { type: 'txt', msg: 'x' },
      }),
    );
    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
    expect(emulator.calls.count('messages.send')).toBe(1);
  });

  it('a JSON answer of the wrong shape becomes a typed invalid_response naming the place', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'status.get',
      kind: 'respond',
      body: { data: { stliu: 'sleeping' } },
    });
    const error = await rejectionOf(client.status.get('stliu'));
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    expect((error as Error).message).toContain('data');
  });

  it('an error answer that is not JSON keeps its HTTP status', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'users.get',
      kind: 'respond',
      status: 404,
      body: '<html>not found</html>',
    });
    expect(await rejectionOf(client.users.get('stliu'))).toMatchObject({
      status: 404,
      code: 'http_error_404',
    });
  });
});
