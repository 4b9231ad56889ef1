import {
  ExponentialBackoff,
  handleWhen,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  retry,
} from 'cockatiel';
import type { EndpointSpec } from './endpoints.js';
import { EasemobError, localCodes } from './errors.js';

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** No retry starts after this many ms since the call began (Retry-After included). */
  budgetMs: number;
  /** The backoff's first delay and its cap; both 0 retries at once (unit tests), Retry-After aside. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryOptions: RetryOptions = {
  maxRetries: 3,
  budgetMs: 15_000,
  initialDelayMs: 200,
  maxDelayMs: 5_000,
};

/**
 * Whether a failed attempt may be sent again: one rule a line, the first that applies decides.
 *
 * Easemob「用户体系集成」, on every endpoint: "429, 503 or other 5xx may mean the endpoint is
 * throttled: pause and retry" (details in「接口限流说明」). Our reading: a 429 is the limiter's own
 * answer (HTTP's Too Many Requests), given instead of doing the work — the advice to repeat it
 * holds for sending messages too, which only makes sense if nothing was done. A 503 or other 5xx
 * only *may* be throttling: it may as well come from a gateway after the backend stored the
 * message, so for a call that is not safe to repeat it is ambiguous. A message is never
 * delivered twice: a send is repeated only when it certainly did not reach Easemob's processing.
 */
export function isRetryable(error: unknown, spec: EndpointSpec): boolean {
  // Not a failure of the call (a bug): never repeated.
  if (!(error instanceof EasemobError)) return false;
  // The circuit breaker turned it away: retrying inside this call would defeat the breaker.
  if (error.code === localCodes.circuitOpen) return false;
  // Marked final (a 4xx answer, our own rate-budget refusal, a deadline): fail fast as promised.
  if (!error.retryable) return false;
  // Never written to a socket (connection refused, connect timeout, no free connection of ours).
  if (error.notSent) return true;
  // Easemob's limiter refused it before processing (see above).
  if (error.status === 429) return true;
  // Idempotent calls only, on what may have been processed: 503 and other 5xx, a timeout after
  // the request was written, a reset after writing, a garbled answer.
  return spec.idempotent;
}

export interface RetryHooks {
  onRetry?: (info: { error: unknown; attempt: number; delayMs: number }) => void;
  /** No retry starts once it aborted (the request's deadline, its caller's disconnection). */
  signal?: AbortSignal;
  /**
   * How long the call may still wait before retrying `error`, beyond the retry budget: for a 429,
   * what is left of the caller's wait bound for budget (see admission.ts); undefined: no bound.
   */
  waitLeftMs?: (error: unknown) => number | undefined;
}

/**
 * Runs `attempt` with exponential backoff and decorrelated jitter, bounded in count and time (the
 * retry budget, and `hooks.waitLeftMs`: a retry that would wait longer is not made).
 */
export function withRetries<T>(
  spec: EndpointSpec,
  options: RetryOptions,
  attempt: () => Promise<T>,
  hooks: RetryHooks = {},
): Promise<T> {
  if (options.maxRetries === 0) return attempt();
  const { onRetry, signal } = hooks;
  const deadline = Date.now() + options.budgetMs;
  /** The latest a retry of `error` may start. */
  const latest = (error: unknown) => {
    const waitLeft = hooks.waitLeftMs?.(error);
    return waitLeft === undefined ? deadline : Math.min(deadline, Date.now() + waitLeft);
  };
  const worthIt = (error: unknown) =>
    !signal?.aborted && isRetryable(error, spec) && fitsBudget(error, latest(error));
  // Most calls succeed at once: the policy (and its emitters) is built only after a failure, and
  // replays that failure as its first attempt so backoff and counting are exactly as before.
  return attempt().catch((firstError: unknown) => {
    if (!worthIt(firstError)) throw firstError;
    let replay: { error: unknown } | undefined = { error: firstError };
    return retryPolicy(options, latest, worthIt, onRetry).execute(() => {
      if (!replay) return attempt();
      const { error } = replay;
      replay = undefined;
      throw error;
    });
  });
}

function retryPolicy(
  options: RetryOptions,
  latest: (error: unknown) => number,
  worthIt: (error: unknown) => boolean,
  onRetry?: (info: { error: unknown; attempt: number; delayMs: number }) => void,
) {
  const policy = retry(handleWhen(worthIt), {
    maxAttempts: options.maxRetries,
    backoff: new RetryAfterBackoff(
      new ExponentialBackoff({
        initialDelay: options.initialDelayMs,
        maxDelay: options.maxDelayMs,
      }),
      latest,
    ),
  });
  if (onRetry) {
    policy.onRetry((event) => {
      onRetry({
        error: 'error' in event ? event.error : undefined,
        attempt: event.attempt,
        delayMs: event.delay,
      });
    });
  }
  return policy;
}

function fitsBudget(error: unknown, deadline: number): boolean {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return false;
  const asked = error instanceof EasemobError ? error.retryAfterSeconds : undefined;
  // Waiting less than the server asked would only earn another 429; waiting longer breaks our bound.
  return asked === undefined || asked * 1000 <= remaining;
}

type Context = IRetryBackoffContext<unknown>;

/**
 * Uses the server's Retry-After when it sent one, else the jittered exponential delay; never past
 * the latest a retry of that failure may start.
 */
class RetryAfterBackoff implements IBackoffFactory<Context> {
  constructor(
    private readonly inner: IBackoffFactory<Context>,
    private readonly latest: (error: unknown) => number,
  ) {}

  next(context: Context): IBackoff<Context> {
    const computed = this.inner.next(context);
    const error = 'error' in context.result ? context.result.error : undefined;
    const asked = error instanceof EasemobError ? error.retryAfterSeconds : undefined;
    const wanted = asked === undefined ? computed.duration : asked * 1000;
    const duration = Math.max(0, Math.min(wanted, this.latest(error) - Date.now()));
    const latest = this.latest;
    return { duration, next: (ctx) => new RetryAfterBackoff(computed, latest).next(ctx) };
  }
}

// Every HTTP-date form names its month; Date.parse alone reads "-1" or "1.5" as dates in 2001.
const httpDateMonth = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/i;

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); seconds to wait, or
 * undefined when the header is absent or neither.
 */
export function parseRetryAfter(
  header: string | string[] | undefined,
  now = Date.now(),
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  if (!httpDateMonth.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
