import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../src/easemob/token.js';
import { manualClock } from '../support/clock.js';

/**
 * Drives a TokenCache on a manual clock, one get() every `stepMs` for `forMs`, against an issuer of
 * `lifetimeSeconds` tokens. With `refreshesFail`, only the first token request succeeds, so the
 * first token is handed out until the cache stops using it: its margin shows exactly. Returns how
 * much life each handed-out token had left, and how many token requests succeeded.
 */
async function handOuts(
  lifetimeSeconds: number,
  {
    forMs,
    stepMs,
    refreshesFail = false,
  }: { forMs: number; stepMs: number; refreshesFail?: boolean },
) {
  const clock = manualClock();
  const issuedAt = new Map<string, number>();
  const cache = new TokenCache(
    async () => {
      if (refreshesFail && issuedAt.size > 0) throw new Error('token request refused');
      const accessToken = `t${issuedAt.size}`;
      issuedAt.set(accessToken, clock.now());
      return { accessToken, expiresInSeconds: lifetimeSeconds };
    },
    { now: clock.now },
  );
  const lifeLeft: number[] = [];
  for (const end = clock.now() + forMs; clock.now() < end; clock.advance(stepMs)) {
    const token = await cache.get().catch(() => undefined);
    if (token) lifeLeft.push(issuedAt.get(token)! + lifetimeSeconds * 1000 - clock.now());
    // Lets a background refresh started by this get() settle before the clock moves on.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { lifeLeft, issued: issuedAt.size };
}

describe('app token expiry margin', () => {
  // A loaded machine spends more than a 3-s token's old margin (a tenth: 300 ms) between handing
  // out the token and Easemob checking it: once, one call arrived with its token expired.
  it('a 3-s token is never handed out with less than 1 s of life left, but is used for its first 2 s', async () => {
    const { lifeLeft } = await handOuts(3, { forMs: 5_000, stepMs: 10, refreshesFail: true });
    expect(Math.min(...lifeLeft)).toBeGreaterThanOrEqual(1_000);
    // Handed out every 10 ms from 0 to just under 2 s.
    expect(lifeLeft).toHaveLength(200);
  });

  it('a 3-s token is refreshed in the background before that, not once per call', async () => {
    const { lifeLeft, issued } = await handOuts(3, { forMs: 12_000, stepMs: 10 });
    expect(Math.min(...lifeLeft)).toBeGreaterThanOrEqual(1_000);
    // Refreshed at 80% of its usable 2 s: 8 tokens in 12 s, where 1,200 calls were made.
    expect(issued).toBe(8);
  });

  it('a 6-s token keeps the 2-s floor', async () => {
    const { lifeLeft } = await handOuts(6, { forMs: 10_000, stepMs: 10, refreshesFail: true });
    expect(Math.min(...lifeLeft)).toBeGreaterThanOrEqual(2_000);
    expect(lifeLeft).toHaveLength(400);
  });

  it('a 1-s token is still used for two thirds of its life', async () => {
    const { lifeLeft } = await handOuts(1, { forMs: 2_000, stepMs: 10, refreshesFail: true });
    expect(Math.min(...lifeLeft)).toBeGreaterThanOrEqual(333);
    expect(lifeLeft).toHaveLength(67);
  });

  it('an hour-long token keeps a minute of margin and is refreshed at 80% of its life', async () => {
    const failing = await handOuts(3_600, { forMs: 3_600_000, stepMs: 1_000, refreshesFail: true });
    // Handed out every second up to 59 min − 1 s: the last with 61 s left.
    expect(failing.lifeLeft).toHaveLength(3_540);
    expect(Math.min(...failing.lifeLeft)).toBe(61_000);
    const refreshed = await handOuts(3_600, { forMs: 3_600_000, stepMs: 1_000 });
    // The last get() on the old token is the one at 48 min that starts the refresh.
    expect(Math.min(...refreshed.lifeLeft)).toBe(12 * 60_000);
    expect(refreshed.issued).toBe(2);
  });
});
