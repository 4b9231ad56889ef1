import { LRUCache } from 'lru-cache';
import type { CacheKind } from './kinds.js';

/**
 * Where cached Easemob resources live: this process's memory, or Redis when instances share them
 * (src/fleet/cache-store.ts). Values are what the client returned, never anything derived from a
 * caller's credentials: authorization is decided per request before a value is read.
 */
export interface ResourceStore {
  /** The entries of `keys` that are present; the rest are misses. */
  read(kind: CacheKind, keys: readonly string[]): Promise<Map<string, unknown>>;
  write(kind: CacheKind, entries: ReadonlyMap<string, unknown>, ttlMs: number): Promise<void>;
  /** Resolves once no instance will serve these entries again. */
  evict(kind: CacheKind, keys: readonly string[]): Promise<void>;
  close?(): Promise<void>;
}

/** An in-memory store bounded by entries and by an estimate of their size in bytes. */
export class MemoryStore implements ResourceStore {
  private readonly cache: LRUCache<string, { value: unknown }>;

  constructor(bounds: { maxEntries: number; maxBytes: number }) {
    this.cache = new LRUCache({
      max: bounds.maxEntries,
      maxSize: bounds.maxBytes,
      sizeCalculation: (entry, key) => key.length + approximateBytes(entry.value),
      ttlAutopurge: false,
    });
  }

  async read(kind: CacheKind, keys: readonly string[]): Promise<Map<string, unknown>> {
    return this.readNow(kind, keys);
  }

  /** The same as `read`, without a promise: the hot path of a list's statuses. */
  readNow(kind: CacheKind, keys: readonly string[]): Map<string, unknown> {
    const found = new Map<string, unknown>();
    for (const key of keys) {
      const entry = this.cache.get(`${kind}:${key}`);
      if (entry) found.set(key, entry.value);
    }
    return found;
  }

  async write(kind: CacheKind, entries: ReadonlyMap<string, unknown>, ttlMs: number) {
    for (const [key, value] of entries) this.cache.set(`${kind}:${key}`, { value }, { ttl: ttlMs });
  }

  async evict(kind: CacheKind, keys: readonly string[]) {
    for (const key of keys) this.cache.delete(`${kind}:${key}`);
  }

  get entries(): number {
    return this.cache.size;
  }

  get bytes(): number {
    return this.cache.calculatedSize;
  }
}

/** A cheap upper-bound estimate of a JSON-like value's size (UTF-16 strings, 8-byte numbers). */
export function approximateBytes(value: unknown): number {
  if (value === null || value === undefined) return 8;
  switch (typeof value) {
    case 'string':
      return 2 * value.length + 16;
    case 'number':
    case 'boolean':
      return 8;
    case 'object': {
      let bytes = 32;
      if (Array.isArray(value)) {
        for (const item of value) bytes += approximateBytes(item);
      } else {
        for (const [key, item] of Object.entries(value)) {
          bytes += 2 * key.length + approximateBytes(item);
        }
      }
      return bytes;
    }
    default:
      return 16;
  }
}
