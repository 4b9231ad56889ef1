import { EasemobInputError } from '../errors.js';
import { limits, parseInput, username, usernameList } from '../input.js';
import { entitiesEnvelope, namesEnvelope } from '../responses.js';
function firstEntity(users) {
    return users[0];
}
export function contactsResource(core) {
    return {
        /** Returns the friend's entity, as Easemob does. */
        async add(owner, friend) {
            const params = {
                owner: parseInput(username, owner, 'owner'),
                friend: parseInput(username, friend, 'friend'),
            };
            const answer = await core.call('contacts.add', { params, schema: entitiesEnvelope });
            return firstEntity(answer.entities);
        },
        async remove(owner, friend) {
            const params = {
                owner: parseInput(username, owner, 'owner'),
                friend: parseInput(username, friend, 'friend'),
            };
            const answer = await core.call('contacts.remove', { params, schema: entitiesEnvelope });
            return firstEntity(answer.entities);
        },
        async list(owner) {
            const params = { owner: parseInput(username, owner, 'owner') };
            const answer = await core.call('contacts.list', { params, schema: namesEnvelope });
            return answer.data.map((name) => name.toLowerCase());
        },
    };
}
export function blocksResource(core) {
    return {
        async list(owner) {
            const params = { owner: parseInput(username, owner, 'owner') };
            const answer = await core.call('blocks.list', { params, schema: namesEnvelope });
            return answer.data.map((name) => name.toLowerCase());
        },
        /**
         * Easemob「用户体系集成 › 添加黑名单」: at most 500 blocked users per user — the list, not the
         * call. With `current` (the owner's list now) the limit is checked against the list the call
         * would leave; without it, only per call. Returns the names added.
         */
        async add(owner, usernames, options = {}) {
            const params = { owner: parseInput(username, owner, 'owner') };
            const body = {
                usernames: parseInput(usernameList(limits.blocksPerUser), usernames, 'usernames'),
            };
            if (options.current)
                checkBlockLimit(options.current, body.usernames);
            const answer = await core.call('blocks.add', { params, body, schema: namesEnvelope });
            return answer.data.map((name) => name.toLowerCase());
        },
        async remove(owner, blocked) {
            const params = {
                owner: parseInput(username, owner, 'owner'),
                blocked: parseInput(username, blocked, 'blocked'),
            };
            const answer = await core.call('blocks.remove', { params, schema: entitiesEnvelope });
            return firstEntity(answer.entities);
        },
    };
}
/** Throws when blocking `adding` would leave more than 500 users on a list holding `current`. */
export function checkBlockLimit(current, adding) {
    const after = new Set(current.map((name) => name.toLowerCase()));
    for (const name of adding)
        after.add(name.toLowerCase());
    if (after.size > limits.blocksPerUser) {
        throw new EasemobInputError('usernames', `would make ${after.size} blocked users; a user blocks at most ${limits.blocksPerUser} (${current.length} now)`);
    }
}
//# sourceMappingURL=contacts.js.map