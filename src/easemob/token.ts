/**
 * Caches the app token and shares it. Seed 004 warns that requesting tokens too often gets the
 * account banned, so: at most one token request in flight, concurrent callers wait for it, a token
 * is refreshed in the background once 80% of its life has passed (callers keep using the old one
 * meanwhile), and after a failed request callers get that failure again for a short cool-down
 * instead of sending another.
 */

export interface IssuedToken {
  accessToken: string;
  /** Seconds; Easemob answers 0 for "never expires" when the app is set up that way. */
  expiresInSeconds: number;
}

export interface TokenCacheOptions {
  /** Share of the lifetime after which a background refresh starts. */
  refreshAt: number;
  /** Lifetime used when Easemob says 0 (no expiry): refresh anyway now and then. */
  unboundedLifetimeMs: number;
  /** After a failed token request, fail fast for this long. */
  failureCooldownMs: number;
  now: () => number;
}

const defaults: TokenCacheOptions = {
  refreshAt: 0.8,
  unboundedLifetimeMs: 24 * 3600_000,
  failureCooldownMs: 1_000,
  now: Date.now,
};

interface Cached {
  token: string;
  /** From here on a background refresh is due. */
  staleAt: number;
  /** From here on the token is not used: callers wait for a new one. */
  expiresAt: number;
}

export class TokenCache {
  private cached: Cached | undefined;
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
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  /** The token currently cached, if any (for tests and diagnostics; never logged). */
  peek(): string | undefined {
    return this.cached?.token;
  }

  private refresh(): Promise<string> {
    if (this.inflight) return this.inflight;
    const failure = this.lastFailure;
    if (failure && this.options.now() - failure.at < this.options.failureCooldownMs) {
      return Promise.reject(failure.error);
    }
    const started = this.options.now();
    this.inflight = this.issue()
      .then((issued) => {
        const lifetime =
          issued.expiresInSeconds > 0
            ? issued.expiresInSeconds * 1000
            : this.options.unboundedLifetimeMs;
        // The margin covers clock skew and the time a request spends in flight.
        const margin = Math.min(lifetime * 0.1, 60_000);
        this.cached = {
          token: issued.accessToken,
          staleAt: started + lifetime * this.options.refreshAt,
          expiresAt: started + lifetime - margin,
        };
        this.lastFailure = undefined;
        return issued.accessToken;
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
}
