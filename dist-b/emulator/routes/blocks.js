import { illegalArgument, ok, resourceNotFound } from '../envelope.js';
import { appNames, isRecord, stamp, stringList, } from '../route.js';
import { normalizeUsername, toEntity } from '../users-store.js';
/** Easemob「用户体系集成 › 添加黑名单」: a user's block list holds at most 500 users. */
const maxBlocks = 500;
function list(ctx) {
    const owner = ctx.state.users.get(ctx.params.owner ?? '');
    if (!owner)
        return resourceNotFound();
    const data = ctx.state.users.blocksOf(owner.username);
    return ok({
        action: 'get',
        uri: `${ctx.baseUri}/users/${ctx.params.owner}/blocks/users`,
        entities: [],
        data,
        ...stamp(ctx),
        count: data.length,
    });
}
function add(ctx) {
    const { users } = ctx.state;
    const owner = users.get(ctx.params.owner ?? '');
    if (!owner)
        return resourceNotFound();
    const requested = stringList(isRecord(ctx.body) ? ctx.body.usernames : undefined);
    if (!requested || requested.length === 0) {
        return illegalArgument('usernames must be a non-empty array of usernames');
    }
    const names = [...new Set(requested.map(normalizeUsername))];
    for (const name of names) {
        if (!users.get(name)) {
            return illegalArgument(`attempt to adding new block[${name}] for user[${owner.username}],but user[${name}] not found.`);
        }
    }
    const current = new Set(users.blocksOf(owner.username));
    const after = current.size + names.filter((name) => !current.has(name)).length;
    if (after > maxBlocks) {
        return illegalArgument(`attempt to adding new blocks for user[${owner.username}],but the number of blocks would exceed the limit ${maxBlocks}.`);
    }
    for (const name of names)
        users.addBlock(owner.username, name);
    return ok({
        action: 'post',
        application: ctx.app.appUuid,
        uri: ctx.baseUri,
        entities: [],
        data: names,
        ...stamp(ctx),
        ...appNames(ctx),
    });
}
/** Answers with the unblocked user's entity; unblocking someone not blocked still succeeds. */
function remove(ctx) {
    const owner = ctx.state.users.get(ctx.params.owner ?? '');
    const blocked = ctx.state.users.get(ctx.params.blocked ?? '');
    if (!owner || !blocked)
        return resourceNotFound();
    ctx.state.users.removeBlock(owner.username, blocked.username);
    const path = `/users/${owner.uuid}/blocks`;
    return ok({
        action: 'delete',
        application: ctx.app.appUuid,
        path,
        uri: `${ctx.baseUri}${path}`,
        entities: [toEntity(blocked)],
        ...stamp(ctx),
        ...appNames(ctx),
    });
}
export const blockRoutes = {
    'blocks.list': { handle: list },
    'blocks.add': { handle: add },
    'blocks.remove': { handle: remove },
};
//# sourceMappingURL=blocks.js.map