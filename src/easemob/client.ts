import type { CallScope } from './admission.js';
import {
  type Circuit,
  type CircuitBreakerOptions,
  defaultCircuitBreakerOptions,
} from './circuit-breaker.js';
import { Core, type Logger } from './core.js';
import type { EndpointName } from './endpoints.js';
import { appKeyName, parseInput } from './input.js';
import { easemobRateBudgets, type RateBudgets, type SharedRateLimiter } from './rate-budget.js';
import { blocksResource, contactsResource } from './resources/contacts.js';
import { chatHistoryResource, messagesResource } from './resources/messages.js';
import { presenceResourceFor } from './resources/presence.js';
import { offlineResource, statusResource } from './resources/status.js';
import { tokensResource } from './resources/tokens.js';
import { usersResource } from './resources/users.js';
import { defaultRetryOptions, type RetryOptions } from './retry.js';
import type { TokenCacheOptions } from './token.js';
import { defaultTransportOptions } from './transport.js';

export interface EasemobClientOptions {
  /**
   * e.g. `https://a1.easemob.com` (Easemob「用户体系集成 › 请求域名」 lists the regional hosts).
   */
  baseUrl: string;
  orgName: string;
  appName: string;
  clientId: string;
  clientSecret: string;
  /** Per request, connect to last byte. Default: {@link defaultTransportOptions}. */
  timeoutMs?: number;
  /** Keep-alive connections to Easemob at most. Default: {@link defaultTransportOptions}. */
  maxConnections?: number;
  retry?: Partial<RetryOptions>;
  /** Documented Easemob limits by default; `false` to turn the client-side budgets off. */
  rateBudgets?: Partial<RateBudgets> | false;
  /** Shares the rate budgets with other instances (see src/fleet/rate-limiter.ts). */
  sharedRateLimiter?: SharedRateLimiter;
  /**
   * On by default ({@link defaultCircuitBreakerOptions}): while Easemob is down, calls fail
   * at once with `circuit_open` instead of piling up. `false` turns it off.
   */
  circuitBreaker?: Partial<CircuitBreakerOptions> | false;
  appTokenTtlSeconds?: number;
  token?: Partial<TokenCacheOptions>;
  logger?: Logger;
  /** Metrics and tracing hooks: attempts and their outcomes, retries, app-token requests. */
  observer?: import('./observer.js').UpstreamObserver;
  /**
   * Who each call is for, read when it is made: the app passes its request scope (`callScope`).
   * Gives each caller its fair share of the budget and stops calls whose request was aborted.
   */
  scope?: () => CallScope | undefined;
}

/**
 * A typed client for every endpoint in docs/easemob-api.md. Create one per process and share it.
 */
export function createEasemobClient(options: EasemobClientOptions) {
  const core = new Core({
    baseUrl: options.baseUrl,
    // A name outside the AppKey rules can only reach a wrong (or no) app: refused at once.
    orgName: parseInput(appKeyName, options.orgName, 'orgName'),
    appName: parseInput(appKeyName, options.appName, 'appName'),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    timeoutMs: options.timeoutMs ?? defaultTransportOptions.timeoutMs,
    maxConnections: options.maxConnections ?? defaultTransportOptions.maxConnections,
    retry: { ...defaultRetryOptions, ...options.retry },
    rateBudgets:
      options.rateBudgets === false ? false : { ...easemobRateBudgets, ...options.rateBudgets },
    sharedRateLimiter: options.sharedRateLimiter,
    circuitBreaker:
      options.circuitBreaker === false
        ? false
        : { ...defaultCircuitBreakerOptions, ...options.circuitBreaker },
    appTokenTtlSeconds: options.appTokenTtlSeconds,
    token: options.token,
    logger: options.logger,
    observer: options.observer,
    scope: options.scope,
  });
  return {
    tokens: tokensResource(core),
    users: usersResource(core),
    contacts: contactsResource(core),
    blocks: blocksResource(core),
    status: statusResource(core),
    offline: offlineResource(core),
    messages: messagesResource(core),
    chatHistory: chatHistoryResource(core),
    presence: presenceResourceFor(core),
    /**
     * Admission control without a call. `await admission.acquire('status.batch')` waits for one
     * slot of that endpoint's budget (its own bucket and the app-wide one) with the same fair
     * share, wait bound and abort signal as a call made in the current scope (or `scope`), and
     * rejects with the same `EasemobError` (`budget_wait_exceeded`, `rate_budget_exhausted`,
     * `deadline_exceeded`, `caller_gone`). The slot is then spent by the next call made with
     * `{ slot: 'acquired' }` (e.g. `status.getMany(names, { slot: 'acquired' })`): its first
     * attempt does not wait again; retries do. A slot not used is simply spent.
     */
    admission: {
      acquire: (endpoint: EndpointName, scope?: CallScope): Promise<void> =>
        core.acquire(endpoint, scope),
      /** Calls waiting for the app-wide budget now (metrics, tests). */
      get waiting(): number {
        return core.waiting;
      },
    },
    /** The circuit breaker's state and transitions (read-only). */
    circuit: core.circuit as Circuit,
    close: () => core.close(),
  };
}

export type EasemobClient = ReturnType<typeof createEasemobClient>;
