import { illegalArgument, ok } from '../envelope.js';
import { isRecord, queryValue, stringList } from '../route.js';
/**
 * Easemob「在线状态订阅 RESTful API」: at most 100 usernames per call, subscriptions for at most 30
 * days.
 */
const maxUsernames = 100;
const maxExpirySeconds = 30 * 24 * 3600;
const maxPageSize = 500;
function uid(ctx) {
    return ctx.params.username ?? '';
}
/** The usernames of a presence body, checked against the 100-name limit. */
function usernamesOf(value) {
    const usernames = stringList(value);
    if (!usernames)
        return illegalArgument('usernames must be an array of usernames');
    if (usernames.length > maxUsernames) {
        return illegalArgument(`usernames size can not be more than ${maxUsernames}`);
    }
    return usernames;
}
function set(ctx) {
    const ext = isRecord(ctx.body) ? ctx.body.ext : undefined;
    if (typeof ext !== 'string')
        return illegalArgument('ext is required and must be a string');
    ctx.state.setPresence(uid(ctx), ctx.params.resource ?? '', ctx.params.status ?? '', ext);
    return ok({ result: 'ok' });
}
function subscribe(ctx) {
    const expiry = Number(ctx.params.expiry);
    if (!Number.isInteger(expiry) || expiry <= 0 || expiry > maxExpirySeconds) {
        return illegalArgument(`expiry must be between 1 and ${maxExpirySeconds} seconds`);
    }
    const usernames = usernamesOf(isRecord(ctx.body) ? ctx.body.usernames : undefined);
    if (!Array.isArray(usernames))
        return usernames;
    const until = String(ctx.state.presence.subscribe(uid(ctx), usernames, expiry));
    const result = usernames.map((name) => {
        const view = ctx.state.presence.view(name);
        return {
            uid: view.uid,
            last_time: view.last_time,
            expiry: until,
            ext: view.ext,
            status: view.status,
        };
    });
    return ok({ result });
}
function get(ctx) {
    const usernames = usernamesOf(isRecord(ctx.body) ? ctx.body.usernames : undefined);
    if (!Array.isArray(usernames))
        return usernames;
    return ok({ result: usernames.map((name) => ctx.state.presence.view(name)) });
}
/**
 * Easemob「在线状态订阅 RESTful API › 取消订阅」 documents a `users` field but its example sends a
 * bare array (`["c1"]`); both are accepted, and so is `usernames`, the field every other presence
 * call uses.
 */
function unsubscribe(ctx) {
    const body = ctx.body;
    const raw = Array.isArray(body)
        ? body
        : isRecord(body)
            ? (body.users ?? body.usernames)
            : undefined;
    const usernames = usernamesOf(raw);
    if (!Array.isArray(usernames))
        return usernames;
    ctx.state.presence.unsubscribe(uid(ctx), usernames);
    return ok({ result: 'ok' });
}
function integerQuery(ctx, name) {
    const raw = queryValue(ctx, name);
    const value = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
    return Number.isInteger(value) ? value : undefined;
}
function sublist(ctx) {
    const pageNum = integerQuery(ctx, 'pageNum');
    const pageSize = integerQuery(ctx, 'pageSize');
    if (pageNum === undefined || pageNum < 1) {
        return illegalArgument('pageNum must be an integer of at least 1');
    }
    if (pageSize === undefined || pageSize < 1 || pageSize > maxPageSize) {
        return illegalArgument(`pageSize must be an integer from 1 to ${maxPageSize}`);
    }
    const all = ctx.state.presence.subscriptionList(uid(ctx));
    const start = (pageNum - 1) * pageSize;
    return ok({
        result: { totalnum: String(all.length), sublist: all.slice(start, start + pageSize) },
    });
}
export const presenceRoutes = {
    'presence.set': { handle: set },
    'presence.subscribe': { handle: subscribe },
    'presence.get': { handle: get },
    'presence.unsubscribe': { handle: unsubscribe },
    'presence.sublist': { handle: sublist },
};
//# sourceMappingURL=presence.js.map