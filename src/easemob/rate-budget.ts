import pThrottle from 'p-throttle';
import type { RateBucket } from './endpoints.js';

/**
 * Easemob's documented call rates (Easemob「接口限流说明」, which every section of 用户体系集成
 * refers to): 100 calls/s per app by default; batch status, blocks and presence 50/s; chat-history
 * export 10/min. The client waits for a slot rather than provoking 429s. The official SDKs do none
 * of this.
 */
export interface RateBudgets {
  appPerSecond: number;
  batchStatusPerSecond: number;
  blocksPerSecond: number;
  presencePerSecond: number;
  chatHistoryPerMinute: number;
  /** Calls allowed to wait for a slot in one bucket; beyond that a call fails fast. */
  maxQueued: number;
}

export const easemobRateBudgets: RateBudgets = {
  appPerSecond: 100,
  batchStatusPerSecond: 50,
  blocksPerSecond: 50,
  presencePerSecond: 50,
  chatHistoryPerMinute: 10,
  maxQueued: 10_000,
};

export class RateBudgetExceeded extends Error {
  override name = 'RateBudgetExceeded';
}

type Slot = (() => Promise<void>) & { readonly queueSize: number };

/**
 * A budget shared by several processes (Redis): resolves when one more call fits in `limit` calls
 * per rolling `windowMs` for `name` across all of them.
 */
export interface SharedRateLimiter {
  acquire(name: string, limit: number, windowMs: number): Promise<void>;
}

/** Same stretch as the local slots: calls leaving on time still arrive within budget. */
export const windowMargin = 1.05;

/**
 * A slot per bucket, throttled strictly: no more than `limit` calls in ANY rolling interval, since
 * we cannot know how Easemob aligns its windows. The interval is stretched slightly so calls that
 * leave on time still arrive within budget after uneven network delays.
 */
function slot(limit: number, intervalMs: number): Slot {
  return pThrottle({ limit, interval: Math.round(intervalMs * windowMargin), strict: true })(
    async () => {},
  ) as Slot;
}

export class RateBudget {
  private readonly app: Slot;
  private readonly buckets: Record<RateBucket, Slot>;

  constructor(
    private readonly budgets: RateBudgets,
    shared?: SharedRateLimiter,
  ) {
    const make = (name: string, limit: number, windowMs: number): Slot =>
      shared ? sharedSlot(shared, name, limit, windowMs) : slot(limit, windowMs);
    this.app = make('app', budgets.appPerSecond, 1000);
    this.buckets = {
      batchStatus: make('batchStatus', budgets.batchStatusPerSecond, 1000),
      blocks: make('blocks', budgets.blocksPerSecond, 1000),
      presence: make('presence', budgets.presencePerSecond, 1000),
      chatHistory: make('chatHistory', budgets.chatHistoryPerMinute, 60_000),
    };
  }

  /** Resolves when one call in `bucket` (and in the app-wide budget) may be made. */
  async take(bucket: RateBucket | undefined): Promise<void> {
    // The narrower bucket first, so a call queued for it does not hold an app-wide slot meanwhile.
    if (bucket) await this.enter(this.buckets[bucket], bucket);
    await this.enter(this.app, 'app');
  }

  private enter(slot: Slot, name: string): Promise<void> {
    if (slot.queueSize >= this.budgets.maxQueued) {
      throw new RateBudgetExceeded(`too many calls waiting for the ${name} rate budget`);
    }
    return slot();
  }
}

/** A slot whose budget is the fleet's: the shared limiter decides, the queue size is ours. */
function sharedSlot(
  shared: SharedRateLimiter,
  name: string,
  limit: number,
  windowMs: number,
): Slot {
  let waiting = 0;
  const take = async () => {
    waiting++;
    try {
      await shared.acquire(name, limit, Math.round(windowMs * windowMargin));
    } finally {
      waiting--;
    }
  };
  return Object.defineProperty(take, 'queueSize', { get: () => waiting }) as Slot;
}
