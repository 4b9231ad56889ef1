import { setTimeout as sleepFor } from 'node:timers/promises';
export const defaultLoginThrottle = {
    maxFailures: 5,
    windowMs: 15 * 60_000,
    lockoutMs: 15 * 60_000,
    slowAfter: 2,
    delayMs: 500,
    maxEntries: 100_000,
};
/** The username is locked out (or has as many attempts in flight as it may fail). */
export class LoginRefused extends Error {
    retryAfterMs;
    name = 'LoginRefused';
    constructor(retryAfterMs) {
        super('too many failed attempts');
        this.retryAfterMs = retryAfterMs;
    }
}
export class LoginThrottle {
    options;
    entries = new Map();
    constructor(options = {}) {
        this.options = {
            ...defaultLoginThrottle,
            now: () => Date.now(),
            sleep: (ms, signal) => sleepFor(ms, undefined, { signal }),
            ...options,
        };
    }
    /**
     * Refuses at once (LoginRefused) while the username is locked out, or when its attempts in
     * flight could already reach the limit; otherwise waits the slow-down delay and returns.
     */
    async begin(username, signal) {
        const { maxFailures, slowAfter, delayMs } = this.options;
        const key = username.toLowerCase();
        const entry = this.current(key);
        const now = this.options.now();
        if (entry.lockedUntil > now)
            throw new LoginRefused(entry.lockedUntil - now);
        // Concurrent guesses count as failures until they are known not to be.
        if (entry.failures + entry.inFlight >= maxFailures)
            throw new LoginRefused(delayMs);
        entry.inFlight++;
        const pending = entry.failures + entry.inFlight - 1;
        const delay = pending >= slowAfter ? delayMs * 2 ** (pending - slowAfter) : 0;
        try {
            if (delay > 0)
                await this.options.sleep(delay, signal);
        }
        catch (error) {
            this.settle(key, entry, 'abandoned');
            throw error;
        }
        let done = false;
        const end = (how) => () => {
            if (done)
                return;
            done = true;
            this.settle(key, entry, how);
        };
        return { succeeded: end('succeeded'), failed: end('failed'), abandoned: end('abandoned') };
    }
    /** Usernames tracked now (for tests and metrics). */
    get size() {
        return this.entries.size;
    }
    current(key) {
        const now = this.options.now();
        let entry = this.entries.get(key);
        if (entry) {
            const lockOver = entry.lockedUntil !== 0 && entry.lockedUntil <= now;
            const windowOver = entry.failures > 0 && now - entry.firstFailureAt >= this.options.windowMs;
            if ((lockOver || windowOver) && entry.lockedUntil <= now) {
                entry.failures = 0;
                entry.lockedUntil = 0;
            }
            return entry;
        }
        if (this.entries.size >= this.options.maxEntries) {
            const oldest = this.entries.keys().next().value;
            if (oldest !== undefined)
                this.entries.delete(oldest);
        }
        entry = { failures: 0, firstFailureAt: 0, lockedUntil: 0, inFlight: 0 };
        this.entries.set(key, entry);
        return entry;
    }
    settle(key, entry, how) {
        entry.inFlight--;
        if (how === 'succeeded') {
            entry.failures = 0;
            entry.lockedUntil = 0;
        }
        else if (how === 'failed') {
            const now = this.options.now();
            if (entry.failures === 0)
                entry.firstFailureAt = now;
            entry.failures++;
            if (entry.failures >= this.options.maxFailures) {
                entry.lockedUntil = now + this.options.lockoutMs;
            }
        }
        if (entry.failures === 0 && entry.inFlight === 0 && this.entries.get(key) === entry) {
            this.entries.delete(key);
        }
    }
}
//# sourceMappingURL=login-throttle.js.map