/**
 * What subscriptions may hold of the pollers, which read Easemob for every watched name each round
 * from the same call budget as everything else: names per subscription, subscriptions per
 * WebSocket and per caller, and names watched by this instance in all.
 */
export interface SubscriptionLimits {
  /** Names one subscription may watch. */
  maxWatched: number;
  /** Active subscriptions on one graphql-ws connection (an SSE request is one subscription). */
  perConnection: number;
  /** Active subscriptions of one caller (a viewer, or all admins together) on this instance. */
  perCaller: number;
  /** Distinct names the status and presence pollers watch together. */
  maxWatchedTotal: number;
}

/**
 * 10,000 watched names are 100 batch calls of 100 per round (Easemob REST: 用户体系集成 › 批量获取用户
 * 在线状态): at the default 5-s poll interval, 20 calls/s of the 50/s batch-status budget.
 */
export const subscriptionLimitDefaults: SubscriptionLimits = {
  maxWatched: 100,
  perConnection: 10,
  perCaller: 20,
  maxWatchedTotal: 10_000,
};

/** The most `maxWatched` may be set to; the schema refuses longer lists outright. */
export const watchedCeiling = 10_000;

export type SubscriptionLimit = 'watched' | 'connection' | 'caller' | 'total';

export type Admission =
  | { admitted: true; release: () => void }
  | { admitted: false; limit: SubscriptionLimit; max: number; message: string };

export interface SlotRequest {
  caller: string;
  /** The graphql-ws connection; absent over SSE, where a request is one subscription. */
  connection?: object;
  /** Distinct names the subscription would watch. */
  watched: number;
  /** Of those, names no poller watches yet: what it adds to the instance's total. */
  added: number;
  /** Names the pollers watch now. */
  watchedTotal: number;
}

/** Counts active subscriptions per connection and per caller; a release frees the slots. */
export class SubscriptionSlots {
  private readonly byConnection = new Map<object, number>();
  private readonly byCaller = new Map<string, number>();

  constructor(readonly limits: SubscriptionLimits) {}

  admit(request: SlotRequest): Admission {
    const { limits } = this;
    if (request.watched > limits.maxWatched) {
      return refuse(
        'watched',
        limits.maxWatched,
        `a subscription may watch at most ${limits.maxWatched} users`,
      );
    }
    const { connection, caller } = request;
    if (connection && (this.byConnection.get(connection) ?? 0) >= limits.perConnection) {
      return refuse(
        'connection',
        limits.perConnection,
        `at most ${limits.perConnection} subscriptions per connection; complete one first`,
      );
    }
    if ((this.byCaller.get(caller) ?? 0) >= limits.perCaller) {
      return refuse(
        'caller',
        limits.perCaller,
        `at most ${limits.perCaller} subscriptions per caller; complete one first`,
      );
    }
    if (request.watchedTotal + request.added > limits.maxWatchedTotal) {
      return refuse(
        'total',
        limits.maxWatchedTotal,
        `this server already watches ${request.watchedTotal} users for subscriptions, at most ${limits.maxWatchedTotal}; try again later`,
      );
    }
    if (connection) bump(this.byConnection, connection, 1);
    bump(this.byCaller, caller, 1);
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        if (connection) bump(this.byConnection, connection, -1);
        bump(this.byCaller, caller, -1);
      },
    };
  }

  /** Active subscriptions of `caller`; tests and metrics read it. */
  activeFor(caller: string): number {
    return this.byCaller.get(caller) ?? 0;
  }
}

function refuse(limit: SubscriptionLimit, max: number, message: string): Admission {
  return { admitted: false, limit, max, message };
}

function bump<K>(counts: Map<K, number>, key: K, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
