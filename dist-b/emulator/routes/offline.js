import { ok, resourceNotFound } from '../envelope.js';
import { stamp } from '../route.js';
function count(ctx) {
    const user = ctx.state.users.get(ctx.params.owner ?? '');
    if (!user)
        return resourceNotFound();
    const { orgName, appName } = ctx.app;
    return ok({
        action: 'get',
        // Both documented answers (Easemob「用户体系集成 › 获取用户离线消息数」,
        // /hx wrapper「IM环信接口文档 › 查询离线消息数」) give an internal host here instead of the
        // public one.
        uri: `http://tomcatcluster_users/${orgName}/${appName}/users/${ctx.params.owner}/offline_msg_count`,
        entities: [],
        data: { [user.username]: ctx.state.offlineCount(user.username) },
        ...stamp(ctx),
        count: 0,
    });
}
function status(ctx) {
    const user = ctx.state.users.get(ctx.params.username ?? '');
    if (!user)
        return resourceNotFound();
    const msgId = ctx.params.msgId ?? '';
    return ok({
        action: 'get',
        uri: `${ctx.baseUri}/users/${ctx.params.username}/offline_msg_status/${msgId}`,
        entities: [],
        data: { [msgId]: ctx.state.offlineStatus(user.username, msgId) },
        ...stamp(ctx),
        count: 0,
    });
}
export const offlineRoutes = {
    'offline.count': { handle: count },
    'offline.status': { handle: status },
};
//# sourceMappingURL=offline.js.map