import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { isAdmin, seesPublicProfiles, viewerName } from '../context.js';
import { isNotFound } from '../easemob/errors.js';
import { messageId, username } from '../easemob/input.js';
import { errorCodes } from '../errors.js';
import { adminOnly, privateOf, publicOf, signedIn } from './access.js';
import { builder } from './builder.js';
import { cursorConnection } from './pagination.js';
import { selectedFields } from './selection.js';
import { userOf, withStatuses } from './user-model.js';
export const OnlineStatus = builder.enumType('OnlineStatus', {
    values: { ONLINE: { value: 'online' }, OFFLINE: { value: 'offline' } },
});
export const NotificationDisplayStyle = builder.enumType('NotificationDisplayStyle', {
    description: 'How push notifications show messages (notification_display_style, Easemob「用户体系集成 › 设置推送消息展示方式」).',
    values: {
        SUMMARY: { value: 'summary', description: 'A notice only ("0").' },
        DETAIL: { value: 'detail', description: 'The notice with the message text ("1").' },
    },
});
export const MessageDeliveryStatus = builder.enumType('MessageDeliveryStatus', {
    values: { DELIVERED: { value: 'delivered' }, UNDELIVERED: { value: 'undelivered' } },
});
const NoDisturbingWindow = builder
    .objectRef('NoDisturbingWindow')
    .implement({
    description: 'Hours (0-23) during which offline pushes are held back.',
    fields: (t) => ({
        enabled: t.exposeBoolean('enabled'),
        startHour: t.exposeInt('startHour', { nullable: true }),
        endHour: t.exposeInt('endHour', { nullable: true }),
    }),
});
export const User = builder.objectRef('User');
User.implement({
    description: 'An Easemob IM user. Profile fields are fetched only when selected.',
    fields: (t) => ({
        username: t.exposeString('username'),
        uuid: t.id({
            authScopes: publicOf,
            resolve: async (user, _args, ctx) => (await profile(user, ctx)).uuid,
        }),
        nickname: t.string({
            authScopes: publicOf,
            nullable: true,
            description: 'Push-notification nickname.',
            resolve: async (user, _args, ctx) => (await profile(user, ctx)).nickname,
        }),
        activated: t.boolean({
            authScopes: publicOf,
            resolve: async (user, _args, ctx) => (await profile(user, ctx)).activated,
        }),
        createdAt: t.field({
            authScopes: publicOf,
            type: 'DateTime',
            nullable: true,
            resolve: async (user, _args, ctx) => toDate((await profile(user, ctx)).createdAt),
        }),
        modifiedAt: t.field({
            authScopes: publicOf,
            type: 'DateTime',
            nullable: true,
            resolve: async (user, _args, ctx) => toDate((await profile(user, ctx)).modifiedAt),
        }),
        notificationDisplayStyle: t.field({
            authScopes: privateOf,
            type: NotificationDisplayStyle,
            nullable: true,
            resolve: async (user, _args, ctx) => (await profile(user, ctx)).notificationDisplayStyle,
        }),
        noDisturbing: t.field({
            authScopes: privateOf,
            type: NoDisturbingWindow,
            nullable: true,
            resolve: async (user, _args, ctx) => (await profile(user, ctx)).noDisturbing,
        }),
        notifierName: t.string({
            authScopes: privateOf,
            nullable: true,
            description: 'The push certificate the client SDK registered (notifier_name); read-only.',
            resolve: async (user, _args, ctx) => (await profile(user, ctx)).notifierName,
        }),
        deviceToken: t.string({
            authScopes: adminOnly,
            nullable: true,
            description: "The device's push token (device_token); read-only, admins only.",
            resolve: async (user, _args, ctx) => (await profile(user, ctx)).deviceToken,
        }),
        notificationIgnoredGroups: t.stringList({
            authScopes: privateOf,
            nullable: true,
            description: 'Groups whose offline pushes the user silenced (notification_ignore_<group id> true); null when none was ever set.',
            resolve: async (user, _args, ctx) => (await profile(user, ctx)).ignoredGroups,
        }),
        status: t.field({
            authScopes: publicOf,
            type: OnlineStatus,
            resolve: (user, _args, ctx) => user.status ?? ctx.loaders.status.load(user.username),
        }),
        offlineCount: t.int({
            authScopes: privateOf,
            description: 'Messages waiting for the user to come online.',
            resolve: (user, _args, ctx) => ctx.loaders.offlineCount.load(user.username),
        }),
        offlineMessageStatus: t.field({
            authScopes: privateOf,
            type: MessageDeliveryStatus,
            args: { messageId: t.arg.id({ required: true }).validate(z.coerce.string().pipe(messageId)) },
            resolve: (user, args, ctx) => ctx.easemob.offline.messageStatus(user.username, String(args.messageId)),
        }),
        contacts: t.field({
            authScopes: privateOf,
            complexity: { field: 1, multiplier: 100 },
            type: [User],
            resolve: async (user, _args, ctx, info) => withStatuses((await ctx.loaders.contacts.load(user.username)).map((name) => userOf(name)), ctx, info),
        }),
        blocks: t.field({
            authScopes: privateOf,
            complexity: { field: 1, multiplier: 100 },
            type: [User],
            resolve: async (user, _args, ctx, info) => withStatuses((await ctx.loaders.blocks.load(user.username)).map((name) => userOf(name)), ctx, info),
        }),
    }),
});
/** The user's profile, loaded once per request whichever fields ask for it. */
async function profile(user, ctx) {
    const loaded = user.profile ?? (await ctx.loaders.profile.load(user.username));
    if (!loaded) {
        throw new GraphQLError(`user ${user.username} does not exist`, {
            extensions: { code: errorCodes.notFound },
        });
    }
    return loaded;
}
const profileFields = [
    'uuid',
    'nickname',
    'activated',
    'createdAt',
    'modifiedAt',
    'notificationDisplayStyle',
    'noDisturbing',
    'notifierName',
    'deviceToken',
    'notificationIgnoredGroups',
];
/**
 * Which upstream read proves that the user exists: the profile when the query shows any of it;
 * otherwise a private read the query makes anyway, so `user { status offlineCount }` costs two
 * calls, not three. Private reads stand in only for callers allowed to make them.
 */
