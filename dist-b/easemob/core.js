import { untilAborted } from './abortable.js';
import { AdmissionRefused } from './admission.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { endpointSpecs, expandPath } from './endpoints.js';
import { abortedCall, EasemobError, localCodes } from './errors.js';
import { observeAttempt } from './observer.js';
import { RateBudget } from './rate-budget.js';
import { appToken } from './responses.js';
import { withRetries } from './retry.js';
import { TokenCache } from './token.js';
import { Transport } from './transport.js';
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
    options;
    tokens;
    circuit;
    transport;
    budget;
    appPath;
    constructor(options) {
        this.options = options;
        this.transport = new Transport(options);
        this.budget = options.rateBudgets
            ? new RateBudget(options.rateBudgets, options.sharedRateLimiter)
            : undefined;
        this.appPath = `/${encodeURIComponent(options.orgName)}/${encodeURIComponent(options.appName)}`;
        this.circuit = new CircuitBreaker(options.circuitBreaker);
        this.circuit.onStateChange((state) => options.logger?.warn({ circuit: state }, `Easemob circuit breaker ${state}`));
        this.tokens = new TokenCache(() => this.requestAppToken(), options.token, (error) => options.logger?.warn({ err: describe(error) }, 'background token refresh failed'));
    }
    async call(endpoint, call) {
        const spec = endpointSpecs[endpoint];
        const path = this.appPath + expandPath(spec.path, call.params) + queryString(call.query);
        const scope = call.detached ? undefined : this.options.scope?.();
        const state = { prepaid: call.slot === 'acquired', sending: false, reached: false };
        const run = withRetries(spec, this.options.retry, () => this.attempt(endpoint, path, call, scope, state), ({ error, attempt, delayMs }) => {
            this.options.observer?.retry?.(endpoint);
            this.options.logger?.warn({ endpoint, attempt, delayMs, err: describe(error) }, 'retrying Easemob call');
        }, scope?.signal);
        const json = await (scope?.signal ? promptly(run, scope.signal, endpoint, state) : run).catch((error) => {
            throw settled(error, state);
        });
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
    async acquire(endpoint, scope = this.options.scope?.()) {
        await this.admit(endpoint, scope);
    }
    /** A budget slot for one attempt of `endpoint` (none without budgets); see `Slot.sent`. */
    async admit(endpoint, scope) {
        const signal = scope?.signal;
        if (signal?.aborted)
            throw abortedCall(endpoint, signal);
        if (!this.budget)
            return undefined;
        // Easemob limits `/token` on its own: it neither counts in nor waits behind the app's budget.
        const bucket = endpoint === 'token' ? 'token' : endpointSpecs[endpoint].bucket;
        const started = performance.now();
        try {
            const slot = await this.budget.take(bucket, scope);
            this.options.observer?.admitted?.(endpoint, scope?.caller, performance.now() - started);
            return slot;
        }
        catch (error) {
            if (!(error instanceof AdmissionRefused))
                throw error;
            this.options.observer?.refused?.(endpoint, error.reason);
            if (error.reason === 'aborted' && signal?.aborted)
                throw abortedCall(endpoint, signal);
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
    get waiting() {
        return this.budget?.waiting ?? 0;
    }
    close() {
        this.budget?.close();
        return this.transport.close();
    }
    async attempt(endpoint, path, call, scope, state) {
        const prepaid = state.prepaid;
        state.prepaid = false;
        this.circuit.rejectIfOpen(endpoint);
        const auth = call.auth ?? true;
        // A token first, so a slot is not spent waiting for one (calls must leave when admitted to
        // stay within budget as Easemob counts it)…
        if (auth)
            await this.tokenFor(endpoint, scope?.signal);
        let slot = prepaid ? undefined : await this.admit(endpoint, scope);
        // …and read again once the slot is ours (at once, from the cache): one taken before a long
        // wait for budget may expire before the call leaves, which under load turned into 401s.
        let token = auth ? await this.tokenFor(endpoint, scope?.signal) : undefined;
        try {
            return await this.send(endpoint, path, call.body, token, scope?.signal, state, slot);
        }
        catch (error) {
            // Easemob「用户体系集成 › 获取管理员权限token」: a token may stop working before expires_in
            // says; on a 401 get a new one, once.
            if (!(auth && token && error instanceof EasemobError && error.status === 401))
                throw error;
            await this.tokens.invalidate(token);
            await this.tokenFor(endpoint, scope?.signal);
            slot = await this.admit(endpoint, scope);
            token = await this.tokenFor(endpoint, scope?.signal);
            return this.send(endpoint, path, call.body, token, scope?.signal, state, slot);
        }
    }
    /** The app token; a caller whose request is aborted stops waiting for it (its request goes on). */
    tokenFor(endpoint, signal) {
        const token = this.tokens.get();
        if (!signal)
            return token;
        return untilAborted(token, signal, () => abortedCall(endpoint, signal));
    }
    async send(endpoint, path, body, token, signal, state, slot) {
        if (signal?.aborted)
            throw abortedCall(endpoint, signal);
        const method = endpointSpecs[endpoint].method;
        const started = performance.now();
        // A connection of ours first, outside the breaker: waiting for one says nothing about Easemob.
        const release = await this.transport.reserve(endpoint, signal).catch((error) => {
            if (signal?.aborted && !(error instanceof EasemobError))
                throw abortedCall(endpoint, signal);
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
            // The budget counts arrivals: this slot's window starts now, not when it was admitted.
            slot?.sent();
            const sent = this.transport.send({ endpoint, method, path, body, token });
            return done ? observeAttempt(sent, done) : sent;
        })
            .catch((error) => {
            if (!(error instanceof EasemobError && error.notSent))
                state.reached = true;
            this.options.logger?.debug({ endpoint, ms: Math.round(performance.now() - started), err: describe(error) }, 'Easemob call failed');
            throw error;
        })
            .finally(() => {
            state.sending = false;
            release();
        });
        this.options.logger?.debug({ endpoint, status: answer.status, ms: Math.round(performance.now() - started) }, 'Easemob call');
        return answer.json;
    }
    async requestAppToken() {
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
function promptly(run, signal, endpoint, state) {
    const repeatable = endpointSpecs[endpoint].idempotent;
    return untilAborted(run, signal, () => {
        if (state.sending && !repeatable)
            return undefined;
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
function settled(error, state) {
    if (!(error instanceof EasemobError && error.notSent && state.reached))
        return error;
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
function queryString(query) {
    if (!query)
        return '';
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
        if (value !== undefined)
            search.set(key, String(value));
    }
    const text = search.toString();
    return text ? `?${text}` : '';
}
/** Log-safe summary of a failure: our own fields only, never a cause's internals. */
function describe(error) {
    if (error instanceof EasemobError) {
        return { status: error.status, code: error.code, description: error.description };
    }
    return { message: error instanceof Error ? error.name : 'unknown error' };
}
//# sourceMappingURL=core.js.map