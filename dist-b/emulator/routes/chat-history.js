import { illegalArgument, ok, queryParse } from '../envelope.js';
import { CursorError } from '../message-store.js';
import { parseQl, QlError } from '../ql.js';
import { appNames, echoParams, positiveInt, queryValue, stamp, } from '../route.js';
/** Easemob「聊天消息导出 › 聊天消息REST API」: ten records unless `limit` says otherwise. */
const defaultLimit = 10;
/**
 * GET /chatmessages. Easemob「聊天消息导出 › 聊天消息REST API」 elides the envelope around
 * count/cursor/entities; the usual usergrid collection envelope is used, with `cursor` only when
 * another page exists.
 */
function list(ctx) {
    let page;
    try {
        const query = parseQl(queryValue(ctx, 'ql'));
        const cursor = queryValue(ctx, 'cursor');
        page = ctx.state.history.page(query, positiveInt(ctx, 'limit', defaultLimit), cursor === '' ? undefined : cursor);
    }
    catch (error) {
        if (error instanceof QlError)
            return queryParse(error.message);
        if (error instanceof CursorError)
            return illegalArgument(error.message);
        throw error;
    }
    return ok({
        action: 'get',
        application: ctx.app.appUuid,
        params: echoParams(ctx),
        path: '/chatmessages',
        uri: `${ctx.baseUri}/chatmessages`,
        entities: page.entities,
        ...stamp(ctx),
        ...appNames(ctx),
        count: page.entities.length,
        ...(page.cursor ? { cursor: page.cursor } : {}),
    });
}
export const chatHistoryRoutes = {
    'chatmessages.list': { handle: list },
};
//# sourceMappingURL=chat-history.js.map