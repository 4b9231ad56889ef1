import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { deleteJson, getJson, postJson, putJson } from '../support/http.js';

const ctx = useEmulator();

const entityFields = ['activated', 'created', 'modified', 'type', 'username', 'uuid'];
const errorFields = ['duration', 'error', 'error_description', 'exception', 'timestamp'];

function url(path: string): string {
  return `${ctx.emulator.baseUrl}${path}`;
}

beforeEach(() => {
  for (const user of ['user1', 'user2', 'user3', 'user4']) ctx.emulator.state.deleteUser(user);
});

describe('POST /users (register)', () => {
  it('answers one user in the Easemob「用户体系集成 › 注册单个用户(开放)」 envelope', async () => {
    const response = await postJson(
      url('/users'),
      { username: 'user1', password: '123', nickname: 'testuser' },
      { token: ctx.token },
    );
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(
      [
        'action',
        'application',
        'applicationName',
        'duration',
        'entities',
        'organization',
        'path',
        'timestamp',
        'uri',
      ].sort(),
    );
    expect(response.body).toMatchObject({
      action: 'post',
      path: '/users',
      uri: `${ctx.emulator.baseUrl}/users`,
      organization: 'easemob-demo',
      applicationName: 'testapp',
    });
    const [entity] = response.body.entities;
    expect(Object.keys(entity).sort()).toEqual([...entityFields, 'nickname'].sort());
    expect(entity).toMatchObject({
      type: 'user',
      username: 'user1',
      activated: true,
      nickname: 'testuser',
    });
    expect(entity.uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(entity.created).toBe(entity.modified);
  });

  it('stores usernames lower-case and rejects a duplicate in any case', async () => {
    await postJson(url('/users'), { username: 'User1', password: '123' }, { token: ctx.token });
    expect(ctx.emulator.state.getUser('user1')?.username).toBe('user1');
    const response = await postJson(
      url('/users'),
      { username: 'USER1', password: '123' },
      { token: ctx.token },
    );
    expect(response.status).toBe(400);
    expect(Object.keys(response.body).sort()).toEqual(errorFields);
    expect(response.body).toMatchObject({
      error: 'duplicate_unique_property_exists',
      exception:
        'org.apache.usergrid.persistence.exceptions.DuplicateUniquePropertyExistsException',
      error_description:
        'Application null Entity user requires that property named username be unique, value of USER1 exists',
    });
  });

  it('rejects a missing username, a missing password and an illegal username', async () => {
    const noName = await postJson(url('/users'), { password: '1' }, { token: ctx.token });
    expect(noName.status).toBe(400);
    expect(noName.body.error).toBe('required_property_not_found');
    const noPassword = await postJson(url('/users'), { username: 'user1' }, { token: ctx.token });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.error).toBe('illegal_argument');
    const illegal = await postJson(
      url('/users'),
      { username: 'bad name#', password: '1' },
      { token: ctx.token },
    );
    expect(illegal.status).toBe(400);
    expect(illegal.body.error).toBe('illegal_argument');
    expect(ctx.emulator.state.getUser('user1')).toBeUndefined();
  });

  it('registers a batch and reports the users that failed in data', async () => {
    ctx.emulator.state.createUser({ username: 'user3', password: 'x' });
    const response = await postJson(
      url('/users'),
      [
        { username: 'user1', password: '123', nickname: 'testuser1' },
        { username: 'user2', password: '456', nickname: 'testuser2' },
        { username: 'user3', password: '789', nickname: 'testuser3' },
      ],
      { token: ctx.token },
    );
    expect(response.status).toBe(200);
    expect(response.body.entities.map((e: { username: string }) => e.username)).toEqual([
      'user1',
      'user2',
    ]);
    expect(response.body.data).toEqual([
      { username: 'user3', registerUserFailReason: 'the user3 already exists' },
    ]);
  });

  it('answers an empty data array when the whole batch succeeds', async () => {
    const response = await postJson(url('/users'), [{ username: 'user1', password: '1' }], {
      token: ctx.token,
    });
    expect(response.body.data).toEqual([]);
  });

  it('refuses more than 60 users in one batch', async () => {
    const users = Array.from({ length: 61 }, (_, i) => ({ username: `bulk${i}`, password: 'p' }));
    const response = await postJson(url('/users'), users, { token: ctx.token });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body).sort()).toEqual(errorFields);
    expect(ctx.emulator.state.getUser('bulk0')).toBeUndefined();
  });
});

