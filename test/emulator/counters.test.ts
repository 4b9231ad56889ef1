import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { getJson, postJson, requestJson } from '../support/http.js';

const ctx = useEmulator({ seed: { users: [{ username: 'u1', password: 'p' }] } });

beforeEach(() => {
  ctx.emulator.calls.reset();
});

describe('CallLog', () => {
  it('counts per endpoint and in total, with what each call carried and got', async () => {
    const { emulator, token } = ctx;
    await getJson(`${emulator.baseUrl}/users/u1?x=1`, { token });
    await getJson(`${emulator.baseUrl}/users/ghost`, { token });
    await postJson(`${emulator.baseUrl}/users/batch/status`, { usernames: ['u1'] }, { token });
    expect(emulator.calls.count('users.get')).toBe(2);
    expect(emulator.calls.count('status.batch')).toBe(1);
    expect(emulator.calls.count('messages.send')).toBe(0);
    expect(emulator.calls.count()).toBe(3);
    const [first, second] = emulator.calls.list('users.get');
    expect(first).toMatchObject({
      endpoint: 'users.get',
      method: 'GET',
      path: '/easemob-demo/testapp/users/u1',
      query: { x: '1' },
      status: 200,
    });
    expect(typeof first?.at).toBe('number');
    expect(second?.status).toBe(404);
    expect(emulator.calls.list('status.batch')[0]?.body).toEqual({ usernames: ['u1'] });
    expect(emulator.calls.list()).toHaveLength(3);
  });

  it('records the usernames each batch call carried', async () => {
    const { emulator, token } = ctx;
    await postJson(`${emulator.baseUrl}/users/batch/status`, { usernames: ['a', 'b'] }, { token });
    await postJson(`${emulator.baseUrl}/users/batch/status`, { usernames: ['c'] }, { token });
    await postJson(`${emulator.baseUrl}/users/u1/presence`, { usernames: ['d'] }, { token });
    await postJson(
      `${emulator.baseUrl}/users/u1/presence/100`,
      { usernames: ['e', 'f'] },
      { token },
    );
    expect(emulator.calls.usernames('status.batch')).toEqual([['a', 'b'], ['c']]);
    expect(emulator.calls.usernames('presence.get')).toEqual([['d']]);
    expect(emulator.calls.usernames('presence.subscribe')).toEqual([['e', 'f']]);
  });

  it('counts calls answered by auth errors, rate limits and faults, but not admin routes', async () => {
    const { emulator } = ctx;
    await getJson(`${emulator.baseUrl}/users/u1`);
    emulator.faults.add({ kind: 'status', status: 503, times: 1 });
    await getJson(`${emulator.baseUrl}/users/u1`, { token: ctx.token });
    await getJson(`${emulator.url}/_emulator/calls`);
    expect(emulator.calls.count()).toBe(2);
    expect(emulator.calls.list().map((call) => call.status)).toEqual([401, 503]);
  });

  it('keeps the raw text of a body that is not JSON', async () => {
    const { emulator, token } = ctx;
    await requestJson(`${emulator.baseUrl}/messages`, { method: 'POST', token, rawBody: '{oops' });
    expect(emulator.calls.list('messages.send')[0]).toMatchObject({ body: '{oops', status: 400 });
  });

  it('resets', async () => {
    await getJson(`${ctx.emulator.baseUrl}/users/u1`, { token: ctx.token });
    ctx.emulator.calls.reset();
    expect(ctx.emulator.calls.count()).toBe(0);
    expect(ctx.emulator.calls.list()).toEqual([]);
  });
});
