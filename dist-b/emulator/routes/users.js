import { duplicateUsername, illegalArgument, ok, requiredUsername, resourceNotFound, } from '../envelope.js';
import { appNames, echoParams, isRecord, positiveInt, queryValue, stamp, } from '../route.js';
import { isLegalUsername, toEntity } from '../users-store.js';
/**
 * Most users one batch registration takes (Easemob「用户体系集成 › 批量注册用户」 points to
 * 接口限流说明 for the number).
 */
const maxBatch = 60;
/**
 * usergrid's default page size; Easemob「用户体系集成 › 批量获取用户」 only says the list is
 * ordered by creation.
 */
const defaultLimit = 10;
function checkRegistration(state, item) {
    const body = isRecord(item) ? item : {};
    const username = typeof body.username === 'string' ? body.username : '';
    const fail = (result, reason) => ({
        ok: false,
        result,
        reason,
        username,
    });
    if (username === '')
        return fail(requiredUsername(), 'username is required');
    if (typeof body.password !== 'string' || body.password === '') {
        const message = 'password or pin must provided';
        return fail(illegalArgument(message), message);
    }
    if (!isLegalUsername(username)) {
        const message = `username [${username}] is not legal`;
        return fail(illegalArgument(message), message);
    }
    if (body.nickname !== undefined && typeof body.nickname !== 'string') {
        return fail(illegalArgument('nickname must be a string'), 'nickname must be a string');
    }
    if (state.users.get(username)) {
        return fail(duplicateUsername(username), `the ${username} already exists`);
    }
    const registration = { ok: true, username, password: body.password };
    if (typeof body.nickname === 'string')
        registration.nickname = body.nickname;
    return registration;
}
function registered(ctx, entities, failures) {
    const { timestamp, duration } = stamp(ctx);
    return ok({
        action: 'post',
        application: ctx.app.appUuid,
        path: '/users',
        uri: `${ctx.baseUri}/users`,
        entities,
        timestamp,
        // Only the batch form answers with `data` (the users that failed), even when empty.
        ...(failures ? { data: failures } : {}),
        duration,
        ...appNames(ctx),
    });
}
/** An object body registers one user; an array registers a batch, which always needs a token. */
function register(ctx) {
    const { state } = ctx;
    if (Array.isArray(ctx.body)) {
        if (!ctx.hasAppToken)
            return ctx.denied();
        if (ctx.body.length === 0)
            return illegalArgument('users list can not be empty');
        if (ctx.body.length > maxBatch) {
            return illegalArgument(`users size can not be more than ${maxBatch}`);
        }
        const entities = [];
        const failures = [];
        for (const item of ctx.body) {
            const check = checkRegistration(state, item);
            if (check.ok)
                entities.push(toEntity(state.users.create(check)));
            else
                failures.push({ username: check.username, registerUserFailReason: check.reason });
        }
        return registered(ctx, entities, failures);
    }
    if (!isRecord(ctx.body))
        return illegalArgument('request body must be a JSON object or array');
    if (!ctx.hasAppToken && !ctx.app.openRegistration)
        return ctx.denied();
    const check = checkRegistration(state, ctx.body);
    if (!check.ok)
        return check.result;
    return registered(ctx, [toEntity(state.users.create(check))]);
}
// The users cursor names the last user of a page by creation number, dressed like usergrid's
// ("LTgzNDAxMjM3OTo…" decodes to "-834012379:…").
function encodeCursor(user) {
    return Buffer.from(`-834012379:${user.seq}`).toString('base64url');
}
function decodeCursor(cursor) {
    const match = /^-834012379:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    return match ? Number(match[1]) : undefined;
}
function list(ctx) {
    const cursor = queryValue(ctx, 'cursor');
    const after = cursor === undefined || cursor === '' ? 0 : decodeCursor(cursor);
    if (after === undefined)
        return illegalArgument(`invalid cursor ${cursor}`);
    const { users, more } = ctx.state.users.page(after, positiveInt(ctx, 'limit', defaultLimit));
    const last = users[users.length - 1];
    return ok({
        action: 'get',
        params: echoParams(ctx),
        path: '/users',
        uri: `${ctx.baseUri}/users`,
        entities: users.map(toEntity),
        ...stamp(ctx),
        ...(more && last ? { cursor: encodeCursor(last) } : {}),
        count: users.length,
    });
}
function get(ctx) {
    const username = ctx.params.username ?? '';
    const user = ctx.state.users.get(username);
    if (!user)
        return resourceNotFound();
    return ok({
        action: 'get',
        path: '/users',
        uri: `${ctx.baseUri}/users/${username}`,
        entities: [toEntity(user)],
        ...stamp(ctx),
        count: 1,
    });
}
function remove(ctx) {
    const user = ctx.state.users.get(ctx.params.username ?? '');
    if (!user)
        return resourceNotFound();
    ctx.state.deleteUser(user.username);
    return ok({
        action: 'delete',
        application: ctx.app.appUuid,
        path: '/users',
        uri: `${ctx.baseUri}/users`,
        entities: [toEntity(user)],
        ...stamp(ctx),
        ...appNames(ctx),
    });
}
/**
 * Deletes the `limit` oldest users; the cursor is there when users remain
 * (Easemob「用户体系集成 › 批量删除用户」).
 */
function removeMany(ctx) {
    const { users, more } = ctx.state.users.page(0, positiveInt(ctx, 'limit', defaultLimit));
    for (const user of users)
        ctx.state.deleteUser(user.username);
    const last = users[users.length - 1];
    return ok({
        action: 'delete',
        application: ctx.app.appUuid,
        params: echoParams(ctx),
        path: '/users',
        uri: `${ctx.baseUri}/users`,
        entities: users.map(toEntity),
        ...stamp(ctx),
        ...appNames(ctx),
        ...(more && last ? { cursor: encodeCursor(last) } : {}),
    });
}
export const userRoutes = {
    'users.create': { auth: 'optional', handle: register },
    'users.list': { handle: list },
    'users.get': { handle: get },
    'users.delete': { handle: remove },
    'users.deleteMany': { handle: removeMany },
};
//# sourceMappingURL=users.js.map