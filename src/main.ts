import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config.js';
import { combineObservers } from './easemob/observer.js';
import { createLogger } from './logger.js';
import { easemobReadiness, type ReadinessCheck, redisReadiness } from './ops/health.js';
import { Realtime } from './realtime/realtime.js';
import { serveWebSockets } from './realtime/websocket.js';
import { createServer } from './server.js';
import { connectUpstream } from './upstream.js';

/** Process entry: configuration → upstream (emulator or Easemob) → GraphQL over HTTP → clean exit. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.server.logLevel);
  const fleet = config.redis
    ? await (await import('./redis/fleet.js')).connectFleet(config.redis.url, config.redis.prefix)
    : undefined;
  const { metrics: metricsConfig, tracing: tracingConfig } = config.observability;
  // Loaded only when on: with tracing off not one OpenTelemetry module of ours is imported.
  const metrics = metricsConfig.enabled
    ? (await import('./ops/metrics.js')).createMetrics({ token: metricsConfig.token })
    : undefined;
  const tracing = tracingConfig
    ? await (await import('./ops/tracing.js')).startTracing(tracingConfig)
    : undefined;
  const upstream = await connectUpstream(
    config,
    logger.child({ component: 'easemob' }),
    fleet,
    combineObservers(metrics?.observer, tracing?.observer),
  );
  const readinessChecks: ReadinessCheck[] = [easemobReadiness(upstream.client)];
  if (fleet) readinessChecks.push(redisReadiness(() => fleet.ping()));
  const realtime = new Realtime(upstream.client, {
    pollIntervalMs: config.realtime.pollIntervalMs,
    onError: (error) => logger.warn({ error: String(error) }, 'subscription poll failed'),
    eventTarget: fleet?.eventTarget,
    // A lease outlives a few missed rounds, so a busy owner keeps it and a dead one loses it fast.
    coordinators: fleet?.pollLeases(Math.max(1000, config.realtime.pollIntervalMs * 3)),
  });
  const yoga = createServer({
    easemob: upstream.client,
    realtime,
    auth: config.auth,
    limits: config.graphql,
    logger,
    health: { checks: readinessChecks },
    metrics,
    plugins: tracing ? [tracing.plugin] : [],
    title: upstream.emulator ? 'easemob-graphql · demo emulator' : 'easemob-graphql',
  });
  const http = createHttpServer(yoga);
  const websockets = serveWebSockets(http, yoga);
  await new Promise<void>((resolve) =>
    http.listen(config.server.port, config.server.host, resolve),
  );

  const { port } = http.address() as AddressInfo;
  const host = ['0.0.0.0', '::'].includes(config.server.host) ? 'localhost' : config.server.host;
  if (upstream.emulator) {
    console.log(`Easemob: embedded emulator with demo data at ${upstream.emulator.baseUrl}`);
  } else {
    console.log(`Easemob: ${config.easemob.mode === 'remote' ? config.easemob.baseUrl : ''}`);
  }
  console.log(
    `${config.graphql.graphiql ? 'GraphiQL' : 'GraphQL'}: http://${host}:${port}/graphql`,
  );
  const ops = ['health: /healthz, /readyz'];
  if (metrics) ops.push(`metrics: /metrics${metricsConfig.token ? ' (bearer token)' : ''}`);
  if (tracingConfig) ops.push(`tracing: ${tracingConfig.exporters.join(', ')}`);
  console.log(ops.join(' · '));
  if (config.auth.open) {
    console.log(
      'OPEN DEV MODE: no authentication is configured, so every caller acts as admin. Set JWT_SECRET, JWT_JWKS_URL or ADMIN_API_KEYS to turn it off.',
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping`);
    const force = setTimeout(() => http.closeAllConnections(), 10_000).unref();
    realtime.close();
    void websockets.close();
    http.close(async () => {
      clearTimeout(force);
      await upstream.close();
      await fleet?.close();
      await tracing?.shutdown().catch(() => {});
      process.exit(0);
    });
    http.closeIdleConnections();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError ? error.message : `start-up failed: ${describe(error)}`,
  );
  process.exit(1);
});

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
