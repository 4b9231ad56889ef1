import { createServer as createHttpServer, type Server } from 'node:http';
import type { Config } from './config.js';
import type { EasemobClient } from './easemob/client.js';
import { combineObservers } from './easemob/observer.js';
import type { Emulator } from './emulator/server.js';
import type { Fleet } from './fleet/fleet.js';
import { createLogger, type Logger } from './logger.js';
import { easemobReadiness, type ReadinessCheck, redisReadiness } from './ops/health.js';
import type { Metrics } from './ops/metrics.js';
import type { Tracing } from './ops/tracing.js';
import { Realtime } from './realtime/realtime.js';
import { serveWebSockets } from './realtime/websocket.js';
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
  logger: Logger;
  /** Present when running on the embedded emulator. */
  emulator?: Emulator;
  /** Stops everything the app started (not what the overrides brought). */
  close(): Promise<void>;
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
      onError: (error) => logger.warn({ error: String(error) }, 'subscription poll failed'),
      eventTarget: fleet?.eventTarget,
      // A lease outlives a few missed rounds, so a busy owner keeps it and a dead one loses it fast.
      coordinators: fleet?.pollLeases(Math.max(1000, config.realtime.pollIntervalMs * 3)),
    });
  const yoga = createYogaApp({
    easemob: client,
    realtime,
    auth: config.auth,
    limits: config.graphql,
    admission: config.admission,
    logger,
    health: { checks: readinessChecks },
    metrics,
    plugins: tracing ? [tracing.plugin] : [],
    title: upstream?.emulator ? 'easemob-graphql · demo emulator' : 'easemob-graphql',
    ...overrides.yoga,
  });
  const http = createHttpServer(yoga);
  const websockets = serveWebSockets(http, yoga);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      if (!overrides.realtime) realtime.close();
      await websockets.close();
      if (http.listening) {
        const closed = new Promise((resolve) => http.close(resolve));
        http.closeIdleConnections();
        await closed;
      }
      await upstream?.close();
      await ownFleet?.close();
      await ownTracing?.shutdown().catch(() => {});
    })();
    return closing;
  };
  return {
    yoga,
    http,
    websockets,
    client,
    realtime,
    logger,
    emulator: upstream?.emulator,
    close,
  };
}
