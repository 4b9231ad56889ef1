import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CacheKind } from '../reads/kinds.js';
import type { Lookup, ResourceStore } from '../reads/store.js';

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
export class RedisCacheStore implements ResourceStore {
  private readonly instance = randomUUID();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly channel: string;

  constructor(
    private readonly redis: Redis,
    /** A connection in subscriber mode, for the "filled" notices. */
    private readonly subscriber: Redis,
    private readonly prefix: string,
    private readonly leaseMs = 2_000,
  ) {
    this.channel = `${prefix}:cache:filled`;
    subscriber.on('message', (channel: string, entry: string) => {
      if (channel !== this.channel) return;
      for (const wake of this.waiters.get(entry) ?? []) wake();
    });
  }

  /** Resolves once the notices of fills reach this instance. */
  async start(): Promise<void> {
    await this.subscriber.subscribe(this.channel);
  }

  private key(kind: CacheKind, key: string) {
    return `${this.prefix}:cache:${kind}:${key}`;
  }

  private versionKey(kind: CacheKind) {
    return `${this.prefix}:cache-version:${kind}`;
  }

  async read(kind: CacheKind, keys: readonly string[]): Promise<Lookup> {
    const values = await this.redis.mget(
      this.versionKey(kind),
      ...keys.map((k) => this.key(kind, k)),
    );
    const found = new Map<string, unknown>();
    keys.forEach((key, i) => {
      const value = values[i + 1];
      if (value != null) found.set(key, JSON.parse(value));
    });
    return { found, version: values[0] ?? '0' };
  }

  async write(
    kind: CacheKind,
    entries: ReadonlyMap<string, unknown>,
    ttlMs: number,
    version: string,
  ): Promise<void> {
    if (entries.size === 0) return;
    const keys = [...entries.keys()];
    const stored = await this.redis.eval(
      writeIfVersion,
      1 + keys.length,
      this.versionKey(kind),
      ...keys.map((key) => this.key(kind, key)),
      version,
      String(Math.max(1, Math.round(ttlMs))),
      ...keys.map((key) => JSON.stringify(entries.get(key))),
    );
    if (stored !== 1) return;
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.publish(this.channel, `${kind}:${key}`);
    await pipeline.exec();
  }

  async evict(kind: CacheKind, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.redis
      .multi()
      .incr(this.versionKey(kind))
      .del(...keys.flatMap((key) => [this.key(kind, key), this.leaseKey(kind, key)]))
      .exec();
  }

  private leaseKey(kind: CacheKind, key: string) {
    return `${this.prefix}:cache-lease:${kind}:${key}`;
  }

  async lead(kind: CacheKind, key: string): Promise<boolean> {
    const taken = await this.redis.set(
      this.leaseKey(kind, key),
      this.instance,
      'PX',
      this.leaseMs,
      'NX',
    );
    return taken === 'OK' || (await this.redis.get(this.leaseKey(kind, key))) === this.instance;
  }

  filled(kind: CacheKind, key: string, ms: number): Promise<void> {
    const entry = `${kind}:${key}`;
    return new Promise((resolve) => {
      const waiting = this.waiters.get(entry) ?? new Set();
      this.waiters.set(entry, waiting);
      const done = () => {
        clearTimeout(timer);
        waiting.delete(done);
        if (waiting.size === 0) this.waiters.delete(entry);
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, this.leaseMs));
      waiting.add(done);
    });
  }

  async close(): Promise<void> {
    await this.subscriber.unsubscribe(this.channel);
  }
}
