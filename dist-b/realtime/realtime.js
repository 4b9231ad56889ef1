import { createPubSub, Repeater } from 'graphql-yoga';
import { requestScope } from '../request-scope.js';
import { Poller } from './poller.js';
import { SubscriptionSlots, subscriptionLimitDefaults, } from './subscription-limits.js';
/** Often enough that a subscriber sees a change within seconds, rarely enough for the rate budget. */
export const defaultPollIntervalMs = 5000;
/**
 * Process-wide: the pub/sub subscriptions listen on, and the shared pollers feeding it.
 *
 * `messageSent` travels through the fleet's event target (Redis) so a message sent through any
 * instance reaches subscribers on all of them. Poller events do too when the pollers are
 * coordinated (one instance polls for the fleet); uncoordinated, each instance polls for its own
 * subscribers and keeps their events local, or every change would arrive once per instance.
 */
export class Realtime {
    pubsub;
    fleet;
    polled;
    status;
    presence;
    slots;
    sent = 0;
    listeners = {
        statusChanged: 0,
        presenceChanged: 0,
        messageSent: 0,
    };
    waiters = [];
    constructor(easemob, options) {
        this.pubsub = createPubSub();
        this.fleet = options.eventTarget
            ? createPubSub({ eventTarget: options.eventTarget })
            : this.pubsub;
        this.polled = options.coordinators ? this.fleet : this.pubsub;
        this.status = new Poller({
            intervalMs: options.pollIntervalMs ?? defaultPollIntervalMs,
            read: (usernames) => asPoller(() => easemob.status.getMany(usernames)),
            equals: (a, b) => a === b,
            coordinator: options.coordinators?.status,
            onChange: (username, status, previous) => this.polled.publish('statusChanged', { username, status, previous, changedAt: new Date() }),
            onError: options.onError,
        });
        this.presence = new Poller({
            intervalMs: options.pollIntervalMs ?? defaultPollIntervalMs,
            // Easemob answers the same whoever asks, so a round is read on behalf of its first user.
            read: async (usernames) => {
                const found = await asPoller(() => easemob.presence.getMany(usernames[0], usernames));
                return new Map(found.map((p) => [p.username, p]));
            },
            coordinator: options.coordinators?.presence,
            equals: (a, b) => a.ext === b.ext && JSON.stringify(sorted(a.devices)) === JSON.stringify(sorted(b.devices)),
            onChange: (_username, presence) => this.polled.publish('presenceChanged', { presence, changedAt: new Date() }),
            onError: options.onError,
        });
        this.slots = new SubscriptionSlots({
            ...subscriptionLimitDefaults,
            ...options.subscriptionLimits,
        });
    }
    /**
     * Starts a subscription within the limits: its slots are taken and its keys watched at once (so
     * two starting together cannot both pass the total), or it is refused and holds nothing. The
     * release frees both, once.
     */
    admit(request) {
        const poller = request.poller ? this[request.poller] : undefined;
        const keys = [...new Set(request.keys ?? [])];
        const admission = this.slots.admit({
            caller: request.caller,
            connection: request.connection,
            watched: keys.length,
            added: poller ? keys.filter((key) => !poller.watches(key)).length : 0,
            watchedTotal: this.status.watchedKeys + this.presence.watchedKeys,
        });
        if (!admission.admitted || !poller)
            return admission;
        const unwatch = poller.watch(keys);
        return {
            admitted: true,
            release: () => {
                unwatch();
                admission.release();
            },
        };
    }
    /** Announces a message sent through this layer, one event per target. */
    messageSent(event) {
        this.sent++;
        this.fleet.publish('messageSent', {
            ...event,
            id: `${Date.now()}-${this.sent}`,
            sentAt: new Date(),
        });
    }
    statusChanges() {
        return this.listen('statusChanged', this.polled.subscribe('statusChanged'));
    }
    presenceChanges() {
        return this.listen('presenceChanged', this.polled.subscribe('presenceChanged'));
    }
    /** `messageSent` events from every instance. */
    messagesSent() {
        return this.listen('messageSent', this.fleet.subscribe('messageSent'));
    }
    /** Subscriptions listening for `name` on this instance now. */
    listening(name) {
        return this.listeners[name];
    }
    /**
     * Resolves once at least `count` subscriptions listen for `name` here: a subscriber is
     * registered, so an event published from now on reaches it (tests wait on this, not on a delay).
     */
    whenListening(name, count = 1) {
        if (this.listeners[name] >= count)
            return Promise.resolve();
        return new Promise((resolve) => this.waiters.push({ name, count, resolve }));
    }
    /** `source`'s events, counted as listeners for `name` while someone iterates them. */
    listen(name, source) {
        return new Repeater(async (push, stop) => {
            void stop.then(() => source.return?.());
            this.count(name, 1);
            try {
                // The loop's first pull attaches the listener in the same tick as the count above.
                for await (const event of source)
                    await push(event);
            }
            finally {
                this.count(name, -1);
            }
        });
    }
    count(name, delta) {
        this.listeners[name] += delta;
        const due = this.waiters.filter((w) => w.name === name && this.listeners[name] >= w.count);
        if (due.length === 0)
            return;
        this.waiters = this.waiters.filter((w) => !due.includes(w));
        for (const waiter of due)
            waiter.resolve();
    }
    close() {
        this.status.stop();
        this.presence.stop();
    }
}
/**
 * The pollers' reads are nobody's request: they run as caller `poller`, so logs and the client's
 * per-caller accounting tell them apart (the first round would otherwise inherit the scope of the
 * request that started it).
 */
/**
 * A poll serves every subscriber, not the one whose request happened to start the poller (its
 * timer inherits that request's scope): it runs as the caller `poller`, with a fair share of its
 * own, and no subscriber's disconnection or deadline stops it.
 */
function asPoller(read) {
    return requestScope.run({ requestId: 'poller', caller: 'poller' }, read);
}
function sorted(record) {
    return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
//# sourceMappingURL=realtime.js.map