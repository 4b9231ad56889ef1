import { randomUUID } from 'node:crypto';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { createAuthenticator } from './auth/authenticate.js';
import { callerOf, defaultAdminApiKeyWeight, weightOf } from './auth/caller.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { defaultViewerPolicy, SendQuota } from './auth/viewer-policy.js';
import { createContext } from './context.js';
import { errorCodes, maskError } from './errors.js';
import { defaultLimits } from './graphql-limits.js';
import { createHxTokens } from './hx/tokens.js';
import { yogaLogging } from './logger.js';
import { createReadiness, easemobReadiness, useHealth } from './ops/health.js';
import { useBodyLimit } from './plugins/body-limit.js';
import { useClientMistakes, useCSRFRefusal } from './plugins/client-mistakes.js';
import { useHxFacade } from './plugins/hx-facade.js';
import { useRateLimitedStatus } from './plugins/rate-limited-status.js';
import { defaultRequestTimeoutMs, useRequestDeadline } from './plugins/request-deadline.js';
import { useUpstreamCallLimit } from './plugins/upstream-call-limit.js';
import { createReadLayer } from './reads/reads.js';
import { Realtime } from './realtime/realtime.js';
import { requestScope, sharedReadScope } from './request-scope.js';
import { exampleOperation } from './schema/example.js';
import { schema } from './schema/index.js';
export const openAuth = { adminApiKeys: [], publicProfiles: true, open: true };
/** The GraphQL app, without listening: tests call `yoga.fetch`, main.ts serves it over HTTP. */
export function createYogaApp(options) {
    const auth = options.auth ?? openAuth;
    const limits = { ...defaultLimits, ...options.limits };
    const viewerPolicy = { ...defaultViewerPolicy, ...auth.viewers };
    const sendQuota = new SendQuota(viewerPolicy.sendsPerMinute);
    const hxTokens = options.hx?.enabled
        ? createHxTokens({
            ttlSeconds: options.hx.tokenTtlSeconds,
            secret: options.hx.tokenSecret,
            jwtSecret: auth.jwt?.secret,
            open: auth.open,
        })
        : undefined;
    const authenticate = logRefusals(createAuthenticator(auth, hxTokens), options.logger);
    const realtime = options.realtime ??
        new Realtime(options.easemob, {
            onError: (error) => options.logger?.warn({ error: String(error) }, 'poll failed'),
        });
    const reads = options.reads ?? createReadLayer(options.easemob, sharedReadScope);
    const logins = options.logins ?? new LoginThrottle();
    options.metrics?.watchCircuit(options.easemob.circuit);
    options.metrics?.watchRealtime(realtime);
    options.metrics?.watchReads(reads);
    const readiness = createReadiness(options.health?.checks ?? [easemobReadiness(options.easemob)], options.health);
    const title = auth.open
        ? `${options.title ?? 'easemob-graphql'} · OPEN DEV MODE: no authentication, every caller is admin`
        : (options.title ?? 'easemob-graphql');
    const admission = {
        requestTimeoutMs: options.admission?.requestTimeoutMs ?? defaultRequestTimeoutMs,
        adminApiKeyWeight: options.admission?.adminApiKeyWeight ?? defaultAdminApiKeyWeight,
    };
    const tooComplex = (_ctx, error) => {
        Object.assign(error.extensions, { code: errorCodes.queryTooComplex });
    };
    const corsOrigins = new Set(options.corsOrigins ?? []);
    const yoga = createYoga({
        schema,
        graphqlEndpoint: '/graphql',
        // yoga's default reflects any Origin, with credentials: any page a user visits could call the
        // API as them (in open dev mode, as admin). Same-origin pages (GraphiQL) need no CORS at all.
        cors: (request) => {
            const origin = request.headers.get('origin');
            return origin && corsOrigins.has(origin) ? { origin, credentials: true } : false;
        },
        context: async (initial) => {
            const viewer = await authenticate(initial.request);
            // From here on, the Easemob calls of this request spend this caller's share of the budget.
            const scope = requestScope.getStore();
            if (scope) {
                scope.caller = callerOf(viewer, remoteAddress(initial));
                scope.weight = weightOf(viewer, admission.adminApiKeyWeight);
            }
            return createContext(options.easemob, viewer, {
                publicProfiles: auth.publicProfiles,
                viewerPolicy,
                sendQuota,
                limits: { complexity: limits.maxComplexity, depth: limits.maxDepth },
                realtime,
                logins,
                reads,
            }, 
            // Set once execution starts: the deadline and the caller's disconnection, together.
            () => requestScope.getStore()?.signal);
        },
        graphiql: limits.graphiql ? { title, defaultQuery: exampleOperation } : false,
        // GraphiQL's scripts, styles and editor workers inlined in the page instead of fetched from
        // unpkg.com: it works offline and behind firewalls. Loaded on first use (about 9 MB), so a
        // server with GraphiQL off never loads it.
        renderGraphiQL: async (graphiqlOptions) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiqlOptions),
        landingPage: false,
        maskedErrors: { maskError },
        logging: options.logger ? yogaLogging(options.logger) : false,
        // Our own limit replaces yoga's, which streams every body through a TransformStream.
        maxRequestBodySize: false,
        plugins: [
            // Operations endpoints first: answered before CSRF prevention, authentication or GraphQL.
            useHealth(readiness),
            ...(options.metrics?.plugins ?? []),
            useBodyLimit(limits.maxBodyBytes),
            useRequestId(),
            useRequestDeadline(admission.requestTimeoutMs),
            useRateLimitedStatus(),
            ...(hxTokens
                ? [
                    useHxFacade({
                        // Each route runs as a GraphQL request of this very app, plugins and all.
                        graphql: async (request, context) => yoga.fetch(request, context),
                        tokens: hxTokens,
                        authenticate,
                        maxBodyBytes: limits.maxBodyBytes,
                        application: options.hx?.application,
                        logger: options.logger,
                    }),
                ]
                : []),
            useCSRFRefusal(['x-graphql-yoga-csrf', 'apollo-require-preflight'], options.logger),
            useClientMistakes(options.logger),
            ...(limits.introspection ? [] : [useNoIntrospection()]),
            maxTokensPlugin({ n: limits.maxTokens, onReject: [tooComplex] }),
            maxAliasesPlugin({ n: limits.maxAliases, onReject: [tooComplex] }),
            maxDirectivesPlugin({ n: 50, onReject: [tooComplex] }),
            useUpstreamCallLimit({
                max: limits.maxUpstreamCalls,
                listSizes: { contacts: limits.contactListSize },
            }),
            ...(options.plugins ?? []),
        ],
    });
    return yoga;
}
/**
 * The rule of yoga's useDisableIntrospection, without its HTTP-only switch (it marks requests in
 * onRequestParse, which graphql-ws operations never pass through): introspection is refused over
 * WebSocket too.
 */
function useNoIntrospection() {
    return {
        onValidate({ addValidationRule }) {
            addValidationRule(NoSchemaIntrospectionCustomRule);
        },
    };
}
/** Refused credentials are logged (our reason and code only, never the credential). */
function logRefusals(authenticate, logger) {
    if (!logger)
        return authenticate;
    return (request) => authenticate(request).catch((error) => {
        if (error instanceof GraphQLError) {
            logger.info({ code: error.extensions.code, reason: error.message }, 'credentials refused');
        }
        throw error;
    });
}
/** The client's IP when served over node:http (not through `yoga.fetch`). */
function remoteAddress(initial) {
    return initial.req?.socket?.remoteAddress;
}
/** Gives each request an id (or keeps the caller's `x-request-id`) and answers with it. */
function useRequestId() {
    return {
        instrumentation: {
            request: ({ request }, wrapped) => {
                const given = request.headers.get('x-request-id');
                const requestId = given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
                return requestScope.run({ requestId }, wrapped);
            },
        },
        onResponse({ response }) {
            const scope = requestScope.getStore();
            if (scope)
                response.headers.set('x-request-id', scope.requestId);
        },
    };
}
//# sourceMappingURL=yoga-app.js.map