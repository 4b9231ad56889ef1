/**
 * 10,000 watched names are 100 batch calls of 100 per round (Easemob REST: 用户体系集成 › 批量获取用户
 * 在线状态): at the default 5-s poll interval, 20 calls/s of the 50/s batch-status budget.
 */
export const subscriptionLimitDefaults = {
    maxWatched: 100,
    perConnection: 10,
    perCaller: 20,
    maxWatchedTotal: 10_000,
};
/** The most `maxWatched` may be set to; the schema refuses longer lists outright. */
export const watchedCeiling = 10_000;
/** Counts active subscriptions per connection and per caller; a release frees the slots. */
export class SubscriptionSlots {
    limits;
    byConnection = new Map();
    byCaller = new Map();
    constructor(limits) {
        this.limits = limits;
    }
    admit(request) {
        const { limits } = this;
        if (request.watched > limits.maxWatched) {
            return refuse('watched', limits.maxWatched, `a subscription may watch at most ${limits.maxWatched} users`);
        }
        const { connection, caller } = request;
        if (connection && (this.byConnection.get(connection) ?? 0) >= limits.perConnection) {
            return refuse('connection', limits.perConnection, `at most ${limits.perConnection} subscriptions per connection; complete one first`);
        }
        if ((this.byCaller.get(caller) ?? 0) >= limits.perCaller) {
            return refuse('caller', limits.perCaller, `at most ${limits.perCaller} subscriptions per caller; complete one first`);
        }
        if (request.watchedTotal + request.added > limits.maxWatchedTotal) {
            return refuse('total', limits.maxWatchedTotal, `this server already watches ${request.watchedTotal} users for subscriptions, at most ${limits.maxWatchedTotal}; try again later`);
        }
        if (connection)
            bump(this.byConnection, connection, 1);
        bump(this.byCaller, caller, 1);
        let released = false;
        return {
            admitted: true,
            release: () => {
                if (released)
                    return;
                released = true;
                if (connection)
                    bump(this.byConnection, connection, -1);
                bump(this.byCaller, caller, -1);
            },
        };
    }
    /** Active subscriptions of `caller`; tests and metrics read it. */
    activeFor(caller) {
        return this.byCaller.get(caller) ?? 0;
    }
}
function refuse(limit, max, message) {
    return { admitted: false, limit, max, message };
}
function bump(counts, key, by) {
    const next = (counts.get(key) ?? 0) + by;
    if (next > 0)
        counts.set(key, next);
    else
        counts.delete(key);
}
//# sourceMappingURL=subscription-limits.js.map