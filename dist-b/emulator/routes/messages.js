import { illegalArgument, ok } from '../envelope.js';
import { appNames, isRecord, stamp } from '../route.js';
import { normalizeUsername } from '../users-store.js';
const targetTypes = new Set(['users', 'chatgroups', 'chatrooms']);
const messageTypes = new Set(['txt', 'img', 'loc', 'audio', 'video', 'file', 'cmd', 'custom']);
/** Returns the problem with a message body, or undefined when it can be sent. */
function problemWith(msg) {
    if (!isRecord(msg))
        return 'msg must be a JSON object';
    if (typeof msg.type !== 'string' || !messageTypes.has(msg.type)) {
        return `msg.type must be one of ${[...messageTypes].join(', ')}`;
    }
    if (msg.type === 'txt' && typeof msg.msg !== 'string')
        return 'a txt message needs msg';
    if (msg.type === 'cmd' && typeof msg.action !== 'string')
        return 'a cmd message needs action';
    return undefined;
}
/**
 * POST /messages (Easemob「REST API 开发指南 › 发送消息」;
 * /hx wrapper「IM环信接口文档 › 发送文本消息」). Every target gets its own chat-history record and
 * message id, and answers "success". Targets are not checked against registered users or block
 * lists: the docs describe no failure per target.
 */
function send(ctx) {
    const body = ctx.body;
    if (!isRecord(body))
        return illegalArgument('request body must be a JSON object');
    const targetType = body.target_type;
    if (!targetTypes.has(targetType)) {
        return illegalArgument('target_type must be one of users, chatgroups, chatrooms');
    }
    const targets = body.target;
    if (!Array.isArray(targets) ||
        targets.length === 0 ||
        !targets.every((target) => typeof target === 'string' && target !== '')) {
        return illegalArgument('target must be a non-empty array, even for a single target');
    }
    const problem = problemWith(body.msg);
    if (problem)
        return illegalArgument(problem);
    // /hx wrapper「IM环信接口文档 › 发送文本消息」: no `from` means "admin"; an empty `from` fails
    // the request.
    if (body.from !== undefined && (typeof body.from !== 'string' || body.from === '')) {
        return illegalArgument('from can not be empty');
    }
    const from = body.from === undefined ? 'admin' : normalizeUsername(body.from);
    if (body.ext !== undefined && !isRecord(body.ext)) {
        return illegalArgument('ext must be a JSON object');
    }
    const data = {};
    for (const target of targets) {
        ctx.state.sendMessage({ from, to: target, targetType, msg: body.msg, ext: body.ext });
        data[target] = 'success';
    }
    return ok({
        action: 'post',
        application: ctx.app.appUuid,
        path: '/messages',
        uri: `${ctx.baseUri}/messages`,
        data,
        ...stamp(ctx),
        ...appNames(ctx),
    });
}
export const messageRoutes = {
    'messages.send': { handle: send },
};
//# sourceMappingURL=messages.js.map