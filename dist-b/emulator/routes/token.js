import { illegalArgument, invalidGrant, ok } from '../envelope.js';
import { isRecord } from '../route.js';
/**
 * `ttl` arrives as a string in the examples of Easemob「用户体系集成 › 获取管理员权限token」 and as
 * a number from most clients. Absent, empty or 0 means the app's default lifetime (the docs do not
 * say what 0 does).
 */
function parseTtl(raw, fallback) {
    if (raw === undefined || raw === null || raw === '')
        return fallback;
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
    if (!Number.isInteger(value) || value < 0)
        return undefined;
    return value === 0 ? fallback : value;
}
/**
 * OAuth errors carry no `exception` in Easemob「用户体系集成 › 获取用户token」, so this one does
 * not either.
 */
function unsupportedGrant(grantType, timestamp) {
    return {
        status: 400,
        body: {
            error: 'unsupported_grant_type',
            timestamp,
            duration: 0,
            error_description: `unsupported grant type: ${String(grantType)}`,
        },
    };
}
function appToken(ctx, body, ttl) {
    if (body.client_id !== ctx.app.clientId || body.client_secret !== ctx.app.clientSecret) {
        return invalidGrant('invalid client_id or client_secret');
    }
    const { token, expiresIn } = ctx.state.tokens.issue({ kind: 'app' }, ttl);
    return ok({ access_token: token, expires_in: expiresIn, application: ctx.app.appUuid });
}
function userToken(ctx, body, ttl) {
    const user = typeof body.username === 'string' ? ctx.state.users.get(body.username) : undefined;
    if (!user)
        return invalidGrant('invalid username or password');
    if (body.password !== user.password)
        return invalidGrant('invalid password');
    if (!user.activated)
        return invalidGrant('user not activated');
    const { token, expiresIn } = ctx.state.tokens.issue({ kind: 'user', username: user.username }, ttl);
    // Exactly the six fields Easemob「用户体系集成 › 获取用户token」 shows, even when the user has a
    // nickname.
    return ok({
        access_token: token,
        expires_in: expiresIn,
        user: {
            uuid: user.uuid,
            type: 'user',
            created: user.created,
            modified: user.modified,
            username: user.username,
            activated: user.activated,
        },
    });
}
export const tokenRoutes = {
    token: {
        auth: 'none',
        handle(ctx) {
            const body = isRecord(ctx.body) ? ctx.body : {};
            const ttl = parseTtl(body.ttl, ctx.app.defaultTokenTtlSeconds);
            if (ttl === undefined)
                return illegalArgument('ttl must be a non-negative integer');
            if (body.grant_type === 'client_credentials')
                return appToken(ctx, body, ttl);
            if (body.grant_type === 'password')
                return userToken(ctx, body, ttl);
            return unsupportedGrant(body.grant_type, ctx.state.now());
        },
    },
};
//# sourceMappingURL=token.js.map