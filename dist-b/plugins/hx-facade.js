import { GraphQLError } from 'graphql';
import { badUserInput, errorCodes, maskError } from '../errors.js';
import { hxRoutes } from '../hx/routes.js';
import { requestScope } from '../request-scope.js';
import { readAtMost, tooLarge } from './body-limit.js';
const prefix = '/hx/';
/** Our error codes as the HTTP statuses the facade answers with (and puts in `code`). */
const statusOf = {
    [errorCodes.badUserInput]: 400,
    [errorCodes.badRequest]: 400,
    [errorCodes.validationFailed]: 400,
    GRAPHQL_PARSE_FAILED: 400,
    [errorCodes.queryTooComplex]: 400,
    [errorCodes.unauthenticated]: 401,
    [errorCodes.forbidden]: 403,
    [errorCodes.notFound]: 404,
    [errorCodes.conflict]: 409,
    REQUEST_ENTITY_TOO_LARGE: 413,
    [errorCodes.rateLimited]: 429,
    [errorCodes.upstreamUnavailable]: 503,
    [errorCodes.requestTimeout]: 504,
};
/**
 * `POST /hx/*`: the app backend of /hx wrapper「IM环信接口文档」, so an app built on it switches by
 * changing its base URL. Each route is a stored GraphQL operation (src/hx/routes.ts) run through
 * `yoga.fetch` with the caller's credential, so it meets every rule a GraphQL request meets;
 * `/hx/getToken` hands out a token of this server, never Easemob's admin token. Answers are the
 * wrapper's envelope, `{ code, message, data }`, with the HTTP status as `code`.
 */
