import { BrokenCircuitError, CircuitState as CockatielState, circuitBreaker, handleWhen, SamplingBreaker, } from 'cockatiel';
import { EasemobError, localCodes } from './errors.js';
/**
 * Half the attempts failing over 10 s, once there were at least 20: a flaky Easemob (30% of the
 * attempts timing out, which retries mostly absorb) never trips it, while a dead one trips it
 * after 20 attempts. A count of failures in a row tripped on flaky-but-working Easemob: under
 * load, slow answers come in runs.
 */
export const defaultCircuitBreakerOptions = {
    failureRate: 0.5,
    windowMs: 10_000,
    minCalls: 20,
    halfOpenAfterMs: 5_000,
};
/**
 * Whether a failed attempt says Easemob is unhealthy. A 429 or any other 4xx is an answer: Easemob
 * is up and has an opinion (429 means "slow down", which retries and rate budgets handle). Our own
 * local failures (rate budget, an open circuit, no free connection of ours) say nothing about
 * Easemob; waiting for a connection happens before the breaker and before the deadline starts.
 */
export function isHealthFailure(error) {
    if (!(error instanceof EasemobError))
        return false;
    if (error.status === 0) {
        return error.code === localCodes.timeout || error.code === localCodes.network;
    }
    return error.status >= 500;
}
/** cockatiel's circuit breaker around each HTTP attempt, answering with {@link EasemobError}s. */
export class CircuitBreaker {
    options;
    policy;
    listeners = new Set();
    openedAt = 0;
    constructor(options) {
        this.options = options;
        if (!options || options.failureRate === 0)
            return;
        const { failureRate, windowMs, minCalls, halfOpenAfterMs } = options;
        if (!(failureRate > 0 && failureRate < 1)) {
            throw new TypeError('circuitBreaker.failureRate must be between 0 and 1 (0: off)');
        }
        if (!(Number.isFinite(windowMs) && windowMs >= 100)) {
            throw new TypeError('circuitBreaker.windowMs must be at least 100');
        }
        if (!(Number.isInteger(minCalls) && minCalls >= 1)) {
            throw new TypeError('circuitBreaker.minCalls must be a positive integer');
        }
        if (!(Number.isFinite(halfOpenAfterMs) && halfOpenAfterMs >= 0)) {
            throw new TypeError('circuitBreaker.halfOpenAfterMs must be a non-negative number');
        }
        this.policy = circuitBreaker(handleWhen(isHealthFailure), {
            halfOpenAfter: halfOpenAfterMs,
            // cockatiel's failure-rate breaker: buckets over a sliding `duration`, and a minimum rate of
            // calls (per second) below which it never opens — `minCalls` over the window.
            breaker: new SamplingBreaker({
                threshold: failureRate,
                duration: windowMs,
                minimumRps: (minCalls * 1000) / windowMs,
            }),
        });
        this.policy.onStateChange((raw) => {
            if (raw === CockatielState.Open)
                this.openedAt = Date.now();
            const state = stateOf(raw);
            for (const listener of this.listeners) {
                // A metrics hook that throws must not fail the call that happened to change the state.
                try {
                    listener(state);
                }
                catch { }
            }
        });
    }
    get enabled() {
        return this.policy !== undefined;
    }
    get state() {
        return this.policy ? stateOf(this.policy.state) : 'closed';
    }
    onStateChange(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    /**
     * Fails now while the circuit is open and no trial is due, so a call does not first wait for a
     * token or a rate-budget slot only to be turned away.
     */
    rejectIfOpen(endpoint) {
        if (!this.options || this.policy?.state !== CockatielState.Open)
            return;
        if (Date.now() - this.openedAt < this.options.halfOpenAfterMs)
            throw this.openError(endpoint);
    }
    /** Sends one attempt through the breaker; its outcome, or `circuit_open` without sending. */
    async run(endpoint, send) {
        if (!this.policy)
            return send();
        let outcome;
        try {
            outcome = await this.policy.execute(async () => {
                try {
                    return { value: await send() };
                }
                catch (error) {
                    if (isHealthFailure(error))
                        throw error;
                    // Any other answer proves Easemob is up: to the breaker it is a success (it resets the
                    // count and closes a half-open circuit); the caller still gets the error.
                    return { error };
                }
            });
        }
        catch (error) {
            if (error instanceof BrokenCircuitError)
                throw this.openError(endpoint);
            throw error;
        }
        if ('error' in outcome)
            throw outcome.error;
        return outcome.value;
    }
    openError(endpoint) {
        const seconds = this.options ? Math.ceil(this.options.halfOpenAfterMs / 1000) : 0;
        return new EasemobError({
            status: 0,
            code: localCodes.circuitOpen,
            description: `Easemob is unavailable: recent calls failed, so calls fail fast until a trial call (every ${seconds} s) succeeds`,
            retryable: true,
            endpoint,
            notSent: true,
        });
    }
}
function stateOf(state) {
    if (state === CockatielState.Closed)
        return 'closed';
    if (state === CockatielState.HalfOpen)
        return 'halfOpen';
    return 'open';
}
//# sourceMappingURL=circuit-breaker.js.map