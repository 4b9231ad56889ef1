import { randomUUID } from 'node:crypto';
// Stores ARGV[3..] as KEYS[2..] for ARGV[2] ms, only while KEYS[1] (the kind's write version)
// still reads ARGV[1]: a value read before a write never lands after it.
const writeIfVersion = `
local version = redis.call('GET', KEYS[1]) or '0'
if version ~= ARGV[1] then return 0 end
for i = 2, #KEYS do
  redis.call('SET', KEYS[i], ARGV[i + 1], 'PX', ARGV[2])
end
return 1
`;
/**
 * The read layer's cache shared by the fleet (REDIS_URL): every instance reads and fills the same
 * entries, so a write through any instance is seen by all of them, and a missing entry is read
 * from Easemob by one instance while the others wait for its answer (a short lease per entry).
 * Only answers Easemob gave are stored; nothing derived from a caller's credentials.
 */
export class RedisCacheStore {
    redis;
    subscriber;
    prefix;
    leaseMs;
    instance = randomUUID();
    waiters = new Map();
    channel;
    constructor(redis, 
    /** A connection in subscriber mode, for the "filled" notices. */
    subscriber, prefix, leaseMs = 2_000) {
        this.redis = redis;
        this.subscriber = subscriber;
        this.prefix = prefix;
        this.leaseMs = leaseMs;
        this.channel = `${prefix}:cache:filled`;
        subscriber.on('message', (channel, entry) => {
            if (channel !== this.channel)
                return;
            for (const wake of this.waiters.get(entry) ?? [])
                wake();
        });
    }
    /** Resolves once the notices of fills reach this instance. */
    async start() {
        await this.subscriber.subscribe(this.channel);
    }
    key(kind, key) {
        return `${this.prefix}:cache:${kind}:${key}`;
    }
    versionKey(kind) {
        return `${this.prefix}:cache-version:${kind}`;
    }
    async read(kind, keys) {
        const values = await this.redis.mget(this.versionKey(kind), ...keys.map((k) => this.key(kind, k)));
        const found = new Map();
        keys.forEach((key, i) => {
            const value = values[i + 1];
            if (value != null)
                found.set(key, JSON.parse(value));
        });
        return { found, version: values[0] ?? '0' };
    }
    async write(kind, entries, ttlMs, version) {
        if (entries.size === 0)
            return;
        const keys = [...entries.keys()];
        const stored = await this.redis.eval(writeIfVersion, 1 + keys.length, this.versionKey(kind), ...keys.map((key) => this.key(kind, key)), version, String(Math.max(1, Math.round(ttlMs))), ...keys.map((key) => JSON.stringify(entries.get(key))));
        if (stored !== 1)
            return;
        const pipeline = this.redis.pipeline();
        for (const key of keys)
            pipeline.publish(this.channel, `${kind}:${key}`);
        await pipeline.exec();
    }
    async evict(kind, keys) {
        if (keys.length === 0)
            return;
        await this.redis
            .multi()
            .incr(this.versionKey(kind))
            .del(...keys.flatMap((key) => [this.key(kind, key), this.leaseKey(kind, key)]))
            .exec();
    }
    leaseKey(kind, key) {
        return `${this.prefix}:cache-lease:${kind}:${key}`;
    }
    async lead(kind, key) {
        const taken = await this.redis.set(this.leaseKey(kind, key), this.instance, 'PX', this.leaseMs, 'NX');
        return taken === 'OK' || (await this.redis.get(this.leaseKey(kind, key))) === this.instance;
    }
    filled(kind, key, ms) {
        const entry = `${kind}:${key}`;
        return new Promise((resolve) => {
            const waiting = this.waiters.get(entry) ?? new Set();
            this.waiters.set(entry, waiting);
            const done = () => {
                clearTimeout(timer);
                waiting.delete(done);
                if (waiting.size === 0)
                    this.waiters.delete(entry);
                resolve();
            };
            const timer = setTimeout(done, Math.min(ms, this.leaseMs));
            waiting.add(done);
        });
    }
    async close() {
        await this.subscriber.unsubscribe(this.channel);
    }
}
//# sourceMappingURL=cache-store.js.map