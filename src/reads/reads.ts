import type { EasemobClient } from '../easemob/client.js';
import type { EndpointName } from '../easemob/endpoints.js';
import { abortedCall, isNotFound } from '../easemob/errors.js';
import { limits } from '../easemob/input.js';
import type { Presence } from '../easemob/resources/presence.js';
import type { OnlineState } from '../easemob/resources/status.js';
import type { UserPage } from '../easemob/resources/users.js';
import type { EasemobUser } from '../easemob/responses.js';
import { SharedBatcher } from './batcher.js';
import { Coalescer } from './coalesce.js';
import { type CacheKind, cacheKinds, defaultCacheBounds, defaultCacheTtlMs } from './kinds.js';
import { MemoryStore, type ResourceStore } from './store.js';

/** Who a shared upstream call is made for: the admission control's caller and cancellation. */
export interface SharedCallScope {
  caller: string;
  signal: AbortSignal;
}

export interface ReadLayerOptions {
  /** Per kind; 0 turns caching of that kind off. */
  ttlMs?: Partial<Record<CacheKind, number>>;
  bounds?: { maxEntries: number; maxBytes: number };
  /** Default: this process's memory. The fleet's Redis store shares entries between instances. */
  store?: ResourceStore;
  /** The caller of the request being served, to charge a call it starts to (fair shares). */
  currentCaller?: () => string | undefined;
  /** Runs an upstream call inside `scope`, so the client's admission control sees it. */
  runAs?: <T>(scope: SharedCallScope, call: () => Promise<T>) => Promise<T>;
  /**
   * How batch calls share Easemob's batch budget: at most `maxInFlight` out at once (more names
   * wait and leave in fuller batches) and `partialPerSecond` partial ones a second per kind. The
   * default, `budgetPacing`, spends half of Easemob's 50/s batch-status limit on partial batches,
   * leaving the rest to the pollers and to full batches. `false` when no budget applies (a plan
   * with raised limits, the emulator): every batch leaves on the next turn of the event loop.
   */
  pacing?: { maxInFlight: number; partialPerSecond: number } | false;
}

export interface ReadStats {
  hits: Record<CacheKind, number>;
  misses: Record<CacheKind, number>;
  /** Reads served by a call another request had started. */
  coalesced: number;
  /** Reads served by a call another instance had started. */
  fleetCoalesced: number;
  statusCalls: number;
  statusNames: number;
  presenceCalls: number;
  presenceNames: number;
  /** The in-memory cache's size (0 when the store is elsewhere). */
  entries: number;
  bytes: number;
}

/** Batch calls a caller's flood cannot monopolise: they serve every request at once. */
export const sharedCaller = 'shared';

/**
 * The process-wide read layer below the per-request loaders. Reads from every request in flight
 * meet here: identical reads share one upstream call, statuses and presences from all requests go
 * into shared batch calls, and answers are cached per kind for their TTL. Errors are never cached:
 * a failed read fails only the requests that shared it. Writes through this API `evict` what they
 * change before they return, so a read after a write never shows the old value.
 */
/** Batch pacing under Easemob's budgets (see ReadLayerOptions.pacing). */
export const budgetPacing = { maxInFlight: 2, partialPerSecond: 25 } as const;

