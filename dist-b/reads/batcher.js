import { untilAborted } from '../easemob/abortable.js';
export class SharedBatcher {
    options;
    pending = new Map();
    dispatched = new Map();
    inFlight = 0;
    scheduled = false;
    timer;
    lastSent = Number.NEGATIVE_INFINITY;
    /** Batch calls made and keys they carried (metrics: names per call). */
    calls = 0;
    keysSent = 0;
    /** Keys a reader found pending or in flight already. */
    joined = 0;
    constructor(options) {
        this.options = options;
    }
    /** Resolves with each key's value; rejects with the batch's error, or `signal`'s reason. */
    load(keys, signal) {
        const gaveUp = (given) => this.options.gaveUp?.(given) ?? given.reason;
        if (signal?.aborted)
            return Promise.reject(gaveUp(signal));
        const entries = keys.map((key) => this.entryFor(key));
        const all = Promise.all(entries.map((entry) => entry.promise)).then((values) => new Map(keys.map((key, i) => [key, values[i]])));
        this.schedule();
        if (!signal) {
            for (const entry of entries)
                entry.readers = Infinity;
            return all;
        }
        for (const entry of entries)
            entry.readers++;
        // Keys nobody waits for any more are not sent; a batch already out is not recalled.
        return untilAborted(all, signal, () => {
            for (const entry of entries)
                entry.readers--;
            return gaveUp(signal);
        });
    }
    entryFor(key) {
        const existing = this.pending.get(key) ?? this.dispatched.get(key);
        if (existing) {
            this.joined++;
            return existing;
        }
        let settle;
        const promise = new Promise((resolve, reject) => {
            settle = { resolve, reject };
        });
        // Every reader attaches its own handlers; this one keeps an abandoned entry from being unhandled.
        promise.catch(() => { });
        const entry = { promise, settle, readers: 0 };
        this.pending.set(key, entry);
        return entry;
    }
    schedule() {
        if (this.scheduled)
            return;
        this.scheduled = true;
        setImmediate(() => {
            this.scheduled = false;
            this.flush();
        });
    }
    flush() {
        while (this.inFlight < this.options.maxInFlight && this.pending.size > 0) {
            const wait = this.lastSent + this.options.minGapMs - performance.now();
            if (this.pending.size < this.options.maxBatch && wait > 0) {
                this.timer ??= setTimeout(() => {
                    this.timer = undefined;
                    this.flush();
                }, wait);
                return;
            }
            const batch = [];
            for (const [key, entry] of this.pending) {
                this.pending.delete(key);
                if (entry.readers <= 0) {
                    entry.settle.reject(new Error('abandoned'));
                    continue;
                }
                batch.push([key, entry]);
                if (batch.length === this.options.maxBatch)
                    break;
            }
            if (batch.length > 0)
                this.send(batch);
        }
    }
    send(batch) {
        this.inFlight++;
        this.lastSent = performance.now();
        this.calls++;
        this.keysSent += batch.length;
        for (const [key, entry] of batch)
            this.dispatched.set(key, entry);
        const keys = batch.map(([key]) => key);
        const controller = new AbortController();
        this.options
            .read(keys, controller.signal)
            .then(({ values, version }) => {
            const current = new Map();
            for (const [key, entry] of batch) {
                const value = values.get(key);
                entry.settle.resolve(value);
                if (value !== undefined && this.dispatched.get(key) === entry)
                    current.set(key, value);
            }
            this.options.remember?.(current, version);
        }, (error) => {
            for (const [, entry] of batch)
                entry.settle.reject(error);
        })
            .finally(() => {
            for (const [key, entry] of batch) {
                if (this.dispatched.get(key) === entry)
                    this.dispatched.delete(key);
            }
            this.inFlight--;
            this.flush();
        });
    }
    /** A write changed `key`: readers from now on must not join a batch that left before it. */
    detach(key) {
        this.dispatched.delete(key);
    }
}
//# sourceMappingURL=batcher.js.map