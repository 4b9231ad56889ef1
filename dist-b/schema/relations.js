import { limits, username, usernameList } from '../easemob/input.js';
import { actingAs } from './access.js';
import { builder } from './builder.js';
import { blockedBy, refused } from './send-policy.js';
import { User } from './user.js';
import { userOf } from './user-model.js';
builder.mutationFields((t) => ({
    addContact: t.field({
        authScopes: actingAs,
        type: User,
        description: 'Makes the two users contacts of each other; returns the owner. A viewer cannot add a user who blocked them.',
        args: {
            username: t.arg.string({ required: true }).validate(username),
            contact: t.arg.string({ required: true }).validate(username),
        },
        resolve: async (_root, args, ctx) => {
            refuseUnlessSelfService(ctx);
            // Easemob writes both lists, so the other user's consent matters: a block says no.
            if (ctx.viewer.kind !== 'admin' && (await blockedBy(ctx, args.contact, args.username))) {
                throw refused(`contact request rejected: ${args.contact} does not accept it`, 'blocked');
            }
            await ctx.easemob.contacts.add(args.username, args.contact);
            await ctx.loaders.wrote('contacts', [args.username, args.contact]);
            return userOf(args.username);
        },
    }),
    removeContact: t.field({
        authScopes: actingAs,
        type: User,
        args: {
            username: t.arg.string({ required: true }).validate(username),
            contact: t.arg.string({ required: true }).validate(username),
        },
        resolve: async (_root, args, ctx) => {
            refuseUnlessSelfService(ctx);
            await ctx.easemob.contacts.remove(args.username, args.contact);
            await ctx.loaders.wrote('contacts', [args.username, args.contact]);
            return userOf(args.username);
        },
    }),
    blockUsers: t.field({
        authScopes: actingAs,
        type: User,
        description: `Blocks users from messaging the owner; a block list holds at most ${limits.blocksPerUser} users. Returns the owner.`,
        args: {
            username: t.arg.string({ required: true }).validate(username),
            usernames: t.arg.stringList({ required: true }).validate(usernameList(limits.blocksPerUser)),
        },
        resolve: async (_root, args, ctx) => {
            // The limit is on the list: it is checked against the one the owner has now.
            const current = await ctx.loaders.blocks.load(args.username);
            await ctx.easemob.blocks.add(args.username, args.usernames, { current });
            await ctx.loaders.wrote('blocks', [args.username]);
            return userOf(args.username);
        },
    }),
    unblockUser: t.field({
        authScopes: actingAs,
        type: User,
        args: {
            username: t.arg.string({ required: true }).validate(username),
            blocked: t.arg.string({ required: true }).validate(username),
        },
        resolve: async (_root, args, ctx) => {
            await ctx.easemob.blocks.remove(args.username, args.blocked);
            await ctx.loaders.wrote('blocks', [args.username]);
            return userOf(args.username);
        },
    }),
}));
/** VIEWER_CONTACTS=admin-only: contact lists are your backend's to change. Blocks stay the user's. */
function refuseUnlessSelfService(ctx) {
    if (ctx.viewer.kind !== 'admin' && ctx.viewerPolicy.contacts === 'admin-only') {
        throw refused('contact lists are changed by admins only (VIEWER_CONTACTS=admin-only)', 'contacts');
    }
}
//# sourceMappingURL=relations.js.map