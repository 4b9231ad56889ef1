import type { z } from 'zod';
import { untilAborted } from './abortable.js';
import { AdmissionRefused, type CallScope, type Slot } from './admission.js';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import { type EndpointName, endpointSpecs, expandPath } from './endpoints.js';
import { abortedCall, EasemobError, localCodes } from './errors.js';
import { observeAttempt, type UpstreamObserver } from './observer.js';
import { RateBudget, type RateBudgets, type SharedRateLimiter } from './rate-budget.js';
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
  /**
   * Who the call being made is for, read when it is made (the app passes its request scope):
   * its caller's fair share, its weight, and the signal that ends its request. None: one shared
   * caller, no deadline.
   */
  scope?: () => CallScope | undefined;
}

export interface CallOptions<S extends z.ZodType> {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: S;
  /** Token requests go without one. */
  auth?: boolean;
  /**
   * `'acquired'`: the caller already holds a budget slot for this call (from
   * `client.admission.acquire`), so the first attempt does not wait for one; retries still do.
   */
  slot?: 'acquired';
  /** Made for the process, not for the caller in scope (the app token): no scope applies. */
  detached?: boolean;
}

/**
 * What one call's attempts share: the pre-acquired slot, whether one is on the wire now, and
 * whether any may have reached Easemob (then the call's failure is never `notSent`).
 */
interface CallState {
  prepaid: boolean;
  sending: boolean;
  reached: boolean;
  /**
   * What the call has spent of its caller's wait bound (`RateBudgets.maxWaitMs`): waits for
   * budget and pauses after a 429, every attempt's together. A 429 is Easemob's budget saying no,
   * so waiting it out is waiting for budget: past the bound the caller was promised, the call is
   * answered RATE_LIMITED instead of retried.
   */
  waitedMs: number;
}

