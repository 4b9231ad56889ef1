import { normalizeUsername } from './users-store.js';
/**
 * Presence (Easemob「在线状态订阅 RESTful API」): per-device statuses with one extension string,
 * and per-user subscriptions that lapse at their expiry. The presence service does not check that a
 * uid is a registered user, so neither does this store.
 */
export class PresenceStore {
    now;
    info = new Map();
    subscriptions = new Map();
    constructor(now = () => Date.now()) {
        this.now = now;
    }
    set(uid, resource, status, ext) {
        const info = this.infoOf(uid);
        info.devices.set(resource, status);
        info.ext = ext;
    }
    /** Records a login or logout time. */
    touch(uid) {
        this.infoOf(uid).lastTime = this.seconds();
    }
    /** A user never seen reads as last_time "0", no ext, no devices. */
    view(uid) {
        const name = normalizeUsername(uid);
        const info = this.info.get(name);
        return {
            uid: name,
            last_time: String(info?.lastTime ?? 0),
            ext: info?.ext ?? '',
            status: Object.fromEntries(info?.devices ?? []),
        };
    }
    subscribe(subscriber, targets, expirySeconds) {
        const expiry = this.seconds() + expirySeconds;
        const subs = this.subscriptionsOf(subscriber);
        for (const target of targets)
            subs.set(normalizeUsername(target), expiry);
        return expiry;
    }
    unsubscribe(subscriber, targets) {
        const subs = this.subscriptions.get(normalizeUsername(subscriber));
        for (const target of targets)
            subs?.delete(normalizeUsername(target));
    }
    /** Live subscriptions in the order they were made; lapsed ones are dropped here. */
    subscriptionList(subscriber) {
        const subs = this.subscriptions.get(normalizeUsername(subscriber));
        if (!subs)
            return [];
        const now = this.seconds();
        const list = [];
        for (const [uid, expiry] of subs) {
            if (expiry <= now)
                subs.delete(uid);
            else
                list.push({ uid, expiry: String(expiry) });
        }
        return list;
    }
    forget(uid) {
        const name = normalizeUsername(uid);
        this.info.delete(name);
        this.subscriptions.delete(name);
    }
    seconds() {
        return Math.floor(this.now() / 1000);
    }
    infoOf(uid) {
        const name = normalizeUsername(uid);
        let info = this.info.get(name);
        if (!info) {
            info = { lastTime: 0, ext: '', devices: new Map() };
            this.info.set(name, info);
        }
        return info;
    }
    subscriptionsOf(uid) {
        const name = normalizeUsername(uid);
        let subs = this.subscriptions.get(name);
        if (!subs) {
            subs = new Map();
            this.subscriptions.set(name, subs);
        }
        return subs;
    }
}
//# sourceMappingURL=presence-store.js.map