import { createServer as createHttpServer, type Server } from 'node:http';
import { createAuthenticator } from './auth/authenticate.js';
import type { Config } from './config.js';
import type { EasemobClient } from './easemob/client.js';
import { combineObservers } from './easemob/observer.js';
import type { Emulator } from './emulator/server.js';
import type { Fleet } from './fleet/fleet.js';
import { httpServerOptions } from './http-timeouts.js';
import { createLogger, type Logger } from './logger.js';
import { easemobReadiness, type ReadinessCheck, redisReadiness } from './ops/health.js';
import type { Metrics } from './ops/metrics.js';
import type { Tracing } from './ops/tracing.js';
import { SubscriptionEnder, useEndSubscriptions } from './plugins/end-subscriptions.js';
import { budgetPacing, createReadLayer, type ReadLayer } from './reads/reads.js';
import { Realtime } from './realtime/realtime.js';
import { serveWebSockets } from './realtime/websocket.js';
import { sharedReadScope } from './request-scope.js';
import { createDrain } from './shutdown.js';
import { connectUpstream } from './upstream.js';
import { createYogaApp, type YogaAppOptions } from './yoga-app.js';

/** Parts a caller (a test, the bench) brings instead of the ones the config describes. */
export interface AppOverrides {
  /** An Easemob client to use instead of connecting one; its owner closes it. */
  client?: EasemobClient;
  realtime?: Realtime;
  /** A fleet to join instead of connecting to `config.redis`; its owner closes it. */
  fleet?: Fleet;
  metrics?: Metrics;
  tracing?: Tracing;
  logger?: Logger;
  /** Options of the yoga app the config does not express (a test's extra plugin, say). */
  yoga?: Partial<Omit<YogaAppOptions, 'easemob' | 'realtime'>>;
}

export interface App {
  yoga: ReturnType<typeof createYogaApp>;
  /** The HTTP server carrying GraphQL, SSE and WebSocket; not listening yet. */
  http: Server;
  websockets: ReturnType<typeof serveWebSockets>;
  client: EasemobClient;
  realtime: Realtime;
  reads: ReadLayer;
  logger: Logger;
  /** Present when running on the embedded emulator. */
  emulator?: Emulator;
  /**
   * Stops everything the app started (not what the overrides brought). A listening server drains
   * first: no new connection, requests in flight answered with `Connection: close`, idle
   * connections closed, subscriptions completed; connections still open after `timeoutMs`
   * (default `config.server.shutdownTimeoutMs`) are destroyed.
   */
  close(options?: { timeoutMs?: number }): Promise<ShutdownReport>;
}

export interface ShutdownReport {
  /** Requests in flight when the drain began. */
  inFlight: number;
  /** Whether the timeout ran out and connections were destroyed. */
  forced: boolean;
  /** From the call to the end of the drain. */
  ms: number;
}

/** The whole application from a Config: the one place its parts are wired together. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.server.logLevel);
  const ownFleet =
    !overrides.fleet && config.redis
      ? await (await import('./fleet/fleet.js')).connectFleet(config.redis.url, config.redis.prefix)
      : undefined;
  const fleet = overrides.fleet ?? ownFleet;
  const { metrics: metricsConfig, tracing: tracingConfig } = config.observability;
  // Loaded only when on: with tracing off not one OpenTelemetry module of ours is imported.
  const metrics =
    overrides.metrics ??
    (metricsConfig.enabled
      ? (await import('./ops/metrics.js')).createMetrics({ token: metricsConfig.token })
      : undefined);
  const ownTracing =
    !overrides.tracing && tracingConfig
      ? await (await import('./ops/tracing.js')).startTracing(tracingConfig)
      : undefined;
  const tracing = overrides.tracing ?? ownTracing;
  const upstream = overrides.client
    ? undefined
    : await connectUpstream(
        config,
        logger.child({ component: 'easemob' }),
        fleet,
        combineObservers(metrics?.observer, tracing?.observer),
      );
  const client = overrides.client ?? upstream!.client;
  const readinessChecks: ReadinessCheck[] = [easemobReadiness(client)];
  if (fleet) readinessChecks.push(redisReadiness(() => fleet.ping()));
  const realtime =
    overrides.realtime ??
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

  let closing: Promise<ShutdownReport> | undefined;
  const close = (options: { timeoutMs?: number } = {}) => {
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
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          forced = true;
          http.closeAllConnections();
          websockets.terminate();
          resolve();
        }, options.timeoutMs ?? config.server.shutdownTimeoutMs);
      });
      await Promise.race([drained, timeout]);
      if (forced && listening) await drain.closed;
      const report = { inFlight, forced, ms: Date.now() - started };
      // Within the same deadline: the Easemob pool waits for its calls, which after a forced
      // drain nobody is waiting for.
      const cleanup = (async () => {
        if (!overrides.realtime) realtime.close();
        await upstream?.close();
        await ownFleet?.close();
        await ownTracing?.shutdown().catch(() => {});
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
function applicationOf(config: Config, emulator: Emulator | undefined): string | undefined {
  if (config.easemob.mode === 'remote')
    return `${config.easemob.orgName}#${config.easemob.appName}`;
  return emulator ? `${emulator.orgName}#${emulator.appName}` : undefined;
}
