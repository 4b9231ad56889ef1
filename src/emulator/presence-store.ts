import { normalizeUsername } from './users-store.js';

interface PresenceInfo {
  /**
   * UNIX seconds of the last login or logout
   * (Easemob「在线状态订阅 RESTful API › 批量订阅在线状态」).
   */
  lastTime: number;
  ext: string;
  /** Resource (device) → status: "0" offline, "1" online, anything else custom. */
  devices: Map<string, string>;
}

/** Easemob「在线状态订阅 RESTful API」 sends every number as a string; these views do the same. */
export interface PresenceView {
  uid: string;
  last_time: string;
  ext: string;
  status: Record<string, string>;
}

export interface SubscriptionView {
  uid: string;
  expiry: string;
}

/**
 * Presence (Easemob「在线状态订阅 RESTful API」): per-device statuses with one extension string,
 * and per-user subscriptions that lapse at their expiry. The presence service does not check that a
 * uid is a registered user, so neither does this store.
 */
export class PresenceStore {
  private readonly info = new Map<string, PresenceInfo>();
  private readonly subscriptions = new Map<string, Map<string, number>>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  set(uid: string, resource: string, status: string, ext: string): void {
    const info = this.infoOf(uid);
    info.devices.set(resource, status);
    info.ext = ext;
  }

  /** Records a login or logout time. */
  touch(uid: string): void {
    this.infoOf(uid).lastTime = this.seconds();
  }

  /** A user never seen reads as last_time "0", no ext, no devices. */
  view(uid: string): PresenceView {
    const name = normalizeUsername(uid);
    const info = this.info.get(name);
    return {
      uid: name,
      last_time: String(info?.lastTime ?? 0),
      ext: info?.ext ?? '',
      status: Object.fromEntries(info?.devices ?? []),
    };
  }

  subscribe(subscriber: string, targets: string[], expirySeconds: number): number {
    const expiry = this.seconds() + expirySeconds;
    const subs = this.subscriptionsOf(subscriber);
    for (const target of targets) subs.set(normalizeUsername(target), expiry);
    return expiry;
  }

  unsubscribe(subscriber: string, targets: string[]): void {
    const subs = this.subscriptions.get(normalizeUsername(subscriber));
    for (const target of targets) subs?.delete(normalizeUsername(target));
  }

  /** Live subscriptions in the order they were made; lapsed ones are dropped here. */
  subscriptionList(subscriber: string): SubscriptionView[] {
    const subs = this.subscriptions.get(normalizeUsername(subscriber));
    if (!subs) return [];
    const now = this.seconds();
    const list: SubscriptionView[] = [];
    for (const [uid, expiry] of subs) {
      if (expiry <= now) subs.delete(uid);
      else list.push({ uid, expiry: String(expiry) });
    }
    return list;
  }

  forget(uid: string): void {
    const name = normalizeUsername(uid);
    this.info.delete(name);
    this.subscriptions.delete(name);
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private infoOf(uid: string): PresenceInfo {
    const name = normalizeUsername(uid);
    let info = this.info.get(name);
    if (!info) {
      info = { lastTime: 0, ext: '', devices: new Map() };
      this.info.set(name, info);
    }
    return info;
  }

  private subscriptionsOf(uid: string): Map<string, number> {
    const name = normalizeUsername(uid);
    let subs = this.subscriptions.get(name);
    if (!subs) {
      subs = new Map();
      this.subscriptions.set(name, subs);
    }
    return subs;
  }
}
