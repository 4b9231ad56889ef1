import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { LoginRefused } from '../auth/login-throttle.js';
import { EasemobError } from '../easemob/errors.js';
import { password, ttlSeconds, username } from '../easemob/input.js';
import { errorCodes } from '../errors.js';
import { requestScope } from '../request-scope.js';
import { builder } from './builder.js';
import { User } from './user.js';
import { userOf } from './user-model.js';
const UserToken = builder.objectRef('UserToken').implement({
    description: 'A token for the Easemob client SDK to log in with (username + token), issued by this server (Easemob「用户体系集成 › 获取用户token」, 方式2).',
    fields: (t) => ({
        accessToken: t.exposeString('accessToken'),
        expiresAt: t.field({ type: 'DateTime', resolve: (token) => token.expiresAt }),
        user: t.field({ type: User, resolve: (token) => token.user }),
    }),
});
const IssueUserTokenInput = builder.inputType('IssueUserTokenInput', {
    fields: (t) => ({
        username: t.string({ required: true }),
        password: t.string({ required: true }),
        ttlSeconds: t.int({ description: "The token's lifetime; the app's default when absent." }),
    }),
});
const tokenArg = z.object({
    username,
    password,
    ttlSeconds: ttlSeconds.nullish().transform((ttl) => ttl ?? undefined),
});
/** One message whether the user is unknown or the password wrong: existence does not leak. */
const invalidCredentials = () => new GraphQLError('invalid username or password', {
    extensions: { code: errorCodes.badUserInput },
});
/** Easemob's verdict on the credentials: 400 invalid_grant, or 404 for an unknown user. */
const refusedCredentials = (error) => error instanceof EasemobError &&
    error.endpoint === 'token' &&
    (error.status === 400 || error.status === 404);
builder.mutationField('issueUserToken', (t) => t.field({
    type: UserToken,
    description: 'Logs the user in with their password and returns a user token for the client SDK. Admins for anyone, a user for themself. Repeated failures for one username are slowed, then refused for a while (RATE_LIMITED).',
    authScopes: (_root, args) => ({ admin: true, self: args.input.username }),
    args: { input: t.arg({ type: IssueUserTokenInput, required: true }).validate(tokenArg) },
    resolve: async (_root, { input }, ctx) => {
        const attempt = await ctx.logins
            .begin(input.username, requestScope.getStore()?.signal)
            .catch((error) => {
            if (!(error instanceof LoginRefused))
                throw error;
            throw new GraphQLError('too many failed logins for this username; try again later', {
                extensions: {
                    code: errorCodes.rateLimited,
                    retryAfterMs: Math.ceil(error.retryAfterMs),
                },
            });
        });
        try {
            const issued = await ctx.easemob.tokens.user(input);
            attempt.succeeded();
            return {
                accessToken: issued.accessToken,
                expiresAt: new Date(Date.now() + issued.expiresInSeconds * 1000),
                // The answer's user entity carries six fields: the profile is read when asked for.
                user: userOf(issued.user?.username ?? input.username),
            };
        }
        catch (error) {
            if (!refusedCredentials(error)) {
                attempt.abandoned();
                throw error;
            }
            attempt.failed();
            throw invalidCredentials();
        }
    },
}));
//# sourceMappingURL=token.js.map