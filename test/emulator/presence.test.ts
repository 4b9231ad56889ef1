import { describe, expect, it } from 'vitest';
import { manualClock } from '../support/clock.js';
import { useEmulator } from '../support/emulator.js';
import { getJson, postJson, requestJson } from '../support/http.js';

// Last times and subscription expiry follow the emulator's clock, so moving it stands in for waiting.
const clock = manualClock();
const ctx = useEmulator({
  seed: { users: ['wzy', 'c1', 'c2', 'c3'].map((username) => ({ username, password: 'p' })) },
  now: clock.now,
});

function url(path: string): string {
  return `${ctx.emulator.baseUrl}${path}`;
}

describe('presence', () => {
  it('sets a device status and answers {"result":"ok"}', async () => {
    const response = await postJson(
      url('/users/c1/presence/android/0'),
      { ext: '123' },
      { token: ctx.token },
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ result: 'ok' });
  });

  it('requires ext when setting presence', async () => {
    const response = await postJson(url('/users/c1/presence/android/1'), {}, { token: ctx.token });
    expect(response.status).toBe(400);
  });

  it('gets presence with every number as a string', async () => {
    const { state } = ctx.emulator;
    state.setOnline('c2', true);
    await postJson(url('/users/c2/presence/android/1'), { ext: 'hi' }, { token: ctx.token });
    await postJson(
      url('/users/c2/presence/ios_77/busy'),
      { ext: 'busy now' },
      { token: ctx.token },
    );
    const response = await postJson(
      url('/users/wzy/presence'),
      { usernames: ['c2', 'C3'] },
      { token: ctx.token },
    );
    expect(response.status).toBe(200);
    const [c2, c3] = response.body.result;
    expect(Object.keys(c2).sort()).toEqual(['ext', 'last_time', 'status', 'uid']);
    expect(c2).toMatchObject({
      uid: 'c2',
      ext: 'busy now',
      status: { android: '1', ios_77: 'busy' },
    });
    expect(c2.last_time).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(c2.last_time) - clock.now() / 1000)).toBeLessThan(5);
    expect(c2.last_time).toBe(String(Math.floor(clock.now() / 1000)));
    expect(c3).toEqual({ uid: 'c3', last_time: '0', ext: '', status: {} });
  });

  it('updates last_time at login and logout', async () => {
    const { state } = ctx.emulator;
    const now = clock.now();
    clock.advance(100_000);
    state.setOnline('c3', true);
    clock.advance(100_000);
    state.setOnline('c3', false);
    const response = await postJson(
      url('/users/wzy/presence'),
      { usernames: ['c3'] },
      { token: ctx.token },
    );
    expect(response.body.result[0].last_time).toBe(String(Math.floor((now + 200_000) / 1000)));
  });

  it('subscribes, answering expiry as a UNIX-seconds string', async () => {
    const response = await postJson(
      url('/users/wzy/presence/1000'),
      { usernames: ['c2', 'c3'] },
      { token: ctx.token },
    );
    expect(response.status).toBe(200);
    const [c2] = response.body.result;
    expect(Object.keys(c2).sort()).toEqual(['expiry', 'ext', 'last_time', 'status', 'uid']);
    expect(c2.uid).toBe('c2');
    expect(typeof c2.expiry).toBe('string');
    expect(Number(c2.expiry) - Math.floor(clock.now() / 1000)).toBeGreaterThanOrEqual(999);
    expect(Number(c2.expiry) - Math.floor(clock.now() / 1000)).toBeLessThanOrEqual(1000);
    expect(c2.expiry).toBe(String(Math.floor(clock.now() / 1000) + 1000));
  });

  it('refuses an expiry over 30 days and over 100 usernames', async () => {
    const tooLong = await postJson(
      url('/users/wzy/presence/2592001'),
      { usernames: ['c2'] },
      { token: ctx.token },
    );
    expect(tooLong.status).toBe(400);
    const longest = await postJson(
      url('/users/wzy/presence/2592000'),
      { usernames: ['c2'] },
      { token: ctx.token },
    );
    expect(longest.status).toBe(200);
    const many = Array.from({ length: 101 }, (_, i) => `x${i}`);
    const tooMany = await postJson(
      url('/users/wzy/presence/60'),
      { usernames: many },
      { token: ctx.token },
    );
    expect(tooMany.status).toBe(400);
    const getMany = await postJson(
      url('/users/wzy/presence'),
      { usernames: many },
      { token: ctx.token },
    );
    expect(getMany.status).toBe(400);
  });

  it('lists subscriptions with totalnum and expiry as strings, paged', async () => {
    await postJson(
      url('/users/c1/presence/1000'),
      { usernames: ['lxml2', 'lxml1', 'lxml3'] },
      { token: ctx.token },
    );
    const page1 = await getJson(url('/users/c1/presence/sublist?pageNum=1&pageSize=2'), {
      token: ctx.token,
    });
    expect(page1.status).toBe(200);
    expect(page1.body.result.totalnum).toBe('3');
    expect(page1.body.result.sublist).toHaveLength(2);
    expect(page1.body.result.sublist[0]).toEqual({
      uid: 'lxml2',
      expiry: expect.stringMatching(/^\d{10}$/),
    });
    const page2 = await getJson(url('/users/c1/presence/sublist?pageNum=2&pageSize=2'), {
      token: ctx.token,
    });
    expect(page2.body.result.sublist.map((s: { uid: string }) => s.uid)).toEqual(['lxml3']);
  });

  it('validates pageNum and pageSize', async () => {
    for (const query of [
      'pageNum=0&pageSize=10',
      'pageNum=1&pageSize=501',
      'pageNum=1',
      'pageNum=x&pageSize=1',
    ]) {
      const response = await getJson(url(`/users/c1/presence/sublist?${query}`), {
        token: ctx.token,
      });
      expect(response.status, query).toBe(400);
    }
    const max = await getJson(url('/users/c1/presence/sublist?pageNum=1&pageSize=500'), {
      token: ctx.token,
    });
    expect(max.status).toBe(200);
  });

  it('drops subscriptions once they expire', async () => {
    await postJson(url('/users/c2/presence/10'), { usernames: ['c1'] }, { token: ctx.token });
    await postJson(url('/users/c2/presence/1000'), { usernames: ['c3'] }, { token: ctx.token });
    clock.advance(11_000);
    const response = await getJson(url('/users/c2/presence/sublist?pageNum=1&pageSize=100'), {
      token: ctx.token,
    });
    expect(response.body.result.totalnum).toBe('1');
    expect(response.body.result.sublist.map((s: { uid: string }) => s.uid)).toEqual(['c3']);
  });

  it('unsubscribes with the documented raw-array body, or users/usernames', async () => {
    await postJson(
      url('/users/c3/presence/1000'),
      { usernames: ['c1', 'c2', 'wzy'] },
      { token: ctx.token },
    );
    const raw = await requestJson(url('/users/c3/presence'), {
      method: 'DELETE',
      token: ctx.token,
      rawBody: '["c1"]',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual({ result: 'ok' });
    await requestJson(url('/users/c3/presence'), {
      method: 'DELETE',
      token: ctx.token,
      body: { users: ['c2'] },
    });
    await requestJson(url('/users/c3/presence'), {
      method: 'DELETE',
      token: ctx.token,
      body: { usernames: ['WZY'] },
    });
    const list = await getJson(url('/users/c3/presence/sublist?pageNum=1&pageSize=10'), {
      token: ctx.token,
    });
    expect(list.body.result).toEqual({ totalnum: '0', sublist: [] });
  });

  it('rejects an unsubscribe without names', async () => {
    const response = await requestJson(url('/users/c3/presence'), {
      method: 'DELETE',
      token: ctx.token,
      body: {},
    });
    expect(response.status).toBe(400);
  });
});
