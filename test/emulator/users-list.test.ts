import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { deleteJson, getJson } from '../support/http.js';

const ctx = useEmulator({
  seed: {
    users: Array.from({ length: 25 }, (_, i) => ({
      username: `u${String(i).padStart(2, '0')}`,
      password: 'p',
    })),
  },
});

describe('GET /users', () => {
  it('pages by cursor in creation order, with params echoed and no cursor on the last page', async () => {
    const { baseUrl } = ctx.emulator;
    const first = await getJson(`${baseUrl}/users?limit=10`, { token: ctx.token });
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(
      [
        'action',
        'count',
        'cursor',
        'duration',
        'entities',
        'params',
        'path',
        'timestamp',
        'uri',
      ].sort(),
    );
    expect(first.body).toMatchObject({
      action: 'get',
      params: { limit: ['10'] },
      path: '/users',
      uri: `${baseUrl}/users`,
      count: 10,
    });
    const seen: string[] = first.body.entities.map((e: { username: string }) => e.username);
    let cursor: string | undefined = first.body.cursor;
    let pages = 1;
    while (cursor) {
      const page = await getJson(`${baseUrl}/users?limit=10&cursor=${encodeURIComponent(cursor)}`, {
        token: ctx.token,
      });
      expect(page.body.params).toEqual({ cursor: [cursor], limit: ['10'] });
      seen.push(...page.body.entities.map((e: { username: string }) => e.username));
      cursor = page.body.cursor;
      pages++;
      if (!cursor) {
        expect(page.body).not.toHaveProperty('cursor');
        expect(page.body.count).toBe(5);
      }
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `u${String(i).padStart(2, '0')}`));
  });

  it('defaults to ten users', async () => {
    const response = await getJson(`${ctx.emulator.baseUrl}/users`, { token: ctx.token });
    expect(response.body.count).toBe(10);
    expect(response.body.params).toEqual({});
    expect(typeof response.body.cursor).toBe('string');
  });

  it('keeps a cursor valid when the user it points at is deleted', async () => {
    const { baseUrl, state } = ctx.emulator;
    const first = await getJson(`${baseUrl}/users?limit=2`, { token: ctx.token });
    state.deleteUser(first.body.entities[1].username);
    const next = await getJson(`${baseUrl}/users?limit=2&cursor=${first.body.cursor}`, {
      token: ctx.token,
    });
    expect(next.body.entities[0].username).toBe('u02');
  });

  it('rejects a cursor it did not issue', async () => {
    const response = await getJson(`${ctx.emulator.baseUrl}/users?cursor=garbage`, {
      token: ctx.token,
    });
    expect(response.status).toBe(400);
  });
});

describe('DELETE /users?limit=N', () => {
  it('deletes the N oldest users and answers them with a cursor while users remain', async () => {
    const { baseUrl, state } = ctx.emulator;
    const before = state.users.size;
    const response = await deleteJson(`${baseUrl}/users?limit=2`, { token: ctx.token });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(
      [
        'action',
        'application',
        'applicationName',
        'cursor',
        'duration',
        'entities',
        'organization',
        'params',
        'path',
        'timestamp',
        'uri',
      ].sort(),
    );
    expect(response.body).toMatchObject({
      action: 'delete',
      params: { limit: ['2'] },
      path: '/users',
      uri: `${baseUrl}/users`,
    });
    expect(response.body.entities).toHaveLength(2);
    expect(state.users.size).toBe(before - 2);
    for (const entity of response.body.entities) {
      expect(state.getUser(entity.username)).toBeUndefined();
    }
  });

  it('omits the cursor once no user remains', async () => {
    const { baseUrl, state } = ctx.emulator;
    const response = await deleteJson(`${baseUrl}/users?limit=100`, { token: ctx.token });
    expect(response.body).not.toHaveProperty('cursor');
    expect(state.users.size).toBe(0);
  });
});
