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

import { DeficitRoundRobin, nextGrantAt } from './fair-schedule.js';

/** Who a call is made for. A plain object, read when the call waits for budget. */
export interface CallScope {
  /** Fair shares are per caller, e.g. `user:alice`, `key:3f2a…`. */
  caller: string;
  /** Share relative to other callers (default 1): 4 gets four calls for every one of a 1. */
  weight?: number;
  /** Aborted when the caller disconnected or its request's deadline passed: no further call. */
  signal?: AbortSignal;
}

/** Why a call was not admitted; nothing was sent. */
export type Refusal = 'wait' | 'queue_full' | 'aborted';

export class AdmissionRefused extends Error {
  override name = 'AdmissionRefused';
  constructor(
    readonly reason: Refusal,
    /** When a call of this caller would likely be admitted, from now (0 for `aborted`). */
    readonly retryAfterMs: number,
    message: string,
    readonly signalReason?: unknown,
  ) {
    super(message);
  }
}

/** No more than `limit` admissions in any rolling `windowMs`. */
export interface WindowRule {
  limit: number;
  windowMs: number;
}

/**
 * Resolves when one more call fits in `limit` per rolling `windowMs` for `name`, fleet-wide, and
 * in `pace` (the same rate over a shorter window) when given.
 */
export interface SharedSlots {
  acquire(name: string, limit: number, windowMs: number, pace?: WindowRule): Promise<void>;
}

export interface FairLimiterOptions {
  name: string;
  limit: number;
  /** Already stretched by the caller's margin. */
  windowMs: number;
  maxWaitMs: number;
  /**
   * At most this many admissions in any `windowMs * burst / limit` too (default `limit`: a whole
   * window's calls may leave at once). See `pacedBurst` in rate-budget.ts for why.
   */
  burst?: number;
  /** Calls waiting at most; beyond, the longest caller's newest call or the newcomer is refused. */
  maxQueued: number;
  /** The fleet's budget: fairness is decided here, the shared limiter says when. */
  shared?: SharedSlots;
  now?: () => number;
}

/**
 * An admitted call's place in its window: it counts as arriving *now* until `done()` (answered,
 * failed, or never made), and from then at that moment. Easemob counts arrivals (Easemob「接口限流说明」),
 * and a call arrives somewhere between leaving and being answered: however late a busy event loop,
 * a queue for connections or the server's own loop lets it arrive, it arrived before its answer,
 * so calls counted so never meet more than the limit in any window of Easemob's.
 */
export interface Slot {
  done(): void;
}

interface Admission {
  /** When it was done; while it is not, it counts as now. */
  at: number;
  /** When it was admitted: what the pacing counts (see `rules`). */
  admitted: number;
  done: boolean;
}

interface Waiter {
  caller: string;
  weight: number;
  admit: (slot: Slot) => void;
  refuse: (error: unknown) => void;
}

/**
 * One rate bucket: no more than `limit` admissions in ANY rolling window (we cannot know how
 * Easemob aligns its windows), the waiting calls served in fair order, each within its bound.
 */
export class FairLimiter {
  private readonly queue = new DeficitRoundRobin<Waiter>();
  private recent: Admission[] = [];
  private timer: NodeJS.Timeout | undefined;
  private dispatching = false;
  private readonly now: () => number;

  /**
   * The window, and the shorter one that paces it (the same rate), when `burst` asks for one. The
   * window counts calls as `Slot` says; the pacing from when they were admitted, as it only
   * spreads the grants: counted from answers, every slow answer would stretch its short window.
   */
  private readonly rules: WindowRule[];

  constructor(private readonly options: FairLimiterOptions) {
    this.now = options.now ?? Date.now;
    const { limit, windowMs, burst = limit } = options;
    this.rules = [{ limit, windowMs }];
    if (burst > 0 && burst < limit) {
      this.rules.push({ limit: burst, windowMs: (windowMs * burst) / limit });
    }
  }

  /** When the `position`-th next call may go under every rule. */
  private grantAt(now: number, position: number): number {
    const [window, pace] = this.rules;
    const at = nextGrantAt(this.times(now), window!.limit, window!.windowMs, now, position);
    if (!pace) return at;
    const admitted = this.recent.map((a) => a.admitted).sort((a, b) => a - b);
    const paced = nextGrantAt(admitted, pace.limit, pace.windowMs, now, position);
    return Math.max(at, paced);
  }

  get waiting(): number {
    return this.queue.size;
  }

  /** Estimated wait for a new call of `caller`, in ms. */
  estimateMs(caller: string, weight = 1): number {
    const now = this.now();
    return this.grantAt(now, this.queue.positionOf(caller, weight)) - now;
  }

