import { z } from 'zod';
import { deleteManyLimit, limits, newUser, newUsers, password, username, userUpdate, } from '../easemob/input.js';
import { actingAs, adminOnly } from './access.js';
import { builder } from './builder.js';
import { NotificationDisplayStyle, User } from './user.js';
import { userOf } from './user-model.js';
const CreateUserInput = builder.inputType('CreateUserInput', {
    fields: (t) => ({
        username: t.string({ required: true, description: '1-64 of a-z 0-9 _ - . (lower-cased).' }),
        password: t.string({ required: true }),
        nickname: t.string({ description: 'Push-notification nickname, at most 100 characters.' }),
    }),
});
const NoDisturbingInput = builder.inputType('NoDisturbingInput', {
    fields: (t) => ({
        enabled: t.boolean({ required: true }),
        startHour: t.int({ description: '0-23; required when enabled.' }),
        endHour: t.int({ description: '0-23; required when enabled.' }),
    }),
});
const UpdateUserInput = builder.inputType('UpdateUserInput', {
    fields: (t) => ({
        nickname: t.string(),
        notificationDisplayStyle: t.field({ type: NotificationDisplayStyle }),
        noDisturbing: t.field({ type: NoDisturbingInput }),
    }),
});
const UserCreationFailure = builder
    .objectRef('UserCreationFailure')
    .implement({
    fields: (t) => ({ username: t.exposeString('username'), reason: t.exposeString('reason') }),
});
const CreateUsersPayload = builder
    .objectRef('CreateUsersPayload')
    .implement({
    description: 'Easemob registers a batch as far as it can; the users it could not create are listed.',
    fields: (t) => ({
        created: t.field({ type: [User], resolve: (p) => p.created }),
        failed: t.field({ type: [UserCreationFailure], resolve: (p) => p.failed }),
    }),
});
const DeleteUsersPayload = builder
    .objectRef('DeleteUsersPayload')
    .implement({
    description: 'The users Easemob chose and deleted (the oldest first).',
    fields: (t) => ({
        deleted: t.field({ type: [User], resolve: (p) => p.deleted }),
        cursor: t.string({
            nullable: true,
            description: "Easemob's cursor after the deleted users; null when none remain.",
            resolve: (p) => p.cursor,
        }),
    }),
});
/** Everything the read layer holds about a user, evicted when the user is deleted. */
const everyKind = ['profile', 'contacts', 'blocks', 'status', 'offlineCount', 'presence'];
/** GraphQL gives absent optional fields as null; the REST rules want them absent. */
const withoutNulls = (value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
const newUserArg = z.preprocess((v) => withoutNulls(v), newUser);
const updateArg = z.preprocess((v) => {
    const update = withoutNulls(v);
    if (update.noDisturbing)
        update.noDisturbing = withoutNulls(update.noDisturbing);
    return update;
}, userUpdate);
builder.mutationFields((t) => ({
    createUser: t.field({
        authScopes: adminOnly,
        type: User,
        args: { input: t.arg({ type: CreateUserInput, required: true }).validate(newUserArg) },
        resolve: async (_root, { input }, ctx) => {
            const user = await ctx.easemob.users.create(input);
            await ctx.loaders.wroteProfile(user);
            return userOf(user.username, user);
        },
    }),
    createUsers: t.field({
        authScopes: adminOnly,
        complexity: (args) => ({ field: 1, multiplier: args.input.length }),
        type: CreateUsersPayload,
        description: 'At most 60 users per call.',
        args: {
            input: t
                .arg({ type: [CreateUserInput], required: true })
                .validate(z.preprocess((v) => (Array.isArray(v) ? v.map((u) => withoutNulls(u)) : v), newUsers)),
        },
        resolve: async (_root, { input }, ctx) => {
            const result = await ctx.easemob.users.createMany(input);
            await Promise.all(result.created.map((user) => ctx.loaders.wroteProfile(user)));
            return { created: result.created.map((u) => userOf(u.username, u)), failed: result.failed };
        },
    }),
    deleteUser: t.field({
        authScopes: adminOnly,
        type: User,
        description: 'Deletes the user (and any group or room they own) and returns its last profile.',
        args: { username: t.arg.string({ required: true }).validate(username) },
        resolve: async (_root, args, ctx) => {
            const user = await ctx.easemob.users.delete(args.username);
            // Whose contact lists named the user is not known here: theirs age out with their TTL.
            await Promise.all(everyKind.map((kind) => ctx.loaders.wrote(kind, [args.username])));
            return userOf(user.username, user);
        },
    }),
    deleteUsers: t.field({
        authScopes: adminOnly,
        type: DeleteUsersPayload,
        complexity: (args) => ({ field: 1, multiplier: args.limit }),
        description: `Deletes the \`limit\` oldest users (1-${limits.deleteMany}; Easemob picks them) and returns them. Not retried after an ambiguous failure: a repeat would delete more.`,
        args: { limit: t.arg.int({ required: true }).validate(deleteManyLimit) },
        resolve: async (_root, args, ctx) => {
            const page = await ctx.easemob.users.deleteMany({ limit: args.limit });
            const names = page.users.map((user) => user.username);
            if (names.length > 0) {
                await Promise.all(everyKind.map((kind) => ctx.loaders.wrote(kind, names)));
            }
            return { deleted: page.users.map((u) => userOf(u.username, u)), cursor: page.cursor };
        },
    }),
    resetPassword: t.boolean({
        authScopes: adminOnly,
        args: {
            username: t.arg.string({ required: true }).validate(username),
            password: t.arg.string({ required: true }).validate(password),
        },
        resolve: async (_root, args, ctx) => {
            await ctx.easemob.users.resetPassword(args.username, args.password);
            return true;
        },
    }),
    updateUser: t.field({
        authScopes: actingAs,
        type: User,
        description: 'Changes the push nickname, display style and no-disturbing window in one call.',
        args: {
            username: t.arg.string({ required: true }).validate(username),
            input: t.arg({ type: UpdateUserInput, required: true }).validate(updateArg),
        },
        resolve: async (_root, args, ctx) => {
            const user = await ctx.easemob.users.update(args.username, args.input);
            await ctx.loaders.wroteProfile(user);
            return userOf(user.username, user);
        },
    }),
    deactivateUser: t.field({
        authScopes: adminOnly,
        type: User,
        description: 'Bans the user: logged out at once, cannot log in until activated.',
        args: { username: t.arg.string({ required: true }).validate(username) },
        resolve: async (_root, args, ctx) => {
            const user = await ctx.easemob.users.deactivate(args.username);
            await Promise.all([
                ctx.loaders.wroteProfile(user),
                ctx.loaders.wrote('status', [user.username]),
            ]);
            return userOf(user.username, user);
        },
    }),
    activateUser: t.field({
        authScopes: adminOnly,
        type: User,
        args: { username: t.arg.string({ required: true }).validate(username) },
        resolve: async (_root, args, ctx) => {
            await ctx.easemob.users.activate(args.username);
            await ctx.loaders.wrote('profile', [args.username]);
            return userOf(args.username);
        },
    }),
    disconnectUser: t.boolean({
        authScopes: adminOnly,
        description: 'Forces the user offline; true when Easemob did.',
        args: { username: t.arg.string({ required: true }).validate(username) },
        resolve: async (_root, args, ctx) => {
            const done = await ctx.easemob.users.disconnect(args.username);
            await ctx.loaders.wrote('status', [args.username]);
            return done;
        },
    }),
}));
//# sourceMappingURL=user-admin.js.map