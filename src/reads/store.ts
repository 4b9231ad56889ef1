import { LRUCache } from 'lru-cache';
import type { CacheKind } from './kinds.js';

/**
 * Where cached Easemob resources live: this process's memory, or Redis when instances share them
 * (src/fleet/cache-store.ts). Values are what the client returned, never anything derived from a
 * caller's credentials: authorization is decided per request before a value is read.
 */
export interface ResourceStore {
  /**
   * The entries of `keys` that are present (the rest are misses), and the kind's write version:
   * a value read from Easemob after this lookup is stored only if no write of the kind came
   * between (Facebook's memcache leases, simplified: a fill never overwrites a newer write).
   */
  read(kind: CacheKind, keys: readonly string[]): Promise<Lookup>;
  /** Stores the entries unless a write of the kind came after `version`. */
  write(
    kind: CacheKind,
    entries: ReadonlyMap<string, unknown>,
    ttlMs: number,
    version: Lookup['version'],
  ): Promise<void>;
  /** Resolves once no instance will serve these entries again. */
  evict(kind: CacheKind, keys: readonly string[]): Promise<void>;
  /**
   * Instances sharing the store read a missing entry once for all: true when this instance
   * should read it, false when another one is reading it already.
   */
  lead?(kind: CacheKind, key: string): Promise<boolean>;
  /** Resolves when another instance stored `key`, or after `ms`, whichever is first. */
  filled?(kind: CacheKind, key: string, ms: number): Promise<void>;
  close?(): Promise<void>;
}

export interface Lookup {
  found: Map<string, unknown>;
  version: string;
}

/** An in-memory store bounded by entries and by an estimate of their size in bytes. */
export class MemoryStore implements ResourceStore {
  /**
   * Made at the first write: an LRUCache allocates its index for `max` entries up front (3.2 MB
   * for the default 100,000), held for nothing by an instance whose cache is off or not yet used.
   */
  private cache: LRUCache<string, { value: unknown }> | undefined;
  private readonly versions = new Map<CacheKind, number>();

  constructor(private readonly bounds: { maxEntries: number; maxBytes: number }) {}

  private index(): LRUCache<string, { value: unknown }> {
    this.cache ??= new LRUCache({
      max: this.bounds.maxEntries,
      maxSize: this.bounds.maxBytes,
      sizeCalculation: (entry, key) => key.length + approximateBytes(entry.value),
      ttlAutopurge: false,
    });
    return this.cache;
  }

  async read(kind: CacheKind, keys: readonly string[]): Promise<Lookup> {
    const found = new Map<string, unknown>();
    for (const key of keys) {
      const entry = this.cache?.get(`${kind}:${key}`);
      if (entry) found.set(key, entry.value);
    }
    return { found, version: String(this.versions.get(kind) ?? 0) };
  }

  async write(
    kind: CacheKind,
    entries: ReadonlyMap<string, unknown>,
    ttlMs: number,
    version: string,
  ) {
    if (version !== String(this.versions.get(kind) ?? 0)) return;
    const cache = this.index();
    for (const [key, value] of entries) cache.set(`${kind}:${key}`, { value }, { ttl: ttlMs });
  }

  async evict(kind: CacheKind, keys: readonly string[]) {
    this.versions.set(kind, (this.versions.get(kind) ?? 0) + 1);
    for (const key of keys) this.cache?.delete(`${kind}:${key}`);
  }

  get entries(): number {
    return this.cache?.size ?? 0;
  }

  get bytes(): number {
    return this.cache?.calculatedSize ?? 0;
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
