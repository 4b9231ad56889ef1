/**
 * Caches the app token and shares it. Easemob「用户体系集成 › 获取管理员权限token」 warns that
 * requesting tokens too often gets the account banned, so: at most one token request in flight,
 * concurrent callers wait for it, a token is refreshed in the background once 80% of its life has
 * passed (callers keep using the old one meanwhile) and dropped a margin before it expires
 * ({@link tokenSchedule}), and after a failed request callers get that failure again for a short
 * cool-down instead of sending another.
 *
 * With a {@link SharedTokenStore} (Redis), the whole fleet shares one token: an instance that needs
 * one takes it from the store, and only the instance holding the store's lock asks Easemob.
 */

export interface IssuedToken {
  accessToken: string;
  /** Seconds; Easemob answers 0 for "never expires" when the app is set up that way. */
  expiresInSeconds: number;
}

/** A token with the times it must be refreshed by (ms since the epoch). */
export interface HeldToken {
  token: string;
  /** From here on a background refresh is due. */
  staleAt: number;
  /** From here on the token is not used: callers wait for a new one. */
  expiresAt: number;
}

export interface SharedTokenStore {
  read(): Promise<HeldToken | undefined>;
  write(token: HeldToken): Promise<void>;
  /** True when this instance now holds the fleet-wide refresh lock (it expires on its own). */
  lock(): Promise<boolean>;
  unlock(): Promise<void>;
  /** Removes `token` if it is still the stored one. */
  discard(token: string): Promise<void>;
}

export interface TokenCacheOptions {
  /** Share of the lifetime after which a background refresh starts. */
  refreshAt: number;
  /** Lifetime used when Easemob says 0 (no expiry): refresh anyway now and then. */
  unboundedLifetimeMs: number;
  /** After a failed token request, fail fast for this long. */
  failureCooldownMs: number;
  /** How long an instance waits for another one's token before giving up. */
  sharedWaitMs: number;
  now: () => number;
  shared?: SharedTokenStore;
}

const defaults: TokenCacheOptions = {
  refreshAt: 0.8,
  unboundedLifetimeMs: 24 * 3600_000,
  failureCooldownMs: 1_000,
  sharedWaitMs: 15_000,
  now: Date.now,
};

/** Never hand out a token with less life left than this, unless its life is too short (below). */
const minimumMarginMs = 2_000;

/**
 * When a token issued at `started` (ms) with `lifetimeMs` of life is refreshed and stops being used.
 *
 * The margin covers clock skew and the time a request spends between taking the token and Easemob
 * checking it — on a loaded machine that is event-loop lag, not network, and can pass a second.
 * A tenth of the lifetime (at most a minute) suits ordinary tokens, but a 3-s token got only 300 ms
 * and a call under load arrived with it expired (one 401 in test/admission/short-tokens-under-load).
 * So the margin is at least {@link minimumMarginMs}; yet never more than a third of the lifetime, so
 * that a very short token is still used for two thirds of its life instead of being refetched for
 * every call (Easemob bans accounts that ask for tokens too often).
 *
 * The background refresh is due at `refreshAt` of the lifetime, or — when a large margin leaves the
 * token unusable before then — at `refreshAt` of its usable part, so callers keep the old token
 * while the new one is fetched instead of all waiting for it.
 */
export function tokenSchedule(
  started: number,
  lifetimeMs: number,
  refreshAt: number,
): { staleAt: number; expiresAt: number } {
  const margin = Math.min(Math.max(lifetimeMs * 0.1, minimumMarginMs), lifetimeMs / 3, 60_000);
  const usable = lifetimeMs - margin;
  const refreshAfter =
    lifetimeMs * refreshAt <= usable ? lifetimeMs * refreshAt : usable * refreshAt;
  return { staleAt: started + refreshAfter, expiresAt: started + usable };
}

export class TokenCache {
  private cached: HeldToken | undefined;
  private inflight: Promise<string> | undefined;
  private lastFailure: { error: unknown; at: number } | undefined;
  private readonly options: TokenCacheOptions;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    options: Partial<TokenCacheOptions> = {},
    private readonly onBackgroundError: (error: unknown) => void = () => {},
  ) {
    this.options = { ...defaults, ...options };
  }

  async get(): Promise<string> {
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
  async invalidate(token: string): Promise<void> {
    if (this.cached?.token === token) this.cached = undefined;
    await this.options.shared?.discard(token);
  }

  private refresh(): Promise<string> {
    if (this.inflight) return this.inflight;
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
      .catch((error: unknown) => {
        this.lastFailure = { error, at: this.options.now() };
        throw error;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  private async issueHeld(): Promise<HeldToken> {
    const started = this.options.now();
    const issued = await this.issue();
    const lifetime =
      issued.expiresInSeconds > 0
        ? issued.expiresInSeconds * 1000
        : this.options.unboundedLifetimeMs;
    return {
      token: issued.accessToken,
      ...tokenSchedule(started, lifetime, this.options.refreshAt),
    };
  }

  /** A fresh token from the store, or from Easemob by whichever instance holds the lock. */
  private async fromFleet(shared: SharedTokenStore): Promise<HeldToken> {
    const now = this.options.now;
    const usable = (held: HeldToken | undefined) => held !== undefined && now() < held.expiresAt;
    const fresh = (held: HeldToken | undefined) => held !== undefined && now() < held.staleAt;
    const seen = await shared.read();
    // Someone else's newer token, or ours while nobody has refreshed it yet.
    if (fresh(seen) || (usable(seen) && seen!.token !== this.cached?.token)) return seen!;
    const deadline = now() + this.options.sharedWaitMs;
    for (;;) {
      if (await shared.lock()) {
        try {
          const again = await shared.read();
          if (fresh(again)) return again!;
          const held = await this.issueHeld();
          await shared.write(held);
          return held;
        } finally {
          await shared.unlock();
        }
      }
      // Another instance is asking Easemob: its token will appear in the store.
      await new Promise((resolve) => setTimeout(resolve, 25));
      const appeared = await shared.read();
      if (fresh(appeared)) return appeared!;
      if (now() > deadline) {
        if (usable(appeared)) return appeared!;
        throw new Error('timed out waiting for another instance to fetch the Easemob app token');
      }
    }
  }
}
