import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { PubSubEventTarget } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { Events } from '../realtime/realtime.js';
import { RedisCacheStore } from './cache-store.js';
import { RedisPollLease } from './poller-lease.js';
import { RedisRateLimiter } from './rate-limiter.js';
import { RedisTokenStore } from './token-store.js';

/**
 * What the instances of one deployment share through Redis (REDIS_URL): the Easemob app token
 * (one token request for the whole fleet), the call budget (the sum of all instances' calls stays
 * under Easemob's limits) and subscription events (a message sent through one instance reaches
 * subscribers on every instance).
 */
export interface Fleet {
  tokenStore: RedisTokenStore;
  rateLimiter: RedisRateLimiter;
  /** Coordinators for the status and presence pollers, leases lasting `leaseMs`. */
  pollLeases(leaseMs: number): { status: RedisPollLease; presence: RedisPollLease };
  eventTarget: PubSubEventTarget<Events>;
  /** The read layer's cache, shared by every instance. */
  cacheStore: RedisCacheStore;
  /** Resolves when Redis answers PING (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function connectFleet(url: string, prefix: string): Promise<Fleet> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
  const commands = new Redis(url, options);
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  const cacheNotices = new Redis(url, options);
  // Connected before use: a SUBSCRIBE queued ahead of ioredis's ready check would put the
  // connection in subscriber mode and fail the check.
  await Promise.all(
    [commands, publisher, subscriber, cacheNotices].map((connection) => connection.connect()),
  );
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
      await Promise.all(
        [commands, publisher, subscriber, cacheNotices].map((connection) => connection.quit()),
      );
    },
  };
}
