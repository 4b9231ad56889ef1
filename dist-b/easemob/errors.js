/**
 * Every failure of an Easemob call: an HTTP error answer, a network failure, a timeout, an answer
 * that does not parse. One class, so callers branch on fields rather than on types.
 *
 * The message is built only from the endpoint, the status and Easemob's own code and description:
 * never from headers or bodies we sent, so no token, password or client secret can end up in it.
 */
export class EasemobError extends Error {
    name = 'EasemobError';
    /** HTTP status; 0 when no answer arrived (network failure, timeout). */
    status;
    /** Easemob's `error` field (e.g. `service_resource_not_found`), or one of ours for local failures. */
    code;
    description;
    /** Whether the same request may succeed if sent again later. */
    retryable;
    endpoint;
    /** Seconds the server asked us to wait (Retry-After), when it said. */
    retryAfterSeconds;
    /**
     * True when the request certainly did not reach Easemob's processing: never written to a socket
     * (connection refused, a connect timeout, no free connection, our own refusals), or turned away
     * by Easemob's limiter (429). For a call of several attempts: true only when every one was.
     */
    notSent;
    /** For our own refusals (no budget in time): when a call would likely be admitted, in ms. */
    retryAfterMs;
    constructor(fields) {
        super(`Easemob ${fields.endpoint} failed: ${fields.status || 'no answer'} ${fields.code}: ${fields.description}`, { cause: fields.cause });
        this.status = fields.status;
        this.code = fields.code;
        this.description = fields.description;
        this.retryable = fields.retryable;
        this.endpoint = fields.endpoint;
        this.retryAfterSeconds = fields.retryAfterSeconds;
        this.notSent = fields.notSent ?? false;
        this.retryAfterMs = fields.retryAfterMs;
    }
    /** Serialises without `cause`, whose internals are not ours to publish. */
    toJSON() {
        return {
            name: this.name,
            message: this.message,
            status: this.status,
            code: this.code,
            description: this.description,
            retryable: this.retryable,
            endpoint: this.endpoint,
        };
    }
}
/** A caller's input broke a documented rule; nothing was sent. */
export class EasemobInputError extends Error {
    name = 'EasemobInputError';
    /** Dotted path of the offending field, e.g. `usernames.3` or `message.text`. */
    field;
    constructor(field, reason) {
        super(`invalid ${field || 'input'}: ${reason}`);
        this.field = field;
    }
}
/** Local failure codes, for failures that have no Easemob `error` field. */
export const localCodes = {
    timeout: 'timeout',
    network: 'network_error',
    invalidResponse: 'invalid_response',
    /** Too many calls already wait for the rate budget: this one was refused unsent. */
    rateBudget: 'rate_budget_exhausted',
    /** The rate budget had no slot for this call within the wait bound: refused unsent. */
    budgetWait: 'budget_wait_exceeded',
    /** The request this call was for passed its deadline: no (further) attempt was made. */
    deadline: 'deadline_exceeded',
    /** The caller of the request this call was for disconnected: no (further) attempt was made. */
    callerGone: 'caller_gone',
    /** The circuit breaker is open: recent calls failed, this one was not sent. */
    circuitOpen: 'circuit_open',
    /**
     * Every one of our connections to Easemob stayed busy for the whole wait bound: not sent. Our own
     * pool, not Easemob, turned it away (the circuit breaker does not count it).
     */
    connectionWait: 'connection_wait_exceeded',
    httpError: 'http_error',
    /**
     * Easemob answered 200 but said, in the body, that the operation failed, with its reason (a
     * presence `result` other than "ok"): it was processed and refused.
     */
    refused: 'operation_refused',
};
/** An answer that parsed but lacks what the endpoint documents. */
export function invalidResponse(endpoint, description) {
    return new EasemobError({
        status: 200,
        code: localCodes.invalidResponse,
        description,
        retryable: false,
        endpoint,
    });
}
/** A 200 whose body carries Easemob's reason for not doing it; `reason` becomes the description. */
export function refusedBy(endpoint, reason) {
    return new EasemobError({
        status: 200,
        code: localCodes.refused,
        description: reason,
        retryable: false,
        endpoint,
    });
}
/** Easemob has no such resource (a user, usually). */
export function isNotFound(error) {
    return error instanceof EasemobError && error.status === 404;
}
/** The request this call was for passed its deadline or lost its caller: nothing more is sent. */
export function abortedCall(endpoint, signal, notSent = true) {
    const timedOut = signal.reason?.name === 'TimeoutError';
    return new EasemobError({
        status: 0,
        code: timedOut ? localCodes.deadline : localCodes.callerGone,
        description: timedOut ? 'the request passed its deadline' : 'the caller went away',
        retryable: false,
        endpoint,
        notSent,
    });
}
//# sourceMappingURL=errors.js.map