/**
 * Admission control: who gets the next call of Easemob's budget, how long anyone may wait for one,
 * and who is told at once to come back later.
 *
 * Easemob allows so many calls per second per app (Easemob REST: 接口限流说明, the 接口调用频率限制
 * table), and a queue without a deadline is an outage in disguise: callers that gave up would
 * still spend the budget long after they left. So every call waiting for budget carries
 * - its caller (a JWT subject, an API key…) and a weight: waiting calls are served deficit
 *   round-robin across callers, so one caller's flood cannot push another's calls past the bound;
 * - a bound on the wait: a call whose estimated wait already exceeds it is refused at once, and one
 *   still waiting when it passes is refused then; either way nothing was sent;
 * - its request's abort signal (the caller disconnected or the request's deadline passed): it
 *   leaves the queue and no call is made.
 *
 * The per-call context is read at call time from {@link CallScope} (the app passes
 * `scope: () => requestScope.getStore()`), so no resource method carries it.
 */
export class AdmissionRefused extends Error {
    reason;
    retryAfterMs;
    signalReason;
    name = 'AdmissionRefused';
    constructor(reason, 
    /** When a call of this caller would likely be admitted, from now (0 for `aborted`). */
    retryAfterMs, message, signalReason) {
        super(message);
        this.reason = reason;
        this.retryAfterMs = retryAfterMs;
        this.signalReason = signalReason;
    }
}
/**
 * When the `position`-th next call (0: the next one) may go, given the times of the calls admitted
 * in the current window (ascending), so no rolling window of `windowMs` holds more than `limit`.
 * Assumes the queue stays full: admissions repeat every window, in the same order.
 */
export function nextGrantAt(recent, limit, windowMs, now, position) {
    const inWindow = recent.filter((at) => at > now - windowMs).slice(-limit);
    // Free slots count as admitted one window ago: they are available now.
    const free = limit - inWindow.length;
    const slot = position % limit;
    const base = slot < free ? now - windowMs : inWindow[slot - free];
    return Math.max(now, base + windowMs * (Math.floor(position / limit) + 1));
}
/**
 * How many waiting calls a new call of a caller with `own` waiting calls and `weight` would wait
 * for under deficit round-robin: its own earlier calls, and each other caller's share of the rounds
 * until its turn (at most what that caller has waiting).
 */
export function fairPosition(own, others) {
    const rounds = Math.floor(own.waiting / own.weight) + 1;
    let ahead = own.waiting;
    for (const other of others)
        ahead += Math.min(other.waiting, Math.ceil(rounds * other.weight));
    return ahead;
}
/**
 * Deficit round-robin over callers: each turn a caller gets `weight` more credit and is served
 * while it has a whole one, so callers share in proportion to their weights whatever they queue.
 */
export class DeficitRoundRobin {
    lanes = new Map();
    ring = [];
    cursor = 0;
    size = 0;
    push(caller, weight, item) {
        let lane = this.lanes.get(caller);
        if (!lane) {
            lane = { caller, weight, deficit: 0, items: [] };
            this.lanes.set(caller, lane);
            this.ring.push(lane);
        }
        lane.weight = weight;
        lane.items.push(item);
        this.size++;
    }
    /** Takes `item` out of the queue (it gave up); false when it was not waiting. */
    remove(caller, item) {
        const lane = this.lanes.get(caller);
        const index = lane ? lane.items.indexOf(item) : -1;
        if (!lane || index < 0)
            return false;
        lane.items.splice(index, 1);
        this.size--;
        if (lane.items.length === 0)
            this.drop(lane);
        return true;
    }
    next() {
        while (this.ring.length > 0) {
            if (this.cursor >= this.ring.length)
                this.cursor = 0;
            const lane = this.ring[this.cursor];
            if (lane.deficit < 1) {
                lane.deficit += lane.weight;
                if (lane.deficit < 1) {
                    this.cursor++;
                    continue;
                }
            }
            lane.deficit -= 1;
            const item = lane.items.shift();
            this.size--;
            if (lane.items.length === 0)
                this.drop(lane);
            else if (lane.deficit < 1)
                this.cursor++;
            return item;
        }
        return undefined;
    }
    /** Where a new item of `caller` would stand, as {@link fairPosition} estimates it. */
    positionOf(caller, weight) {
        const others = this.ring
            .filter((lane) => lane.caller !== caller)
            .map((lane) => ({ waiting: lane.items.length, weight: lane.weight }));
        return fairPosition({ waiting: this.lanes.get(caller)?.items.length ?? 0, weight }, others);
    }
    /** The newest item of the caller holding the most per unit of weight, unless that is `caller`. */
    longestOtherThan(caller, weight) {
        const ownShare = ((this.lanes.get(caller)?.items.length ?? 0) + 1) / weight;
        let longest;
        for (const lane of this.ring) {
            if (lane.caller === caller)
                continue;
            if (!longest || lane.items.length / lane.weight > longest.items.length / longest.weight) {
                longest = lane;
            }
        }
        if (!longest || longest.items.length / longest.weight <= ownShare)
            return undefined;
        return { caller: longest.caller, item: longest.items.at(-1) };
    }
    drop(lane) {
        const index = this.ring.indexOf(lane);
        this.ring.splice(index, 1);
        if (index < this.cursor)
            this.cursor--;
        this.lanes.delete(lane.caller);
    }
}
/**
 * One rate bucket: no more than `limit` admissions in ANY rolling window (we cannot know how
 * Easemob aligns its windows), the waiting calls served in fair order, each within its bound.
 */
