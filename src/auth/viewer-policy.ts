/**
 * What viewers (end users' JWTs) may do that the admin credentials behind this server could do
 * for anyone: Easemob's REST API sends as any `from`, to any target, with any body, and writes any
 * user's contact list (Easemob「REST API 开发指南 › 发送消息」, 「用户体系集成 › 添加好友」). Admins
 * keep every power; these rules narrow what a frontend's token can reach.
 */

export type SendTargetType = 'users' | 'chatgroups' | 'chatrooms';

export interface ViewerPolicy {
  /**
   * Target types a viewer may send to. Group and room membership is not checked (the API has no
   * group reads), so list `chatgroups`/`chatrooms` only when every user may post to every one.
   */
  sendTargetTypes: SendTargetType[];
  /** Targets one operation may name, summed over every `sendMessage` in it (aliases included). */
  sendMaxTargets: number;
  /** Deliveries (targets) one viewer may send in any rolling minute. */
  sendsPerMinute: number;
  /**
   * `self-service`: viewers add and remove their own contacts, except that nobody can add a user
   * who blocked them. `admin-only`: only admins (your backend) change contact lists.
   */
  contacts: 'self-service' | 'admin-only';
}

export const defaultViewerPolicy: ViewerPolicy = {
  sendTargetTypes: ['users'],
  sendMaxTargets: 20,
  sendsPerMinute: 60,
  contacts: 'self-service',
};

/** Easemob's ext keys with a meaning of their own (push behaviour: `em_force_notification`…). */
export const isReservedExtKey = (key: string) => /^em_/i.test(key);

export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number };

/**
 * Deliveries per caller in a rolling window, in this process's memory: with several instances
 * each counts its own, so a viewer whose requests are spread over N instances can send up to N
 * times the bound.
 */
export class SendQuota {
  private readonly log = new Map<string, { at: number; n: number }[]>();
  private lastSweep: number;

  constructor(
    private readonly perWindow: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = now();
  }

  /** Takes `n` deliveries for `caller`, or says when enough of its window will have passed. */
  take(caller: string, n: number): Admission {
    const now = this.now();
    this.sweep(now);
    const since = now - this.windowMs;
    const entries = (this.log.get(caller) ?? []).filter((e) => e.at > since);
    let used = entries.reduce((sum, e) => sum + e.n, 0);
    if (used + n > this.perWindow) {
      // The oldest entries leave the window first: wait until enough of them have.
      let retryAt = now + this.windowMs;
      for (const entry of entries) {
        used -= entry.n;
        if (used + n <= this.perWindow) {
          retryAt = entry.at + this.windowMs;
          break;
        }
      }
      this.log.set(caller, entries);
      return { admitted: false, retryAfterMs: Math.max(1, retryAt - now) };
    }
    entries.push({ at: now, n });
    this.log.set(caller, entries);
    return { admitted: true };
  }

  /** Once a window, forgets callers with nothing left in theirs: memory follows active callers. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [caller, entries] of this.log) {
      if (entries.every((e) => e.at <= now - this.windowMs)) this.log.delete(caller);
    }
  }

  /** Callers remembered (for tests of the memory bound). */
  get size(): number {
    return this.log.size;
  }
}
