import { Pool, errors as undiciErrors } from 'undici';
import { EasemobError, localCodes } from './errors.js';
import { errorBody } from './responses.js';
import { parseRetryAfter } from './retry.js';
/** A deadline well above Easemob's usual answer times; connections enough for ~100 calls/s. */
export const defaultTransportOptions = { timeoutMs: 10_000, maxConnections: 32 };
/**
 * One keep-alive connection pool to Easemob, bounded in connections, with a deadline on every
 * request. Sends a single attempt and turns every way it can fail into an {@link EasemobError}.
 *
 * A call first {@link reserve}s one of the connections, and only then {@link send}s: undici's own
 * queue would start the request's deadline while it waits behind busy connections, and a request
 * that spent its deadline there would read as Easemob timing out. Waiting for a connection is
 * bounded on its own (by the same `timeoutMs`) and refused unsent; once a connection is ours the
 * deadline is Easemob's (and the network's) alone.
 */
export class Transport {
    pool;
    dispatcher;
    prefix;
    timeoutMs;
    connections;
    constructor(options) {
        const url = new URL(options.baseUrl);
        this.prefix = url.pathname.replace(/\/+$/, '');
        this.timeoutMs = options.timeoutMs;
        this.connections = new Slots(options.maxConnections);
        this.pool = new Pool(url.origin, {
            connections: options.maxConnections,
            pipelining: 1,
            keepAliveTimeout: 30_000,
            keepAliveMaxTimeout: 120_000,
            headersTimeout: options.timeoutMs,
            bodyTimeout: options.timeoutMs,
            connect: { timeout: Math.min(options.timeoutMs, 10_000) },
        });
        this.dispatcher = this.pool.compose(reportWrites);
    }
    /**
     * One of the `maxConnections` connections, first come first served; rejects with
     * `connection_wait_exceeded` (nothing sent) when none comes free within `timeoutMs`, and with
     * `signal`'s reason when it aborts first.
     */
    reserve(endpoint, signal) {
        return this.connections.take(this.timeoutMs, signal).catch((error) => {
            if (error !== noSlot)
                throw error;
            throw new EasemobError({
                status: 0,
                code: localCodes.connectionWait,
                description: `no connection to Easemob came free within ${this.timeoutMs} ms`,
                retryable: true,
                endpoint,
                notSent: true,
            });
        });
    }
    /** Sends one attempt on a connection {@link reserve}d for it. */
    async send(attempt) {
        const headers = { accept: 'application/json' };
        if (attempt.token)
            headers.authorization = `Bearer ${attempt.token}`;
        let body;
        if (attempt.body !== undefined) {
            headers['content-type'] = 'application/json';
            body = JSON.stringify(attempt.body);
        }
        let response;
        let text;
        let written = false;
        // Not AbortSignal.timeout: its timer cannot be cleared, so every call's would still fire (and
        // build an exception) `timeoutMs` after the answer came.
        const deadline = new AbortController();
        const timer = setTimeout(() => deadline.abort(new DOMException('the call timed out', 'TimeoutError')), this.timeoutMs);
        const request = {
            path: this.prefix + attempt.path,
            method: attempt.method,
            headers,
            body,
            signal: deadline.signal,
            [onWritten]: () => {
                written = true;
            },
        };
        try {
            response = await this.dispatcher.request(request);
            text = await response.body.text();
        }
        catch (error) {
            throw networkError(attempt.endpoint, error, written);
        }
        finally {
            clearTimeout(timer);
        }
        return interpret(attempt.endpoint, response.statusCode, response.headers, text);
    }
    close() {
        this.connections.close();
        return this.pool.close();
    }
}
/** Where a request's options carry the function told when its bytes start going out. */
const onWritten = Symbol('onWritten');
/**
 * An undici interceptor that tells a request when it is about to be written to a socket: undici
 * calls `onRequestStart` once the request has a connected socket, just before writing it (a
 * request aborted by then is dropped instead, unwritten). Until then nothing of it has left this
 * process, whatever fails.
 */
