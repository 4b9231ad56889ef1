import { randomUUID } from 'node:crypto';
// Deletes KEYS[1] only when it still holds ARGV[1]: releases our lock, never another's.
const deleteIfEquals = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
// Deletes the stored token only when it is the one Easemob refused.
const deleteIfToken = `local v = redis.call('get', KEYS[1]) if v and cjson.decode(v).token == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
/**
 * The fleet's one Easemob app token in Redis. The value expires with the token; the refresh lock
 * expires on its own so a crashed holder cannot block the fleet.
 */
export class RedisTokenStore {
    redis;
    lockMs;
    key;
    lockKey;
    lockId = randomUUID();
    constructor(redis, options, lockMs = options.lockMs ?? 10_000) {
        this.redis = redis;
        this.lockMs = lockMs;
        this.key = `${options.prefix}:easemob-app-token`;
        this.lockKey = `${this.key}:lock`;
    }
    async read() {
        const value = await this.redis.get(this.key);
        return value ? JSON.parse(value) : undefined;
    }
    async write(token) {
        const ttl = Math.max(1, token.expiresAt - Date.now());
        await this.redis.set(this.key, JSON.stringify(token), 'PX', ttl);
    }
    async lock() {
        return (await this.redis.set(this.lockKey, this.lockId, 'PX', this.lockMs, 'NX')) === 'OK';
    }
    async unlock() {
        await this.redis.eval(deleteIfEquals, 1, this.lockKey, this.lockId);
    }
    async discard(token) {
        await this.redis.eval(deleteIfToken, 1, this.key, token);
    }
}
//# sourceMappingURL=token-store.js.map