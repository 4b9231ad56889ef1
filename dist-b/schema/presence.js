import { GraphQLError } from 'graphql';
import { presenceExpiry, presenceExt, presenceResource, presenceStatus, sublistPage, username, usernameList, } from '../easemob/input.js';
import { errorCodes } from '../errors.js';
import { actingAs, onlineStateOf, onlyOwn, presenceDetails, presenceDetailsOf, privateOf, } from './access.js';
import { builder } from './builder.js';
import { selectedFields } from './selection.js';
import { User } from './user.js';
import { userOf } from './user-model.js';
/** Per operation; the client splits them into calls of 100. */
const maxTargets = 500;
const toDate = (ms) => (ms ? new Date(ms) : null);
const DeviceStatus = builder
    .objectRef('DeviceStatus')
    .implement({
    fields: (t) => ({
        resource: t.exposeString('resource', { description: 'Device type and id.' }),
        status: t.exposeString('status', { description: '"0" offline, "1" online, else custom.' }),
        online: t.boolean({
            description: 'False only for "0": a custom status is set by a connected device.',
            resolve: (device) => device.status !== '0',
        }),
    }),
});
export const Presence = builder.objectRef('Presence').implement({
    description: "A user's presence. `devices`, `ext` and `lastSeenAt` are for the user and admins; others see `user { status }` (README: Authentication and authorization).",
    fields: (t) => ({
        user: t.field({ type: User, resolve: (p) => userOf(p.username) }),
        devices: t.field({
            authScopes: presenceDetailsOf,
            type: [DeviceStatus],
            resolve: (p) => Object.entries(p.devices).map(([resource, status]) => ({ resource, status })),
        }),
        ext: t.exposeString('ext', { authScopes: presenceDetailsOf }),
        lastSeenAt: t.field({
            authScopes: presenceDetailsOf,
            type: 'DateTime',
            nullable: true,
            description: 'The last login or logout; null when never seen.',
            resolve: (p) => toDate(p.lastSeenAt),
        }),
        expiresAt: t.field({
            type: 'DateTime',
            nullable: true,
            description: 'When the subscription ends; only in subscribePresence answers.',
            resolve: (p) => toDate(p.expiresAt),
        }),
    }),
});
const PresenceSubscription = builder
    .objectRef('PresenceSubscription')
    .implement({
    fields: (t) => ({
        user: t.field({ type: User, resolve: (s) => userOf(s.username) }),
        expiresAt: t.field({ type: 'DateTime', resolve: (s) => new Date(s.expiresAt) }),
    }),
});
const PresenceSubscriptionPage = builder
    .objectRef('PresenceSubscriptionPage')
    .implement({
    fields: (t) => ({
        totalCount: t.int({ resolve: (page) => page.total }),
        pageNum: t.exposeInt('pageNum'),
        pageSize: t.exposeInt('pageSize'),
        hasNextPage: t.boolean({ resolve: (page) => page.pageNum * page.pageSize < page.total }),
        items: t.field({ type: [PresenceSubscription], resolve: (page) => page.subscriptions }),
    }),
});
builder.objectFields(User, (t) => ({
    presence: t.field({
        authScopes: privateOf,
        type: Presence,
        nullable: true,
        description: 'Read in batches of 100 per operation.',
        resolve: (user, _args, ctx) => ctx.loaders.presence.load(user.username.toLowerCase()),
    }),
    presenceSubscriptions: t.field({
        authScopes: privateOf,
        complexity: (args) => ({ field: 1, multiplier: args.pageSize ?? 100 }),
        type: PresenceSubscriptionPage,
        description: 'The users whose presence this user is subscribed to.',
        args: {
            pageNum: t.arg.int({ defaultValue: 1 }).validate(sublistPage.shape.pageNum),
            pageSize: t.arg.int({ defaultValue: 100 }).validate(sublistPage.shape.pageSize),
        },
        resolve: async (user, args, ctx) => {
            const page = { pageNum: args.pageNum ?? 1, pageSize: args.pageSize ?? 100 };
            return {
                ...(await ctx.loaders.feeds.track(ctx.easemob.presence.subscriptions(user.username, page))),
                ...page,
            };
        },
    }),
}));
const targets = usernameList(maxTargets);
builder.queryField('presences', (t) => t.field({
    type: [Presence],
    description: 'The presence of each target, read on behalf of `username`.',
    authScopes: onlineStateOf,
    complexity: (args) => ({ field: 1, multiplier: args.targets.length }),
    args: {
        username: t.arg.string({ required: true }).validate(username),
        targets: t.arg.stringList({ required: true }).validate(targets),
    },
    resolve: async (_root, args, ctx, info) => {
        refusePresenceDetails(ctx, info, [], args);
        // Easemob answers the same whoever asks, so these join every other request's presence reads.
        const found = await ctx.loaders.feeds.track(ctx.loaders.presence.loadMany(args.targets));
        return found.filter((presence) => {
            if (presence instanceof Error)
                throw presence;
            return presence !== null;
        });
    },
}));
builder.mutationFields((t) => ({
    setPresence: t.boolean({
        authScopes: actingAs,
        description: "Sets one device's status and the user's presence extension.",
        args: {
            username: t.arg.string({ required: true }).validate(username),
            resource: t.arg.string({ required: true }).validate(presenceResource),
            status: t.arg.string({ required: true }).validate(presenceStatus),
            ext: t.arg
                .string({ description: 'At most 1024 bytes; cleared when absent.' })
                .validate(presenceExt),
        },
        resolve: async (_root, args, ctx) => {
            const { resource, status, ext } = args;
            await ctx.easemob.presence.set(args.username, { resource, status, ext: ext ?? undefined });
            await ctx.loaders.wrote('presence', [args.username]);
            return true;
        },
    }),
    subscribePresence: t.field({
        authScopes: onlineStateOf,
        complexity: (args) => ({ field: 1, multiplier: args.targets.length }),
        type: [Presence],
        description: 'Subscribes `username` to the targets; answers their presence now.',
        args: {
            username: t.arg.string({ required: true }).validate(username),
            targets: t.arg.stringList({ required: true }).validate(targets),
            expirySeconds: t.arg.int({ required: true }).validate(presenceExpiry),
        },
        resolve: async (_root, args, ctx, info) => {
            refusePresenceDetails(ctx, info, [], args);
            const found = await ctx.easemob.presence.subscribe(args.username, args.targets, args.expirySeconds);
            ctx.loaders.rememberPresences(found.map((p) => ({ ...p, expiresAt: undefined })));
            return found;
        },
    }),
    unsubscribePresence: t.boolean({
        authScopes: actingAs,
        args: {
            username: t.arg.string({ required: true }).validate(username),
            targets: t.arg.stringList({ required: true }).validate(targets),
        },
        resolve: async (_root, args, ctx) => {
            await ctx.easemob.presence.unsubscribe(args.username, args.targets);
            return true;
        },
    }),
}));
/**
 * Refuses, before any call, a selection asking for other users' presence details (the Presence
 * fields' own rule, presenceDetailsOf, would refuse them only after the read or the subscription
 * was made). `path` leads from the field to the `Presence`.
 */
export function refusePresenceDetails(ctx, info, path, args) {
    if (ctx.viewer.kind === 'admin' || onlyOwn(args.username, args.targets))
        return;
    const asked = selectedFields(info, path);
    const details = presenceDetails.filter((field) => asked.has(field));
    if (details.length === 0)
        return;
    throw new GraphQLError(`not allowed to access Presence.${details.join(', Presence.')} of other users; ask for user { status }`, { extensions: { code: errorCodes.forbidden } });
}
//# sourceMappingURL=presence.js.map