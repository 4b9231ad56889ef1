import { setTimeout as sleepFor } from 'node:timers/promises';

/**
 * Password guessing through `issueUserToken`, limited per username (whoever asks, whether or not
 * the user exists, so the limit tells nothing either): after `slowAfter` failures within
 * `windowMs` each further attempt first waits, doubling from `delayMs`; at `maxFailures` the
 * username is refused for `lockoutMs`. A success forgets its failures.
 *
 * In memory, per process: behind N instances a username gets N × `maxFailures` tries per window
 * (still bounded by Easemob's own limit on token requests).
 */
export interface LoginThrottleOptions {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
  slowAfter: number;
  delayMs: number;
  /** Usernames tracked at most; the oldest entry goes first. */
  maxEntries: number;
  now: () => number;
  /** Waits `ms`, or rejects when `signal` aborts (tests pass one that records instead). */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const defaultLoginThrottle: Omit<LoginThrottleOptions, 'now' | 'sleep'> = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
  slowAfter: 2,
  delayMs: 500,
  maxEntries: 100_000,
};

/** The username is locked out (or has as many attempts in flight as it may fail). */
export class LoginRefused extends Error {
  override name = 'LoginRefused';
  constructor(readonly retryAfterMs: number) {
    super('too many failed attempts');
  }
}

/** One attempt begun: say how it ended, exactly once. */
export interface LoginAttempt {
  /** The credentials were right: the username's failures are forgotten. */
  succeeded(): void;
  /** The credentials were wrong (or the user does not exist). */
  failed(): void;
  /** It ended without a verdict on the credentials (Easemob unavailable, the caller gone). */
  abandoned(): void;
}

interface Entry {
  failures: number;
  firstFailureAt: number;
  lockedUntil: number;
  inFlight: number;
}

export class LoginThrottle {
  private readonly options: LoginThrottleOptions;
  private readonly entries = new Map<string, Entry>();

  constructor(options: Partial<LoginThrottleOptions> = {}) {
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
  async begin(username: string, signal?: AbortSignal): Promise<LoginAttempt> {
    const { maxFailures, slowAfter, delayMs } = this.options;
    const key = username.toLowerCase();
    const entry = this.current(key);
    const now = this.options.now();
    if (entry.lockedUntil > now) throw new LoginRefused(entry.lockedUntil - now);
    // Concurrent guesses count as failures until they are known not to be.
    if (entry.failures + entry.inFlight >= maxFailures) throw new LoginRefused(delayMs);
    entry.inFlight++;
    const pending = entry.failures + entry.inFlight - 1;
    const delay = pending >= slowAfter ? delayMs * 2 ** (pending - slowAfter) : 0;
    try {
      if (delay > 0) await this.options.sleep(delay, signal);
    } catch (error) {
      this.settle(key, entry, 'abandoned');
      throw error;
    }
    let done = false;
    const end = (how: keyof LoginAttempt) => () => {
      if (done) return;
      done = true;
      this.settle(key, entry, how);
    };
    return { succeeded: end('succeeded'), failed: end('failed'), abandoned: end('abandoned') };
  }

  /** Usernames tracked now (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  private current(key: string): Entry {
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
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    entry = { failures: 0, firstFailureAt: 0, lockedUntil: 0, inFlight: 0 };
    this.entries.set(key, entry);
    return entry;
  }

  private settle(key: string, entry: Entry, how: keyof LoginAttempt): void {
    entry.inFlight--;
    if (how === 'succeeded') {
      entry.failures = 0;
      entry.lockedUntil = 0;
    } else if (how === 'failed') {
      const now = this.options.now();
      if (entry.failures === 0) entry.firstFailureAt = now;
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