describe('GET /users/{username}', () => {
  it('answers the Easemob「用户体系集成 › 获取单个用户」 shape', async () => {
    ctx.emulator.state.createUser({ username: 'user1', password: 'p', nickname: 'testuser' });
    const response = await getJson(url('/users/USER1'), { token: ctx.token });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(
      ['action', 'count', 'duration', 'entities', 'path', 'timestamp', 'uri'].sort(),
    );
    expect(response.body).toMatchObject({
      action: 'get',
      path: '/users',
      uri: `${ctx.emulator.baseUrl}/users/user1`,
      count: 1,
    });
    expect(response.body.entities[0]).toMatchObject({ username: 'user1', nickname: 'testuser' });
    expect(response.body.entities[0]).not.toHaveProperty('password');
  });

  it('shows the push binding a client SDK recorded: notifier_name, device_token, notification_ignore_<group id>', async () => {
    ctx.emulator.state.createUser({ username: 'user1', password: 'p' });
    ctx.emulator.state.setPushBinding('user1', {
      notifier_name: '2882303761517426801',
      device_token: 'token-of-the-device',
      ignoredGroups: { '63112447328257': true, '1402541206787': false },
    });
    const response = await getJson(url('/users/user1'), { token: ctx.token });
    expect(response.body.entities[0]).toMatchObject({
      notifier_name: '2882303761517426801',
      device_token: 'token-of-the-device',
      notification_ignore_63112447328257: true,
      notification_ignore_1402541206787: false,
    });
    const list = await getJson(url('/users?limit=10'), { token: ctx.token });
    expect(list.body.entities[0]).toMatchObject({ notifier_name: '2882303761517426801' });
  });

  it('answers 404 service_resource_not_found for a missing user', async () => {
    const response = await getJson(url('/users/nobody'), { token: ctx.token });
    expect(response.status).toBe(404);
    expect(Object.keys(response.body).sort()).toEqual(errorFields);
    expect(response.body).toMatchObject({
      error: 'service_resource_not_found',
      exception: 'org.apache.usergrid.services.exceptions.ServiceResourceNotFoundException',
      error_description: 'Service resource not found',
    });
  });
});

describe('DELETE /users/{username}', () => {
  it('answers the deleted entity in the Easemob「用户体系集成 › 删除单个用户」 envelope', async () => {
    ctx.emulator.state.createUser({ username: 'user1', password: 'p' });
    const response = await deleteJson(url('/users/user1'), { token: ctx.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      action: 'delete',
      path: '/users',
      uri: `${ctx.emulator.baseUrl}/users`,
      organization: 'easemob-demo',
      applicationName: 'testapp',
    });
    expect(typeof response.body.application).toBe('string');
    expect(response.body.entities[0].username).toBe('user1');
    expect(ctx.emulator.state.getUser('user1')).toBeUndefined();
    const again = await deleteJson(url('/users/user1'), { token: ctx.token });
    expect(again.status).toBe(404);
    expect(again.body.error).toBe('service_resource_not_found');
  });

  it('drops the deleted user from contacts and block lists', async () => {
    const { state } = ctx.emulator;
    state.createUser({ username: 'user1', password: 'p' });
    state.createUser({ username: 'user2', password: 'p' });
    state.addContact('user1', 'user2');
    state.addBlock('user2', 'user1');
    await deleteJson(url('/users/user1'), { token: ctx.token });
    expect(state.users.contactsOf('user2')).toEqual([]);
    expect(state.users.blocksOf('user2')).toEqual([]);
  });
});

describe('PUT /users/{username}/password', () => {
  it('answers only action, timestamp and duration, and the new password works', async () => {
    ctx.emulator.state.createUser({ username: 'user1', password: 'old' });
    const response = await putJson(
      url('/users/user1/password'),
      { newpassword: 'new' },
      { token: ctx.token },
    );
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['action', 'duration', 'timestamp']);
    expect(response.body.action).toBe('set user password');
    const login = await postJson(url('/token'), {
      grant_type: 'password',
      username: 'user1',
      password: 'new',
    });
    expect(login.status).toBe(200);
  });

  it('answers 404 entity_not_found for a missing user', async () => {
    const response = await putJson(
      url('/users/nobody/password'),
      { newpassword: 'x' },
      { token: ctx.token },
    );
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      error: 'entity_not_found',
      exception: 'org.apache.usergrid.persistence.exceptions.EntityNotFoundException',
      error_description: 'User null not found',
    });
  });

  it('rejects a missing newpassword', async () => {
    ctx.emulator.state.createUser({ username: 'user1', password: 'old' });
    const response = await putJson(url('/users/user1/password'), {}, { token: ctx.token });
    expect(response.status).toBe(400);
  });
});

