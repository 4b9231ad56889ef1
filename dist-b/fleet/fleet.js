import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { RedisCacheStore } from './cache-store.js';
import { RedisPollLease } from './poller-lease.js';
import { RedisRateLimiter } from './rate-limiter.js';
import { RedisTokenStore } from './token-store.js';
export async function connectFleet(url, prefix) {
    const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
    const commands = new Redis(url, options);
    const publisher = new Redis(url, options);
    const subscriber = new Redis(url, options);
    const cacheNotices = new Redis(url, options);
    // Connected before use: a SUBSCRIBE queued ahead of ioredis's ready check would put the
    // connection in subscriber mode and fail the check.
    await Promise.all([commands, publisher, subscriber, cacheNotices].map((connection) => connection.connect()));
    const cacheStore = new RedisCacheStore(commands, cacheNotices, prefix);
    await cacheStore.start();
    return {
        cacheStore,
        tokenStore: new RedisTokenStore(commands, { prefix }),
        rateLimiter: new RedisRateLimiter(commands, prefix),
        pollLeases: (leaseMs) => ({
            status: new RedisPollLease(commands, prefix, 'status', leaseMs),
            presence: new RedisPollLease(commands, prefix, 'presence', leaseMs),
        }),
        eventTarget: createRedisEventTarget({ publishClient: publisher, subscribeClient: subscriber }),
        async ping() {
            await commands.ping();
        },
        async close() {
            // The event target unsubscribes without awaiting the answer; leaving every channel first
            // lets those replies arrive instead of failing on a closed connection.
            await subscriber.unsubscribe();
            await cacheStore.close();
            await Promise.all([commands, publisher, subscriber, cacheNotices].map((connection) => connection.quit()));
        },
    };
}
//# sourceMappingURL=fleet.js.map