const reportWrites = (dispatch) => (options, handler) => {
    const written = options[onWritten];
    if (!written)
        return dispatch(options, handler);
    return dispatch(options, {
        onRequestStart(controller, context) {
            handler.onRequestStart?.(controller, context);
            if (!controller.aborted)
                written();
        },
        onRequestUpgrade: (controller, status, headers, socket) => handler.onRequestUpgrade?.(controller, status, headers, socket),
        onResponseStart: (controller, status, headers, message) => handler.onResponseStart?.(controller, status, headers, message),
        onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
        onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
        onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
    });
};
const noSlot = Symbol('noSlot');
/** `size` slots handed out first come first served; a waiter gives up after its bound. */
class Slots {
    free;
    waiting = [];
    constructor(size) {
        this.free = size;
    }
    take(waitMs, signal) {
        if (signal?.aborted)
            return Promise.reject(signal.reason);
        if (this.free > 0) {
            this.free--;
            return Promise.resolve(this.releaser());
        }
        return new Promise((resolve, reject) => {
            const done = () => {
                clearTimeout(timer);
                signal?.removeEventListener('abort', onAbort);
            };
            const waiter = {
                grant: (release) => {
                    done();
                    resolve(release);
                },
                refuse: () => {
                    done();
                    reject(noSlot);
                },
            };
            const leave = (reason) => {
                const index = this.waiting.indexOf(waiter);
                if (index < 0)
                    return;
                this.waiting.splice(index, 1);
                done();
                reject(reason);
            };
            const onAbort = () => leave(signal?.reason);
            const timer = setTimeout(() => leave(noSlot), waitMs);
            signal?.addEventListener('abort', onAbort, { once: true });
            this.waiting.push(waiter);
        });
    }
    /** Refuses every waiter (the transport is closing). */
    close() {
        for (const waiter of this.waiting.splice(0))
            waiter.refuse();
    }
    releaser() {
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            const next = this.waiting.shift();
            if (next)
                next.grant(this.releaser());
            else
                this.free++;
        };
    }
}
function interpret(endpoint, status, headers, text) {
    let json;
    let parsed = true;
    try {
        json = text === '' ? undefined : JSON.parse(text);
    }
    catch {
        parsed = false;
    }
    if (status >= 200 && status < 300) {
        if (!parsed) {
            throw new EasemobError({
                status,
                code: localCodes.invalidResponse,
                description: 'the answer is not valid JSON',
                retryable: true,
                endpoint,
            });
        }
        return { status, json };
    }
    const described = parsed ? errorBody.safeParse(json) : undefined;
    throw new EasemobError({
        status,
        code: described?.success ? described.data.error : `${localCodes.httpError}_${status}`,
        description: described?.success
            ? (described.data.error_description ?? described.data.error)
            : `HTTP ${status}`,
        // Easemob「用户体系集成」: 429, 503 and other 5xx may mean throttling; pause and retry.
        retryable: status === 429 || status >= 500,
        endpoint,
        // A 429 is the limiter's answer instead of the work (see isRetryable in retry.ts); a 503 or
        // other 5xx may come after it was done.
        notSent: status === 429,
        retryAfterSeconds: parseRetryAfter(headers['retry-after']),
    });
}
/** `written`: the request had started going out; before that, nothing of it reached Easemob. */
function networkError(endpoint, error, written) {
    const code = error?.code;
    const timedOut = (error instanceof DOMException && error.name === 'TimeoutError') ||
        error instanceof undiciErrors.HeadersTimeoutError ||
        error instanceof undiciErrors.BodyTimeoutError ||
        error instanceof undiciErrors.ConnectTimeoutError;
    if (timedOut) {
        return new EasemobError({
            status: 0,
            code: localCodes.timeout,
            description: 'Easemob did not answer in time',
            retryable: true,
            endpoint,
            // Before the request was written (still connecting) nothing was sent; after, ambiguous.
            notSent: !written,
            cause: error,
        });
    }
    const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    return new EasemobError({
        status: 0,
        code: localCodes.network,
        description: refused
            ? `cannot connect to Easemob (${code})`
            : `connection failed (${code ?? 'unknown'})`,
        retryable: true,
        endpoint,
        // Refused, unresolvable, or reset while connecting: never written, so never sent.
        notSent: refused || !written,
        cause: error,
    });
}
//# sourceMappingURL=transport.js.map