export function createReadLayer(client: EasemobClient, options: ReadLayerOptions = {}) {
  const ttl = { ...defaultCacheTtlMs, ...options.ttlMs };
  const store: ResourceStore =
    options.store ?? new MemoryStore(options.bounds ?? defaultCacheBounds);
  // A request that gave up fails as the client's own calls do: REQUEST_TIMEOUT to its caller.
  const flights = new Coalescer((key, signal) =>
    abortedCall(endpointOf[key.slice(0, key.indexOf(':')) as keyof typeof endpointOf], signal),
  );
  const runAs = options.runAs ?? ((_scope, call) => call());
  const callerNow = () => options.currentCaller?.() ?? sharedCaller;
  const counts = () =>
    Object.fromEntries(cacheKinds.map((k) => [k, 0])) as Record<CacheKind, number>;
  const stats = { hits: counts(), misses: counts(), fleetHits: 0 };

  const remember = (kind: CacheKind, entries: ReadonlyMap<string, unknown>, version: string) => {
    if (ttl[kind] <= 0 || entries.size === 0) return;
    void store.write(kind, entries, ttl[kind], version).catch(() => {});
  };
  /** The kind's write version now: what a read about to leave may store its answer under. */
  const versionNow = async (kind: CacheKind) => (await store.read(kind, [])).version;

  /** One resource read: the cache, else the read in flight, else a new upstream call. */
  async function cached<V>(
    kind: CacheKind,
    key: string,
    fetch: () => Promise<V>,
    signal: AbortSignal | undefined,
  ): Promise<V> {
    if (ttl[kind] <= 0) {
      stats.misses[kind]++;
      const caller = callerNow();
      return flights.run(
        `${kind}:${key}`,
        (flight) => runAs({ caller, signal: flight.signal }, fetch),
        signal,
      );
    }
    const first = await store.read(kind, [key]);
    if (first.found.has(key)) {
      stats.hits[kind]++;
      return first.found.get(key) as V;
    }
    stats.misses[kind]++;
    const caller = callerNow();
    return flights.run(
      `${kind}:${key}`,
      async (flight) => {
        let version = first.version;
        // Another instance reading the same entry: wait for its answer rather than call again.
        if (store.lead && !(await store.lead(kind, key))) {
          // Listening before looking again: a fill landing in between is not missed.
          const filled = store.filled?.(kind, key, fleetWaitMs);
          let again = await store.read(kind, [key]);
          if (!again.found.has(key) && filled) {
            await filled;
            again = await store.read(kind, [key]);
          }
          if (again.found.has(key)) {
            stats.fleetHits++;
            return again.found.get(key) as V;
          }
          version = again.version;
        }
        const value = await runAs({ caller, signal: flight.signal }, fetch);
        if (flight.current()) remember(kind, new Map([[key, value]]), version);
        return value;
      },
      signal,
    );
  }

  /** Many keys of a batched kind: hits from the cache, the misses through the shared batcher. */
  async function batched<V>(
    kind: 'status' | 'presence',
    batcher: SharedBatcher<V>,
    keys: readonly string[],
    signal: AbortSignal | undefined,
  ): Promise<Map<string, V | undefined>> {
    const unique = [...new Set(keys)];
    const found =
      ttl[kind] > 0
        ? ((await store.read(kind, unique)).found as Map<string, V | undefined>)
        : new Map<string, V | undefined>();
    stats.hits[kind] += found.size;
    const missing = unique.filter((key) => !found.has(key));
    if (missing.length === 0) return found;
    stats.misses[kind] += missing.length;
    const loaded = await batcher.load(missing, signal);
    // Nothing cached (the usual case when the cache is off): the batcher's map is the answer.
    if (found.size === 0) return loaded;
    for (const [key, value] of loaded) found.set(key, value);
    return found;
  }

  const chosen = options.pacing ?? budgetPacing;
  const pacing = chosen
    ? { maxInFlight: chosen.maxInFlight, minGapMs: paceGap(chosen.partialPerSecond) }
    : { maxInFlight: Number.POSITIVE_INFINITY, minGapMs: 0 };
  const statusBatcher = new SharedBatcher<OnlineState>({
    maxBatch: limits.batchStatus,
    ...pacing,
    gaveUp: (signal) => abortedCall('status.batch', signal),
    read: async (names, signal) => {
      const version = await versionNow('status');
      const states = await runAs({ caller: sharedCaller, signal }, () =>
        client.status.getMany(names),
      );
      return { values: states, version };
    },
    remember: (values, version) => remember('status', values, version),
  });

  const presenceBatcher = new SharedBatcher<Presence>({
    maxBatch: limits.presenceBatch,
    ...pacing,
    gaveUp: (signal) => abortedCall('presence.get', signal),
    // Easemob answers the same whoever asks, so a batch is read on behalf of its first user.
    read: async (names, signal) => {
      const version = await versionNow('presence');
      const found = await runAs({ caller: sharedCaller, signal }, () =>
        client.presence.getMany(names[0]!, names),
      );
      return { values: new Map(found.map((presence) => [presence.username, presence])), version };
    },
    remember: (values, version) => remember('presence', values, version),
  });

  return {
    /** `GET /users/{u}`; null when Easemob has no such user (createUser evicts it). */
    profile: (name: string, signal?: AbortSignal): Promise<EasemobUser | null> =>
      cached(
        'profile',
        name,
        () =>
          client.users.get(name).catch((error: unknown) => {
            if (isNotFound(error)) return null;
            throw error;
          }),
        signal,
      ),

    contacts: (owner: string, signal?: AbortSignal) =>
      cached('contacts', owner, () => client.contacts.list(owner), signal),

    blocks: (owner: string, signal?: AbortSignal) =>
      cached('blocks', owner, () => client.blocks.list(owner), signal),

    offlineCount: (owner: string, signal?: AbortSignal) =>
      cached('offlineCount', owner, () => client.offline.count(owner), signal),

    /** Users Easemob does not mention read as offline, as its documentation says. */
    async statuses(names: readonly string[], signal?: AbortSignal) {
      // The map is this call's own: filled in place (a list's thousand statuses, no second map).
      const found = await batched('status', statusBatcher, names, signal);
      for (const [name, state] of found) if (state === undefined) found.set(name, 'offline');
      return found as Map<string, OnlineState>;
    },

    /** null for a user Easemob has no presence for. */
    async presences(names: readonly string[], signal?: AbortSignal) {
      const found = await batched('presence', presenceBatcher, names, signal);
      const known = found as Map<string, Presence | null | undefined>;
      for (const [name, presence] of known) if (presence === undefined) known.set(name, null);
      return known as Map<string, Presence | null>;
    },

    /** A page of every user: shared while in flight, not cached (users come and go). */
    usersPage(page: { limit: number; cursor?: string }, signal?: AbortSignal): Promise<UserPage> {
      const caller = callerNow();
      return flights.run(
        `users:${page.limit}:${page.cursor ?? ''}`,
        (flight) => runAs({ caller, signal: flight.signal }, () => client.users.list(page)),
        signal,
      );
    },

    /**
     * Answers that came with another read (a page of users brings their profiles), or with a
     * write: `version` is the kind's version from before the call that brought them.
     */
    remember(kind: CacheKind, entries: ReadonlyMap<string, unknown>, version: string): void {
      remember(kind, entries, version);
    },

    versionNow,

    /** A write through this API changed these entries: resolves once no instance serves them. */
    async evict(kind: CacheKind, keys: readonly string[]): Promise<void> {
      for (const key of keys) {
        flights.detach(`${kind}:${key}`);
        if (kind === 'status') statusBatcher.detach(key);
        if (kind === 'presence') presenceBatcher.detach(key);
      }
      await store.evict(kind, keys);
    },

    stats(): ReadStats {
      return {
        hits: { ...stats.hits },
        misses: { ...stats.misses },
        coalesced: flights.joined + statusBatcher.joined + presenceBatcher.joined,
        fleetCoalesced: stats.fleetHits,
        statusCalls: statusBatcher.calls,
        statusNames: statusBatcher.keysSent,
        presenceCalls: presenceBatcher.calls,
        presenceNames: presenceBatcher.keysSent,
        entries: store instanceof MemoryStore ? store.entries : 0,
        bytes: store instanceof MemoryStore ? store.bytes : 0,
      };
    },

    store,
    close: () => store.close?.() ?? Promise.resolve(),
  };
}

export type ReadLayer = ReturnType<typeof createReadLayer>;

/** The call each kind of coalesced read makes, named in the error of a request that gave up. */
const endpointOf = {
  profile: 'users.get',
  contacts: 'contacts.list',
  blocks: 'blocks.list',
  status: 'status.batch',
  offlineCount: 'offline.count',
  presence: 'presence.get',
  users: 'users.list',
} as const satisfies Record<CacheKind | 'users', EndpointName>;

/** How long a read waits for another instance's identical read before making its own. */
const fleetWaitMs = 2_000;

/** 0: no pacing. */
const paceGap = (perSecond: number) => (perSecond > 0 ? 1000 / perSecond : 0);
