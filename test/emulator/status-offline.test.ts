import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { getJson, postJson } from '../support/http.js';

const ctx = useEmulator();

function url(path: string): string {
  return `${ctx.emulator.baseUrl}${path}`;
}

beforeEach(() => {
  const { state } = ctx.emulator;
  for (const name of ['user1', 'user2']) {
    state.deleteUser(name);
    state.createUser({ username: name, password: 'p' });
  }
});

async function send(to: string[], text = 'hello'): Promise<string[]> {
  const before = ctx.emulator.state.sentMessages.length;
  const response = await postJson(
    url('/messages'),
    { target_type: 'users', target: to, msg: { type: 'txt', msg: text }, from: 'user2' },
    { token: ctx.token },
  );
  expect(response.status).toBe(200);
  return ctx.emulator.state.sentMessages.slice(before).map((message) => message.msg_id);
}

describe('GET /users/{username}/status', () => {
  it('answers the Easemob「用户体系集成 › 获取用户在线状态」 shape with online or offline', async () => {
    const offline = await getJson(url('/users/user1/status'), { token: ctx.token });
    expect(offline.status).toBe(200);
    expect(Object.keys(offline.body).sort()).toEqual(
      ['action', 'count', 'data', 'duration', 'entities', 'timestamp', 'uri'].sort(),
    );
    expect(offline.body).toMatchObject({
      action: 'get',
      uri: `${ctx.emulator.baseUrl}/users/user1/status`,
      entities: [],
      data: { user1: 'offline' },
      count: 0,
    });
    ctx.emulator.state.setOnline('user1', true);
    const online = await getJson(url('/users/user1/status'), { token: ctx.token });
    expect(online.body.data).toEqual({ user1: 'online' });
  });

  it('answers 404 for a missing user', async () => {
    const response = await getJson(url('/users/ghost/status'), { token: ctx.token });
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('service_resource_not_found');
  });
});

describe('POST /users/batch/status', () => {
  it('answers one object per name, unknown names offline', async () => {
    ctx.emulator.state.setOnline('user2', true);
    const response = await postJson(
      url('/users/batch/status'),
      { usernames: ['user1', 'user2', 'nobody'] },
      { token: ctx.token },
    );
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['action', 'data', 'duration', 'timestamp']);
    expect(response.body.action).toBe('get batch user status');
    expect(response.body.data).toEqual([
      { user1: 'offline' },
      { user2: 'online' },
      { nobody: 'offline' },
    ]);
  });

  it('refuses more than 100 usernames', async () => {
    const usernames = Array.from({ length: 101 }, (_, i) => `u${i}`);
    const response = await postJson(
      url('/users/batch/status'),
      { usernames },
      { token: ctx.token },
    );
    expect(response.status).toBe(400);
    expect(Object.keys(response.body).sort()).toEqual(
      ['duration', 'error', 'error_description', 'exception', 'timestamp'].sort(),
    );
    const hundred = await postJson(
      url('/users/batch/status'),
      { usernames: usernames.slice(0, 100) },
      { token: ctx.token },
    );
    expect(hundred.status).toBe(200);
    expect(hundred.body.data).toHaveLength(100);
  });

  it('rejects a body without usernames', async () => {
    const response = await postJson(url('/users/batch/status'), {}, { token: ctx.token });
    expect(response.status).toBe(400);
  });
});

describe('offline messages', () => {
  it('answers the offline count with the documented tomcatcluster_users uri', async () => {
    const response = await getJson(url('/users/user1/offline_msg_count'), { token: ctx.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      action: 'get',
      uri: 'http://tomcatcluster_users/easemob-demo/testapp/users/user1/offline_msg_count',
      entities: [],
      data: { user1: 0 },
      timestamp: response.body.timestamp,
      duration: response.body.duration,
      count: 0,
    });
  });

  it('counts messages to an offline user until they come online', async () => {
    const ids = await send(['user1', 'user1'], 'first');
    const [third] = await send(['user1'], 'third');
    expect(ctx.emulator.state.offlineCount('user1')).toBe(3);
    const count = await getJson(url('/users/user1/offline_msg_count'), { token: ctx.token });
    expect(count.body.data).toEqual({ user1: 3 });

    const status = await getJson(url(`/users/user1/offline_msg_status/${third}`), {
      token: ctx.token,
    });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      action: 'get',
      uri: `${ctx.emulator.baseUrl}/users/user1/offline_msg_status/${third}`,
      entities: [],
      data: { [third as string]: 'undelivered' },
      count: 0,
    });

    ctx.emulator.state.setOnline('user1', true);
    const after = await getJson(url('/users/user1/offline_msg_count'), { token: ctx.token });
    expect(after.body.data).toEqual({ user1: 0 });
    for (const id of [...ids, third]) {
      const delivered = await getJson(url(`/users/user1/offline_msg_status/${id}`), {
        token: ctx.token,
      });
      expect(delivered.body.data).toEqual({ [id as string]: 'delivered' });
    }
  });

  it('delivers at once to an online user', async () => {
    ctx.emulator.state.setOnline('user1', true);
    const [id] = await send(['user1']);
    expect(ctx.emulator.state.offlineCount('user1')).toBe(0);
    expect(ctx.emulator.state.offlineStatus('user1', id as string)).toBe('delivered');
  });

  it('counts again after the user goes offline', async () => {
    ctx.emulator.state.setOnline('user1', true);
    ctx.emulator.state.setOnline('user1', false);
    await send(['user1']);
    expect(ctx.emulator.state.offlineCount('user1')).toBe(1);
  });

  it('reads an id it never sent as delivered, as example 123 of Easemob「用户体系集成 › 获取某条离线消息状态」 does', async () => {
    const response = await getJson(url('/users/user1/offline_msg_status/123'), {
      token: ctx.token,
    });
    expect(response.body.data).toEqual({ '123': 'delivered' });
  });

  it('answers 404 for a missing user', async () => {
    const count = await getJson(url('/users/ghost/offline_msg_count'), { token: ctx.token });
    expect(count.status).toBe(404);
    expect(count.body.error).toBe('service_resource_not_found');
    const status = await getJson(url('/users/ghost/offline_msg_status/1'), { token: ctx.token });
    expect(status.status).toBe(404);
  });
});
