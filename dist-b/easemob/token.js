/**
 * Caches the app token and shares it. Easemob「用户体系集成 › 获取管理员权限token」 warns that
 * requesting tokens too often gets the account banned, so: at most one token request in flight,
 * concurrent callers wait for it, a token is refreshed in the background once 80% of its life has
 * passed (callers keep using the old one meanwhile), and after a failed request callers get that
 * failure again for a short cool-down instead of sending another.
 *
 * With a {@link SharedTokenStore} (Redis), the whole fleet shares one token: an instance that needs
 * one takes it from the store, and only the instance holding the store's lock asks Easemob.
 */
const defaults = {
    refreshAt: 0.8,
    unboundedLifetimeMs: 24 * 3600_000,
    failureCooldownMs: 1_000,
    sharedWaitMs: 15_000,
    now: Date.now,
};
export class TokenCache {
    issue;
    onBackgroundError;
    cached;
    inflight;
    lastFailure;
    options;
    constructor(issue, options = {}, onBackgroundError = () => { }) {
        this.issue = issue;
        this.onBackgroundError = onBackgroundError;
        this.options = { ...defaults, ...options };
    }
    async get() {
        const now = this.options.now();
        const cached = this.cached;
        if (cached && now < cached.expiresAt) {
            if (now >= cached.staleAt && !this.inflight) {
                this.refresh().catch(this.onBackgroundError);
            }
            return cached.token;
        }
        return this.refresh();
    }
    /** Drops `token` if it is still the cached one (Easemob rejected it); later callers get a new one. */
    async invalidate(token) {
        if (this.cached?.token === token)
            this.cached = undefined;
        await this.options.shared?.discard(token);
    }
    refresh() {
        if (this.inflight)
            return this.inflight;
        const failure = this.lastFailure;
        if (failure && this.options.now() - failure.at < this.options.failureCooldownMs) {
            return Promise.reject(failure.error);
        }
        const shared = this.options.shared;
        this.inflight = (shared ? this.fromFleet(shared) : this.issueHeld())
            .then((held) => {
            this.cached = held;
            this.lastFailure = undefined;
            return held.token;
        })
            .catch((error) => {
            this.lastFailure = { error, at: this.options.now() };
            throw error;
        })
            .finally(() => {
            this.inflight = undefined;
        });
        return this.inflight;
    }
    async issueHeld() {
        const started = this.options.now();
        const issued = await this.issue();
        const lifetime = issued.expiresInSeconds > 0
            ? issued.expiresInSeconds * 1000
            : this.options.unboundedLifetimeMs;
        // The margin covers clock skew and the time a request spends in flight.
        const margin = Math.min(lifetime * 0.1, 60_000);
        return {
            token: issued.accessToken,
            staleAt: started + lifetime * this.options.refreshAt,
            expiresAt: started + lifetime - margin,
        };
    }
    /** A fresh token from the store, or from Easemob by whichever instance holds the lock. */
    async fromFleet(shared) {
        const now = this.options.now;
        const usable = (held) => held !== undefined && now() < held.expiresAt;
        const fresh = (held) => held !== undefined && now() < held.staleAt;
        const seen = await shared.read();
        // Someone else's newer token, or ours while nobody has refreshed it yet.
        if (fresh(seen) || (usable(seen) && seen.token !== this.cached?.token))
            return seen;
        const deadline = now() + this.options.sharedWaitMs;
        for (;;) {
            if (await shared.lock()) {
                try {
                    const again = await shared.read();
                    if (fresh(again))
                        return again;
                    const held = await this.issueHeld();
                    await shared.write(held);
                    return held;
                }
                finally {
                    await shared.unlock();
                }
            }
            // Another instance is asking Easemob: its token will appear in the store.
            await new Promise((resolve) => setTimeout(resolve, 25));
            const appeared = await shared.read();
            if (fresh(appeared))
                return appeared;
            if (now() > deadline) {
                if (usable(appeared))
                    return appeared;
                throw new Error('timed out waiting for another instance to fetch the Easemob app token');
            }
        }
    }
}
//# sourceMappingURL=token.js.map