import { z } from 'zod';
import { outgoingMessage, username } from '../easemob/input.js';
import { buildChatHistoryQl } from '../easemob/resources/messages.js';
import { adminOnly } from './access.js';
import { builder } from './builder.js';
import { MessageBody } from './message-body.js';
import { inputPath, MessageInput, toEasemobBody } from './message-input.js';
import { cursorConnection } from './pagination.js';
import { enforceSendPolicy } from './send-policy.js';
import { User } from './user.js';
import { userOf } from './user-model.js';
export const ChatType = builder.enumType('ChatType', {
    values: {
        CHAT: { value: 'chat', description: 'One to one.' },
        GROUPCHAT: { value: 'groupchat' },
        CHATROOM: { value: 'chatroom' },
    },
});
export const SortOrder = builder.enumType('SortOrder', {
    values: { ASC: { value: 'asc' }, DESC: { value: 'desc' } },
});
export const MessageTargetType = builder.enumType('MessageTargetType', {
    values: {
        USERS: { value: 'users' },
        CHATGROUPS: { value: 'chatgroups' },
        CHATROOMS: { value: 'chatrooms' },
    },
});
export const Message = builder.objectRef('Message').implement({
    description: 'A chat-history record.',
    fields: (t) => ({
        id: t.exposeID('id'),
        chatType: t.field({
            type: ChatType,
            resolve: (m) => m.chatType.toLowerCase(),
        }),
        from: t.field({ type: User, resolve: (m) => userOf(m.from) }),
        to: t.string({ description: 'A username, or a group or room id.', resolve: (m) => m.to }),
        recipient: t.field({
            type: User,
            nullable: true,
            description: 'The receiving user of a one-to-one message.',
            resolve: (m) => (m.chatType.toLowerCase() === 'chat' ? userOf(m.to) : null),
        }),
        timestamp: t.field({ type: 'DateTime', resolve: (m) => new Date(m.timestamp) }),
        bodies: t.field({ type: [MessageBody], resolve: (m) => m.bodies }),
        ext: t.field({ type: 'JSON', resolve: (m) => m.ext }),
    }),
});
builder.queryField('chatMessages', (t) => t.connection({
    type: Message,
    description: 'The chat history, newest first unless `order` says otherwise. Admins only.',
    authScopes: adminOnly,
    complexity: (args) => ({ field: 1, multiplier: args.first ?? 20 }),
    args: {
        since: t.arg({ type: 'DateTime', description: 'Only messages at or after this time.' }),
        until: t.arg({ type: 'DateTime', description: 'Only messages before this time.' }),
        order: t.arg({ type: SortOrder, defaultValue: 'desc' }),
        from: t.arg.string({ description: 'Only messages from this user.' }).validate(username),
        to: t.arg
            .string({ description: 'Only messages to this user, or to this group or room id.' })
            .validate(username),
        chatType: t.arg({ type: ChatType }),
    },
    resolve: (_root, args, ctx) => {
        const ql = buildChatHistoryQl({
            since: args.since?.getTime(),
            until: args.until?.getTime(),
            from: args.from ?? undefined,
            to: args.to ?? undefined,
            chatType: args.chatType ?? undefined,
            order: args.order ?? 'desc',
        });
        return cursorConnection(args, { defaultSize: 20, maxUpstreamLimit: 100 }, async (cursor, limit) => {
            const page = await ctx.loaders.feeds.track(ctx.easemob.chatHistory.list({ ql, limit, cursor }));
            return { items: page.messages, cursor: page.cursor };
        });
    },
}, { name: 'MessageConnection' }, { name: 'MessageEdge' }));
const SendMessageInput = builder.inputType('SendMessageInput', {
    fields: (t) => ({
        targetType: t.field({ type: MessageTargetType, required: true }),
        targets: t.stringList({
            required: true,
            description: 'Usernames, or group or room ids: 1 to 100.',
        }),
        from: t.string({ description: 'The sender; Easemob shows "admin" without one.' }),
        message: t.field({ type: MessageInput, required: true }),
        ext: t.field({ type: 'JSON', description: 'Extension attributes delivered with it.' }),
    }),
});
/** Maps the input to Easemob's shape and applies the client's rule, naming GraphQL fields. */
const sendArg = z.custom().transform((input, ctx) => {
    const { kind, body } = toEasemobBody(input.message);
    const parsed = outgoingMessage.safeParse({
        targetType: input.targetType,
        targets: input.targets,
        message: body,
        from: input.from ?? undefined,
        ext: input.ext ?? undefined,
    });
    if (parsed.success)
        return parsed.data;
    for (const issue of parsed.error.issues) {
        const [field, ...rest] = issue.path;
        const path = field === 'message' ? ['message', ...inputPath(kind, rest)] : issue.path;
        ctx.addIssue({ code: 'custom', message: issue.message, path });
    }
    return z.NEVER;
});
const SendResultRef = builder.objectRef('SendResult').implement({
    fields: (t) => ({
        target: t.exposeString('target'),
        success: t.exposeBoolean('success'),
        result: t.exposeString('result', {
            description: 'Easemob\'s word for this target: "success", a message id, or a reason.',
        }),
    }),
});
const SendMessagePayload = builder
    .objectRef('SendMessagePayload')
    .implement({
    fields: (t) => ({ results: t.field({ type: [SendResultRef], resolve: (p) => p.results }) }),
});
builder.mutationField('sendMessage', (t) => t.field({
    type: SendMessagePayload,
    description: 'Sends one message to each target. Never retried after an ambiguous failure. Viewers send within the send policy (README: Authentication and authorization).',
    args: { input: t.arg({ type: SendMessageInput, required: true }).validate(sendArg) },
    // Viewers send only as themselves; admins as anyone (or as Easemob's "admin" with no `from`).
    authScopes: (_root, args) => args.input.from
        ? { admin: true, self: args.input.from }
        : { admin: true, authenticated: true },
    complexity: (args) => ({ field: 1, multiplier: args.input.targets.length }),
    resolve: async (_root, { input }, ctx, info) => {
        const from = input.from ?? (ctx.viewer.kind === 'user' ? ctx.viewer.username : undefined);
        await enforceSendPolicy(ctx, input, from ?? '', info);
        // A message waiting for an offline user changes their offline count, even when the send
        // failed ambiguously.
        const evictCounts = () => input.targetType === 'users' ? ctx.loaders.wrote('offlineCount', input.targets) : undefined;
        const results = await ctx.easemob.messages.send({ ...input, from }).finally(evictCounts);
        for (const { target, success } of results) {
            ctx.realtime.messageSent({
                from,
                targetType: input.targetType,
                target,
                success,
                message: input.message,
                ext: input.ext ?? {},
            });
        }
        return { results };
    },
}));
//# sourceMappingURL=message.js.map