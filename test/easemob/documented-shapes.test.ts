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

/** Easemob「REST API 开发指南 › 查看用户在线状态」's answer, word for word. */
const guideStatusAnswer = {
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
};

describe('status shapes', () => {
  it('Easemob「REST API 开发指南 › 查看用户在线状态」: data as {"user": "online"}', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'status.get',
      kind: 'respond',
      body: guideStatusAnswer,
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
      notifierName: '2882303761517426801',
      deviceToken: 'abc',
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

describe('documented examples the client used to drop or misread', () => {
  it('Easemob「REST API 开发指南 › 查看用户在线状态」: asked for zw123, answered {"stliu": "online"}: the one entry is the answer', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'status.get',
      kind: 'respond',
      body: guideStatusAnswer,
    });
    expect(await client.status.get('zw123')).toBe('online');
  });

  it('Easemob「聊天消息导出 › 给某个用户发送消息」: send results as [{result_code, result_content}], with or without target_name', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    const send = (targets: string[]) =>
      client.messages.send({
        targetType: 'users',
        targets,
        message: { type: 'txt', msg: 'hello singlechat' },
      });
    // The documented example, verbatim: no target named, so it is the one at its position.
    emulator.faults.add({
      endpoint: 'messages.send',
      kind: 'respond',
      times: 1,
      body: { data: [{ result_code: 200, result_content: { result: 'ok' } }] },
    });
    expect(await send(['zw123'])).toEqual([{ target: 'zw123', success: true, result: 'ok' }]);
    emulator.faults.add({
      endpoint: 'messages.send',
      kind: 'respond',
      times: 1,
      body: {
        data: [
          { target_name: 'stliu', result_code: '403', result_content: { result: 'blocked' } },
          { target_name: 'zw123', result_code: 200, result_content: { result: 'ok' } },
        ],
      },
    });
    expect(await send(['zw123', 'stliu', 'jma2'])).toEqual([
      { target: 'zw123', success: true, result: 'ok' },
      { target: 'stliu', success: false, result: 'blocked' },
      { target: 'jma2', success: false, result: 'no result' },
    ]);
  });

  it('Easemob「在线状态订阅 RESTful API › 设置用户在线状态信息」: {"result":"ok"} succeeds, any other result is the reason it failed', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'presence.set',
      kind: 'respond',
      times: 1,
      body: { result: 'ok' },
    });
    await client.presence.set('stliu', { resource: 'android', status: '0', ext: '123' });
    emulator.faults.add({
      endpoint: 'presence.set',
      kind: 'respond',
      times: 1,
      body: { result: 'presence service is not enabled for this app' },
    });
    const error = await rejectionOf(
      client.presence.set('stliu', { resource: 'android', status: '0', ext: '123' }),
    );
    expect(error).toMatchObject({
      name: 'EasemobError',
      status: 200,
      code: 'operation_refused',
      description: 'presence service is not enabled for this app',
      endpoint: 'presence.set',
      retryable: false,
    });
  });

  it('Easemob「在线状态订阅 RESTful API › 取消订阅」: a result other than "ok" is the reason it failed', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'presence.unsubscribe',
      kind: 'respond',
      times: 1,
      body: { result: 'ok' },
    });
    await client.presence.unsubscribe('wzy', ['c1']);
    emulator.faults.add({
      endpoint: 'presence.unsubscribe',
      kind: 'respond',
      times: 1,
      body: { result: 'not subscribed' },
    });
    expect(await rejectionOf(client.presence.unsubscribe('wzy', ['c1']))).toMatchObject({
      code: 'operation_refused',
      description: 'not subscribed',
    });
  });

  it('Easemob「在线状态订阅 RESTful API › 批量订阅在线状态」: a reason where the list belongs is kept as the error', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'presence.subscribe',
      kind: 'respond',
      body: { result: 'subscription limit exceeded' },
    });
    expect(await rejectionOf(client.presence.subscribe('wzy', ['c2', 'c3'], 1000))).toMatchObject({
      code: 'operation_refused',
      description: 'subscription limit exceeded',
    });
    emulator.faults.clear();
    emulator.faults.add({
      endpoint: 'presence.get',
      kind: 'respond',
      body: { result: 'user not found' },
    });
    expect(await rejectionOf(client.presence.getMany('wzy', ['c2']))).toMatchObject({
      code: 'operation_refused',
      description: 'user not found',
    });
  });

  it('Easemob「用户体系集成 › 获取单个用户」: notifier_name, device_token and notification_ignore_<group id> are read', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'users.get',
      kind: 'respond',
      body: {
        action: 'get',
        path: '/users',
        entities: [
          {
            uuid: '0ffe2d80-ed76-11e8-8d66-279e3e1c214b',
            type: 'user',
            created: 1542795196504,
            modified: 1542795196504,
            username: 'user1',
            activated: true,
            nickname: 'testuser',
            notification_ignore_63112447328257: 'true',
            notification_ignore_63112447328258: false,
            notification_ignore_1402541206787: true,
            notifier_name: '2882303761517426801',
            device_token: '740f4707bebcf74f9b7c25d48e3358945f6aa01da5ddb387462c7eaf61bb78ad',
          },
        ],
        count: 1,
      },
    });
    expect(await client.users.get('user1')).toMatchObject({
      notifierName: '2882303761517426801',
      deviceToken: '740f4707bebcf74f9b7c25d48e3358945f6aa01da5ddb387462c7eaf61bb78ad',
      ignoredGroups: ['63112447328257', '1402541206787'],
    });
    emulator.faults.clear();
    // "没有设置则不会返回": none of them on a user who set nothing.
    const plain = await client.users.get('stliu');
    expect(plain.notifierName).toBeUndefined();
    expect(plain.deviceToken).toBeUndefined();
    expect(plain.ignoredGroups).toBeUndefined();
  });

  it('Easemob「用户体系集成 › 批量删除用户」: the documented answer gives the deleted users and the cursor', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'users.deleteMany',
      kind: 'respond',
      body: {
        action: 'delete',
        application: '8be024f0-e978-11e8-b697-5d598d5f8402',
        params: { limit: ['2'] },
        path: '/users',
        uri: 'https://a1.easemob.com/easemob-demo/testapp/users',
        entities: [
          {
            uuid: 'b2aade90-e978-11e8-a974-f3368f82e4f1',
            type: 'user',
            created: 1542356523769,
            modified: 1542597334500,
            username: 'user2',
            activated: true,
            nickname: 'testuser',
          },
          {
            uuid: 'b98ad170-e978-11e8-8fce-7f76daa76557',
            type: 'user',
            created: 1542356535303,
            modified: 1542356535303,
            username: 'user3',
            activated: true,
            nickname: 'user3',
          },
        ],
        timestamp: 1542867197779,
        duration: 504,
        organization: 'easemob-demo',
        applicationName: 'testapp',
        cursor: 'LTgzNDAxMjM3OTpfdmZ5VU9tREVlaTZPUV90ZmN3ODNR',
      },
    });
    const page = await client.users.deleteMany({ limit: 2 });
    expect(page.users.map((u) => u.username)).toEqual(['user2', 'user3']);
    expect(page.cursor).toBe('LTgzNDAxMjM3OTpfdmZ5VU9tREVlaTZPUV90ZmN3ODNR');
  });

  it('Easemob「用户体系集成 › 获取用户token」: the documented password-grant answer', async () => {
    const { client, emulator } = await startHarness({ emulator: { seed } });
    emulator.faults.add({
      endpoint: 'token',
      kind: 'respond',
      times: 1,
      body: {
        access_token:
          'YWMtrR6ECkz8Eeyx6Y9j1eX9kbsMrFep3U6BvVj7KSnNonWqRx7gTPwR7Kzl-Q_xISNOAwMAAAF9UPZqbQAPoAAtYK9fWgaTNyuWoB3-6nGf_TXBx3Nt3XRZST-elU0x2A',
        expires_in: 1024000,
        user: {
          uuid: 'aa471ee0-4cfc-11ec-ace5-f90ff121234e',
          type: 'user',
          created: 1637740861395,
          modified: 1637740861395,
          username: 'c',
          activated: true,
        },
      },
    });
    const token = await client.tokens.user({ username: 'C', password: '1', ttlSeconds: 1024000 });
    expect(token).toMatchObject({
      accessToken: expect.stringMatching(/^YWMtrR6E/),
      expiresInSeconds: 1024000,
      user: { username: 'c', uuid: 'aa471ee0-4cfc-11ec-ace5-f90ff121234e' },
    });
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
