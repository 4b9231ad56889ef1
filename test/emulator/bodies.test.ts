import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { requestJson } from '../support/http.js';

const ctx = useEmulator({ seed: { users: [{ username: 'u1', password: 'p' }] } });

describe('request bodies', () => {
  it('parses JSON sent without a Content-Type, as the documented curl examples do', async () => {
    const response = await request(`${ctx.emulator.baseUrl}/users/batch/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.token}` },
      body: '{"usernames":["u1"]}',
    });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toMatchObject({ data: [{ u1: 'offline' }] });
  });

  it('parses JSON under an empty or unparsable Content-Type', async () => {
    const response = await requestJson(`${ctx.emulator.baseUrl}/users/batch/status`, {
      method: 'POST',
      token: ctx.token,
      rawBody: '{"usernames":["u1"]}',
      headers: { 'content-type': '' },
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([{ u1: 'offline' }]);
    const odd = await requestJson(`${ctx.emulator.baseUrl}/users/batch/status`, {
      method: 'POST',
      token: ctx.token,
      rawBody: '{"usernames":["u1"]}',
      headers: { 'content-type': 'what/ever/this; is' },
    });
    expect(odd.status).toBe(200);
  });

  it('parses JSON sent as form data or text, as curl -d does', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const response = await requestJson(`${ctx.emulator.baseUrl}/users/batch/status`, {
        method: 'POST',
        token: ctx.token,
        rawBody: '{"usernames":["u1"]}',
        headers: { 'content-type': type },
      });
      expect(response.status, type).toBe(200);
    }
  });

  it('answers 400 json_parse for a body that is not JSON', async () => {
    const response = await requestJson(`${ctx.emulator.baseUrl}/users/batch/status`, {
      method: 'POST',
      token: ctx.token,
      rawBody: 'usernames=u1',
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body).sort()).toEqual(
      ['duration', 'error', 'error_description', 'exception', 'timestamp'].sort(),
    );
    expect(response.body.error).toBe('json_parse');
  });

  it('checks the token before the body', async () => {
    const response = await requestJson(`${ctx.emulator.baseUrl}/users/batch/status`, {
      method: 'POST',
      rawBody: '{not json',
    });
    expect(response.status).toBe(401);
  });

  it('answers JSON with a JSON content type', async () => {
    const response = await requestJson(`${ctx.emulator.baseUrl}/users/u1`, { token: ctx.token });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
