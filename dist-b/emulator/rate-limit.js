import { endpoints } from '../easemob/endpoints.js';
/**
 * Easemob's documented defaults (Easemob「接口限流说明」, its 接口调用频率限制 table): 100 calls a
 * second per app across the data endpoints; 50 a second for batch status, blocks and presence;
 * chat-history export 10 a minute; token requests 300 a second on their own, outside the 100.
 */
const easemobTokenRule = { limit: 300, windowMs: 1000 };
const easemobBuckets = {
    batchStatus: { limit: 50, windowMs: 1000 },
    blocks: { limit: 50, windowMs: 1000 },
    presence: { limit: 50, windowMs: 1000 },
    chatHistory: { limit: 10, windowMs: 60_000 },
};
/** An exact sliding window: the last `limit` admission times in a ring. */
class Window {
    rule;
    times;
    next = 0;
    constructor(rule) {
        this.rule = rule;
        this.times = new Array(rule.limit).fill(Number.NEGATIVE_INFINITY);
    }
    /** True when one more call now stays within the limit. */
    hasRoom(now) {
        if (this.rule.limit <= 0)
            return false;
        return now - this.times[this.next] >= this.rule.windowMs;
    }
    admit(now) {
        this.times[this.next] = now;
        this.next = (this.next + 1) % this.times.length;
    }
}
export class RateLimiter {
    now;
    byEndpoint = new Map();
    constructor(option, now = () => Date.now()) {
        this.now = now;
        if (option === false)
            return;
        const rules = option === 'easemob' ? { app: { limit: 100, windowMs: 1000 } } : option;
        const app = rules.app && new Window(rules.app);
        const buckets = new Map();
        if (option === 'easemob') {
            for (const [bucket, rule] of Object.entries(easemobBuckets)) {
                buckets.set(bucket, new Window(rule));
            }
        }
        for (const [name, spec] of Object.entries(endpoints)) {
            const windows = [];
            if (option === 'easemob' && name === 'token') {
                this.byEndpoint.set(name, [new Window(easemobTokenRule)]);
                continue;
            }
            if (app)
                windows.push(app);
            const bucket = spec.bucket && buckets.get(spec.bucket);
            if (bucket)
                windows.push(bucket);
            const own = option === 'easemob' ? undefined : option[name];
            if (own)
                windows.push(new Window(own));
            if (windows.length > 0)
                this.byEndpoint.set(name, windows);
        }
    }
    /** Admits the call if every window it belongs to has room; a refused call consumes nothing. */
    allow(endpoint) {
        const windows = this.byEndpoint.get(endpoint);
        if (!windows)
            return true;
        const now = this.now();
        for (const window of windows)
            if (!window.hasRoom(now))
                return false;
        for (const window of windows)
            window.admit(now);
        return true;
    }
}
//# sourceMappingURL=rate-limit.js.map