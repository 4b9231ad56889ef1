import DataLoader from 'dataloader';
import type { EasemobClient } from '../easemob/client.js';
import { isNotFound } from '../easemob/errors.js';
import { limits } from '../easemob/input.js';
import type { Presence } from '../easemob/resources/presence.js';
import type { OnlineState } from '../easemob/resources/status.js';
import type { EasemobUser } from '../easemob/responses.js';
import { Feeds } from './feeds.js';

/**
 * Per-request loaders: every read of one kind in an operation goes through one of these, so
 * identical loads happen once and status/presence reads are batched into Easemob's batch calls.
 * Keys are lower-cased usernames. Created per request; nothing is shared across requests.
 */
export function createLoaders(client: EasemobClient) {
  const feeds = new Feeds();
  return {
    feeds,

    /** `POST /users/batch/status`, at most 100 names per call. */
    status: new DataLoader<string, OnlineState>(
      async (usernames) => {
        const states = await client.status.getMany([...usernames]);
        return usernames.map((u) => states.get(u) ?? 'offline');
      },
      { maxBatchSize: limits.batchStatus, batchScheduleFn: feeds.afterFeeds },
    ),

    /** `GET /users/{u}`; null when Easemob has no such user. Easemob has no batch read. */
    profile: perKey<EasemobUser | null>((username) =>
      client.users.get(username).catch((error: unknown) => {
        if (isNotFound(error)) return null;
        throw error;
      }),
    ),

    offlineCount: perKey((username) => client.offline.count(username)),

    contacts: perKey((username) => feeds.track(client.contacts.list(username))),

    blocks: perKey((username) => feeds.track(client.blocks.list(username))),

    /**
     * `POST /users/{uid}/presence` for up to 100 users at once. Easemob answers the same whoever
     * `uid` is, so a batch is read on behalf of its first user.
     */
    presence: new DataLoader<string, Presence | null>(
      async (usernames) => {
        const found = await client.presence.getMany(usernames[0]!, [...usernames]);
        const byName = new Map(found.map((p) => [p.username, p]));
        return usernames.map((u) => byName.get(u) ?? null);
      },
      { maxBatchSize: limits.presenceBatch },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** A loader for endpoints with no batch form: it still makes each distinct load once. */
function perKey<V>(load: (key: string) => Promise<V>) {
  return new DataLoader<string, V>((keys) =>
    Promise.all(keys.map((key) => load(key).catch((error: unknown) => error as Error))),
  );
}
