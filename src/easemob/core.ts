import type { z } from 'zod';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import { type EndpointName, endpointSpecs, expandPath } from './endpoints.js';
import { EasemobError, localCodes } from './errors.js';
import { observeAttempt, type UpstreamObserver } from './observer.js';
import {
  RateBudget,
  RateBudgetExceeded,
  type RateBudgets,
  type SharedRateLimiter,
} from './rate-budget.js';
import { appToken } from './responses.js';
import { type RetryOptions, withRetries } from './retry.js';
import { TokenCache, type TokenCacheOptions } from './token.js';
import { Transport } from './transport.js';

/** The subset of pino's interface the client uses; pass a pino logger or nothing. */
export interface Logger {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface CoreOptions {
  baseUrl: string;
  orgName: string;
  appName: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  maxConnections: number;
  retry: RetryOptions;
  /** `false` turns the client-side rate budgets off (the emulator in tests, or an app with raised limits). */
  rateBudgets: RateBudgets | false;
  /** Makes the rate budgets the fleet's (Redis) instead of this process's. */
  sharedRateLimiter?: SharedRateLimiter;
  /** `false` turns the circuit breaker off: every call goes out however Easemob is faring. */
  circuitBreaker: CircuitBreakerOptions | false;
  /** Requested lifetime of app tokens; Easemob's default when absent. */
  appTokenTtlSeconds?: number;
  token?: Partial<TokenCacheOptions>;
  logger?: Logger;
  /** Metrics and tracing: each attempt's outcome, retries, app-token requests (see observer.ts). */
  observer?: UpstreamObserver;
}

export interface CallOptions<S extends z.ZodType> {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: S;
  /** Token requests go without one. */
  auth?: boolean;
}

/**
 * Sends one logical call: fails fast while the circuit is open, waits for a rate-budget slot,
 * attaches the app token, retries what is safe to retry, refreshes the token once on a 401, and
 * validates the answer. Every HTTP attempt (token requests included) goes through the breaker.
 */
export class Core {
  readonly tokens: TokenCache;
  readonly circuit: CircuitBreaker;
  private readonly transport: Transport;
  private readonly budget: RateBudget | undefined;
  private readonly appPath: string;

  constructor(private readonly options: CoreOptions) {
    this.transport = new Transport(options);
    this.budget = options.rateBudgets
      ? new RateBudget(options.rateBudgets, options.sharedRateLimiter)
      : undefined;
    this.appPath = `/${encodeURIComponent(options.orgName)}/${encodeURIComponent(options.appName)}`;
    this.circuit = new CircuitBreaker(options.circuitBreaker);
    this.circuit.onStateChange((state) =>
      options.logger?.warn({ circuit: state }, `Easemob circuit breaker ${state}`),
    );
    this.tokens = new TokenCache(
      () => this.requestAppToken(),
      options.token,
      (error) => options.logger?.warn({ err: describe(error) }, 'background token refresh failed'),
    );
  }

  async call<S extends z.ZodType>(
    endpoint: EndpointName,
    call: CallOptions<S>,
  ): Promise<z.output<S>> {
    const spec = endpointSpecs[endpoint];
    const path = this.appPath + expandPath(spec.path, call.params) + queryString(call.query);
    const json = await withRetries(
      spec,
      this.options.retry,
      () => this.attempt(endpoint, spec.method, path, call),
      ({ error, attempt, delayMs }) => {
        this.options.observer?.retry?.(endpoint);
        this.options.logger?.warn(
          { endpoint, attempt, delayMs, err: describe(error) },
          'retrying Easemob call',
        );
      },
    );
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EasemobError({
        status: 200,
        code: localCodes.invalidResponse,
        description: `unexpected answer shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
        retryable: false,
        endpoint,
      });
    }
    return parsed.data;
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async attempt(
    endpoint: EndpointName,
    method: string,
    path: string,
    call: CallOptions<z.ZodType>,
  ): Promise<unknown> {
    this.circuit.rejectIfOpen(endpoint);
    const auth = call.auth ?? true;
    let token = auth ? await this.tokens.get() : undefined;
    try {
      return await this.sendWithinBudget(endpoint, method, path, call.body, token);
    } catch (error) {
      // Easemob「用户体系集成 › 获取管理员权限token」: a token may stop working before expires_in
      // says; on a 401 get a new one, once.
      if (!(auth && token && error instanceof EasemobError && error.status === 401)) throw error;
      await this.tokens.invalidate(token);
      token = await this.tokens.get();
      return this.sendWithinBudget(endpoint, method, path, call.body, token);
    }
  }

  private async sendWithinBudget(
    endpoint: EndpointName,
    method: string,
    path: string,
    body: unknown,
    token: string | undefined,
  ): Promise<unknown> {
    if (this.budget) {
      try {
        await this.budget.take(endpointSpecs[endpoint].bucket);
      } catch (error) {
        if (!(error instanceof RateBudgetExceeded)) throw error;
        throw new EasemobError({
          status: 0,
          code: localCodes.rateBudget,
          description: error.message,
          retryable: false,
          endpoint,
          notSent: true,
        });
      }
    }
    const started = performance.now();
    const answer = await this.circuit
      .run(endpoint, () => {
        const done = this.options.observer?.attempt?.(endpoint);
        const sent = this.transport.send({ endpoint, method, path, body, token });
        return done ? observeAttempt(sent, done) : sent;
      })
      .catch((error: unknown) => {
        this.options.logger?.debug(
          { endpoint, ms: Math.round(performance.now() - started), err: describe(error) },
          'Easemob call failed',
        );
        throw error;
      });
    this.options.logger?.debug(
      { endpoint, status: answer.status, ms: Math.round(performance.now() - started) },
      'Easemob call',
    );
    return answer.json;
  }

  private async requestAppToken() {
    this.options.observer?.appToken?.();
    const issued = await this.call('token', {
      auth: false,
      body: {
        grant_type: 'client_credentials',
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
        ...(this.options.appTokenTtlSeconds === undefined
          ? {}
          : { ttl: String(this.options.appTokenTtlSeconds) }),
      },
      schema: appToken,
    });
    return { accessToken: issued.access_token, expiresInSeconds: issued.expires_in };
  }
}

function queryString(query: CallOptions<z.ZodType>['query']): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Log-safe summary of a failure: our own fields only, never a cause's internals. */
function describe(error: unknown) {
  if (error instanceof EasemobError) {
    return { status: error.status, code: error.code, description: error.description };
  }
  return { message: error instanceof Error ? error.name : 'unknown error' };
}
