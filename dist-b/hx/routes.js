import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { messageKinds } from '../easemob/message-kinds.js';
import { errorCodes } from '../errors.js';
const entityFields = 'uuid username activated createdAt modifiedAt nickname';
/** A user as Easemob lists it in `entities` (/hx wrapper「IM环信接口文档 › 获取单个IM用户」). */
function entity(user) {
    return {
        uuid: user.uuid,
        type: 'user',
        ...(user.createdAt ? { created: Date.parse(user.createdAt) } : {}),
        ...(user.modifiedAt ? { modified: Date.parse(user.modifiedAt) } : {}),
        username: user.username,
        activated: user.activated,
        ...(user.nickname ? { nickname: user.nickname } : {}),
    };
}
/** `user(username)` answers null for a user Easemob does not have; the wrapper answered 404. */
function existing(user, name) {
    if (user)
        return user;
    throw new GraphQLError(`user ${name} does not exist`, {
        extensions: { code: errorCodes.notFound },
    });
}
const name = z.string();
const newUser = z.object({ username: name, password: z.string(), nickname: z.string().optional() });
const fromNewUser = (u) => ({
    username: u.username,
    password: u.password,
    ...(u.nickname === undefined ? {} : { nickname: u.nickname }),
});
const registerOne = {
    operationName: 'HxRegisterUser',
    document: `mutation HxRegisterUser($input: CreateUserInput!) {
  createUser(input: $input) { ${entityFields} }
}`,
};
const registerMany = {
    operationName: 'HxRegisterUsers',
    document: `mutation HxRegisterUsers($input: [CreateUserInput!]!) {
  createUsers(input: $input) { created { ${entityFields} } failed { username reason } }
}`,
};
const registerBody = z.union([
    z.object({ users: z.array(newUser).min(1, 'must not be empty') }),
    newUser,
]);
const friendsBody = z.object({
    owner_username: name,
    friend_username: name,
    type: z.enum(['post', 'delete']),
});
const listBody = z.object({ owner_username: name, type: z.enum(['contacts', 'blocks']) });
/** `msg` is an Easemob message body (`{ type: 'txt', msg }`…): the `MessageInput` of its kind. */
const messageBody = z.looseObject({ type: z.string() }).transform((msg, ctx) => {
    const found = Object.entries(messageKinds).find(([, kind]) => kind.type === msg.type);
    if (!found) {
        const types = Object.values(messageKinds).map((kind) => kind.type);
        ctx.addIssue({ code: 'custom', path: ['type'], message: `must be one of ${types.join(', ')}` });
        return z.NEVER;
    }
    const [field, kind] = found;
    const values = Object.fromEntries(Object.entries(kind.fields)
        .map(([graphqlName, spec]) => [graphqlName, valueAt(msg, spec.easemob)])
        .filter(([, value]) => value !== undefined));
    return { [field]: kind.input ? values : (Object.values(values)[0] ?? null) };
});
function valueAt(body, path) {
    let value = body;
    for (const segment of path.split('.')) {
        value =
            value && typeof value === 'object' ? value[segment] : undefined;
    }
    return value;
}
const sendBody = z.object({
    target_type: z.enum(['users', 'chatgroups', 'chatrooms']),
    target: z.array(z.string()),
    msg: messageBody,
    // /hx wrapper「IM环信接口文档 › 发送文本消息」: an empty `from` fails, an absent one is "admin".
    from: z.string().min(1, 'must not be empty').optional(),
    ext: z.record(z.string(), z.unknown()).optional(),
});
export const hxPageLimit = 20;
const getUserBody = z.object({
    username: name.optional(),
    // The wrapper shows `limit` as a number; apps built on query strings send it as text.
    limit: z
        .preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.number().int().min(1).max(hxPageLimit, `at most ${hxPageLimit}`))
        .optional(),
    cursor: z.string().optional(),
});
export const hxRoutes = {
    // /hx wrapper「IM环信接口文档 › 环信注[单个]」 and 「› 环信注[批量]」.
    registerUser: {
        body: registerBody,
        plan: (body) => 'users' in body
            ? {
                ...registerMany,
                variables: { input: body.users.map(fromNewUser) },
                answer: ({ createUsers }) => ({
                    action: 'post',
                    path: '/users',
                    entities: createUsers.created.map(entity),
                    // Easemob's word for a batch registered in part: the users it refused, and why.
                    ...(createUsers.failed.length > 0
                        ? {
                            data: createUsers.failed.map((f) => ({
                                username: f.username,
                                registerUserFailReason: f.reason,
                            })),
                        }
                        : {}),
                }),
            }
            : {
                ...registerOne,
                variables: { input: fromNewUser(body) },
                answer: ({ createUser }) => ({
                    action: 'post',
                    path: '/users',
                    entities: [entity(createUser)],
                }),
            },
    },
    // /hx wrapper「IM环信接口文档 › 添加好友|删除好友」.
    addFriends: {
        body: friendsBody,
        plan: (body) => {
            const field = body.type === 'post' ? 'addContact' : 'removeContact';
            const operationName = body.type === 'post' ? 'HxAddFriend' : 'HxDeleteFriend';
            return {
                operationName,
                document: `mutation ${operationName}($owner: String!, $friend: String!) {
  ${field}(username: $owner, contact: $friend) { username }
}`,
                variables: { owner: body.owner_username, friend: body.friend_username },
                answer: () => ({
                    action: body.type,
                    path: `/users/${body.owner_username}/contacts`,
                    // Easemob shows the friend's full entity; reading it would cost a call GraphQL does not make.
                    entities: [{ type: 'user', username: body.friend_username }],
                }),
            };
        },
    },
    // /hx wrapper「IM环信接口文档 › 获取 IM 用户的好友列表|黑名单」.
    getFriends: {
        body: listBody,
        plan: (body) => {
            const operationName = body.type === 'contacts' ? 'HxContacts' : 'HxBlocks';
            return {
                operationName,
                document: `query ${operationName}($owner: String!) {
  user(username: $owner) { ${body.type} { username } }
}`,
                variables: { owner: body.owner_username },
                answer: ({ user }) => {
                    const names = existing(user, body.owner_username)[body.type].map((u) => u.username);
                    return { action: 'get', data: names, entities: [], count: names.length };
                },
            };
        },
    },
    // /hx wrapper「IM环信接口文档 › 查看用户在线状态」.
    getUserStatus: {
        body: z.object({ username: name }),
        plan: (body) => ({
            operationName: 'HxUserStatus',
            document: `query HxUserStatus($username: String!) {
  user(username: $username) { status }
}`,
            variables: { username: body.username },
            answer: ({ user }) => ({
                action: 'get',
                data: { [body.username]: existing(user, body.username).status.toLowerCase() },
                entities: [],
                count: 0,
            }),
        }),
    },
    // /hx wrapper「IM环信接口文档 › 查询离线消息数」.
    offlineMsgCount: {
        body: z.object({ owner_username: name }),
        plan: (body) => ({
            operationName: 'HxOfflineCount',
            document: `query HxOfflineCount($owner: String!) {
  user(username: $owner) { offlineCount }
}`,
            variables: { owner: body.owner_username },
            answer: ({ user }) => ({
                action: 'get',
                data: { [body.owner_username]: existing(user, body.owner_username).offlineCount },
                entities: [],
                count: 0,
            }),
        }),
    },
    // /hx wrapper「IM环信接口文档 › 发送文本消息」; any kind of body Easemob sends is accepted.
    sendMessages: {
        body: sendBody,
        plan: (body) => ({
            operationName: 'HxSendMessages',
            document: `mutation HxSendMessages($input: SendMessageInput!) {
  sendMessage(input: $input) { results { target result } }
}`,
            variables: {
                input: {
                    targetType: body.target_type.toUpperCase(),
                    targets: body.target,
                    message: body.msg,
                    ...(body.from === undefined ? {} : { from: body.from }),
                    ...(body.ext === undefined ? {} : { ext: body.ext }),
                },
            },
            answer: ({ sendMessage }) => ({
                action: 'post',
                path: '/messages',
                data: Object.fromEntries(sendMessage.results.map((r) => [r.target, r.result])),
            }),
        }),
    },
    // /hx wrapper「IM环信接口文档 › 重置IM用户密码」 shows the send answer by mistake; this is
    // Easemob's own (Easemob「用户体系集成 › 修改用户密码」).
    resetPassword: {
        body: z.object({ username: name, newpassword: z.string() }),
        plan: (body) => ({
            operationName: 'HxResetPassword',
            document: `mutation HxResetPassword($username: String!, $password: String!) {
  resetPassword(username: $username, password: $password)
}`,
            variables: { username: body.username, password: body.newpassword },
            answer: () => ({ action: 'set user password' }),
        }),
    },
    // /hx wrapper「IM环信接口文档 › 获取单个IM用户」 and 「› 获取多个IM用户」 (limit ≤ 20).
    getUser: {
        body: getUserBody,
        plan: (body) => {
            if (body.username !== undefined) {
                const wanted = body.username;
                return {
                    operationName: 'HxUser',
                    document: `query HxUser($username: String!) {
  user(username: $username) { ${entityFields} }
}`,
                    variables: { username: wanted },
                    answer: ({ user }) => ({
                        action: 'get',
                        path: '/users',
                        entities: [entity(existing(user, wanted))],
                        count: 1,
                    }),
                };
            }
            const limit = body.limit ?? 10;
            return {
                operationName: 'HxUsers',
                document: `query HxUsers($first: Int!, $after: String) {
  users(first: $first, after: $after) {
    edges { node { ${entityFields} } }
    pageInfo { hasNextPage endCursor }
  }
}`,
                variables: { first: limit, ...(body.cursor === undefined ? {} : { after: body.cursor }) },
                answer: ({ users }) => {
                    const entities = users.edges.map((edge) => entity(edge.node));
                    return {
                        action: 'get',
                        path: '/users',
                        entities,
                        count: entities.length,
                        // Easemob leaves `cursor` out on the last page; ours goes back as `cursor` for the next.
                        ...(users.pageInfo.hasNextPage ? { cursor: users.pageInfo.endCursor } : {}),
                        params: { limit: [String(limit)] },
                    };
                },
            };
        },
    },
};
//# sourceMappingURL=routes.js.map