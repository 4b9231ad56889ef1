import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/** Process entry: configuration → the app → listening → clean exit. */
async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  const { http, emulator } = app;
  const metricsConfig = config.observability.metrics;
  const tracingConfig = config.observability.tracing;
  const metrics = metricsConfig.enabled;
  await new Promise<void>((resolve) =>
    http.listen(config.server.port, config.server.host, resolve),
  );

  const { port } = http.address() as AddressInfo;
  const host = ['0.0.0.0', '::'].includes(config.server.host) ? 'localhost' : config.server.host;
  if (emulator) {
    console.log(`Easemob: embedded emulator with demo data at ${emulator.baseUrl}`);
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
    void app.close().then(() => {
      clearTimeout(force);
      process.exit(0);
    });
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
