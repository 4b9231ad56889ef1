import pThrottle from 'p-throttle';
import type { RateBucket } from './endpoints.js';

/**
 * Easemob's documented call rates (seed 004, 接口限流说明): 100 calls/s per app by default; batch
 * status, blocks and presence 50/s; chat-history export 10/min. The client waits for a slot rather
 * than provoking 429s. The official SDKs do none of this.
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
 * A slot per bucket, throttled strictly: no more than `limit` calls in ANY rolling interval, since
 * we cannot know how Easemob aligns its windows. The interval is stretched slightly so calls that
 * leave on time still arrive within budget after uneven network delays.
 */
function slot(limit: number, intervalMs: number): Slot {
  return pThrottle({ limit, interval: Math.round(intervalMs * 1.05), strict: true })(
    async () => {},
  ) as Slot;
}

export class RateBudget {
  private readonly app: Slot;
  private readonly buckets: Record<RateBucket, Slot>;

  constructor(private readonly budgets: RateBudgets) {
    this.app = slot(budgets.appPerSecond, 1000);
    this.buckets = {
      batchStatus: slot(budgets.batchStatusPerSecond, 1000),
      blocks: slot(budgets.blocksPerSecond, 1000),
      presence: slot(budgets.presencePerSecond, 1000),
      chatHistory: slot(budgets.chatHistoryPerMinute, 60_000),
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
