import { randomUUID } from 'node:crypto';
// Takes the lease if free, or renews it if ours: 1 when we hold it afterwards.
const holdLease = `
local holder = redis.call('GET', KEYS[1])
if holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;
/**
 * One instance polls for the whole fleet. Every instance publishes the keys its subscribers watch
 * (expiring unless refreshed); whichever instance holds the lease reads them all and polls. When
 * it dies, its lease expires and another instance takes it over on its next round.
 */
export class RedisPollLease {
    redis;
    prefix;
    kind;
    leaseMs;
    instance = randomUUID();
    constructor(redis, prefix, kind, leaseMs) {
        this.redis = redis;
        this.prefix = prefix;
        this.kind = kind;
        this.leaseMs = leaseMs;
    }
    get watchKey() {
        return `${this.prefix}:watch:${this.kind}:${this.instance}`;
    }
    async announce(keys) {
        const multi = this.redis.multi().del(this.watchKey);
        if (keys.length > 0)
            multi.sadd(this.watchKey, ...keys).pexpire(this.watchKey, this.leaseMs);
        await multi.exec();
    }
    async owns() {
        const key = `${this.prefix}:lease:${this.kind}`;
        return Number(await this.redis.eval(holdLease, 1, key, this.instance, this.leaseMs)) === 1;
    }
    async fleetKeys() {
        const keys = [];
        let cursor = '0';
        do {
            const [next, found] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:watch:${this.kind}:*`, 'COUNT', 100);
            cursor = next;
            keys.push(...found);
        } while (cursor !== '0');
        return keys.length ? this.redis.sunion(...keys) : [];
    }
    async release() {
        await this.redis.del(this.watchKey);
    }
}
//# sourceMappingURL=poller-lease.js.map