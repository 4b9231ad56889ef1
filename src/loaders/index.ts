import DataLoader from 'dataloader';
import type { Presence } from '../easemob/resources/presence.js';
import type { OnlineState } from '../easemob/resources/status.js';
import type { UserPage } from '../easemob/resources/users.js';
import type { EasemobUser } from '../easemob/responses.js';
import type { CacheKind } from '../reads/kinds.js';
import type { ReadLayer } from '../reads/reads.js';
import { Feeds } from './feeds.js';

/**
 * This request's view of the shared read layer: each distinct read once per request, and the
 * request's own cancellation (caller gone, deadline passed) on every read it waits for. Keys are
 * lower-cased usernames. The sharing across requests, the batching and the cache live below, in
 * src/reads/.
 */
export function createLoaders(
  reads: ReadLayer,
  /** Read when each load is made: the request's signal is set once its execution starts. */
  signal: () => AbortSignal | undefined = () => undefined,
) {
  const feeds = new Feeds();
  const loaders = {
    feeds,

    /** Shared `POST /users/batch/status` calls; waits for this request's lists of users first. */
    status: new DataLoader<string, OnlineState>(
      async (usernames) => {
        const states = await reads.statuses(usernames, signal());
        return usernames.map((u) => states.get(u) ?? 'offline');
      },
      { batchScheduleFn: feeds.afterFeeds },
    ),

    /**
     * A list's statuses in one read (one promise for the list, not one per user: 1,000 contacts'
     * statuses cost a fraction of `status.loadMany`). Rejects when the shared batch failed.
     */
    statuses: (usernames: readonly string[]) => reads.statuses(usernames, signal()),
    /** null when Easemob has no such user. Easemob has no batch read of profiles. */
    profile: perKey<EasemobUser | null>((username) => reads.profile(username, signal())),

    offlineCount: perKey((username) => reads.offlineCount(username, signal())),

    contacts: perKey((username) => feeds.track(reads.contacts(username, signal()))),

    blocks: perKey((username) => feeds.track(reads.blocks(username, signal()))),

    presence: new DataLoader<string, Presence | null>(async (usernames) => {
      const found = await reads.presences(usernames, signal());
      return usernames.map((u) => found.get(u) ?? null);
    }),

    /** A page of every user; its users' profiles are known from then on. */
    async usersPage(page: { limit: number; cursor?: string }): Promise<UserPage> {
      const version = await reads.versionNow('profile');
      const answer = await feeds.track(reads.usersPage(page, signal()));
      for (const user of answer.users) loaders.profile.prime(user.username, user);
      const profiles = new Map(answer.users.map((user) => [user.username, user]));
      reads.remember('profile', profiles, version);
      return answer;
    },

    /**
     * Starts reads the fields of a user will ask for, so they leave together with the read that
     * proves the user exists instead of after it. The fields' own loads then find them in flight;
     * a failure is reported by the field that asked.
     */
    prefetch(username: string, kinds: readonly PrefetchKind[]): void {
      for (const kind of kinds) perRequest[kind].load(username).catch(() => {});
    },

    /** Presences that came with another answer (a subscription's), for this request. */
    rememberPresences(found: Presence[]): void {
      for (const presence of found) {
        loaders.presence.clear(presence.username).prime(presence.username, presence);
      }
    },

    /**
     * A write through this API changed these entries: this request and every instance forget
     * them before the mutation answers, so the next read shows the write.
     */
    async wrote(kind: CacheKind, usernames: readonly string[]): Promise<void> {
      const loader = perRequest[kind];
      for (const name of usernames) loader.clear(name);
      await reads.evict(kind, usernames);
    },

    /** A write answered the new profile: served from now on without another read. */
    async wroteProfile(user: EasemobUser): Promise<void> {
      await loaders.wrote('profile', [user.username]);
      loaders.profile.prime(user.username, user);
      // After the eviction: a write racing this one evicts again and this entry goes with it.
      reads.remember(
        'profile',
        new Map([[user.username, user]]),
        await reads.versionNow('profile'),
      );
    },
  };
  const perRequest: Record<CacheKind, DataLoader<string, unknown>> = {
    profile: loaders.profile,
    contacts: loaders.contacts,
    blocks: loaders.blocks,
    status: loaders.status,
    offlineCount: loaders.offlineCount,
    presence: loaders.presence,
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;

export type PrefetchKind = CacheKind;

/** A loader for endpoints with no batch form: it still makes each distinct load once. */
function perKey<V>(load: (key: string) => Promise<V>) {
  return new DataLoader<string, V>((keys) =>
    Promise.all(keys.map((key) => load(key).catch((error: unknown) => error as Error))),
  );
}
