import { LRUCache } from 'lru-cache';
/** An in-memory store bounded by entries and by an estimate of their size in bytes. */
export class MemoryStore {
    cache;
    versions = new Map();
    constructor(bounds) {
        this.cache = new LRUCache({
            max: bounds.maxEntries,
            maxSize: bounds.maxBytes,
            sizeCalculation: (entry, key) => key.length + approximateBytes(entry.value),
            ttlAutopurge: false,
        });
    }
    async read(kind, keys) {
        const found = new Map();
        for (const key of keys) {
            const entry = this.cache.get(`${kind}:${key}`);
            if (entry)
                found.set(key, entry.value);
        }
        return { found, version: String(this.versions.get(kind) ?? 0) };
    }
    async write(kind, entries, ttlMs, version) {
        if (version !== String(this.versions.get(kind) ?? 0))
            return;
        for (const [key, value] of entries)
            this.cache.set(`${kind}:${key}`, { value }, { ttl: ttlMs });
    }
    async evict(kind, keys) {
        this.versions.set(kind, (this.versions.get(kind) ?? 0) + 1);
        for (const key of keys)
            this.cache.delete(`${kind}:${key}`);
    }
    get entries() {
        return this.cache.size;
    }
    get bytes() {
        return this.cache.calculatedSize;
    }
}
/** A cheap upper-bound estimate of a JSON-like value's size (UTF-16 strings, 8-byte numbers). */
export function approximateBytes(value) {
    if (value === null || value === undefined)
        return 8;
    switch (typeof value) {
        case 'string':
            return 2 * value.length + 16;
        case 'number':
        case 'boolean':
            return 8;
        case 'object': {
            let bytes = 32;
            if (Array.isArray(value)) {
                for (const item of value)
                    bytes += approximateBytes(item);
            }
            else {
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
//# sourceMappingURL=store.js.map