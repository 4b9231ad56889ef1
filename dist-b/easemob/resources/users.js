import { invalidResponse } from '../errors.js';
import { cursor, deleteManyLimit, limits, newUser, newUsers, pageLimit, parseInput, password, username, userUpdate, } from '../input.js';
import { actionEnvelope, disconnectEnvelope, entitiesEnvelope, registerEnvelope, } from '../responses.js';
export function usersResource(core) {
    const only = (users, endpoint) => {
        const user = users[0];
        if (!user)
            throw invalidResponse(endpoint, 'the answer has no user entity');
        return user;
    };
    return {
        async create(input) {
            const user = parseInput(newUser, input, 'user');
            const answer = await core.call('users.create', { body: user, schema: entitiesEnvelope });
            return only(answer.entities, 'users.create');
        },
        async createMany(input) {
            const users = parseInput(newUsers, input, 'users');
            const answer = await core.call('users.create', { body: users, schema: registerEnvelope });
            return {
                created: answer.entities,
                failed: answer.data.map((f) => ({
                    username: f.username.toLowerCase(),
                    reason: f.registerUserFailReason,
                })),
            };
        },
        async get(name) {
            const params = { username: parseInput(username, name, 'username') };
            const answer = await core.call('users.get', { params, schema: entitiesEnvelope });
            return only(answer.entities, 'users.get');
        },
        async list(options = {}) {
            const query = {
                limit: parseInput(pageLimit, options.limit ?? limits.listPage, 'limit'),
                cursor: options.cursor === undefined ? undefined : parseInput(cursor, options.cursor, 'cursor'),
            };
            const answer = await core.call('users.list', { query, schema: entitiesEnvelope });
            return { users: answer.entities, cursor: answer.cursor || undefined };
        },
        /** Every user, page by page, following Easemob's cursor. */
        async *iterate(options = {}) {
            let next;
            do {
                const page = await this.list({ limit: options.pageSize, cursor: next });
                yield* page.users;
                next = page.cursor;
            } while (next);
        },
        async delete(name) {
            const params = { username: parseInput(username, name, 'username') };
            const answer = await core.call('users.delete', { params, schema: entitiesEnvelope });
            return only(answer.entities, 'users.delete');
        },
        /**
         * Easemob「用户体系集成 › 批量删除用户」: deletes the `limit` oldest users (Easemob picks them)
         * and says which, with a cursor while users remain. At most 500 per call (the page's advice).
         */
        async deleteMany(options) {
            const query = { limit: parseInput(deleteManyLimit, options.limit, 'limit') };
            const answer = await core.call('users.deleteMany', { query, schema: entitiesEnvelope });
            return { users: answer.entities, cursor: answer.cursor || undefined };
        },
        async resetPassword(name, newPassword) {
            const params = { username: parseInput(username, name, 'username') };
            const body = { newpassword: parseInput(password, newPassword, 'newPassword') };
            await core.call('users.password', { params, body, schema: actionEnvelope });
        },
        /** One PUT carrying every given setting (nickname, display style, no-disturbing window). */
        async update(name, changes) {
            const params = { username: parseInput(username, name, 'username') };
            const update = parseInput(userUpdate, changes, 'update');
            const body = {};
            if (update.nickname !== undefined)
                body.nickname = update.nickname;
            if (update.notificationDisplayStyle !== undefined) {
                body.notification_display_style = update.notificationDisplayStyle === 'summary' ? '0' : '1';
            }
            if (update.noDisturbing !== undefined) {
                body.notification_no_disturbing = update.noDisturbing.enabled;
                if (update.noDisturbing.enabled) {
                    body.notification_no_disturbing_start = String(update.noDisturbing.startHour);
                    body.notification_no_disturbing_end = String(update.noDisturbing.endHour);
                }
            }
            const answer = await core.call('users.update', { params, body, schema: entitiesEnvelope });
            return only(answer.entities, 'users.update');
        },
        setNickname(name, nickname) {
            return this.update(name, { nickname });
        },
        setNotificationDisplayStyle(name, style) {
            return this.update(name, { notificationDisplayStyle: style });
        },
        setNoDisturbing(name, window) {
            return this.update(name, { noDisturbing: window });
        },
        async deactivate(name) {
            const params = { username: parseInput(username, name, 'username') };
            const answer = await core.call('users.deactivate', { params, schema: entitiesEnvelope });
            return only(answer.entities, 'users.deactivate');
        },
        async activate(name) {
            const params = { username: parseInput(username, name, 'username') };
            await core.call('users.activate', { params, schema: actionEnvelope });
        },
        /** Forces the user offline; true when Easemob says it did. */
        async disconnect(name) {
            const params = { username: parseInput(username, name, 'username') };
            const answer = await core.call('users.disconnect', { params, schema: disconnectEnvelope });
            return answer.data.result;
        },
    };
}
//# sourceMappingURL=users.js.map