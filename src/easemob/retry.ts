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
 * Whether a failed request may be sent again. Every section of Easemob「用户体系集成」 says "429,
 * 503 or other 5xx may mean throttling: pause and retry" — but a request that may already have been
 * processed is repeated only when repeating it cannot change the outcome, so a message is never
 * delivered twice.
 */
export function isRetryable(error: unknown, spec: EndpointSpec): boolean {
  if (!(error instanceof EasemobError)) return false;
  // The circuit breaker turned it away: retrying inside this call would defeat the breaker.
  if (error.code === localCodes.circuitOpen) return false;
  // Said to be pointless to repeat (e.g. our own rate-budget queue is full): fail fast as promised.
  if (!error.retryable) return false;
  // 429 and 503 mean Easemob turned the request away before doing anything.
  if (error.status === 429 || error.status === 503) return true;
  // The request never left this process (e.g. connection refused).
  if (error.notSent) return true;
  // Other 5xx, timeouts, resets, garbled answers: the work may have been done.
  return spec.idempotent;
}

/**
 * Runs `attempt` with exponential backoff and decorrelated jitter, bounded in count and time; no
 * retry starts once `signal` (the request's deadline, its caller's disconnection) has aborted.
 */
export function withRetries<T>(
  spec: EndpointSpec,
  options: RetryOptions,
  attempt: () => Promise<T>,
  onRetry?: (info: { error: unknown; attempt: number; delayMs: number }) => void,
  signal?: AbortSignal,
): Promise<T> {
  if (options.maxRetries === 0) return attempt();
  const deadline = Date.now() + options.budgetMs;
  const worthIt = (error: unknown) =>
    !signal?.aborted && isRetryable(error, spec) && fitsBudget(error, deadline);
  // Most calls succeed at once: the policy (and its emitters) is built only after a failure, and
  // replays that failure as its first attempt so backoff and counting are exactly as before.
  return attempt().catch((firstError: unknown) => {
    if (!worthIt(firstError)) throw firstError;
    let replay: { error: unknown } | undefined = { error: firstError };
    return retryPolicy(options, deadline, worthIt, onRetry).execute(() => {
      if (!replay) return attempt();
      const { error } = replay;
      replay = undefined;
      throw error;
    });
  });
}

function retryPolicy(
  options: RetryOptions,
  deadline: number,
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
      deadline,
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

/** Uses the server's Retry-After when it sent one, else the jittered exponential delay; never past the deadline. */
class RetryAfterBackoff implements IBackoffFactory<Context> {
  constructor(
    private readonly inner: IBackoffFactory<Context>,
    private readonly deadline: number,
  ) {}

  next(context: Context): IBackoff<Context> {
    const computed = this.inner.next(context);
    const error = 'error' in context.result ? context.result.error : undefined;
    const asked = error instanceof EasemobError ? error.retryAfterSeconds : undefined;
    const wanted = asked === undefined ? computed.duration : asked * 1000;
    const duration = Math.max(0, Math.min(wanted, this.deadline - Date.now()));
    const deadline = this.deadline;
    return { duration, next: (ctx) => new RetryAfterBackoff(computed, deadline).next(ctx) };
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
