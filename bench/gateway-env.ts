import type { Upstream } from './processes.js';
import { contactCount } from './scenarios.js';

/**
 * The gateway as deployed (production mode, admin key, metrics behind a token) in front of the
 * bench's emulator, on `port`. Each phase adds what it measures under (`extra`): the side-by-side
 * phase turns the client-side budget and the cost limit out of the way, the budget phase keeps
 * the defaults and adds JWT callers.
 */
export function gatewayEnv(
  upstream: Upstream,
  port: number,
  adminKey: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    EASEMOB_BASE_URL: upstream.url,
    EASEMOB_ORG_NAME: upstream.orgName,
    EASEMOB_APP_NAME: upstream.appName,
    EASEMOB_CLIENT_ID: upstream.clientId,
    EASEMOB_CLIENT_SECRET: upstream.clientSecret,
    ADMIN_API_KEYS: adminKey,
    // Production refuses an open /metrics; the gateway runs as deployed, metrics on.
    METRICS_TOKEN: 'bench-metrics-token-0123456789',
    ...extra,
  };
}

/** The side-by-side phase's additions: what would hold the gateway back and not the baseline. */
export const sideBySideSettings: Record<string, string> = {
  // The emulator enforces no plan; Easemob's would cap every variant alike.
  UPSTREAM_RATE_LIMIT_PER_SECOND: '0',
  MAX_COMPLEXITY: '100000',
  // The hub's contact list as the call estimate should see it: 1 + 10 calls, within the limit.
  COST_CONTACT_LIST_SIZE: String(contactCount),
};
