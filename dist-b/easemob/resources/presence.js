import { refusedBy } from '../errors.js';
import { limits, parseInput, presenceExpiry, presenceExt, presenceResource, presenceStatus, sublistPage, username, usernameBatch, } from '../input.js';
import { presenceListEnvelope, resultOkEnvelope, sublistEnvelope, } from '../responses.js';
import { chunk } from './chunk.js';
const usernamesToChunk = usernameBatch.min(1, 'must name at least one user');
export function presenceResourceFor(core) {
    return {
        async set(name, update) {
            const params = {
                username: parseInput(username, name, 'username'),
                resource: parseInput(presenceResource, update.resource, 'resource'),
                status: parseInput(presenceStatus, update.status, 'status'),
            };
            const body = { ext: parseInput(presenceExt, update.ext ?? '', 'ext') };
            const answer = await core.call('presence.set', { params, body, schema: resultOkEnvelope });
            requireOk('presence.set', answer.result);
        },
        /** Subscribes `name` to each target for `expirySeconds` (≤ 30 days); returns their presence now. */
        async subscribe(name, targets, expirySeconds) {
            const user = parseInput(username, name, 'username');
            const expiry = String(parseInput(presenceExpiry, expirySeconds, 'expiry'));
            const names = dedupe(parseInput(usernamesToChunk, targets, 'usernames'));
            const runs = chunk(names, limits.presenceBatch);
            const pages = await Promise.all(runs.map((usernames) => core.call('presence.subscribe', {
                params: { username: user, expiry },
                body: { usernames },
                schema: presenceListEnvelope,
            })));
            return pages.flatMap((page, i) => toPresence('presence.subscribe', page.result, runs[i]));
        },
        async getMany(name, targets) {
            const user = parseInput(username, name, 'username');
            const names = dedupe(parseInput(usernamesToChunk, targets, 'usernames'));
            const runs = chunk(names, limits.presenceBatch);
            const pages = await Promise.all(runs.map((usernames) => core.call('presence.get', {
                params: { username: user },
                body: { usernames },
                schema: presenceListEnvelope,
            })));
            return pages.flatMap((page, i) => toPresence('presence.get', page.result, runs[i]));
        },
        /**
         * The example in Easemob「在线状态订阅 RESTful API › 取消订阅」 sends the names as a bare JSON
         * array, so that is what goes out.
         */
        async unsubscribe(name, targets) {
            const user = parseInput(username, name, 'username');
            const names = dedupe(parseInput(usernamesToChunk, targets, 'usernames'));
            const answers = await Promise.all(chunk(names, limits.presenceBatch).map((run) => core.call('presence.unsubscribe', {
                params: { username: user },
                body: run,
                schema: resultOkEnvelope,
            })));
            for (const answer of answers)
                requireOk('presence.unsubscribe', answer.result);
        },
        async subscriptions(name, page = { pageNum: 1, pageSize: 100 }) {
            const params = { username: parseInput(username, name, 'username') };
            const query = parseInput(sublistPage, page, 'page');
            const answer = await core.call('presence.sublist', {
                params,
                query,
                schema: sublistEnvelope,
            });
            if ('refused' in answer.result)
                throw refusedBy('presence.sublist', answer.result.refused);
            return {
                total: answer.result.totalnum,
                subscriptions: answer.result.sublist.map((s) => ({
                    username: s.uid.toLowerCase(),
                    expiresAt: s.expiry * 1000,
                })),
            };
        },
    };
}
/**
 * Easemob「在线状态订阅 RESTful API › 设置用户在线状态信息」 and 「› 取消订阅」: `result` is "ok" on
 * success, "否则返回相应的错误原因" — the reason, raised as the error.
 */
function requireOk(endpoint, result) {
    if (result === 'ok')
        return;
    const reason = typeof result === 'string' && result.trim() !== ''
        ? result
        : `Easemob answered ${JSON.stringify(result) ?? 'no result'} instead of "ok"`;
    throw refusedBy(endpoint, reason.slice(0, 200));
}
function dedupe(names) {
    return [...new Set(names)];
}
/**
 * The example in Easemob「在线状态订阅 RESTful API › 批量订阅在线状态」 answers `"uid": ""` for the
 * first user, so an entry without a uid is matched to the name asked for at its position.
 */
function toPresence(endpoint, result, asked) {
    // "若订阅失败，返回相应的错误原因": the reason stands where the list would.
    if (!Array.isArray(result))
        throw refusedBy(endpoint, result.refused);
    return result.map((entry, i) => ({
        username: (entry.uid || asked[i] || '').toLowerCase(),
        devices: entry.status,
        ext: entry.ext,
        lastSeenAt: entry.last_time === undefined ? undefined : entry.last_time * 1000,
        expiresAt: entry.expiry === undefined ? undefined : entry.expiry * 1000,
    }));
}
//# sourceMappingURL=presence.js.map