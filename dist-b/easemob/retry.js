import { ExponentialBackoff, handleWhen, retry, } from 'cockatiel';
import { EasemobError, localCodes } from './errors.js';
export const defaultRetryOptions = {
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
export function isRetryable(error, spec) {
    // Not a failure of the call (a bug): never repeated.
    if (!(error instanceof EasemobError))
        return false;
    // The circuit breaker turned it away: retrying inside this call would defeat the breaker.
    if (error.code === localCodes.circuitOpen)
        return false;
    // Marked final (a 4xx answer, our own rate-budget refusal, a deadline): fail fast as promised.
    if (!error.retryable)
        return false;
    // Never written to a socket (connection refused, connect timeout, no free connection of ours).
    if (error.notSent)
        return true;
    // Easemob's limiter refused it before processing (see above).
    if (error.status === 429)
        return true;
    // Idempotent calls only, on what may have been processed: 503 and other 5xx, a timeout after
    // the request was written, a reset after writing, a garbled answer.
    return spec.idempotent;
}
/**
 * Runs `attempt` with exponential backoff and decorrelated jitter, bounded in count and time; no
 * retry starts once `signal` (the request's deadline, its caller's disconnection) has aborted.
 */
export function withRetries(spec, options, attempt, onRetry, signal) {
    if (options.maxRetries === 0)
        return attempt();
    const deadline = Date.now() + options.budgetMs;
    const worthIt = (error) => !signal?.aborted && isRetryable(error, spec) && fitsBudget(error, deadline);
    // Most calls succeed at once: the policy (and its emitters) is built only after a failure, and
    // replays that failure as its first attempt so backoff and counting are exactly as before.
    return attempt().catch((firstError) => {
        if (!worthIt(firstError))
            throw firstError;
        let replay = { error: firstError };
        return retryPolicy(options, deadline, worthIt, onRetry).execute(() => {
            if (!replay)
                return attempt();
            const { error } = replay;
            replay = undefined;
            throw error;
        });
    });
}
function retryPolicy(options, deadline, worthIt, onRetry) {
    const policy = retry(handleWhen(worthIt), {
        maxAttempts: options.maxRetries,
        backoff: new RetryAfterBackoff(new ExponentialBackoff({
            initialDelay: options.initialDelayMs,
            maxDelay: options.maxDelayMs,
        }), deadline),
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
function fitsBudget(error, deadline) {
    const remaining = deadline - Date.now();
    if (remaining <= 0)
        return false;
    const asked = error instanceof EasemobError ? error.retryAfterSeconds : undefined;
    // Waiting less than the server asked would only earn another 429; waiting longer breaks our bound.
    return asked === undefined || asked * 1000 <= remaining;
}
/** Uses the server's Retry-After when it sent one, else the jittered exponential delay; never past the deadline. */
class RetryAfterBackoff {
    inner;
    deadline;
    constructor(inner, deadline) {
        this.inner = inner;
        this.deadline = deadline;
    }
    next(context) {
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
export function parseRetryAfter(header, now = Date.now()) {
    const value = Array.isArray(header) ? header[0] : header;
    if (!value)
        return undefined;
    if (/^\s*\d+\s*$/.test(value))
        return Number(value);
    if (!httpDateMonth.test(value))
        return undefined;
    const date = Date.parse(value);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, Math.ceil((date - now) / 1000));
}
//# sourceMappingURL=retry.js.map