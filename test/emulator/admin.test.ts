import { describe, expect, it } from 'vitest';
import { endpointNames } from '../../src/easemob/endpoints.js';
import { adminToken, useEmulator } from '../support/emulator.js';
import { deleteJson, getJson, postJson } from '../support/http.js';

const ctx = useEmulator({ seed: { users: [{ username: 'u1', password: 'p' }] } });

function admin(path: string): string {
  return `${ctx.emulator.url}/_emulator${path}`;
}

describe('admin routes', () => {
  it('creates users and sets them online or offline, needing no token', async () => {
    const created = await postJson(admin('/users'), { username: 'Admin1', password: 'p' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ username: 'admin1', type: 'user' });
    const duplicate = await postJson(admin('/users'), { username: 'admin1', password: 'p' });
    expect(duplicate.status).toBe(400);

    const online = await postJson(admin('/users/admin1/online'), { online: true });
    expect(online.status).toBe(200);
    expect(online.body).toEqual({ username: 'admin1', online: true, offlineCount: 0 });
    expect(ctx.emulator.state.isOnline('admin1')).toBe(true);
    await postJson(admin('/users/admin1/online'), { online: false });
    expect(ctx.emulator.state.isOnline('admin1')).toBe(false);

    expect((await postJson(admin('/users/admin1/online'), { online: 'yes' })).status).toBe(400);
    expect((await postJson(admin('/users/ghost/online'), { online: true })).status).toBe(404);
  });

  it('adds and clears faults', async () => {
    const added = await postJson(admin('/faults'), {
      endpoint: 'users.get',
      kind: 'status',
      status: 429,
    });
    expect(added.status).toBe(200);
    expect(typeof added.body.id).toBe('string');
    const limited = await getJson(`${ctx.emulator.baseUrl}/users/u1`, { token: ctx.token });
    expect(limited.status).toBe(429);
    expect((await deleteJson(admin('/faults'))).status).toBe(200);
    const fine = await getJson(`${ctx.emulator.baseUrl}/users/u1`, { token: ctx.token });
    expect(fine.status).toBe(200);

    const bad = await postJson(admin('/faults'), { kind: 'explode' });
    expect(bad.status).toBe(400);
    const other = await postJson(admin('/faults'), { kind: 'status', status: 500 });
    const removed = await deleteJson(admin(`/faults/${other.body.id}`));
    expect(removed.body).toEqual({ removed: true });
  });

  it('reports and resets calls with every endpoint present', async () => {
    await deleteJson(admin('/calls'));
    await getJson(`${ctx.emulator.baseUrl}/users/u1`, { token: ctx.token });
    const calls = await getJson(admin('/calls'));
    expect(calls.status).toBe(200);
    expect(Object.keys(calls.body.counts).sort()).toEqual([...endpointNames].sort());
    expect(calls.body.counts['users.get']).toBe(1);
    expect(calls.body.total).toBe(1);
    await deleteJson(admin('/calls'));
    expect((await getJson(admin('/calls'))).body.total).toBe(0);
  });

  it('forces token lifetimes and revokes tokens', async () => {
    const forced = await postJson(admin('/token-lifetime'), { seconds: 2 });
    expect(forced.body).toEqual({ seconds: 2 });
    const token = await postJson(`${ctx.emulator.baseUrl}/token`, {
      grant_type: 'client_credentials',
      client_id: ctx.emulator.clientId,
      client_secret: ctx.emulator.clientSecret,
    });
    expect(token.body.expires_in).toBe(2);
    await postJson(admin('/token-lifetime'), { seconds: null });
    expect((await postJson(admin('/token-lifetime'), { seconds: 'x' })).status).toBe(400);

    await postJson(admin('/tokens/revoke'));
    const revoked = await getJson(`${ctx.emulator.baseUrl}/users/u1`, { token: ctx.token });
    expect(revoked.status).toBe(401);
    ctx.token = await adminToken(ctx.emulator);
  });

  it('lists sent messages', async () => {
    await postJson(
      `${ctx.emulator.baseUrl}/messages`,
      { target_type: 'users', target: ['u1'], msg: { type: 'txt', msg: 'via api' } },
      { token: ctx.token },
    );
    const messages = await getJson(admin('/messages'));
    expect(messages.status).toBe(200);
    expect(messages.body.at(-1)).toMatchObject({
      from: 'admin',
      to: 'u1',
      chat_type: 'chat',
      bodies: [{ type: 'txt', msg: 'via api' }],
    });
  });
});
