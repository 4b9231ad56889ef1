import { createServer as createHttpServer } from 'node:http';
import { createAuthenticator } from './auth/authenticate.js';
import { combineObservers } from './easemob/observer.js';
import { httpServerOptions } from './http-timeouts.js';
import { createLogger } from './logger.js';
import { easemobReadiness, redisReadiness } from './ops/health.js';
import { SubscriptionEnder, useEndSubscriptions } from './plugins/end-subscriptions.js';
import { budgetPacing, createReadLayer } from './reads/reads.js';
import { Realtime } from './realtime/realtime.js';
import { serveWebSockets } from './realtime/websocket.js';
import { sharedReadScope } from './request-scope.js';
import { createDrain } from './shutdown.js';
import { connectUpstream } from './upstream.js';
import { createYogaApp } from './yoga-app.js';
/** The whole application from a Config: the one place its parts are wired together. */
export async function createApp(config, overrides = {}) {
    const logger = overrides.logger ?? createLogger(config.server.logLevel);
    const ownFleet = !overrides.fleet && config.redis
        ? await (await import('./fleet/fleet.js')).connectFleet(config.redis.url, config.redis.prefix)
        : undefined;
    const fleet = overrides.fleet ?? ownFleet;
    const { metrics: metricsConfig, tracing: tracingConfig } = config.observability;
    // Loaded only when on: with tracing off not one OpenTelemetry module of ours is imported.
    const metrics = overrides.metrics ??
        (metricsConfig.enabled
            ? (await import('./ops/metrics.js')).createMetrics({ token: metricsConfig.token })
            : undefined);
    const ownTracing = !overrides.tracing && tracingConfig
        ? await (await import('./ops/tracing.js')).startTracing(tracingConfig)
        : undefined;
    const tracing = overrides.tracing ?? ownTracing;
    const upstream = overrides.client
        ? undefined
        : await connectUpstream(config, logger.child({ component: 'easemob' }), fleet, combineObservers(metrics?.observer, tracing?.observer));
    const client = overrides.client ?? upstream.client;
    const readinessChecks = [easemobReadiness(client)];
    if (fleet)
        readinessChecks.push(redisReadiness(() => fleet.ping()));
    const realtime = overrides.realtime ??
        new Realtime(client, {
            pollIntervalMs: config.realtime.pollIntervalMs,
            subscriptionLimits: config.realtime.subscriptions,
            onError: (error) => logger.warn({ error: String(error) }, 'subscription poll failed'),
            eventTarget: fleet?.eventTarget,
            // A lease outlives a few missed rounds, so a busy owner keeps it and a dead one loses it fast.
            coordinators: fleet?.pollLeases(Math.max(1000, config.realtime.pollIntervalMs * 3)),
        });
    const reads = createReadLayer(client, {
        ...sharedReadScope,
        store: fleet?.cacheStore,
        ttlMs: config.cache.ttlMs,
        bounds: { maxEntries: config.cache.maxEntries, maxBytes: config.cache.maxBytes },
        // Pacing saves batch calls for a budget; with none (rate limit 0) it would only add waiting.
        pacing: config.upstream.appRatePerSecond === 0 ? false : budgetPacing,
    });
    const subscriptions = new SubscriptionEnder();
    const yoga = createYogaApp({
        easemob: client,
        realtime,
        reads,
        auth: config.auth,
        limits: config.graphql,
        admission: config.admission,
        hx: { ...config.hx, application: applicationOf(config, upstream?.emulator) },
        logger,
        health: { checks: readinessChecks },
        metrics,
        plugins: [...(tracing ? [tracing.plugin] : []), useEndSubscriptions(subscriptions)],
        title: upstream?.emulator ? 'easemob-graphql · demo emulator' : 'easemob-graphql',
        corsOrigins: config.server.corsOrigins,
        ...overrides.yoga,
    });
    const http = createHttpServer(httpServerOptions(config.server.timeouts), (request, response) => {
        drain.track(request, response);
        yoga(request, response);
    });
    const drain = createDrain(http);
    const websockets = serveWebSockets(http, yoga, {
        ...config.realtime.websocket,
        // The same rules as the yoga app's, overrides included.
        authenticate: createAuthenticator(overrides.yoga?.auth ?? config.auth),
        maxPayloadBytes: overrides.yoga?.limits?.maxBodyBytes ?? config.graphql.maxBodyBytes,
        logger,
    });
    let closing;
    const close = (options = {}) => {
        closing ??= (async () => {
            const started = Date.now();
            const inFlight = drain.inFlight;
            const listening = http.listening;
            drain.start();
            // SSE streams end with `event: complete`, graphql-ws subscriptions with `complete`; then
            // WebSocket connections close (1001), and the server once its last connection has.
            const drained = (async () => {
                await subscriptions.endAll();
                await websockets.close();
                await drain.closed;
            })();
            let forced = false;
            let timer;
            const timeout = new Promise((resolve) => {
                timer = setTimeout(() => {
                    forced = true;
                    http.closeAllConnections();
                    websockets.terminate();
                    resolve();
                }, options.timeoutMs ?? config.server.shutdownTimeoutMs);
            });
            await Promise.race([drained, timeout]);
            if (forced && listening)
                await drain.closed;
            const report = { inFlight, forced, ms: Date.now() - started };
            // Within the same deadline: the Easemob pool waits for its calls, which after a forced
            // drain nobody is waiting for.
            const cleanup = (async () => {
                if (!overrides.realtime)
                    realtime.close();
                await upstream?.close();
                await ownFleet?.close();
                await ownTracing?.shutdown().catch(() => { });
            })();
            await Promise.race([cleanup, timeout]);
            clearTimeout(timer);
            return report;
        })();
        return closing;
    };
    return {
        yoga,
        http,
        websockets,
        client,
        realtime,
        reads,
        logger,
        emulator: upstream?.emulator,
        close,
    };
}
/** The app's key `org#app`, named in `/hx/getToken`'s answer; unknown with a client brought in. */
function applicationOf(config, emulator) {
    if (config.easemob.mode === 'remote')
        return `${config.easemob.orgName}#${config.easemob.appName}`;
    return emulator ? `${emulator.orgName}#${emulator.appName}` : undefined;
}
//# sourceMappingURL=app.js.map