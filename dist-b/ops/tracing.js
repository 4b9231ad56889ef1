import { context, propagation, SpanKind, SpanStatusCode, trace, } from '@opentelemetry/api';
import { GraphQLError, getOperationAST } from 'graphql';
import { endpointSpecs } from '../easemob/endpoints.js';
import { requestScope } from '../request-scope.js';
/**
 * Registers a global tracer provider (W3C trace-context propagation, AsyncLocalStorage context)
 * exporting to `config.exporters`. The service name is `easemob-graphql` unless OTEL_SERVICE_NAME
 * (or OTEL_RESOURCE_ATTRIBUTES) says otherwise; sampling follows OTEL_TRACES_SAMPLER.
 */
export async function startTracing(config) {
    const sdk = await import('@opentelemetry/sdk-trace-node');
    const { detectResources, envDetector, resourceFromAttributes } = await import('@opentelemetry/resources');
    const spanProcessors = [];
    if (config.exporters.includes('otlp')) {
        const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
        spanProcessors.push(new sdk.BatchSpanProcessor(new OTLPTraceExporter()));
    }
    if (config.exporters.includes('console')) {
        spanProcessors.push(new sdk.SimpleSpanProcessor(new sdk.ConsoleSpanExporter()));
    }
    const provider = new sdk.NodeTracerProvider({
        resource: resourceFromAttributes({ 'service.name': 'easemob-graphql' }).merge(detectResources({ detectors: [envDetector] })),
        spanProcessors,
    });
    provider.register();
    const tracer = provider.getTracer('easemob-graphql');
    return {
        plugin: useTracing(tracer),
        observer: tracingObserver(tracer),
        shutdown: () => provider.shutdown(),
    };
}
const headerGetter = {
    keys: (headers) => [...headers.keys()],
    get: (headers, key) => headers.get(key) ?? undefined,
};
/**
 * A span around each GraphQL operation (parse to result), active while it runs so the Easemob
 * calls it makes are its children. Continues the caller's trace when the request carries a W3C
 * `traceparent`. Named `query UserCard` once the operation is known.
 */
export function useTracing(tracer) {
    return {
        instrumentation: {
            operation({ request }, wrapped) {
                const parent = propagation.extract(context.active(), request.headers, headerGetter);
                const requestId = requestScope.getStore()?.requestId;
                const span = tracer.startSpan('GraphQL operation', {
                    kind: SpanKind.SERVER,
                    attributes: requestId ? { 'request.id': requestId } : undefined,
                }, parent);
                return context.with(trace.setSpan(parent, span), () => finishWith(span, wrapped));
            },
        },
        onExecute({ args }) {
            name(args.document, args.operationName);
        },
        onSubscribe({ args }) {
            name(args.document, args.operationName);
        },
        onExecutionResult({ result }) {
            const span = trace.getActiveSpan();
            // An async iterable (a subscription, @defer) has no errors to see here.
            if (!span || !result || !('errors' in result) || !result.errors?.length)
                return;
            failed(span, codes(result.errors));
        },
    };
}
function name(document, operationName) {
    const span = trace.getActiveSpan();
    if (!span)
        return;
    const operation = getOperationAST(document, operationName);
    if (!operation)
        return;
    const named = operation.name?.value;
    span.updateName(named ? `${operation.operation} ${named}` : operation.operation);
    span.setAttribute('graphql.operation.type', operation.operation);
    if (named)
        span.setAttribute('graphql.operation.name', named);
}
function finishWith(span, wrapped) {
    let result;
    try {
        result = wrapped();
    }
    catch (error) {
        failed(span, codes([error]));
        span.end();
        throw error;
    }
    if (typeof result?.then !== 'function') {
        span.end();
        return;
    }
    // Maybe a thenable rather than a Promise: adopted first.
    return Promise.resolve(result).then(() => {
        span.end();
    }, (error) => {
        failed(span, codes([error]));
        span.end();
        throw error;
    });
}
/** Error status with the errors' codes (an error message may quote input: not recorded). */
function failed(span, errorCodes) {
    span.setAttribute('graphql.error.codes', errorCodes);
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorCodes.join(',') });
}
function codes(errors) {
    const found = new Set();
    for (const error of errors) {
        const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
        found.add(typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'ERROR');
    }
    return [...found];
}
/** A client span per HTTP attempt to Easemob, child of the active span; retries as events. */
export function tracingObserver(tracer) {
    return {
        attempt(endpoint) {
            const active = context.active();
            const span = tracer.startSpan(`Easemob ${endpoint}`, {
                kind: SpanKind.CLIENT,
                attributes: {
                    'easemob.endpoint': endpoint,
                    'http.request.method': endpointSpecs[endpoint].method,
                },
            }, active);
            return (outcome) => {
                if (outcome.status > 0)
                    span.setAttribute('http.response.status_code', outcome.status);
                if (outcome.code !== undefined) {
                    span.setAttribute('error.type', outcome.code);
                    span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.code });
                }
                span.end();
            };
        },
        retry(endpoint) {
            trace.getActiveSpan()?.addEvent('easemob.retry', { 'easemob.endpoint': endpoint });
        },
    };
}
//# sourceMappingURL=tracing.js.map