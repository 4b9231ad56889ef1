import { invalidResponse } from '../errors.js';
import { limits, messageId, parseInput, username, usernameBatch } from '../input.js';
import { offlineCountEnvelope, offlineStatusEnvelope, statusEnvelope } from '../responses.js';
import { chunk } from './chunk.js';
export function statusResource(core) {
    return {
        async get(name) {
            const user = parseInput(username, name, 'username');
            const answer = await core.call('status.get', {
                params: { username: user },
                schema: statusEnvelope,
            });
            // Easemob「REST API 开发指南 › 查看用户在线状态」 asks for zw123 and answers
            // `{"stliu": "online"}`: a single entry is the asked user's, whatever its key.
            const only = answer.data.size === 1 ? [...answer.data.values()][0] : undefined;
            return answer.data.get(user) ?? only ?? 'offline';
        },
        /**
         * Any number of users, in calls of at most 100
         * (Easemob「用户体系集成 › 批量获取用户在线状态」), sent concurrently. Keys are the lower-cased
         * names; users Easemob does not mention read as offline, as the docs say it does for unknown
         * users. `slot: 'acquired'`: the caller holds a budget slot from
         * `client.admission.acquire('status.batch')`, spent by the first call.
         */
        async getMany(names, options = {}) {
            const users = [...new Set(parseInput(usernameBatch, names, 'usernames'))];
            const answers = await Promise.all(chunk(users, limits.batchStatus).map((usernames, index) => core.call('status.batch', {
                body: { usernames },
                schema: statusEnvelope,
                slot: index === 0 ? options.slot : undefined,
            })));
            const states = new Map();
            for (const user of users)
                states.set(user, 'offline');
            for (const answer of answers) {
                for (const [user, state] of answer.data)
                    if (states.has(user))
                        states.set(user, state);
            }
            return states;
        },
    };
}
export function offlineResource(core) {
    return {
        async count(name) {
            const owner = parseInput(username, name, 'username');
            const answer = await core.call('offline.count', {
                params: { owner },
                schema: offlineCountEnvelope,
            });
            return answer.data[owner] ?? Object.values(answer.data)[0] ?? 0;
        },
        async messageStatus(name, id) {
            const params = {
                username: parseInput(username, name, 'username'),
                msgId: parseInput(messageId, id, 'messageId'),
            };
            const answer = await core.call('offline.status', { params, schema: offlineStatusEnvelope });
            const state = answer.data[params.msgId] ?? Object.values(answer.data)[0];
            if (!state)
                throw invalidResponse('offline.status', 'the answer has no delivery state');
            return state;
        },
    };
}
//# sourceMappingURL=status.js.map