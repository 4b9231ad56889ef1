/**
 * What viewers (end users' JWTs) may do that the admin credentials behind this server could do
 * for anyone: Easemob's REST API sends as any `from`, to any target, with any body, and writes any
 * user's contact list (Easemob「REST API 开发指南 › 发送消息」, 「用户体系集成 › 添加好友」). Admins
 * keep every power; these rules narrow what a frontend's token can reach.
 */
export const defaultViewerPolicy = {
    sendTargetTypes: ['users'],
    sendMaxTargets: 20,
    sendsPerMinute: 60,
    contacts: 'self-service',
};
/** Easemob's ext keys with a meaning of their own (push behaviour: `em_force_notification`…). */
export const isReservedExtKey = (key) => /^em_/i.test(key);
/**
 * Deliveries per caller in a rolling window, in this process's memory: with several instances
 * each counts its own, so a viewer whose requests are spread over N instances can send up to N
 * times the bound.
 */
export class SendQuota {
    perWindow;
    windowMs;
    now;
    log = new Map();
    lastSweep;
    constructor(perWindow, windowMs = 60_000, now = Date.now) {
        this.perWindow = perWindow;
        this.windowMs = windowMs;
        this.now = now;
        this.lastSweep = now();
    }
    /** Takes `n` deliveries for `caller`, or says when enough of its window will have passed. */
    take(caller, n) {
        const now = this.now();
        this.sweep(now);
        const since = now - this.windowMs;
        const entries = (this.log.get(caller) ?? []).filter((e) => e.at > since);
        let used = entries.reduce((sum, e) => sum + e.n, 0);
        if (used + n > this.perWindow) {
            // The oldest entries leave the window first: wait until enough of them have.
            let retryAt = now + this.windowMs;
            for (const entry of entries) {
                used -= entry.n;
                if (used + n <= this.perWindow) {
                    retryAt = entry.at + this.windowMs;
                    break;
                }
            }
            this.log.set(caller, entries);
            return { admitted: false, retryAfterMs: Math.max(1, retryAt - now) };
        }
        entries.push({ at: now, n });
        this.log.set(caller, entries);
        return { admitted: true };
    }
    /** Once a window, forgets callers with nothing left in theirs: memory follows active callers. */
    sweep(now) {
        if (now - this.lastSweep < this.windowMs)
            return;
        this.lastSweep = now;
        for (const [caller, entries] of this.log) {
            if (entries.every((e) => e.at <= now - this.windowMs))
                this.log.delete(caller);
        }
    }
    /** Callers remembered (for tests of the memory bound). */
    get size() {
        return this.log.size;
    }
}
//# sourceMappingURL=viewer-policy.js.map