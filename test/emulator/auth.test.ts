import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.js';
import { useEmulator, userToken } from '../support/emulator.js';
import { getJson, postJson, requestJson } from '../support/http.js';

const ctx = useEmulator({ seed: { users: [{ username: 'user1', password: 'pw' }] } });

const errorFields = ['duration', 'error', 'error_description', 'exception', 'timestamp'];

describe('authorization', () => {
  it('answers a call without a token with 401 unauthorized naming the permission', async () => {
    const { emulator } = ctx;
    const response = await getJson(`${emulator.baseUrl}/users`);
    expect(response.status).toBe(401);
    expect(Object.keys(response.body).sort()).toEqual(errorFields);
    const appUuid = await appUuidOf();
    expect(response.body).toMatchObject({
      error: 'unauthorized',
      duration: 0,
      exception: 'org.apache.shiro.authz.UnauthorizedException',
      error_description: `Subject does not have permission [applications:get:${appUuid}:/users]`,
    });
  });

  it('names the user by uuid in the permission, as usergrid does', async () => {
    const { emulator } = ctx;
    const uuid = emulator.state.getUser('user1')?.uuid;
    const response = await getJson(`${emulator.baseUrl}/users/user1/contacts/users`);
    expect(response.status).toBe(401);
    expect(response.body.error_description).toBe(
      `Subject does not have permission [applications:get:${await appUuidOf()}:/users/${uuid}]`,
    );
  });

  it('answers deactivate and activate without a token with their own SecurityException', async () => {
    const response = await postJson(`${ctx.emulator.baseUrl}/users/user1/deactivate`);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      error: 'unauthorized',
      exception: 'org.apache.usergrid.rest.exceptions.SecurityException',
      error_description: 'No admin user access authorized',
    });
  });

  it('answers an unknown token with 401 auth_bad_access_token', async () => {
    const response = await getJson(`${ctx.emulator.baseUrl}/users`, { token: 'YWMtnotatoken' });
    expect(response.status).toBe(401);
    expect(Object.keys(response.body).sort()).toEqual(errorFields);
    expect(response.body).toMatchObject({
      error: 'auth_bad_access_token',
      exception: 'org.apache.usergrid.rest.exceptions.SecurityException',
      error_description: 'Unable to authenticate due to corrupt access token',
    });
  });

  it('answers a malformed Authorization header as a corrupt token', async () => {
    const response = await requestJson(`${ctx.emulator.baseUrl}/users`, {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('auth_bad_access_token');
  });

  it('does not let a user token reach admin routes', async () => {
    const { emulator } = ctx;
    const token = await userToken(emulator, 'user1', 'pw');
    const response = await getJson(`${emulator.baseUrl}/users/user1`, { token });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('unauthorized');
    const send = await postJson(
      `${emulator.baseUrl}/messages`,
      { target_type: 'users', target: ['user1'], msg: { type: 'txt', msg: 'hi' } },
      { token },
    );
    expect(send.status).toBe(401);
    expect(emulator.state.sentMessages).toHaveLength(0);
  });

  it('accepts the Bearer scheme in any case', async () => {
    const response = await requestJson(`${ctx.emulator.baseUrl}/users`, {
      headers: { authorization: `bearer ${ctx.token}` },
    });
    expect(response.status).toBe(200);
  });
});

describe('open registration', () => {
  it('registers one user without a token', async () => {
    const response = await postJson(`${ctx.emulator.baseUrl}/users`, {
      username: 'open1',
      password: '123',
    });
    expect(response.status).toBe(200);
    expect(response.body.entities[0].username).toBe('open1');
  });

  it('still requires a token for a batch', async () => {
    const response = await postJson(`${ctx.emulator.baseUrl}/users`, [
      { username: 'open2', password: '123' },
    ]);
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('unauthorized');
    expect(ctx.emulator.state.getUser('open2')).toBeUndefined();
  });

  it('rejects a bad token even where none is needed', async () => {
    const response = await postJson(
      `${ctx.emulator.baseUrl}/users`,
      { username: 'open3', password: '123' },
      { token: 'YWMtbad' },
    );
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('auth_bad_access_token');
  });

  it('requires a token when openRegistration is off', async () => {
    const closed = await startEmulator({ openRegistration: false });
    try {
      const response = await postJson(`${closed.baseUrl}/users`, {
        username: 'open4',
        password: '123',
      });
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('unauthorized');
    } finally {
      await closed.close();
    }
  });
});

async function appUuidOf(): Promise<string> {
  const { emulator } = ctx;
  const response = await postJson(`${emulator.baseUrl}/token`, {
    grant_type: 'client_credentials',
    client_id: emulator.clientId,
    client_secret: emulator.clientSecret,
  });
  return response.body.application as string;
}
