import { entityNotFound, illegalArgument, managementUserMissing, ok, requiredUsername, resourceNotFound, } from '../envelope.js';
import { appNames, isRecord, stamp } from '../route.js';
import { toEntity } from '../users-store.js';
function userOf(ctx) {
    return ctx.state.users.get(ctx.params.username ?? '');
}
function setPassword(ctx) {
    const user = userOf(ctx);
    if (!user)
        return entityNotFound();
    const password = isRecord(ctx.body) ? ctx.body.newpassword : undefined;
    if (typeof password !== 'string' || password === '') {
        return illegalArgument('password or pin must provided');
    }
    user.password = password;
    ctx.state.users.touch(user);
    return ok({ action: 'set user password', ...stamp(ctx) });
}
function hour(value) {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= 24
        ? number
        : undefined;
}
/**
 * Reads the settings PUT /users/{username} may change. Easemob「用户体系集成」 sends them as
 * strings or booleans and answers numbers and booleans, so they are stored that way. Other
 * properties are ignored.
 */
function readSettings(body) {
    const settings = {};
    if (body.nickname !== undefined) {
        if (typeof body.nickname !== 'string')
            return 'nickname must be a string';
        settings.nickname = body.nickname;
    }
    const style = body.notification_display_style;
    if (style !== undefined) {
        if (style !== 0 && style !== 1 && style !== '0' && style !== '1') {
            return 'notification_display_style must be 0 or 1';
        }
        settings.notification_display_style = Number(style);
    }
    const noDisturbing = body.notification_no_disturbing;
    if (noDisturbing !== undefined) {
        if (noDisturbing === true || noDisturbing === 'true')
            settings.notification_no_disturbing = true;
        else if (noDisturbing === false || noDisturbing === 'false') {
            settings.notification_no_disturbing = false;
        }
        else
            return 'notification_no_disturbing must be true or false';
    }
    for (const key of [
        'notification_no_disturbing_start',
        'notification_no_disturbing_end',
    ]) {
        if (body[key] === undefined)
            continue;
        const value = hour(body[key]);
        if (value === undefined)
            return `${key} must be an hour from 0 to 24`;
        settings[key] = value;
    }
    return settings;
}
function update(ctx) {
    const user = userOf(ctx);
    // Easemob「用户体系集成 › 设置推送昵称」: updating a missing user is a 400 about a missing
    // username, not a 404.
    if (!user)
        return requiredUsername();
    if (!isRecord(ctx.body))
        return illegalArgument('request body must be a JSON object');
    const settings = readSettings(ctx.body);
    if (typeof settings === 'string')
        return illegalArgument(settings);
    Object.assign(user, settings);
    ctx.state.users.touch(user);
    return ok({
        action: 'put',
        application: ctx.app.appUuid,
        path: '/users',
        uri: `${ctx.baseUri}/users`,
        entities: [toEntity(user)],
        ...stamp(ctx),
        ...appNames(ctx),
    });
}
function deactivate(ctx) {
    const user = userOf(ctx);
    if (!user)
        return managementUserMissing(ctx.app.appUuid);
    ctx.state.setActivated(user, false);
    return ok({ action: 'Deactivate user', entities: [toEntity(user)], ...stamp(ctx) });
}
function activate(ctx) {
    const user = userOf(ctx);
    if (!user)
        return resourceNotFound();
    ctx.state.setActivated(user, true);
    return ok({ action: 'activate user', ...stamp(ctx) });
}
/**
 * Always `result: true`, also for a user who was not online (Easemob「用户体系集成 › 强制下线」
 * shows no other case).
 */
function disconnect(ctx) {
    const user = userOf(ctx);
    if (!user)
        return resourceNotFound();
    ctx.state.setOnline(user.username, false);
    return ok({
        action: 'get',
        uri: `${ctx.baseUri}/users/${ctx.params.username}/disconnect`,
        entities: [],
        data: { result: true },
        ...stamp(ctx),
        count: 0,
    });
}
export const accountRoutes = {
    'users.password': { handle: setPassword },
    'users.update': { handle: update },
    'users.deactivate': { handle: deactivate },
    'users.activate': { handle: activate },
    'users.disconnect': { handle: disconnect },
};
//# sourceMappingURL=accounts.js.map