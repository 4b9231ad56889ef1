import { parseInput, password, ttlSeconds, username } from '../input.js';
import { userToken } from '../responses.js';
export function tokensResource(core) {
    return {
        /** The cached app token (fetched or refreshed if needed); for callers that must hand it on. */
        app() {
            return core.tokens.get();
        },
        /**
         * Easemob「用户体系集成 › 获取用户token」, 方式2: a user token issued by the app server, for
         * the SDK to log in with. Never cached here: each call is a login.
         */
        async user(input) {
            const body = {
                grant_type: 'password',
                username: parseInput(username, input.username, 'username'),
                password: parseInput(password, input.password, 'password'),
            };
            if (input.ttlSeconds !== undefined)
                body.ttl = String(parseInput(ttlSeconds, input.ttlSeconds, 'ttlSeconds'));
            const answer = await core.call('token', { auth: false, body, schema: userToken });
            return {
                accessToken: answer.access_token,
                expiresInSeconds: answer.expires_in,
                user: answer.user,
            };
        },
    };
}
//# sourceMappingURL=tokens.js.map