export function useHxFacade(options) {
    const { graphql } = options;
    return {
        onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
            if (!url.pathname.startsWith(prefix))
                return;
            const route = url.pathname.slice(prefix.length);
            const serve = async () => {
                if (request.method !== 'POST') {
                    return refusal(405, 'only POST is served here', { allow: 'POST' });
                }
                if (route === 'getToken')
                    return issueToken(request, options);
                const entry = Object.hasOwn(hxRoutes, route)
                    ? hxRoutes[route]
                    : undefined;
                if (!entry)
                    return refusal(404, `no route ${url.pathname}`);
                // A browser form can POST text/plain across origins without a preflight: not here.
                const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
                if (type !== 'application/json') {
                    return refusal(415, 'the body must be JSON (Content-Type: application/json)');
                }
                const body = await readBody(request, options.maxBodyBytes);
                const credential = credentialOf(body, request);
                const parsed = entry.body.safeParse(body);
                if (!parsed.success)
                    throw badUserInput(parsed.error.issues);
                const plan = entry.plan(parsed.data);
                const req = serverContext.req;
                return run(plan, credential, request.signal, req ? { req } : {});
            };
            const run = async (plan, credential, signal, context) => {
                const started = Date.now();
                const headers = {
                    'content-type': 'application/json',
                    accept: 'application/json',
                    // yoga's CSRF prevention asks for it; the route itself took JSON only.
                    'x-graphql-yoga-csrf': 'hx',
                };
                if (credential)
                    headers.authorization = `Bearer ${credential}`;
                const requestId = requestScope.getStore()?.requestId;
                if (requestId)
                    headers['x-request-id'] = requestId;
                const response = await graphql(new fetchAPI.Request('http://hx.internal/graphql', {
                    method: 'POST',
                    headers,
                    body: JSON.stringify({
                        query: plan.document,
                        operationName: plan.operationName,
                        variables: plan.variables,
                    }),
                    signal,
                }), context);
                const result = (await response.json());
                const error = result.errors?.[0];
                if (error || !result.data) {
                    const code = String(error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
                    const retryAfter = response.headers.get('retry-after') ?? retryAfterOf(error?.extensions);
                    return {
                        status: statusOf[code] ?? 500,
                        message: error?.message ?? 'Unexpected error.',
                        data: null,
                        headers: code === errorCodes.rateLimited && retryAfter ? { 'retry-after': retryAfter } : {},
                    };
                }
                const data = plan.answer(result.data);
                return {
                    status: 200,
                    message: '请求成功',
                    data: { ...data, timestamp: Date.now(), duration: Date.now() - started },
                };
            };
            return serve()
                .catch((error) => failure(error, options.logger))
                .then((answer) => {
                const envelope = {
                    code: answer.status,
                    message: answer.message,
                    // /hx wrapper「IM环信接口文档 › 获取单个IM用户」 names it `msg` on this route.
                    ...(route === 'getUser' ? { msg: answer.message } : {}),
                    data: answer.data,
                };
                endResponse(new fetchAPI.Response(JSON.stringify(envelope), {
                    status: answer.status,
                    headers: {
                        'content-type': 'application/json; charset=utf-8',
                        'cache-control': 'no-store',
                        ...answer.headers,
                    },
                }));
            });
        },
    };
}
/** `/hx/getToken`: an admin credential in `Authorization` buys a short-lived token of ours. */
async function issueToken(request, options) {
    const viewer = await options.authenticate(request);
    if (viewer.kind === 'anonymous') {
        throw coded(errorCodes.unauthenticated, '/hx/getToken needs an admin credential in the Authorization header');
    }
    if (viewer.kind !== 'admin') {
        throw coded(errorCodes.forbidden, '/hx/getToken needs an admin credential');
    }
    const { token, expiresIn } = await options.tokens.issue(viewer);
    return {
        status: 200,
        message: '请求成功',
        data: {
            access_token: token,
            expires_in: expiresIn,
            application: options.application ?? 'easemob-graphql',
        },
    };
}
async function readBody(request, limit) {
    const length = request.headers.get('content-length');
    if (length !== null && (!/^\d+$/.test(length) || Number(length) > limit)) {
        throw /^\d+$/.test(length)
            ? tooLarge()
            : coded(errorCodes.badRequest, 'invalid Content-Length');
    }
    const text = request.body ? await readAtMost(request, limit) : '';
    try {
        return JSON.parse(text);
    }
    catch {
        // yoga's words for the same mistake on /graphql.
        throw coded(errorCodes.badRequest, 'POST body sent invalid JSON.');
    }
}
/** The body's `token` (what apps of the wrapper send), else `Authorization: Bearer …`. */
function credentialOf(body, request) {
    const token = body && typeof body === 'object' ? body.token : undefined;
    if (token === undefined || token === null) {
        const header = request.headers.get('authorization');
        if (!header)
            return undefined;
        const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
        if (!match)
            throw coded(errorCodes.unauthenticated, 'the Authorization header must be "Bearer <token>"');
        return match[1];
    }
    if (typeof token !== 'string' || !/^\S+$/.test(token)) {
        throw coded(errorCodes.unauthenticated, 'invalid credentials');
    }
    return token;
}
function retryAfterOf(extensions) {
    const ms = Number(extensions?.retryAfterMs);
    return Number.isFinite(ms) && ms > 0 ? String(Math.max(1, Math.ceil(ms / 1000))) : undefined;
}
/** Our own refusals and anything unexpected, masked as GraphQL masks it. */
function failure(error, logger) {
    const masked = maskError(error, 'Unexpected error.');
    const code = masked instanceof GraphQLError ? String(masked.extensions.code ?? 'INTERNAL_SERVER_ERROR') : '';
    const status = statusOf[code] ?? 500;
    if (status === 500)
        logger?.error({ error: String(error) }, 'unexpected error');
    else
        logger?.info({ code, reason: masked.message }, 'request refused');
    return { status, message: status === 500 ? 'Unexpected error.' : masked.message, data: null };
}
function refusal(status, message, headers) {
    return { status, message, data: null, headers };
}
function coded(code, message) {
    return new GraphQLError(message, { extensions: { code } });
}
//# sourceMappingURL=hx-facade.js.map