import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/emulator/rate-limit.js';
import { startEmulator } from '../../src/emulator/server.js';
import { adminToken } from '../support/emulator.js';
import { getJson, postJson } from '../support/http.js';

describe('rate limits over HTTP', () => {
  it('answers 429 reach_limit once a custom endpoint limit is used up, and counts the call', async () => {
    const emulator = await startEmulator({
      seed: { users: [{ username: 'u1', password: 'p' }] },
      rateLimits: { 'status.get': { limit: 3, windowMs: 60_000 } },
    });
    try {
      const token = await adminToken(emulator);
      const url = `${emulator.baseUrl}/users/u1/status`;
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await getJson(url, { token })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await getJson(url, { token });
      expect(limited.body).toMatchObject({
        error: 'reach_limit',
        exception: 'EasemobLimitException',
        error_description: 'This request has reached api limit',
      });
      expect((await getJson(`${emulator.baseUrl}/users/u1`, { token })).status).toBe(200);
      expect(emulator.calls.count('status.get')).toBe(6);
    } finally {
      await emulator.close();
    }
  });

  it("applies Easemob's 50 a second to batch status with 'easemob'", async () => {
    const emulator = await startEmulator({ rateLimits: 'easemob' });
    try {
      const token = await adminToken(emulator);
      const calls = Array.from({ length: 60 }, () =>
        postJson(`${emulator.baseUrl}/users/batch/status`, { usernames: ['a'] }, { token }),
      );
      const statuses = (await Promise.all(calls)).map((response) => response.status);
      expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(50);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(10);
    } finally {
      await emulator.close();
    }
  });
});

describe('RateLimiter', () => {
  it("keeps token requests out of the app's 100 a second, with their own 300 ('easemob')", () => {
    const now = 1_000_000;
    const limiter = new RateLimiter('easemob', () => now);
    const data = Array.from({ length: 101 }, () => limiter.allow('users.get'));
    expect(data.filter(Boolean)).toHaveLength(100);
    const tokens = Array.from({ length: 301 }, () => limiter.allow('token'));
    expect(tokens.filter(Boolean)).toHaveLength(300);
  });

  it('is off when disabled', () => {
    const limiter = new RateLimiter(false);
    for (let i = 0; i < 1000; i++) expect(limiter.allow('status.batch')).toBe(true);
  });

  it("applies 100 a second per app across endpoints with 'easemob'", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter('easemob', () => now);
    let allowed = 0;
    for (let i = 0; i < 150; i++) if (limiter.allow(i % 2 ? 'users.get' : 'status.get')) allowed++;
    expect(allowed).toBe(100);
    now += 1000;
    expect(limiter.allow('users.get')).toBe(true);
  });

  it("shares the blocks bucket and limits chat history to 10 a minute with 'easemob'", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter('easemob', () => now);
    let blocks = 0;
    for (let i = 0; i < 60; i++) {
      if (limiter.allow(i % 2 ? 'blocks.add' : 'blocks.list')) blocks++;
    }
    expect(blocks).toBe(50);
    now += 1000;
    let history = 0;
    for (let i = 0; i < 12; i++) if (limiter.allow('chatmessages.list')) history++;
    expect(history).toBe(10);
    now += 30_000;
    expect(limiter.allow('chatmessages.list')).toBe(false);
    now += 30_001;
    expect(limiter.allow('chatmessages.list')).toBe(true);
  });

  it('uses a sliding window: a burst at the edge of a window does not double the limit', () => {
    let now = 0;
    const limiter = new RateLimiter({ app: { limit: 2, windowMs: 1000 } }, () => now);
    now = 999;
    expect(limiter.allow('token')).toBe(true);
    expect(limiter.allow('token')).toBe(true);
    now = 1001;
    expect(limiter.allow('token')).toBe(false);
    now = 1999;
    expect(limiter.allow('token')).toBe(true);
  });
});
