import { MessageIdGenerator } from './ids.js';
import { MessageStore } from './message-store.js';
import { PresenceStore } from './presence-store.js';
import { TokenStore } from './tokens.js';
import { isLegalUsername, normalizeUsername, toEntity, UserStore, } from './users-store.js';
const chatTypes = {
    users: 'chat',
    chatgroups: 'groupchat',
    chatrooms: 'chatroom',
};
/**
 * Everything the emulated app knows, and the programmatic control tests use. Routes read and write
 * the stores directly; the methods here are the operations that touch more than one store.
 */
export class EmulatorState {
    users;
    history = new MessageStore();
    presence;
    tokens;
    online = new Set();
    /** Per user, the ids of messages waiting for them to come online. */
    pending = new Map();
    /** Message id → whether its (single-user) recipient has received it. */
    deliveries = new Map();
    sent = [];
    messageIds = new MessageIdGenerator();
    /** The emulator's clock (ms); routes stamp envelopes with it. */
    now;
    constructor(now = () => Date.now()) {
        this.now = now;
        this.users = new UserStore(now);
        this.presence = new PresenceStore(now);
        this.tokens = new TokenStore(now);
    }
    /** Registers a user; throws when the name is illegal or taken. */
    createUser(input) {
        if (!isLegalUsername(input.username))
            throw new Error(`illegal username ${input.username}`);
        if (this.users.get(input.username))
            throw new Error(`user ${input.username} already exists`);
        return toEntity(this.users.create(input));
    }
    getUser(username) {
        const user = this.users.get(username);
        return user && toEntity(user);
    }
    deleteUser(username) {
        const user = this.users.remove(username);
        if (!user)
            return false;
        this.online.delete(user.username);
        this.pending.delete(user.username);
        this.presence.forget(user.username);
        this.tokens.revokeUser(user.username);
        return true;
    }
    addContact(a, b) {
        this.requireUser(a);
        this.requireUser(b);
        this.users.addContact(a, b);
    }
    addBlock(owner, target) {
        this.requireUser(owner);
        this.requireUser(target);
        this.users.addBlock(owner, target);
    }
    /**
     * Logs a user in or out. Logging in delivers every message waiting for them; both directions
     * record the presence last_time, which Easemob「在线状态订阅 RESTful API › 批量订阅在线状态」
     * says is taken at login and logout.
     */
    setOnline(username, online) {
        const user = this.requireUser(username);
        if (online === this.online.has(user.username))
            return;
        this.presence.touch(user.username);
        if (!online) {
            this.online.delete(user.username);
            return;
        }
        this.online.add(user.username);
        for (const id of this.pending.get(user.username) ?? []) {
            const delivery = this.deliveries.get(id);
            if (delivery)
                delivery.delivered = true;
        }
        this.pending.delete(user.username);
    }
    isOnline(username) {
        return this.online.has(normalizeUsername(username));
    }
    offlineCount(username) {
        return this.pending.get(normalizeUsername(username))?.size ?? 0;
    }
    /**
     * Ids this emulator never addressed to the user read as "delivered": the example in
     * Easemob「用户体系集成 › 获取某条离线消息状态」 asks about message 123 and gets exactly that.
     */
    offlineStatus(username, msgId) {
        const delivery = this.deliveries.get(msgId);
        if (!delivery || delivery.to !== normalizeUsername(username))
            return 'delivered';
        return delivery.delivered ? 'delivered' : 'undelivered';
    }
    setPresence(username, resource, status, ext) {
        this.presence.set(username, resource, status, ext);
    }
    /** Every message accepted by POST /messages, one entry per target, in order. */
    get sentMessages() {
        return this.sent;
    }
    /**
     * What a client SDK would record for the user's offline pushes (no REST call writes these):
     * the push certificate name, the device token, silenced groups (merged into those set before).
     */
    setPushBinding(username, binding) {
        const user = this.requireUser(username);
        if (binding.notifier_name !== undefined)
            user.notifier_name = binding.notifier_name;
        if (binding.device_token !== undefined)
            user.device_token = binding.device_token;
        if (binding.ignoredGroups) {
            user.ignoredGroups = { ...user.ignoredGroups, ...binding.ignoredGroups };
        }
        this.users.touch(user);
    }
    setTokenLifetime(seconds) {
        this.tokens.setLifetime(seconds);
    }
    revokeTokens() {
        this.tokens.revokeAll();
    }
    /**
     * Deactivation also logs the user out (Easemob「用户体系集成 › 账号禁用与解禁」:
     * 禁用用户将立即下线).
     */
    setActivated(user, activated) {
        user.activated = activated;
        this.users.touch(user);
        if (!activated)
            this.setOnline(user.username, false);
    }
    /** Stores one message for one target in the chat history and queues it for an offline user. */
    storeMessage(input) {
        const timestamp = input.timestamp ?? this.now();
        const chatType = chatTypes[input.targetType];
        const to = input.targetType === 'users' ? normalizeUsername(input.to) : input.to;
        const record = {
            type: 'chatmessage',
            msg_id: this.messageIds.next(timestamp),
            from: input.from,
            to,
            chat_type: chatType,
            payload: { bodies: [input.msg], ext: input.ext ?? {} },
            timestamp,
        };
        this.history.add(record);
        if (chatType === 'chat' && this.users.get(to)) {
            const delivered = this.online.has(to);
            this.deliveries.set(record.msg_id, { to, delivered });
            if (!delivered)
                this.pendingOf(to).add(record.msg_id);
        }
        return record;
    }
    /** What POST /messages does per target: store, then remember it was sent through the API. */
    sendMessage(input) {
        const record = this.storeMessage(input);
        this.sent.push({
            msg_id: record.msg_id,
            from: record.from,
            to: record.to,
            chat_type: record.chat_type,
            target_type: input.targetType,
            bodies: record.payload.bodies,
            ext: record.payload.ext,
            timestamp: record.timestamp,
        });
        return record;
    }
    requireUser(username) {
        const user = this.users.get(username);
        if (!user)
            throw new Error(`no user ${username}`);
        return user;
    }
    pendingOf(username) {
        let set = this.pending.get(username);
        if (!set) {
            set = new Set();
            this.pending.set(username, set);
        }
        return set;
    }
}
//# sourceMappingURL=state.js.map