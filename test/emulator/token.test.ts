import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulator } from '../../src/emulator/server.js';
import { manualClock } from '../support/clock.js';
import { adminToken, useEmulator, userToken } from '../support/emulator.js';
import { getJson, postJson } from '../support/http.js';

// Tokens expire by the emulator's clock: moving it past a ttl stands in for waiting the ttl out.
const clock = manualClock();
const ctx = useEmulator({
  seed: { users: [{ username: 'C', password: '1', nickname: 'see' }] },
  defaultTokenTtlSeconds: 7200,
  now: clock.now,
});

afterEach(() => {
  ctx.emulator.state.setTokenLifetime(null);
  vi.restoreAllMocks();
});

describe('POST /token, client credentials', () => {
  it('answers access_token, expires_in and application, as Easemob「用户体系集成 › 获取管理员权限token」 shows', async () => {
    const { emulator } = ctx;
    const response = await postJson(`${emulator.baseUrl}/token`, {
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
      ttl: '1024000',
    });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual([
      'access_token',
      'application',
      'expires_in',
    ]);
    expect(response.body.access_token).toMatch(/^YWMt[\w-]{60,}$/);
    expect(response.body.expires_in).toBe(1024000);
    expect(response.body.application).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-/);
  });

  it('honours a numeric ttl and falls back to the default lifetime', async () => {
    const { emulator } = ctx;
    const base = {
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
    };
    const numeric = await postJson(`${emulator.baseUrl}/token`, { ...base, ttl: 60 });
    expect(numeric.body.expires_in).toBe(60);
    const none = await postJson(`${emulator.baseUrl}/token`, base);
    expect(none.body.expires_in).toBe(7200);
  });

  it('rejects a wrong secret with 400 invalid_grant', async () => {
    const { emulator } = ctx;
    const response = await postJson(`${emulator.baseUrl}/token`, {
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
      client_secret: 'nope',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_grant', duration: 0 });
    expect(typeof response.body.timestamp).toBe('number');
    expect(typeof response.body.error_description).toBe('string');
  });

  it('rejects a negative ttl and an unknown grant type', async () => {
    const { emulator } = ctx;
    const negative = await postJson(`${emulator.baseUrl}/token`, {
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
      ttl: -5,
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error).toBe('illegal_argument');
    const unknown = await postJson(`${emulator.baseUrl}/token`, { grant_type: 'implicit' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('unsupported_grant_type');
  });
});

describe('POST /token, password grant', () => {
  it('answers a user token with the six user fields, username lower-cased', async () => {
    const response = await postJson(`${ctx.emulator.baseUrl}/token`, {
      grant_type: 'password',
      username: 'C',
      password: '1',
      ttl: '1024000',
    });
    expect(response.status).toBe(200);
    expect(response.body.expires_in).toBe(1024000);
    expect(response.body.access_token).toMatch(/^YWMt/);
    expect(Object.keys(response.body.user).sort()).toEqual(
      ['activated', 'created', 'modified', 'type', 'username', 'uuid'].sort(),
    );
    expect(response.body.user).toMatchObject({ type: 'user', username: 'c', activated: true });
  });

  it('rejects a wrong password with the documented body', async () => {
    const response = await postJson(`${ctx.emulator.baseUrl}/token`, {
      grant_type: 'password',
      username: 'c',
      password: 'wrong',
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body).sort()).toEqual(
      ['duration', 'error', 'error_description', 'timestamp'].sort(),
    );
    expect(response.body).toMatchObject({
      error: 'invalid_grant',
      duration: 0,
      error_description: 'invalid password',
    });
  });

  it('rejects an unknown user and a deactivated one', async () => {
    const { emulator, token } = ctx;
    const unknown = await postJson(`${emulator.baseUrl}/token`, {
      grant_type: 'password',
      username: 'ghost',
      password: '1',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('invalid_grant');

    emulator.state.createUser({ username: 'banned', password: 'pw' });
    await postJson(`${emulator.baseUrl}/users/banned/deactivate`, undefined, { token });
    const denied = await postJson(`${emulator.baseUrl}/token`, {
      grant_type: 'password',
      username: 'banned',
      password: 'pw',
    });
    expect(denied.status).toBe(400);
    expect(denied.body.error).toBe('invalid_grant');
  });
});

describe('token lifetime', () => {
  it('expires tokens after their ttl', async () => {
    const { emulator } = ctx;
    const token = await adminToken(emulator, 1);
    expect((await getJson(`${emulator.baseUrl}/users`, { token })).status).toBe(200);
    clock.advance(1500);
    const expired = await getJson(`${emulator.baseUrl}/users`, { token });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({
      error: 'auth_bad_access_token',
      exception: 'org.apache.usergrid.rest.exceptions.SecurityException',
      error_description: 'Unable to authenticate due to expired access token',
    });
  });

  it('setTokenLifetime forces expires_in on every new token, and null restores the request', async () => {
    const { emulator } = ctx;
    emulator.state.setTokenLifetime(2);
    const forced = await postJson(`${emulator.baseUrl}/token`, {
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
      ttl: 999,
    });
    expect(forced.body.expires_in).toBe(2);
    const token = forced.body.access_token as string;
    clock.advance(1999);
    expect((await getJson(`${emulator.baseUrl}/users`, { token })).status).toBe(200);
    clock.advance(101);
    expect((await getJson(`${emulator.baseUrl}/users`, { token })).status).toBe(401);

    emulator.state.setTokenLifetime(null);
    const user = await postJson(`${emulator.baseUrl}/token`, {
      grant_type: 'password',
      username: 'c',
      password: '1',
      ttl: 999,
    });
    expect(user.body.expires_in).toBe(999);
  });

  it('reads the wall clock when no clock is injected', async () => {
    const emulator = await startEmulator();
    try {
      emulator.state.setTokenLifetime(1);
      const token = await adminToken(emulator);
      expect((await getJson(`${emulator.baseUrl}/users`, { token })).status).toBe(200);
      const now = Date.now();
      vi.spyOn(Date, 'now').mockReturnValue(now + 1100);
      expect((await getJson(`${emulator.baseUrl}/users`, { token })).status).toBe(401);
    } finally {
      vi.restoreAllMocks();
      await emulator.close();
    }
  });

  it('revokeTokens invalidates every issued token', async () => {
    const { emulator } = ctx;
    const token = await adminToken(emulator);
    const user = await userToken(emulator, 'c', '1');
    emulator.state.revokeTokens();
    const response = await getJson(`${emulator.baseUrl}/users`, { token });
    expect(response.status).toBe(401);
    expect(response.body.error_description).toBe(
      'Unable to authenticate due to corrupt access token',
    );
    expect((await getJson(`${emulator.baseUrl}/users`, { token: user })).status).toBe(401);
    ctx.token = await adminToken(emulator);
  });
});
