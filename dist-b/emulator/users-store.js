import { uuidV1 } from './ids.js';
// Older Easemob docs: letters, digits, "_", "-", "."; Easemob「用户体系集成 › 环信 ID 数据结构」:
// at most 64 bytes.
const usernamePattern = /^[a-zA-Z0-9_.-]{1,64}$/;
export function isLegalUsername(name) {
    return usernamePattern.test(name);
}
/**
 * Easemob usernames are case-insensitive and stored lower-case
 * (Easemob「用户体系集成 › 获取用户token」: "C" comes back "c").
 */
export function normalizeUsername(name) {
    return name.toLowerCase();
}
export function toEntity(user) {
    const entity = {
        uuid: user.uuid,
        type: 'user',
        created: user.created,
        modified: user.modified,
        username: user.username,
        activated: user.activated,
    };
    const optional = [
        'notification_no_disturbing',
        'notification_no_disturbing_start',
        'notification_no_disturbing_end',
        'notification_display_style',
        'nickname',
        'notifier_name',
        'device_token',
    ];
    for (const key of optional) {
        if (user[key] !== undefined)
            Object.assign(entity, { [key]: user[key] });
    }
    for (const [group, ignored] of Object.entries(user.ignoredGroups ?? {})) {
        entity[`notification_ignore_${group}`] = ignored;
    }
    return entity;
}
/** Users in creation order, plus the contact and block relations between them. */
export class UserStore {
    now;
    byName = new Map();
    ordered = [];
    contacts = new Map();
    blocks = new Map();
    blockedBy = new Map();
    nextSeq = 1;
    constructor(now = () => Date.now()) {
        this.now = now;
    }
    get size() {
        return this.ordered.length;
    }
    get(name) {
        return this.byName.get(normalizeUsername(name));
    }
    /** The caller has checked legality and uniqueness. */
    create(input) {
        const created = this.now();
        const user = {
            seq: this.nextSeq++,
            uuid: uuidV1(created),
            username: normalizeUsername(input.username),
            password: input.password,
            created,
            modified: created,
            activated: true,
        };
        if (input.nickname !== undefined)
            user.nickname = input.nickname;
        this.byName.set(user.username, user);
        this.ordered.push(user);
        return user;
    }
    remove(name) {
        const user = this.get(name);
        if (!user)
            return undefined;
        this.byName.delete(user.username);
        this.ordered.splice(this.indexAfter(user.seq - 1), 1);
        for (const friend of this.contacts.get(user.username) ?? []) {
            this.contacts.get(friend)?.delete(user.username);
        }
        this.contacts.delete(user.username);
        for (const target of this.blocks.get(user.username) ?? []) {
            this.blockedBy.get(target)?.delete(user.username);
        }
        for (const owner of this.blockedBy.get(user.username) ?? []) {
            this.blocks.get(owner)?.delete(user.username);
        }
        this.blocks.delete(user.username);
        this.blockedBy.delete(user.username);
        return user;
    }
    /** Up to `limit` users created after the one numbered `afterSeq` (0: from the start). */
    page(afterSeq, limit) {
        const start = this.indexAfter(afterSeq);
        const users = this.ordered.slice(start, start + limit);
        return { users, more: start + limit < this.ordered.length };
    }
    touch(user) {
        user.modified = Math.max(this.now(), user.modified + 1);
    }
    contactsOf(name) {
        return [...(this.contacts.get(normalizeUsername(name)) ?? [])];
    }
    /** Contacts are mutual: each becomes the other's contact. */
    addContact(a, b) {
        this.relate(this.contacts, normalizeUsername(a), normalizeUsername(b));
        this.relate(this.contacts, normalizeUsername(b), normalizeUsername(a));
    }
    removeContact(a, b) {
        this.contacts.get(normalizeUsername(a))?.delete(normalizeUsername(b));
        this.contacts.get(normalizeUsername(b))?.delete(normalizeUsername(a));
    }
    blocksOf(owner) {
        return [...(this.blocks.get(normalizeUsername(owner)) ?? [])];
    }
    hasBlocked(owner, target) {
        return this.blocks.get(normalizeUsername(owner))?.has(normalizeUsername(target)) ?? false;
    }
    addBlock(owner, target) {
        this.relate(this.blocks, normalizeUsername(owner), normalizeUsername(target));
        this.relate(this.blockedBy, normalizeUsername(target), normalizeUsername(owner));
    }
    removeBlock(owner, target) {
        this.blocks.get(normalizeUsername(owner))?.delete(normalizeUsername(target));
        this.blockedBy.get(normalizeUsername(target))?.delete(normalizeUsername(owner));
    }
    relate(map, from, to) {
        let set = map.get(from);
        if (!set) {
            set = new Set();
            map.set(from, set);
        }
        set.add(to);
    }
    /** Index of the first user whose seq is greater than `seq` (binary search: seqs ascend). */
    indexAfter(seq) {
        let low = 0;
        let high = this.ordered.length;
        while (low < high) {
            const mid = (low + high) >>> 1;
            if ((this.ordered[mid]?.seq ?? 0) <= seq)
                low = mid + 1;
            else
                high = mid;
        }
        return low;
    }
}
//# sourceMappingURL=users-store.js.map