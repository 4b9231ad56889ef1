import { EasemobError, localCodes } from '../easemob/errors.js';
/** A readiness failure whose message is safe to answer with: never a secret or a stack. */
export class NotReady extends Error {
    name = 'NotReady';
}
/** Runs the checks, at most once per `cacheMs`; concurrent callers share the round in flight. */
export function createReadiness(checks, options = {}) {
    const cacheMs = options.cacheMs ?? 1500;
    const timeoutMs = options.timeoutMs ?? 2000;
    let current;
    let settledAt = Number.NEGATIVE_INFINITY;
    return () => {
        if (current && (settledAt === Number.POSITIVE_INFINITY || Date.now() - settledAt < cacheMs)) {
            return current;
        }
        settledAt = Number.POSITIVE_INFINITY;
        current = Promise.all(checks.map((check) => run(check, timeoutMs))).then((failures) => {
            settledAt = Date.now();
            const reasons = failures.filter((reason) => reason !== undefined);
            return reasons.length === 0 ? { ready: true } : { ready: false, reason: reasons.join('; ') };
        });
        return current;
    };
}
async function run(check, timeoutMs) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new NotReady(`no answer within ${timeoutMs} ms`)), timeoutMs).unref();
    });
    try {
        await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
        return undefined;
    }
    catch (error) {
        return `${check.name}: ${error instanceof NotReady ? error.message : 'check failed'}`;
    }
    finally {
        clearTimeout(timer);
    }
}
/**
 * Easemob is usable: the circuit breaker is not open, and an app token is at hand — a cached valid
 * one counts; otherwise one is requested (TokenCache: at most one request in flight, and a failure
 * is replayed for a second instead of asked again), which also proves Easemob is reachable.
 */
export function easemobReadiness(client) {
    return {
        name: 'easemob',
        async check() {
            if (client.circuit.state === 'open')
                await trialCall(client);
            try {
                await client.tokens.app();
            }
            catch (error) {
                throw new NotReady(tokenFailure(error));
            }
        },
    };
}
/**
 * An open circuit closes only after a trial call succeeds, and an instance out of the load balancer
 * may make no call at all: so the probe makes it. Before the trial is due this fails at once without
 * sending anything; after, it sends one cheap read (any answer, even a 404, proves Easemob is up).
 */
async function trialCall(client) {
    try {
        await client.users.get('readiness-probe');
    }
    catch (error) {
        if (error instanceof EasemobError && error.status >= 400 && error.status < 500)
            return;
        if (client.circuit.state === 'open' || isCircuitOpen(error)) {
            throw new NotReady('circuit breaker open (recent calls to Easemob failed)');
        }
    }
}
function isCircuitOpen(error) {
    return error instanceof EasemobError && error.code === localCodes.circuitOpen;
}
/** Why no app token could be had, from our own fields only (a description may echo input). */
export function tokenFailure(error) {
    if (!(error instanceof EasemobError))
        return 'app token request failed';
    const code = /^[\w.-]{1,64}$/.test(error.code) ? error.code : 'error';
    if (error.code === localCodes.circuitOpen) {
        return 'circuit breaker open (recent calls to Easemob failed)';
    }
    if (error.code === localCodes.timeout)
        return 'unreachable (timeout)';
    if (error.code === localCodes.network) {
        const cause = /\((E[A-Z_]+)\)/.exec(error.description)?.[1];
        return `unreachable (${cause ?? 'network error'})`;
    }
    if (error.status === 0)
        return `app token request failed (${code})`;
    if (error.status === 400 || error.status === 401 || error.status === 403) {
        return `app credentials refused (HTTP ${error.status} ${code})`;
    }
    return `app token request failed (HTTP ${error.status} ${code})`;
}
/** Redis answers PING. */
export function redisReadiness(ping) {
    return {
        name: 'redis',
        async check() {
            try {
                await ping();
            }
            catch {
                throw new NotReady('unreachable');
            }
        },
    };
}
/** `/healthz` and `/readyz`, answered before anything else (no CSRF check, no authentication). */
export function useHealth(readiness) {
    return {
        onRequest({ request, url, endResponse, fetchAPI }) {
            const raw = request.url;
            // Cheap test first: every request passes here.
            if (!(raw.includes('/healthz') || raw.includes('/readyz')))
                return;
            const path = url.pathname;
            const json = (status, body) => new fetchAPI.Response(JSON.stringify(body), {
                status,
                headers: {
                    'content-type': 'application/json; charset=utf-8',
                    'cache-control': 'no-store',
                },
            });
            if (path === '/healthz') {
                endResponse(json(200, { status: 'ok' }));
                return;
            }
            if (path !== '/readyz')
                return;
            return readiness().then((result) => endResponse(result.ready
                ? json(200, { status: 'ok' })
                : json(503, { status: 'unavailable', reason: result.reason })));
        },
    };
}
//# sourceMappingURL=health.js.map