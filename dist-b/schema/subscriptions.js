import { GraphQLError } from 'graphql';
import { Repeater } from 'graphql-yoga';
import { username, usernameList } from '../easemob/input.js';
import { errorCodes } from '../errors.js';
import { watchedCeiling } from '../realtime/subscription-limits.js';
import { actingAs, onlineStateOf } from './access.js';
import { builder } from './builder.js';
import { MessageTargetType } from './message.js';
import { Presence, refusePresenceDetails } from './presence.js';
import { OnlineStatus, User } from './user.js';
import { userOf } from './user-model.js';
// The configured bound (SUBSCRIPTION_MAX_WATCHED) is checked when a subscription starts.
const watchedList = usernameList(watchedCeiling);
const StatusChangeRef = builder.objectRef('StatusChange').implement({
    fields: (t) => ({
        user: t.field({ type: User, resolve: (e) => userOf(e.username) }),
        status: t.field({ type: OnlineStatus, resolve: (e) => e.status }),
        previous: t.field({ type: OnlineStatus, resolve: (e) => e.previous }),
        changedAt: t.field({ type: 'DateTime', resolve: (e) => e.changedAt }),
    }),
});
const PresenceChangeRef = builder.objectRef('PresenceChange').implement({
    fields: (t) => ({
        presence: t.field({ type: Presence, resolve: (e) => e.presence }),
        changedAt: t.field({ type: 'DateTime', resolve: (e) => e.changedAt }),
    }),
});
const MessageSentRef = builder.objectRef('MessageSent').implement({
    description: 'A message sent through this API (one event per target).',
    fields: (t) => ({
        id: t.exposeID('id'),
        from: t.field({
            type: User,
            nullable: true,
            description: 'Null when sent as Easemob\'s "admin".',
            resolve: (e) => (e.from ? userOf(e.from) : null),
        }),
        targetType: t.field({ type: MessageTargetType, resolve: (e) => e.targetType }),
        target: t.exposeString('target'),
        success: t.exposeBoolean('success'),
        message: t.field({
            type: 'JSON',
            description: "Easemob's message body.",
            resolve: (e) => e.message,
        }),
        ext: t.field({ type: 'JSON', resolve: (e) => e.ext }),
        sentAt: t.field({ type: 'DateTime', resolve: (e) => e.sentAt }),
    }),
});
/**
 * Events from `source` that `keep` accepts, within the subscription limits: the slots are taken
 * when the subscription starts (a refusal is its error, `SUBSCRIPTION_LIMIT`) and freed when it
 * ends, however it ends — even before its first event is asked for, when the Repeater never runs.
 */
function watching(ctx, watch, source, keep) {
    const admission = ctx.realtime.admit({
        ...watch,
        caller: ctx.viewer.kind === 'user' ? `user:${ctx.viewer.username}` : ctx.viewer.kind,
        connection: ctx.connection,
    });
    if (!admission.admitted) {
        throw new GraphQLError(admission.message, {
            extensions: {
                code: errorCodes.subscriptionLimit,
                limit: admission.limit,
                max: admission.max,
            },
        });
    }
    const events = source();
    const repeater = new Repeater(async (push, stop) => {
        void stop.then(() => events.return?.());
        try {
            for await (const event of events)
                if (keep(event))
                    await push(event);
        }
        finally {
            admission.release();
        }
    });
    return {
        [Symbol.asyncIterator]() {
            return this;
        },
        next: () => repeater.next(),
        return: (value) => {
            admission.release();
            return repeater.return(value);
        },
        throw: (error) => {
            admission.release();
            return repeater.throw(error);
        },
    };
}
builder.subscriptionFields((t) => ({
    statusChanged: t.field({
        type: StatusChangeRef,
        description: "Each change of these users' online status (polled; see README).",
        args: { usernames: t.arg.stringList({ required: true }).validate(watchedList) },
        authScopes: (_root, args) => ({
            admin: true,
            publicProfiles: true,
            self: args.usernames.length === 1 ? args.usernames[0] : '',
        }),
        subscribe: (_root, args, ctx) => {
            const watched = new Set(args.usernames);
            return watching(ctx, { poller: 'status', keys: args.usernames }, () => ctx.realtime.statusChanges(), (e) => watched.has(e.username));
        },
        resolve: (event) => event,
    }),
    presenceChanged: t.field({
        type: PresenceChangeRef,
        description: "Each change of these users' presence, watched on behalf of `username`; others' presence details are for admins (see Presence).",
        args: {
            username: t.arg.string({ required: true }).validate(username),
            targets: t.arg.stringList({ required: true }).validate(watchedList),
        },
        authScopes: onlineStateOf,
        subscribe: (_root, args, ctx, info) => {
            refusePresenceDetails(ctx, info, ['presence'], args);
            const watched = new Set(args.targets);
            return watching(ctx, { poller: 'presence', keys: args.targets }, () => ctx.realtime.presenceChanges(), (e) => watched.has(e.presence.username));
        },
        resolve: (event) => event,
    }),
    messageSent: t.field({
        type: MessageSentRef,
        description: 'Messages sent through this API by or to `username`.',
        args: { username: t.arg.string({ required: true }).validate(username) },
        authScopes: actingAs,
        subscribe: (_root, args, ctx) => watching(ctx, {}, () => ctx.realtime.messagesSent(), (e) => e.from === args.username || (e.targetType === 'users' && e.target === args.username)),
        resolve: (event) => event,
    }),
}));
//# sourceMappingURL=subscriptions.js.map