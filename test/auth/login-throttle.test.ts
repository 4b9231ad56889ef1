import { describe, expect, it } from 'vitest';
import { LoginRefused, LoginThrottle } from '../../src/auth/login-throttle.js';
import { manualClock } from '../support/clock.js';

const quiet = () => {
  const clock = manualClock();
  const waits: number[] = [];
  const throttle = new LoginThrottle({
    now: clock.now,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { clock, waits, throttle };
};

describe('LoginThrottle', () => {
  it('counts attempts in flight, so concurrent guesses cannot pass the limit', async () => {
    const { throttle } = quiet();
    const attempts = await Promise.all(Array.from({ length: 5 }, () => throttle.begin('alice')));
    await expect(throttle.begin('ALICE')).rejects.toBeInstanceOf(LoginRefused);
    for (const attempt of attempts) attempt.failed();
    const refused = await throttle.begin('alice').catch((error: LoginRefused) => error);
    expect(refused).toMatchObject({ name: 'LoginRefused', retryAfterMs: 15 * 60_000 });
  });

  it('forgets failures older than the window, and attempts that ended without a verdict', async () => {
    const { clock, waits, throttle } = quiet();
    for (let i = 0; i < 4; i++) (await throttle.begin('bob')).failed();
    expect(waits).toEqual([500, 1000]);
    (await throttle.begin('bob')).abandoned(); // Easemob down: no verdict, not counted
    clock.advance(15 * 60_000);
    waits.length = 0;
    (await throttle.begin('bob')).failed();
    (await throttle.begin('bob')).failed();
    expect(waits).toEqual([]);
    (await throttle.begin('bob')).succeeded();
    expect(throttle.size).toBe(0);
  });

  it('tracks at most maxEntries usernames, dropping the oldest', async () => {
    const throttle = new LoginThrottle({ maxEntries: 2, sleep: async () => {} });
    for (const name of ['a', 'b', 'c']) (await throttle.begin(name)).failed();
    expect(throttle.size).toBe(2);
  });

  it('gives up the wait when the request is aborted, leaving no attempt in flight', async () => {
    const throttle = new LoginThrottle({ slowAfter: 0, delayMs: 60_000 });
    const controller = new AbortController();
    const waiting = throttle.begin('carol', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(throttle.size).toBe(0);
  });
});
