import { type CallScope, FairLimiter, type Slot, type WindowRule } from './admission.js';
import type { RateBucket } from './endpoints.js';

/**
 * Easemob's documented call rates (Easemob「接口限流说明」, which every section of 用户体系集成
 * refers to; its 接口调用频率限制 table): 100 calls/s per app by default; batch status, blocks and
 * presence 50/s; token requests 300/s on their own; chat-history export 10/min. The client waits
 * for a slot rather than provoking 429s, but only so long (see admission.ts). The official SDKs do
 * none of this.
 */
export interface RateBudgets {
  appPerSecond: number;
  batchStatusPerSecond: number;
  blocksPerSecond: number;
  presencePerSecond: number;
  chatHistoryPerMinute: number;
  /** `POST /token` has its own limit, outside the app-wide one. */
  tokenPerSecond: number;
  /** Calls allowed to wait for a slot in one bucket; beyond that a call fails fast. */
  maxQueued: number;
  /** Longest a call waits for a slot (per bucket it needs); past it, it is refused unsent. */
  maxWaitMs: number;
}

export const easemobRateBudgets: RateBudgets = {
  appPerSecond: 100,
  batchStatusPerSecond: 50,
  blocksPerSecond: 50,
  presencePerSecond: 50,
  chatHistoryPerMinute: 10,
  tokenPerSecond: 300,
  maxQueued: 10_000,
  maxWaitMs: 2_000,
};

/**
 * A budget shared by several processes (Redis): resolves when one more call fits in `limit` calls
 * per rolling `windowMs` for `name` across all of them.
 */
export interface SharedRateLimiter {
  acquire(name: string, limit: number, windowMs: number, pace?: WindowRule): Promise<void>;
}

/**
 * The fleet's windows are stretched by a fifth: its Redis budget counts admissions on Redis's
 * clock (it never sees the answers), so a burst delayed on the way could land within Easemob's
 * count of the next one. History, budget bench on two shared cores: 5% and admission times, 179
 * upstream 429s; 10%, 158; 10% and send times, 28; 20% and send times still 17–138 in a 10-s flood.
 */
export const windowMargin = 1.2;

/**
 * In one process each call counts until its answer (`Slot`), and Easemob counted it on arrival,
 * before that answer: no delay on the way can put more than the limit in Easemob's second, so the
 * window needs no stretching for that. The 5% left covers a call abandoned after it was written,
 * counted done when we gave up while its bytes may still be on the way (a one-way trip, tens of
 * ms). Stretched by a fifth, a saturated budget spent 100 calls per 1.2 s plus their latency.
 */
export const localWindowMargin = 1.05;

/**
 * How many of a window's calls the fleet lets go at once: a tenth of the limit (at least 10, or
 * the whole limit when it is smaller), the rest paced at the same rate, e.g. 10 app-wide calls per
 * 120 ms. Counting admissions, a whole window let go together queues behind connections and the
 * server's event loop, so its arrivals spread over hundreds of ms while the next window's burst
 * arrives at once: Easemob, counting arrivals per second (Easemob「接口限流说明」), then sees more
 * than the limit. In one process the answers say when calls arrived, so it does not pace: paced,
 * a loop that turns every 300 ms under load lets 10 calls go a turn, a third of the budget.
 */
export function pacedBurst(limit: number): number {
  return Math.min(limit, Math.max(10, Math.ceil(limit / 10)));
}

/** The token bucket is not counted in the app-wide one: Easemob limits `/token` on its own. */
export type BudgetBucket = RateBucket | 'token';

export class RateBudget {
  private readonly app: FairLimiter;
  private readonly buckets: Record<RateBucket, FairLimiter>;
  private readonly token: FairLimiter;

  constructor(
    private readonly budgets: RateBudgets,
    shared?: SharedRateLimiter,
  ) {
    const make = (name: string, limit: number, windowMs: number) =>
      new FairLimiter({
        name,
        limit,
        windowMs: Math.round(windowMs * (shared ? windowMargin : localWindowMargin)),
        burst: shared ? pacedBurst(limit) : limit,
        maxWaitMs: budgets.maxWaitMs,
        maxQueued: budgets.maxQueued,
        shared,
      });
    this.app = make('app', budgets.appPerSecond, 1000);
    this.token = make('token', budgets.tokenPerSecond, 1000);
    this.buckets = {
      batchStatus: make('batchStatus', budgets.batchStatusPerSecond, 1000),
      blocks: make('blocks', budgets.blocksPerSecond, 1000),
      presence: make('presence', budgets.presencePerSecond, 1000),
      chatHistory: make('chatHistory', budgets.chatHistoryPerMinute, 60_000),
    };
  }

  /**
   * Resolves with the slot of one call in `bucket` (and in the app-wide budget, unless it is the
   * token's): say `done()` once it is answered (or failed, or was never made). Rejects with `AdmissionRefused` when the scope's caller
   * may not wait that long (`maxWaitMs`: what is left of the call's bound).
   */
  async take(
    bucket: BudgetBucket | undefined,
    scope?: CallScope,
    maxWaitMs = this.budgets.maxWaitMs,
  ): Promise<Slot> {
    if (bucket === 'token') return this.token.acquire(scope, maxWaitMs);
    if (!bucket) return this.app.acquire(scope, maxWaitMs);
    // The narrower bucket first, so a call queued for it does not hold an app-wide slot meanwhile;
    // the bound is for both waits together.
    const started = Date.now();
    const narrow = await this.buckets[bucket].acquire(scope, maxWaitMs);
    const app = await this.app.acquire(scope, Math.max(0, maxWaitMs - (Date.now() - started)));
    return {
      done: () => {
        narrow.done();
        app.done();
      },
    };
  }

  /** Calls waiting for budget in the app-wide bucket (diagnostics, tests). */
  get waiting(): number {
    return this.app.waiting;
  }

  close(): void {
    for (const limiter of [this.app, this.token, ...Object.values(this.buckets)]) limiter.close();
  }
}