/**
 * Sends one logical call: fails fast while the circuit is open, waits (fairly, and only so long)
 * for a rate-budget slot, attaches the app token, retries what is safe to retry, refreshes the
 * token once on a 401, and validates the answer. Every HTTP attempt (token requests included)
 * goes through the breaker. A call whose scope is aborted (its request's deadline passed, or its
 * caller went away) makes no further attempt and is answered at once, unless a send that is not
 * safe to repeat is on the wire: that one's outcome is waited for, as cutting it off would leave
 * it unknown.
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
    const scope = call.detached ? undefined : this.options.scope?.();
    const state: CallState = {
      prepaid: call.slot === 'acquired',
      sending: false,
      reached: false,
      waitedMs: 0,
    };
    const run = withRetries(
      spec,
      this.options.retry,
      () => this.attempt(endpoint, path, call, scope, state),
      {
        onRetry: ({ error, attempt, delayMs }) => {
          if (throttled(error)) state.waitedMs += delayMs;
          this.options.observer?.retry?.(endpoint);
          this.options.logger?.warn(
            { endpoint, attempt, delayMs, err: describe(error) },
            'retrying Easemob call',
          );
        },
        signal: scope?.signal,
        waitLeftMs: (error) => (throttled(error) ? this.waitLeftMs(state) : undefined),
      },
    );
    const json = await (scope?.signal ? promptly(run, scope.signal, endpoint, state) : run).catch(
      (error: unknown) => {
        throw settled(error, state);
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

  /**
   * Waits for one budget slot for a call of `endpoint`, with the same fair share, bound and abort
   * signal as the call itself would have, without making it; rejects with the same EasemobError.
   */
  async acquire(endpoint: EndpointName, scope = this.options.scope?.()): Promise<void> {
    // The call it is for is made later and elsewhere: its slot counts from now.
    (await this.admit(endpoint, scope))?.done();
  }

  /** What is left of a call's wait bound; undefined without budgets (no bound then). */
  private waitLeftMs(state: CallState): number | undefined {
    if (!this.options.rateBudgets) return undefined;
    return Math.max(0, this.options.rateBudgets.maxWaitMs - state.waitedMs);
  }

  /**
   * A budget slot for one attempt of `endpoint` (none without budgets); see `Slot.done`. Waits at
   * most what is left of the call's wait bound, and counts what it waited against it.
   */
  private async admit(
    endpoint: EndpointName,
    scope: CallScope | undefined,
    state?: CallState,
  ): Promise<Slot | undefined> {
    const signal = scope?.signal;
    if (signal?.aborted) throw abortedCall(endpoint, signal);
    if (!this.budget) return undefined;
    // Easemob limits `/token` on its own: it neither counts in nor waits behind the app's budget.
    const bucket = endpoint === 'token' ? 'token' : endpointSpecs[endpoint].bucket;
    const started = performance.now();
    try {
      const slot = await this.budget.take(bucket, scope, state && this.waitLeftMs(state));
      const waited = performance.now() - started;
      if (state) state.waitedMs += waited;
      this.options.observer?.admitted?.(endpoint, scope?.caller, waited);
      return slot;
    } catch (error) {
      if (!(error instanceof AdmissionRefused)) throw error;
      this.options.observer?.refused?.(endpoint, error.reason);
      if (error.reason === 'aborted' && signal?.aborted) throw abortedCall(endpoint, signal);
      throw new EasemobError({
        status: 0,
        code: error.reason === 'wait' ? localCodes.budgetWait : localCodes.rateBudget,
        description: error.message,
        retryable: false,
        endpoint,
        notSent: true,
        retryAfterMs: error.retryAfterMs,
      });
    }
  }

  /** Calls waiting for the app-wide budget now. */
  get waiting(): number {
    return this.budget?.waiting ?? 0;
  }

  close(): Promise<void> {
    this.budget?.close();
    return this.transport.close();
  }

  private async attempt(
    endpoint: EndpointName,
    path: string,
    call: CallOptions<z.ZodType>,
    scope: CallScope | undefined,
    state: CallState,
  ): Promise<unknown> {
    const prepaid = state.prepaid;
    state.prepaid = false;
    this.circuit.rejectIfOpen(endpoint);
    const auth = call.auth ?? true;
    // A token first, so a slot is not spent waiting for one (calls must leave when admitted to
    // stay within budget as Easemob counts it)…
    if (auth) await this.tokenFor(endpoint, scope?.signal);
    let slot = prepaid ? undefined : await this.admit(endpoint, scope, state);
    let refused: string | undefined;
    try {
      // …and read again once the slot is ours (at once, from the cache): one taken before a long
      // wait for budget may expire before the call leaves, which under load turned into 401s.
      const token = auth ? await this.tokenFor(endpoint, scope?.signal) : undefined;
      try {
        return await this.send(endpoint, path, call.body, token, scope?.signal, state);
      } catch (error) {
        // Easemob「用户体系集成 › 获取管理员权限token」: a token may stop working before
        // expires_in says; on a 401 get a new one, once.
        if (!(auth && token && error instanceof EasemobError && error.status === 401)) throw error;
        refused = token;
      }
    } finally {
      // Answered, failed or never made: from now on the slot counts from here (see `Slot`).
      slot?.done();
    }
    await this.tokens.invalidate(refused);
    await this.tokenFor(endpoint, scope?.signal);
    slot = await this.admit(endpoint, scope, state);
    try {
      const token = await this.tokenFor(endpoint, scope?.signal);
      return await this.send(endpoint, path, call.body, token, scope?.signal, state);
    } finally {
      slot?.done();
    }
  }

  /** The app token; a caller whose request is aborted stops waiting for it (its request goes on). */
  private tokenFor(endpoint: EndpointName, signal: AbortSignal | undefined): Promise<string> {
    const token = this.tokens.get();
    if (!signal) return token;
    return untilAborted(token, signal, () => abortedCall(endpoint, signal));
  }

  private async send(
    endpoint: EndpointName,
    path: string,
    body: unknown,
    token: string | undefined,
    signal: AbortSignal | undefined,
    state: CallState,
  ): Promise<unknown> {
    if (signal?.aborted) throw abortedCall(endpoint, signal);
    const method = endpointSpecs[endpoint].method;
    const started = performance.now();
    // A connection of ours first, outside the breaker: waiting for one says nothing about Easemob.
    const release = await this.transport.reserve(endpoint, signal).catch((error: unknown) => {
      if (signal?.aborted && !(error instanceof EasemobError)) throw abortedCall(endpoint, signal);
      throw error;
    });
    if (signal?.aborted) {
      release();
      throw abortedCall(endpoint, signal);
    }
    state.sending = true;
    const answer = await this.circuit
      .run(endpoint, () => {
        const done = this.options.observer?.attempt?.(endpoint);
        const sent = this.transport.send({ endpoint, method, path, body, token });
        return done ? observeAttempt(sent, done) : sent;
      })
      .catch((error: unknown) => {
        if (!(error instanceof EasemobError && error.notSent)) state.reached = true;
        this.options.logger?.debug(
          { endpoint, ms: Math.round(performance.now() - started), err: describe(error) },
          'Easemob call failed',
        );
        throw error;
      })
      .finally(() => {
        state.sending = false;
        release();
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
      // Shared by every caller: neither the deadline nor the fair share of whichever request
      // happened to trigger the refresh applies to it.
      detached: true,
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

/**
 * `run`'s outcome, or — as soon as `signal` aborts — the deadline's error, unless a send that is
 * not safe to repeat is on the wire (then its outcome, which comes with no retry after it). The
 * abandoned `run` makes no further attempt: each checks the signal first.
 */
function promptly<T>(
  run: Promise<T>,
  signal: AbortSignal,
  endpoint: EndpointName,
  state: CallState,
): Promise<T> {
  const repeatable = endpointSpecs[endpoint].idempotent;
  return untilAborted(run, signal, () => {
    if (state.sending && !repeatable) return undefined;
    // A repeatable call on the wire is abandoned, not stopped: Easemob may still act on it; so
    // may an earlier attempt have.
    return abortedCall(endpoint, signal, !state.sending && !state.reached);
  });
}

/**
 * The call's failure as its caller sees it: `notSent` only when no attempt may have reached Easemob.
 * The last attempt alone does not say: a read retried after a 503 that then hit its deadline, or a
 * send whose token was refused and whose second try was refused a connection, may have reached it.
 */
function settled(error: unknown, state: CallState): unknown {
  if (!(error instanceof EasemobError && error.notSent && state.reached)) return error;
  return new EasemobError({
    status: error.status,
    code: error.code,
    description: error.description,
    retryable: error.retryable,
    endpoint: error.endpoint,
    retryAfterSeconds: error.retryAfterSeconds,
    retryAfterMs: error.retryAfterMs,
    notSent: false,
    cause: error.cause,
  });
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

/** Easemob's limiter refused the attempt (Easemob「接口限流说明」): not done, to be waited out. */
function throttled(error: unknown): boolean {
  return error instanceof EasemobError && error.status === 429;
}

/** Log-safe summary of a failure: our own fields only, never a cause's internals. */
function describe(error: unknown) {
  if (error instanceof EasemobError) {
    return { status: error.status, code: error.code, description: error.description };
  }
  return { message: error instanceof Error ? error.name : 'unknown error' };
}