describe('PUT /users/{username}', () => {
  it('sets the nickname', async () => {
    ctx.emulator.state.createUser({ username: 'user1', password: 'p' });
    const response = await putJson(
      url('/users/user1'),
      { nickname: 'testuser' },
      { token: ctx.token },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      action: 'put',
      path: '/users',
      uri: `${ctx.emulator.baseUrl}/users`,
      organization: 'easemob-demo',
      applicationName: 'testapp',
    });
    const [entity] = response.body.entities;
    expect(entity.nickname).toBe('testuser');
    expect(entity.modified).toBeGreaterThan(entity.created);
  });

  it('answers notification settings as numbers and booleans, as Easemob「用户体系集成 › 设置推送消息展示方式」 does', async () => {
    ctx.emulator.state.createUser({ username: 'user1', password: 'p' });
    await putJson(url('/users/user1'), { notification_display_style: '1' }, { token: ctx.token });
    const response = await putJson(
      url('/users/user1'),
      {
        notification_no_disturbing: true,
        notification_no_disturbing_start: '1',
        notification_no_disturbing_end: '3',
      },
      { token: ctx.token },
    );
    expect(response.body.entities[0]).toMatchObject({
      notification_display_style: 1,
      notification_no_disturbing: true,
      notification_no_disturbing_start: 1,
      notification_no_disturbing_end: 3,
    });
    const off = await putJson(
      url('/users/user1'),
      { notification_no_disturbing: false },
      { token: ctx.token },
    );
    expect(off.body.entities[0].notification_no_disturbing).toBe(false);
  });

  it('leaves unset notification fields out of the entity', async () => {
    ctx.emulator.state.createUser({ username: 'user1', password: 'p' });
    const response = await getJson(url('/users/user1'), { token: ctx.token });
    expect(Object.keys(response.body.entities[0]).sort()).toEqual(entityFields);
  });

  it('answers 400 required_property_not_found for a missing user', async () => {
    const response = await putJson(url('/users/nobody'), { nickname: 'x' }, { token: ctx.token });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'required_property_not_found',
      exception: 'org.apache.usergrid.persistence.exceptions.RequiredPropertyNotFoundException',
      error_description: 'Entity user requires a property named username',
    });
  });

  it('rejects an invalid display style', async () => {
    ctx.emulator.state.createUser({ username: 'user1', password: 'p' });
    const response = await putJson(
      url('/users/user1'),
      { notification_display_style: 7 },
      { token: ctx.token },
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('illegal_argument');
  });
});

describe('deactivate, activate, disconnect', () => {
  it('deactivates with the Easemob「用户体系集成 › 用户账号禁用」 answer and logs the user out', async () => {
    const { state } = ctx.emulator;
    state.createUser({ username: 'user1', password: 'p' });
    state.setOnline('user1', true);
    const response = await postJson(url('/users/user1/deactivate'), undefined, {
      token: ctx.token,
    });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual([
      'action',
      'duration',
      'entities',
      'timestamp',
    ]);
    expect(response.body.action).toBe('Deactivate user');
    expect(response.body.entities[0].activated).toBe(false);
    expect(state.isOnline('user1')).toBe(false);
  });

  it('answers 400 management when deactivating a missing user', async () => {
    const response = await postJson(url('/users/nobody/deactivate'), undefined, {
      token: ctx.token,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'management',
      exception: 'org.apache.usergrid.management.exceptions.ManagementException',
    });
    expect(response.body.error_description).toMatch(
      /^User with id null does not exist in app [0-9a-f-]{36}$/,
    );
  });

  it('activates with only action, timestamp and duration', async () => {
    const { state } = ctx.emulator;
    state.createUser({ username: 'user1', password: 'p' });
    await postJson(url('/users/user1/deactivate'), undefined, { token: ctx.token });
    const response = await postJson(url('/users/user1/activate'), undefined, { token: ctx.token });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['action', 'duration', 'timestamp']);
    expect(response.body.action).toBe('activate user');
    expect(state.getUser('user1')?.activated).toBe(true);
    const missing = await postJson(url('/users/nobody/activate'), undefined, { token: ctx.token });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('service_resource_not_found');
  });

  it('disconnects with data.result true', async () => {
    const { state } = ctx.emulator;
    state.createUser({ username: 'user1', password: 'p' });
    state.setOnline('user1', true);
    const response = await getJson(url('/users/user1/disconnect'), { token: ctx.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      action: 'get',
      uri: `${ctx.emulator.baseUrl}/users/user1/disconnect`,
      entities: [],
      data: { result: true },
      count: 0,
    });
    expect(state.isOnline('user1')).toBe(false);
    const missing = await getJson(url('/users/nobody/disconnect'), { token: ctx.token });
    expect(missing.status).toBe(404);
  });
});
