import { randomUUID } from 'node:crypto';
// A rolling-window log on Redis's own clock, so instances with skewed clocks agree. Admits the call
// (returns 0) or says how many ms until the oldest call in the window leaves it.
const admit = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;
/** The fleet's call budget: no more than `limit` calls in any rolling window, all instances together. */
export class RedisRateLimiter {
    redis;
    prefix;
    constructor(redis, prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }
    async acquire(name, limit, windowMs) {
        const key = `${this.prefix}:rate:${name}`;
        for (;;) {
            const wait = Number(await this.redis.eval(admit, 1, key, windowMs, limit, randomUUID()));
            if (wait === 0)
                return;
            // A little jitter so waiting instances do not all retry at the same millisecond.
            await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * 5));
        }
    }
}
//# sourceMappingURL=rate-limiter.js.map