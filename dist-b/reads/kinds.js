/**
 * The Easemob resources the read layer caches, each with its own time to live: how long a value
 * read from Easemob may be served again, which is also the longest a change made outside this API
 * (the Easemob console, a client SDK) can go unseen. Writes through this API evict what they change
 * at once, so their staleness bound is zero. A TTL of 0 turns caching of that kind off; in-flight
 * reads are still shared.
 */
export const cacheKinds = [
    'profile',
    'contacts',
    'blocks',
    'status',
    'offlineCount',
    'presence',
];
export const defaultCacheTtlMs = {
    // Nickname, display style, activation: rarely changed, and changed mostly through this API.
    profile: 60_000,
    contacts: 30_000,
    // Blocks decide what a user may receive: kept short.
    blocks: 10_000,
    // Online state changes with every login: a few seconds, like a presence indicator's refresh.
    status: 3_000,
    offlineCount: 5_000,
    presence: 3_000,
};
/** Bounds of the in-memory cache, whatever the TTLs: entries and (estimated) bytes. */
export const defaultCacheBounds = { maxEntries: 100_000, maxBytes: 32 * 1024 * 1024 };
//# sourceMappingURL=kinds.js.map