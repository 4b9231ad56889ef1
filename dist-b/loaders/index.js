import DataLoader from 'dataloader';
import { Feeds } from './feeds.js';
/**
 * This request's view of the shared read layer: each distinct read once per request, and the
 * request's own cancellation (caller gone, deadline passed) on every read it waits for. Keys are
 * lower-cased usernames. The sharing across requests, the batching and the cache live below, in
 * src/reads/.
 */
export function createLoaders(reads, 
/** Read when each load is made: the request's signal is set once its execution starts. */
signal = () => undefined) {
    const feeds = new Feeds();
    const loaders = {
        feeds,
        /** Shared `POST /users/batch/status` calls; waits for this request's lists of users first. */
        status: new DataLoader(async (usernames) => {
            const states = await reads.statuses(usernames, signal());
            return usernames.map((u) => states.get(u) ?? 'offline');
        }, { batchScheduleFn: feeds.afterFeeds }),
        /**
         * A list's statuses in one read (one promise for the list, not one per user: 1,000 contacts'
         * statuses cost a fraction of `status.loadMany`). Rejects when the shared batch failed.
         */
        statuses: (usernames) => reads.statuses(usernames, signal()),
        /** null when Easemob has no such user. Easemob has no batch read of profiles. */
        profile: perKey((username) => reads.profile(username, signal())),
        offlineCount: perKey((username) => reads.offlineCount(username, signal())),
        contacts: perKey((username) => feeds.track(reads.contacts(username, signal()))),
        blocks: perKey((username) => feeds.track(reads.blocks(username, signal()))),
        presence: new DataLoader(async (usernames) => {
            const found = await reads.presences(usernames, signal());
            return usernames.map((u) => found.get(u) ?? null);
        }),
        /** A page of every user; its users' profiles are known from then on. */
        async usersPage(page) {
            const version = await reads.versionNow('profile');
            const answer = await feeds.track(reads.usersPage(page, signal()));
            for (const user of answer.users)
                loaders.profile.prime(user.username, user);
            const profiles = new Map(answer.users.map((user) => [user.username, user]));
            reads.remember('profile', profiles, version);
            return answer;
        },
        /**
         * Starts reads the fields of a user will ask for, so they leave together with the read that
         * proves the user exists instead of after it. The fields' own loads then find them in flight;
         * a failure is reported by the field that asked.
         */
        prefetch(username, kinds) {
            for (const kind of kinds)
                perRequest[kind].load(username).catch(() => { });
        },
        /** Presences that came with another answer (a subscription's), for this request. */
        rememberPresences(found) {
            for (const presence of found) {
                loaders.presence.clear(presence.username).prime(presence.username, presence);
            }
        },
        /**
         * A write through this API changed these entries: this request and every instance forget
         * them before the mutation answers, so the next read shows the write.
         */
        async wrote(kind, usernames) {
            const loader = perRequest[kind];
            for (const name of usernames)
                loader.clear(name);
            await reads.evict(kind, usernames);
        },
        /** A write answered the new profile: served from now on without another read. */
        async wroteProfile(user) {
            await loaders.wrote('profile', [user.username]);
            loaders.profile.prime(user.username, user);
            // After the eviction: a write racing this one evicts again and this entry goes with it.
            reads.remember('profile', new Map([[user.username, user]]), await reads.versionNow('profile'));
        },
    };
    const perRequest = {
        profile: loaders.profile,
        contacts: loaders.contacts,
        blocks: loaders.blocks,
        status: loaders.status,
        offlineCount: loaders.offlineCount,
        presence: loaders.presence,
    };
    return loaders;
}
/** A loader for endpoints with no batch form: it still makes each distinct load once. */
function perKey(load) {
    return new DataLoader((keys) => Promise.all(keys.map((key) => load(key).catch((error) => error))));
}
//# sourceMappingURL=index.js.map