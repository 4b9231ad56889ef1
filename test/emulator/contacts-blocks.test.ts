import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { deleteJson, getJson, postJson } from '../support/http.js';

const ctx = useEmulator();

function url(path: string): string {
  return `${ctx.emulator.baseUrl}${path}`;
}

beforeEach(() => {
  const { state } = ctx.emulator;
  for (const name of ['user1', 'user2', 'user3']) {
    state.deleteUser(name);
    state.createUser({ username: name, password: 'p', nickname: `nick ${name}` });
  }
});

describe('contacts', () => {
  it('adds a contact and answers the friend under the owner uuid path', async () => {
    const owner = ctx.emulator.state.getUser('user1');
    const response = await postJson(url('/users/user1/contacts/users/user2'), undefined, {
      token: ctx.token,
    });
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
      path: `/users/${owner?.uuid}/contacts`,
      uri: `${ctx.emulator.baseUrl}/users/${owner?.uuid}/contacts`,
    });
    expect(response.body.entities[0]).toMatchObject({ username: 'user2', nickname: 'nick user2' });
  });

  it('makes contacts mutual, lists them with count and removes both directions', async () => {
    await postJson(url('/users/user1/contacts/users/user2'), undefined, { token: ctx.token });
    await postJson(url('/users/user1/contacts/users/user3'), undefined, { token: ctx.token });
    const list = await getJson(url('/users/user1/contacts/users'), { token: ctx.token });
    expect(Object.keys(list.body).sort()).toEqual(
      ['action', 'count', 'data', 'duration', 'entities', 'timestamp', 'uri'].sort(),
    );
    expect(list.body).toMatchObject({
      action: 'get',
      uri: `${ctx.emulator.baseUrl}/users/user1/contacts/users`,
      entities: [],
      data: ['user2', 'user3'],
      count: 2,
    });
    const reverse = await getJson(url('/users/user2/contacts/users'), { token: ctx.token });
    expect(reverse.body.data).toEqual(['user1']);

    const removed = await deleteJson(url('/users/user2/contacts/users/user1'), {
      token: ctx.token,
    });
    expect(removed.status).toBe(200);
    expect(removed.body.action).toBe('delete');
    expect(removed.body.entities[0].username).toBe('user1');
    const after = await getJson(url('/users/user1/contacts/users'), { token: ctx.token });
    expect(after.body.data).toEqual(['user3']);
    expect(after.body.count).toBe(1);
  });

  it('answers 404 when either user is missing', async () => {
    for (const path of ['/users/user1/contacts/users/ghost', '/users/ghost/contacts/users/user1']) {
      const add = await postJson(url(path), undefined, { token: ctx.token });
      expect(add.status).toBe(404);
      expect(add.body.error).toBe('service_resource_not_found');
      const remove = await deleteJson(url(path), { token: ctx.token });
      expect(remove.status).toBe(404);
    }
    const list = await getJson(url('/users/ghost/contacts/users'), { token: ctx.token });
    expect(list.status).toBe(404);
  });
});

describe('blocks', () => {
  it('adds blocks and answers the usernames in data, as Easemob「用户体系集成 › 添加黑名单」 shows', async () => {
    const response = await postJson(
      url('/users/user1/blocks/users'),
      { usernames: ['user2'] },
      { token: ctx.token },
    );
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(
      [
        'action',
        'application',
        'applicationName',
        'data',
        'duration',
        'entities',
        'organization',
        'timestamp',
        'uri',
      ].sort(),
    );
    expect(response.body).toMatchObject({
      action: 'post',
      uri: ctx.emulator.baseUrl,
      entities: [],
      data: ['user2'],
    });
  });

  it('lists and removes blocks', async () => {
    await postJson(
      url('/users/user1/blocks/users'),
      { usernames: ['user2', 'USER3'] },
      { token: ctx.token },
    );
    const list = await getJson(url('/users/user1/blocks/users'), { token: ctx.token });
    expect(list.body).toMatchObject({
      action: 'get',
      uri: `${ctx.emulator.baseUrl}/users/user1/blocks/users`,
      entities: [],
      data: ['user2', 'user3'],
      count: 2,
    });
    const owner = ctx.emulator.state.getUser('user1');
    const removed = await deleteJson(url('/users/user1/blocks/users/user2'), { token: ctx.token });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({
      action: 'delete',
      path: `/users/${owner?.uuid}/blocks`,
      uri: `${ctx.emulator.baseUrl}/users/${owner?.uuid}/blocks`,
    });
    expect(removed.body.entities[0].username).toBe('user2');
    const after = await getJson(url('/users/user1/blocks/users'), { token: ctx.token });
    expect(after.body.data).toEqual(['user3']);
  });

  it('answers 400 illegal_argument naming a missing target, and blocks nobody', async () => {
    const response = await postJson(
      url('/users/user1/blocks/users'),
      { usernames: ['user2', 'user20'] },
      { token: ctx.token },
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'illegal_argument',
      exception: 'java.lang.IllegalArgumentException',
      error_description:
        'attempt to adding new block[user20] for user[user1],but user[user20] not found.',
    });
    expect(ctx.emulator.state.users.blocksOf('user1')).toEqual([]);
  });

  it('answers 404 for a missing owner or a missing unblock target', async () => {
    const add = await postJson(
      url('/users/ghost/blocks/users'),
      { usernames: ['user2'] },
      { token: ctx.token },
    );
    expect(add.status).toBe(404);
    expect(add.body.error).toBe('service_resource_not_found');
    const remove = await deleteJson(url('/users/user1/blocks/users/ghost'), { token: ctx.token });
    expect(remove.status).toBe(404);
    const list = await getJson(url('/users/ghost/blocks/users'), { token: ctx.token });
    expect(list.status).toBe(404);
  });

  it('refuses to grow a block list past 500 users', async () => {
    const { state } = ctx.emulator;
    const names = Array.from({ length: 501 }, (_, i) => `blk${i}`);
    for (const name of names)
      if (!state.getUser(name)) state.createUser({ username: name, password: 'p' });
    const full = await postJson(
      url('/users/user1/blocks/users'),
      { usernames: names.slice(0, 500) },
      { token: ctx.token },
    );
    expect(full.status).toBe(200);
    const over = await postJson(
      url('/users/user1/blocks/users'),
      { usernames: [names[500]] },
      { token: ctx.token },
    );
    expect(over.status).toBe(400);
    expect(over.body.error).toBe('illegal_argument');
    expect(state.users.blocksOf('user1')).toHaveLength(500);
  });

  it('rejects a body without usernames', async () => {
    const response = await postJson(url('/users/user1/blocks/users'), {}, { token: ctx.token });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('illegal_argument');
  });
});