export class FairLimiter {
    options;
    queue = new DeficitRoundRobin();
    recent = [];
    timer;
    dispatching = false;
    now;
    constructor(options) {
        this.options = options;
        this.now = options.now ?? Date.now;
    }
    get waiting() {
        return this.queue.size;
    }
    /** Estimated wait for a new call of `caller`, in ms. */
    estimateMs(caller, weight = 1) {
        const now = this.now();
        const position = this.queue.positionOf(caller, weight);
        const { limit, windowMs } = this.options;
        return nextGrantAt(this.times(), limit, windowMs, now, position) - now;
    }
    /** Resolves when the call may go; rejects with {@link AdmissionRefused} when it may not. */
    acquire(scope, maxWaitMs = this.options.maxWaitMs) {
        const caller = scope?.caller ?? '';
        const weight = weightOf(scope?.weight);
        const signal = scope?.signal;
        if (signal?.aborted)
            return Promise.reject(aborted(signal));
        const { shared, name, maxQueued } = this.options;
        const estimate = this.estimateMs(caller, weight);
        if (!shared && estimate <= 0 && this.queue.size === 0) {
            return Promise.resolve(this.record(this.now()));
        }
        if (estimate > maxWaitMs) {
            return Promise.reject(new AdmissionRefused('wait', estimate, `the ${name} budget is taken for the next ${estimate} ms`));
        }
        if (this.queue.size >= maxQueued) {
            const evicted = this.queue.longestOtherThan(caller, weight);
            if (!evicted) {
                return Promise.reject(new AdmissionRefused('queue_full', estimate, `too many calls waiting for the ${name} budget`));
            }
            this.queue.remove(evicted.caller, evicted.item);
            evicted.item.refuse(new AdmissionRefused('queue_full', this.estimateMs(evicted.caller, evicted.item.weight), `too many calls waiting for the ${name} budget`));
        }
        return new Promise((resolve, reject) => {
            const leave = () => {
                clearTimeout(timeout);
                signal?.removeEventListener('abort', onAbort);
            };
            const waiter = {
                caller,
                weight,
                admit: (slot) => {
                    leave();
                    resolve(slot);
                },
                refuse: (error) => {
                    leave();
                    reject(error);
                },
            };
            const giveUp = (refusal) => {
                if (this.queue.remove(caller, waiter))
                    waiter.refuse(refusal);
            };
            const onAbort = () => giveUp(aborted(signal));
            const timeout = setTimeout(() => giveUp(new AdmissionRefused('wait', Math.max(1, this.estimateMs(caller, weight)), `waited ${maxWaitMs} ms for the ${name} budget`)), maxWaitMs);
            signal?.addEventListener('abort', onAbort, { once: true });
            this.queue.push(caller, weight, waiter);
            this.pump();
        });
    }
    /** Stops the timer (the client is closing); waiting calls are refused. */
    close() {
        clearTimeout(this.timer);
        for (let waiter = this.queue.next(); waiter; waiter = this.queue.next()) {
            waiter.refuse(new AdmissionRefused('aborted', 0, 'the client is closing'));
        }
    }
    pump() {
        if (this.options.shared) {
            void this.dispatchShared(this.options.shared);
            return;
        }
        if (this.timer)
            return;
        const { limit, windowMs } = this.options;
        while (this.queue.size > 0) {
            const now = this.now();
            const at = nextGrantAt(this.times(), limit, windowMs, now, 0);
            if (at > now) {
                this.timer = setTimeout(() => {
                    this.timer = undefined;
                    this.pump();
                }, at - now);
                return;
            }
            this.queue.next().admit(this.record(now));
        }
    }
    /** One dispatcher per bucket: takes the fleet's next slot, gives it to the next fair waiter. */
    async dispatchShared(shared) {
        if (this.dispatching)
            return;
        this.dispatching = true;
        try {
            while (this.queue.size > 0) {
                const { name, limit, windowMs } = this.options;
                await shared.acquire(name, limit, windowMs);
                const slot = this.record(this.now());
                // Waiters that left meanwhile: the slot is spent unused, never over budget.
                this.queue.next()?.admit(slot);
            }
        }
        catch (error) {
            // The fleet's limiter (Redis) failed: its waiters get that failure, as before fairness.
            for (let waiter = this.queue.next(); waiter; waiter = this.queue.next())
                waiter.refuse(error);
        }
        finally {
            this.dispatching = false;
        }
    }
    record(at) {
        const { limit, windowMs } = this.options;
        const admission = { at, sent: false };
        this.recent.push(admission);
        if (this.recent.length > limit * 2) {
            // Calls admitted but not sent yet stay: they will land in a window still to come.
            this.recent = this.recent.filter((a) => !a.sent || a.at > at - windowMs).slice(-2 * limit);
        }
        return {
            sent: () => {
                if (admission.sent)
                    return;
                admission.sent = true;
                const now = this.now();
                if (now <= admission.at)
                    return;
                admission.at = now;
                // A later send time can only make the next grant later: re-arm the timer from it.
                if (this.timer) {
                    clearTimeout(this.timer);
                    this.timer = undefined;
                    this.pump();
                }
            },
        };
    }
    /** The admissions' times, ascending, as `nextGrantAt` takes them. */
    times() {
        return this.recent.map((a) => a.at).sort((a, b) => a - b);
    }
}
function weightOf(weight) {
    return weight !== undefined && Number.isFinite(weight) && weight > 0 ? weight : 1;
}
function aborted(signal) {
    return new AdmissionRefused('aborted', 0, 'the request was aborted', signal.reason);
}
//# sourceMappingURL=admission.js.map