import { createHash, timingSafeEqual } from 'node:crypto';
import { createCounter, createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { GraphQLError } from 'graphql';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { toClientError } from '../errors.js';
import { cacheKinds } from '../reads/kinds.js';
/** 0 closed, 1 half-open (a trial call is out), 2 open (calls fail fast). */
export const circuitStateValues = { closed: 0, halfOpen: 1, open: 2 };
const operationSeconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const upstreamSeconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
export function createMetrics(options = {}) {
    const registry = new Registry();
    if (options.processMetrics ?? true)
        collectDefaultMetrics({ register: registry });
    const operationName = operationNames(options.maxOperationNames ?? 200);
    // --- Easemob ---
    const upstreamRequests = new Counter({
        name: 'easemob_requests_total',
        help: 'HTTP attempts to Easemob (retries and token requests included), by endpoint and status (an HTTP status, or timeout / network_error when no answer came)',
        labelNames: ['endpoint', 'status'],
        registers: [registry],
    });
    const upstreamDuration = new Histogram({
        name: 'easemob_request_duration_seconds',
        help: 'Duration of HTTP attempts to Easemob, by endpoint',
        labelNames: ['endpoint'],
        buckets: upstreamSeconds,
        registers: [registry],
    });
    const retries = new Counter({
        name: 'easemob_retries_total',
        help: 'Easemob calls sent again after a failure, by endpoint',
        labelNames: ['endpoint'],
        registers: [registry],
    });
    const tokenRequests = new Counter({
        name: 'easemob_token_refreshes_total',
        help: 'App token requests to Easemob (the first one and every refresh)',
        registers: [registry],
    });
    const circuitState = new Gauge({
        name: 'easemob_circuit_state',
        help: 'The Easemob circuit breaker: 0 closed, 1 half-open, 2 open',
        registers: [registry],
    });
    const budgetWait = new Histogram({
        name: 'easemob_budget_wait_seconds',
        help: 'Time calls waited for their slot of the call budget, by endpoint',
        labelNames: ['endpoint'],
        buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
        registers: [registry],
    });
    const budgetAdmitted = new Counter({
        name: 'easemob_budget_admitted_total',
        help: "Calls given a slot of the call budget, by kind of caller (user, key, admin, anon, dev, poller, shared: a read serving many requests; token: the app token, which serves all) — each kind's share of the budget",
        labelNames: ['caller'],
        registers: [registry],
    });
    const budgetRefused = new Counter({
        name: 'easemob_budget_refused_total',
        help: 'Calls refused a slot of the call budget (answered RATE_LIMITED or REQUEST_TIMEOUT), by endpoint and reason (wait: past UPSTREAM_MAX_WAIT_MS; queue_full; aborted: the caller gave up)',
        labelNames: ['endpoint', 'reason'],
        registers: [registry],
    });
    const observer = {
        admitted(endpoint, caller, waitedMs) {
            budgetWait.observe({ endpoint }, waitedMs / 1000);
            // The kind only (`user:alice` → `user`): one series per caller would be unbounded.
            budgetAdmitted.inc({
                caller: endpoint === 'token' ? 'token' : caller?.split(':', 1)[0] || 'none',
            });
        },
        refused(endpoint, reason) {
            budgetRefused.inc({ endpoint, reason });
        },
        attempt(endpoint) {
            const started = performance.now();
            return (outcome) => {
                const status = outcome.status > 0 ? String(outcome.status) : (outcome.code ?? 'unknown');
                upstreamRequests.inc({ endpoint, status });
                upstreamDuration.observe({ endpoint }, (performance.now() - started) / 1000);
            };
        },
        retry(endpoint) {
            retries.inc({ endpoint });
        },
        appToken() {
            tokenRequests.inc();
        },
    };
    // --- Subscriptions: read when scraped, nothing counted on the way ---
    let realtime;
    new Gauge({
        name: 'graphql_subscription_pollers_active',
        help: 'Shared subscription pollers currently polling Easemob (status, presence)',
        labelNames: ['poller'],
        registers: [registry],
        collect() {
            if (!realtime)
                return;
            this.set({ poller: 'status' }, realtime.status.running ? 1 : 0);
            this.set({ poller: 'presence' }, realtime.presence.running ? 1 : 0);
        },
    });
    new Gauge({
        name: 'graphql_subscription_watched_keys',
        help: 'Usernames the shared subscription pollers watch, by poller',
        labelNames: ['poller'],
        registers: [registry],
        collect() {
            if (!realtime)
                return;
            this.set({ poller: 'status' }, realtime.status.watchedKeys);
            this.set({ poller: 'presence' }, realtime.presence.watchedKeys);
        },
    });
    // --- The shared read layer: read when scraped ---
    let reads;
    const fromStats = (name, help, labelNames, read) => {
        const last = new Map();
        new Counter({
            name,
            help,
            labelNames,
            registers: [registry],
            collect() {
                if (!reads)
                    return;
                for (const [labels, value] of read(reads.stats())) {
                    const key = JSON.stringify(labels);
                    this.inc(labels, value - (last.get(key) ?? 0));
                    last.set(key, value);
                }
            },
        });
    };
    fromStats('graphql_cache_reads_total', 'Reads of Easemob resources asked of the shared read layer, by kind and result (hit: served from the cache; miss: read from Easemob or joined to a read in flight)', ['kind', 'result'], (s) => cacheKinds.flatMap((kind) => [
        [{ kind, result: 'hit' }, s.hits[kind]],
        [{ kind, result: 'miss' }, s.misses[kind]],
    ]));
    fromStats('graphql_reads_coalesced_total', 'Reads served by an upstream call another request started (scope: instance), or another instance (scope: fleet)', ['scope'], (s) => [
        [{ scope: 'instance' }, s.coalesced],
        [{ scope: 'fleet' }, s.fleetCoalesced],
    ]);
    fromStats('easemob_batch_names_total', 'Usernames carried by shared batch calls, by call (status: POST /users/batch/status; presence); divide by easemob_batch_calls_total for names per call', ['batch'], (s) => [
        [{ batch: 'status' }, s.statusNames],
        [{ batch: 'presence' }, s.presenceNames],
    ]);
    fromStats('easemob_batch_calls_total', 'Shared batch calls made, by call (status, presence)', ['batch'], (s) => [
        [{ batch: 'status' }, s.statusCalls],
        [{ batch: 'presence' }, s.presenceCalls],
    ]);
    new Gauge({
        name: 'graphql_cache_entries',
        help: 'Entries held by the in-memory cache of the read layer (0 with the fleet cache in Redis)',
        registers: [registry],
        collect() {
            if (reads)
                this.set(reads.stats().entries);
        },
    });
    new Gauge({
        name: 'graphql_cache_bytes',
        help: 'Estimated bytes held by the in-memory cache of the read layer',
        registers: [registry],
        collect() {
            if (reads)
                this.set(reads.stats().bytes);
        },
    });
    // --- GraphQL, through yoga's Prometheus plugin ---
    // An operation whose result carried errors; the error counter (fed first, on the result) marks
    // it, the request counter (fed at the end of the same execution) reads it.
    const failed = new WeakSet();
    const plugin = usePrometheus({
        registry,
        endpoint: false,
        metrics: {
            graphql_envelop_request: createCounter({
                registry,
                counter: {
                    name: 'graphql_operations_total',
                    help: 'GraphQL operations executed, by operation name, type and outcome (success, or error when the result carried errors); operations refused before execution are in graphql_errors_total',
                    labelNames: ['operation_name', 'operation_type', 'outcome'],
                },
                fillLabelsFn: (params, context) => ({
                    operation_name: operationName(params.operationName),
                    operation_type: params.operationType ?? 'unknown',
                    outcome: context && failed.has(context) ? 'error' : 'success',
                }),
            }),
            graphql_envelop_request_duration: createHistogram({
                registry,
                histogram: {
                    name: 'graphql_operation_duration_seconds',
                    help: 'Time executing GraphQL queries and mutations (resolvers and the Easemob calls they wait for), by operation name and type',
                    labelNames: ['operation_name', 'operation_type'],
                    buckets: operationSeconds,
                },
                fillLabelsFn: (params) => ({
                    operation_name: operationName(params.operationName),
                    operation_type: params.operationType ?? 'unknown',
                }),
                phases: ['execute'],
            }),
            graphql_envelop_error_result: createCounter({
                registry,
                counter: {
                    name: 'graphql_errors_total',
                    help: 'Errors in GraphQL responses, by operation name, phase (parse, validate, context, execute, subscribe) and extensions.code',
                    labelNames: ['operation_name', 'phase', 'code'],
                },
                fillLabelsFn: (params, context) => {
                    if (context && typeof context === 'object')
                        failed.add(context);
                    return {
                        operation_name: operationName(params.operationName),
                        phase: params.errorPhase ?? 'execute',
                        code: errorCode(params.error, params.errorPhase),
                    };
                },
            }),
            graphql_envelop_request_time_summary: false,
            graphql_envelop_phase_parse: false,
            graphql_envelop_phase_validate: false,
            graphql_envelop_phase_context: false,
            graphql_envelop_phase_execute: false,
            graphql_envelop_phase_subscribe: false,
            graphql_envelop_execute_resolver: false,
            graphql_envelop_deprecated_field: false,
            graphql_envelop_schema_change: false,
            graphql_yoga_http_duration: false,
        },
    });
    const expected = options.token ? digest(options.token) : undefined;
    /** `GET /metrics`, answered before CSRF prevention and authentication (scrapers send neither). */
    const endpoint = {
        onRequest({ request, url, endResponse, fetchAPI }) {
            if (!request.url.includes('/metrics') || url.pathname !== '/metrics')
                return;
            if (request.method !== 'GET' && request.method !== 'HEAD') {
                endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
                return;
            }
            if (expected && !bearerMatches(request.headers.get('authorization'), expected)) {
                endResponse(new fetchAPI.Response('unauthorized\n', {
                    status: 401,
                    headers: { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' },
                }));
                return;
            }
            return registry.metrics().then((text) => {
                endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : text, {
                    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
                }));
            });
        },
    };
    return {
        registry,
        /** For the Easemob client (`observer` option): attempts, retries, token requests. */
        observer,
        /** The yoga plugins: `/metrics` and the per-operation metrics. */
        plugins: [endpoint, plugin],
        /** Follows the client's circuit breaker; returns a function that stops following it. */
        watchCircuit(circuit) {
            circuitState.set(circuitStateValues[circuit.state]);
            return circuit.onStateChange((state) => circuitState.set(circuitStateValues[state]));
        },
        /** Reports the subscription pollers of `source` (read when scraped). */
        watchRealtime(source) {
            realtime = source;
        },
        watchReads(source) {
            reads = source;
        },
    };
}
/** Label values for operation names: bounded in number and shape. */
function operationNames(max) {
    const seen = new Set();
    return (name) => {
        if (!name || name === 'Anonymous')
            return 'anonymous';
        if (seen.has(name))
            return name;
        if (!/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name))
            return 'invalid';
        if (seen.size >= max)
            return 'other';
        seen.add(name);
        return name;
    };
}
/** The code a client sees for `error`; bounded to code-shaped values. */
function errorCode(error, phase) {
    if (error === undefined && phase === 'validate')
        return 'GRAPHQL_VALIDATION_FAILED';
    let code = error instanceof GraphQLError ? error.extensions?.code : undefined;
    if (code === undefined && phase === 'parse')
        return 'GRAPHQL_PARSE_FAILED';
    if (code === undefined) {
        const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
        code = toClientError(original)?.extensions.code ?? 'INTERNAL_SERVER_ERROR';
    }
    return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'OTHER';
}
function digest(value) {
    return createHash('sha256').update(value).digest();
}
function bearerMatches(header, expected) {
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    return match ? timingSafeEqual(digest(match[1]), expected) : false;
}
//# sourceMappingURL=metrics.js.map