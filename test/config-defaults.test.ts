import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultViewerPolicy } from '../src/auth/viewer-policy.js';
import { type Config, loadConfig } from '../src/config.js';
import { defaultCircuitBreakerOptions } from '../src/easemob/circuit-breaker.js';
import { easemobRateBudgets } from '../src/easemob/rate-budget.js';
import { defaultRetryOptions } from '../src/easemob/retry.js';
import { defaultTransportOptions } from '../src/easemob/transport.js';
import { defaultLimits } from '../src/graphql-limits.js';
import { httpTimeoutDefaults } from '../src/http-timeouts.js';
import { defaultPollIntervalMs } from '../src/realtime/realtime.js';
import { webSocketLimitDefaults } from '../src/realtime/websocket.js';

/** Each numeric variable with a default, what the config makes of it, and the owning module's value. */
const owned: Record<string, [(config: Config) => number, number]> = {
  SUBSCRIPTION_POLL_INTERVAL_MS: [(c) => c.realtime.pollIntervalMs, defaultPollIntervalMs],
  MAX_DEPTH: [(c) => c.graphql.maxDepth, defaultLimits.maxDepth],
  MAX_COMPLEXITY: [(c) => c.graphql.maxComplexity, defaultLimits.maxComplexity],
  MAX_ALIASES: [(c) => c.graphql.maxAliases, defaultLimits.maxAliases],
  MAX_TOKENS: [(c) => c.graphql.maxTokens, defaultLimits.maxTokens],
  MAX_BODY_BYTES: [(c) => c.graphql.maxBodyBytes, defaultLimits.maxBodyBytes],
  UPSTREAM_TIMEOUT_MS: [(c) => c.upstream.timeoutMs, defaultTransportOptions.timeoutMs],
  UPSTREAM_MAX_CONNECTIONS: [
    (c) => c.upstream.maxConnections,
    defaultTransportOptions.maxConnections,
  ],
  UPSTREAM_MAX_RETRIES: [(c) => c.upstream.maxRetries, defaultRetryOptions.maxRetries],
  UPSTREAM_RETRY_BUDGET_MS: [(c) => c.upstream.retryBudgetMs, defaultRetryOptions.budgetMs],
  UPSTREAM_RATE_LIMIT_PER_SECOND: [
    (c) => c.upstream.appRatePerSecond,
    easemobRateBudgets.appPerSecond,
  ],
  UPSTREAM_CIRCUIT_FAILURE_RATE: [
    (c) => c.upstream.circuitFailureRate,
    defaultCircuitBreakerOptions.failureRate,
  ],
  UPSTREAM_CIRCUIT_WINDOW_MS: [
    (c) => c.upstream.circuitWindowMs,
    defaultCircuitBreakerOptions.windowMs,
  ],
  UPSTREAM_CIRCUIT_MIN_CALLS: [
    (c) => c.upstream.circuitMinCalls,
    defaultCircuitBreakerOptions.minCalls,
  ],
  UPSTREAM_CIRCUIT_HALF_OPEN_MS: [
    (c) => c.upstream.circuitHalfOpenMs,
    defaultCircuitBreakerOptions.halfOpenAfterMs,
  ],
  WS_MAX_CONNECTIONS: [
    (c) => c.realtime.websocket.maxConnections,
    webSocketLimitDefaults.maxConnections,
  ],
  WS_MAX_CONNECTIONS_PER_ADDRESS: [
    (c) => c.realtime.websocket.maxConnectionsPerAddress,
    webSocketLimitDefaults.maxConnectionsPerAddress,
  ],
  WS_CONNECTION_INIT_TIMEOUT_MS: [
    (c) => c.realtime.websocket.connectionInitTimeoutMs,
    webSocketLimitDefaults.connectionInitTimeoutMs,
  ],
  HTTP_HEADERS_TIMEOUT_MS: [
    (c) => c.server.timeouts.headersTimeoutMs,
    httpTimeoutDefaults.headersTimeoutMs,
  ],
  HTTP_REQUEST_TIMEOUT_MS: [
    (c) => c.server.timeouts.requestTimeoutMs,
    httpTimeoutDefaults.requestTimeoutMs,
  ],
  HTTP_KEEP_ALIVE_TIMEOUT_MS: [
    (c) => c.server.timeouts.keepAliveTimeoutMs,
    httpTimeoutDefaults.keepAliveTimeoutMs,
  ],
  VIEWER_SEND_MAX_TARGETS: [
    (c) => c.auth.viewers?.sendMaxTargets ?? Number.NaN,
    defaultViewerPolicy.sendMaxTargets,
  ],
  VIEWER_SENDS_PER_MINUTE: [
    (c) => c.auth.viewers?.sendsPerMinute ?? Number.NaN,
    defaultViewerPolicy.sendsPerMinute,
  ],
};

/** README's Configuration table: variable → the default it documents. */
function documentedDefaults(): Map<string, string> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Operations'));
  const documented = new Map<string, string>();
  for (const row of table.split('\n').filter((line) => line.startsWith('| `'))) {
    const [names = '', defaults = ''] = row.split('|').slice(1, 3);
    const values = [...defaults.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
    [...names.matchAll(/`([A-Z_]+)`/g)].forEach((m, i) => {
      if (values[i] !== undefined) documented.set(m[1]!, values[i]!);
    });
  }
  return documented;
}

describe('configuration defaults', () => {
  const config = loadConfig({});

  it('are the owning modules’ defaults', () => {
    for (const [name, [read, owner]] of Object.entries(owned)) {
      expect(read(config), name).toBe(owner);
    }
  });

  it('are the numbers README documents', () => {
    const documented = documentedDefaults();
    for (const [name, [read]] of Object.entries(owned)) {
      expect(documented.get(name), name).toBe(String(read(config)));
    }
  });
});
