import Fastify from 'fastify';
import { endpointNames, endpoints } from '../easemob/endpoints.js';
import { CallLog } from './counters.js';
import { endpointHandler } from './dispatch.js';
import { errorResult, orgAppNotFound, resourceNotFound } from './envelope.js';
import { FaultInjector } from './faults.js';
import { appUuidFor } from './ids.js';
import { RateLimiter } from './rate-limit.js';
import { accountRoutes } from './routes/accounts.js';
import { registerAdminRoutes } from './routes/admin.js';
import { blockRoutes } from './routes/blocks.js';
import { chatHistoryRoutes } from './routes/chat-history.js';
import { contactRoutes } from './routes/contacts.js';
import { messageRoutes } from './routes/messages.js';
import { offlineRoutes } from './routes/offline.js';
import { presenceRoutes } from './routes/presence.js';
import { statusRoutes } from './routes/status.js';
import { tokenRoutes } from './routes/token.js';
import { userRoutes } from './routes/users.js';
import { applyDemoSeed, applySeed } from './seed.js';
import { EmulatorState } from './state.js';
const routes = {
    ...tokenRoutes,
    ...userRoutes,
    ...accountRoutes,
    ...contactRoutes,
    ...blockRoutes,
    ...statusRoutes,
    ...offlineRoutes,
    ...messageRoutes,
    ...chatHistoryRoutes,
    ...presenceRoutes,
};
/**
 * Starts an Easemob-compatible server. Routes come from the shared endpoint table, so the client
 * and the emulator agree on every method and path.
 */
export async function startEmulator(options = {}) {
    const host = options.host ?? '127.0.0.1';
    const orgName = options.orgName ?? 'easemob-demo';
    const appName = options.appName ?? 'testapp';
    const app = {
        orgName,
        appName,
        appUuid: appUuidFor(orgName, appName),
        clientId: options.clientId ?? 'YXA6emulator-client-id',
        clientSecret: options.clientSecret ?? 'YXA6emulator-client-secret',
        defaultTokenTtlSeconds: options.defaultTokenTtlSeconds ?? 5_184_000,
        openRegistration: options.openRegistration ?? true,
    };
    const now = options.now ?? (() => Date.now());
    const state = new EmulatorState(now);
    if (options.seed === 'demo')
        applyDemoSeed(state, now());
    else if (options.seed)
        applySeed(state, options.seed);
    const calls = new CallLog();
    const faults = new FaultInjector({ random: options.random ?? (() => Math.random()) });
    const limiter = new RateLimiter(options.rateLimits ?? false, now);
    const server = Fastify({ logger: false, forceCloseConnections: true });
    // Every body reaches the pipeline as text and is parsed there as JSON, whatever its type.
    server.removeAllContentTypeParsers();
    // Fastify answers 415 before any route for an unparsable Content-Type (such as an empty one);
    // Easemob reads the body as JSON whatever the header says, so the header is made moot.
    server.addHook('onRequest', (request, _reply, done) => {
        if (request.headers['content-type'] !== undefined) {
            request.headers['content-type'] = 'application/json';
        }
        done();
    });
    server.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
        done(null, body);
    });
    let port = 0;
    const deps = {
        state,
        app,
        calls,
        faults,
        limiter,
        fallbackHost: () => `${host}:${port}`,
    };
    const prefix = `/${orgName}/${appName}`;
    for (const name of endpointNames) {
        const def = routes[name];
        const spec = endpoints[name];
        server.route({
            method: spec.method,
            url: `${prefix}${spec.path}`,
            handler: endpointHandler(name, def, deps),
        });
    }
    registerAdminRoutes(server, { state, calls, faults });
    server.setNotFoundHandler((request, reply) => {
        const path = request.url.split('?', 1)[0] ?? '';
        const result = path.startsWith(`${prefix}/`)
            ? resourceNotFound()
            : orgAppNotFound(path.replace(/^\//, ''));
        reply.code(result.status).send(result.body);
    });
    server.setErrorHandler((error, _request, reply) => {
        const status = error.statusCode ?? 500;
        const result = errorResult(status, status >= 500 ? 'internal_server_error' : 'bad_request', 'java.lang.IllegalArgumentException', error instanceof Error ? error.message : String(error));
        reply.code(result.status).send(result.body);
    });
    await server.listen({ port: options.port ?? 0, host });
    port = server.server.address().port;
    const url = `http://${urlHost(host)}:${port}`;
    return {
        url,
        baseUrl: `${url}${prefix}`,
        orgName,
        appName,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        state,
        calls,
        faults,
        close: () => server.close(),
    };
}
/** A host to put in a URL: wildcard binds are reached through loopback, IPv6 goes in brackets. */
function urlHost(host) {
    if (host === '0.0.0.0')
        return '127.0.0.1';
    if (host === '::')
        return '[::1]';
    return host.includes(':') ? `[${host}]` : host;
}
//# sourceMappingURL=server.js.map