function existenceWitness(name, ctx, asked) {
    if (profileFields.some((field) => asked.has(field)))
        return 'profile';
    const mayReadPrivate = ctx.viewer.kind === 'admin' || viewerName(ctx.viewer) === name;
    if (!mayReadPrivate)
        return 'profile';
    if (asked.has('contacts'))
        return 'contacts';
    if (asked.has('blocks'))
        return 'blocks';
    if (asked.has('offlineCount'))
        return 'offlineCount';
    return 'profile';
}
/** Whether the selection lists users whose statuses could join this user's in one batch. */
const listsUsers = (asked) => asked.has('contacts') || asked.has('blocks');
const privateReads = [
    ['offlineCount', 'offlineCount'],
    ['contacts', 'contacts'],
    ['blocks', 'blocks'],
    ['presence', 'presence'],
];
/**
 * The reads the selected fields of one user will make, for callers allowed to make them (the
 * same rules as publicOf and privateOf): a refused field must not cost a call.
 */
function readsAllowed(name, ctx, asked) {
    const own = isAdmin(ctx) || viewerName(ctx.viewer) === name;
    const reads = [];
    if (asked.has('status') && (own || seesPublicProfiles(ctx))) {
        reads.push('status');
    }
    if (own)
        for (const [field, kind] of privateReads)
            if (asked.has(field))
                reads.push(kind);
    return reads;
}
function toDate(ms) {
    return ms === undefined ? undefined : new Date(ms);
}
builder.queryFields((t) => ({
    viewer: t.field({
        type: User,
        nullable: true,
        description: 'The caller, when the credentials name an Easemob user (API keys do not).',
        authScopes: signedIn,
        resolve: (_root, _args, ctx) => {
            const name = viewerName(ctx.viewer);
            return name ? userOf(name) : null;
        },
    }),
    user: t.field({
        type: User,
        authScopes: signedIn,
        nullable: true,
        description: 'One user; null when Easemob has no such user.',
        args: { username: t.arg.string({ required: true }).validate(username) },
        resolve: async (_root, args, ctx, info) => {
            const asked = selectedFields(info);
            const witness = existenceWitness(args.username, ctx, asked);
            ctx.loaders.prefetch(args.username, readsAllowed(args.username, ctx, asked));
            if (witness === 'profile') {
                const read = ctx.loaders.profile.load(args.username);
                // The user's own status waits for its contacts' and blocks' statuses (one batch for all)
                // only when those lists are asked for; otherwise it leaves with the profile read.
                const profile = await (listsUsers(asked) ? ctx.loaders.feeds.track(read) : read);
                return profile ? userOf(args.username, profile) : null;
            }
            // Easemob answers 404 for an unknown owner, so the read the query needs anyway tells.
            try {
                await ctx.loaders[witness].load(args.username);
            }
            catch (error) {
                if (isNotFound(error))
                    return null;
                // The field that asked for this read reports the failure, located where it belongs.
            }
            return userOf(args.username);
        },
    }),
    users: t.connection({
        type: User,
        authScopes: adminOnly,
        complexity: (args) => ({ field: 1, multiplier: args.first ?? 20 }),
        description: "Every user, oldest first, over Easemob's cursor. Pages of at most 100.",
        resolve: (_root, args, ctx, info) => cursorConnection(args, { defaultSize: 20, maxUpstreamLimit: 100 }, async (cursor, limit) => {
            const page = await ctx.loaders.usersPage({ limit, cursor });
            return {
                items: await withStatuses(page.users.map((user) => userOf(user.username, user)), ctx, info, ['edges', 'node']),
                cursor: page.cursor,
            };
        }),
    }, { name: 'UserConnection' }, { name: 'UserEdge' }),
}));
//# sourceMappingURL=user.js.map