  /** Resolves when the call may go; rejects with {@link AdmissionRefused} when it may not. */
  acquire(scope: CallScope | undefined, maxWaitMs = this.options.maxWaitMs): Promise<Slot> {
    const caller = scope?.caller ?? '';
    const weight = weightOf(scope?.weight);
    const signal = scope?.signal;
    if (signal?.aborted) return Promise.reject(aborted(signal));
    const { shared, name, maxQueued } = this.options;
    const estimate = this.estimateMs(caller, weight);
    if (!shared && estimate <= 0 && this.queue.size === 0) {
      return Promise.resolve(this.record(this.now()));
    }
    if (estimate > maxWaitMs) {
      return Promise.reject(
        new AdmissionRefused(
          'wait',
          estimate,
          `the ${name} budget is taken for the next ${estimate} ms`,
        ),
      );
    }
    if (this.queue.size >= maxQueued) {
      const evicted = this.queue.longestOtherThan(caller, weight);
      if (!evicted) {
        return Promise.reject(
          new AdmissionRefused(
            'queue_full',
            estimate,
            `too many calls waiting for the ${name} budget`,
          ),
        );
      }
      this.queue.remove(evicted.caller, evicted.item);
      evicted.item.refuse(
        new AdmissionRefused(
          'queue_full',
          this.estimateMs(evicted.caller, evicted.item.weight),
          `too many calls waiting for the ${name} budget`,
        ),
      );
    }
    return new Promise<Slot>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timeout);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
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
      const giveUp = (refusal: AdmissionRefused) => {
        if (this.queue.remove(caller, waiter)) waiter.refuse(refusal);
      };
      const onAbort = () => giveUp(aborted(signal!));
      const timeout = setTimeout(
        () =>
          giveUp(
            new AdmissionRefused(
              'wait',
              Math.max(1, this.estimateMs(caller, weight)),
              `waited ${maxWaitMs} ms for the ${name} budget`,
            ),
          ),
        maxWaitMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(caller, weight, waiter);
      this.pump();
    });
  }

  /** Stops the timer (the client is closing); waiting calls are refused. */
  close(): void {
    clearTimeout(this.timer);
    for (let waiter = this.queue.next(); waiter; waiter = this.queue.next()) {
      waiter.refuse(new AdmissionRefused('aborted', 0, 'the client is closing'));
    }
  }

  private pump(): void {
    if (this.options.shared) {
      void this.dispatchShared(this.options.shared);
      return;
    }
    if (this.timer) return;
    while (this.queue.size > 0) {
      const now = this.now();
      const at = this.grantAt(now, 0);
      if (at > now) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, at - now);
        return;
      }
      this.queue.next()!.admit(this.record(now));
    }
  }

  /** One dispatcher per bucket: takes the fleet's next slot, gives it to the next fair waiter. */
  private async dispatchShared(shared: SharedSlots): Promise<void> {
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      while (this.queue.size > 0) {
        const { name, limit, windowMs } = this.options;
        await shared.acquire(name, limit, windowMs, this.rules[1]);
        const slot = this.record(this.now());
        // Waiters that left meanwhile: the slot is spent unused, never over budget.
        this.queue.next()?.admit(slot);
      }
    } catch (error) {
      // The fleet's limiter (Redis) failed: its waiters get that failure, as before fairness.
      for (let waiter = this.queue.next(); waiter; waiter = this.queue.next()) waiter.refuse(error);
    } finally {
      this.dispatching = false;
    }
  }

  private record(at: number): Slot {
    const { limit, windowMs } = this.options;
    const admission: Admission = { at, admitted: at, done: false };
    this.recent.push(admission);
    if (this.recent.length > limit * 2) {
      // Calls not done yet stay: they count until they are.
      this.recent = this.recent.filter((a) => !a.done || a.at > at - windowMs).slice(-2 * limit);
    }
    // A timer armed meanwhile counted this call as arriving no later than then: when it fires, the
    // grant is worked out again from the calls as they are by then.
    return {
      done: () => {
        if (admission.done) return;
        admission.done = true;
        admission.at = this.now();
      },
    };
  }

  /** When each admission counts (`now` for those not done), ascending, as `nextGrantAt` takes them. */
  private times(now: number): number[] {
    return this.recent.map((a) => (a.done ? a.at : now)).sort((a, b) => a - b);
  }
}

function weightOf(weight: number | undefined): number {
  return weight !== undefined && Number.isFinite(weight) && weight > 0 ? weight : 1;
}

function aborted(signal: AbortSignal): AdmissionRefused {
  return new AdmissionRefused('aborted', 0, 'the request was aborted', signal.reason);
}
