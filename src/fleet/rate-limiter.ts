import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { WindowRule } from '../easemob/admission.js';
import type { SharedRateLimiter } from '../easemob/rate-budget.js';

// Rolling-window logs on Redis's own clock, so instances with skewed clocks agree: one key per
// rule (the window, and the shorter one pacing it), all checked and written together. Admits the
// call (returns 0) or says how many ms until it would fit every rule.
const admit = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
for i, key in ipairs(KEYS) do
  local window = tonumber(ARGV[2 * i - 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= tonumber(ARGV[2 * i]) then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    wait = math.max(wait, 1, tonumber(oldest[2]) + window - now)
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[#ARGV])
  redis.call('PEXPIRE', key, math.ceil(tonumber(ARGV[2 * i - 1])))
end
return 0
`;

/** The fleet's call budget: no more than `limit` calls in any rolling window, all instances together. */
export class RedisRateLimiter implements SharedRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async acquire(name: string, limit: number, windowMs: number, pace?: WindowRule): Promise<void> {
    const rules = pace ? [{ limit, windowMs }, pace] : [{ limit, windowMs }];
    const keys = rules.map((_, i) => `${this.prefix}:rate:${name}${i === 0 ? '' : ':pace'}`);
    const args = rules.flatMap((rule) => [rule.windowMs, rule.limit]);
    for (;;) {
      const wait = Number(
        await this.redis.eval(admit, keys.length, ...keys, ...args, randomUUID()),
      );
      if (wait === 0) return;
      // A little jitter so waiting instances do not all retry at the same millisecond.
      await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * 5));
    }
  }
}
