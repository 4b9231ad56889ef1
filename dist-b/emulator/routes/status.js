import { illegalArgument, ok, resourceNotFound } from '../envelope.js';
import { isRecord, stamp, stringList } from '../route.js';
/** Easemob「用户体系集成 › 批量获取用户在线状态」: at most 100 usernames per call. */
const maxBatch = 100;
function get(ctx) {
    const user = ctx.state.users.get(ctx.params.username ?? '');
    if (!user)
        return resourceNotFound();
    return ok({
        action: 'get',
        uri: `${ctx.baseUri}/users/${ctx.params.username}/status`,
        entities: [],
        data: { [user.username]: ctx.state.isOnline(user.username) ? 'online' : 'offline' },
        ...stamp(ctx),
        count: 0,
    });
}
/**
 * Names are not checked: unknown users read as "offline"
 * (Easemob「用户体系集成 › 批量获取用户在线状态」). Each entry is keyed by the name as the caller
 * spelled it.
 */
function batch(ctx) {
    const usernames = stringList(isRecord(ctx.body) ? ctx.body.usernames : undefined);
    if (!usernames)
        return illegalArgument('usernames must be an array of usernames');
    if (usernames.length > maxBatch) {
        return illegalArgument(`usernames size can not be more than ${maxBatch}`);
    }
    const data = usernames.map((name) => ({
        [name]: ctx.state.isOnline(name) ? 'online' : 'offline',
    }));
    return ok({ action: 'get batch user status', data, ...stamp(ctx) });
}
export const statusRoutes = {
    'status.get': { handle: get },
    'status.batch': { handle: batch },
};
//# sourceMappingURL=status.js.map