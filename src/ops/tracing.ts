import {
  type Context,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { type DocumentNode, GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type EndpointName, endpointSpecs } from '../easemob/endpoints.js';
import type { UpstreamObserver } from '../easemob/observer.js';
import { requestScope } from '../request-scope.js';

/**
 * OpenTelemetry traces: a span per GraphQL operation, with a child span per HTTP attempt to
 * Easemob. Off unless configured; main.ts imports this module only then, so a server without
 * tracing loads no OpenTelemetry code of ours and pays nothing per request.
 *
 * Spans carry names, operation names and types, endpoints, statuses and error codes: never a
 * document, variables, a URL with usernames, a header, a token or an error message.
 */

export interface TracingConfig {
  /** `otlp`: OTLP over HTTP, configured by the standard OTEL_EXPORTER_OTLP_* variables. */
  exporters: ('otlp' | 'console')[];
}

export interface Tracing {
  plugin: Plugin;
  observer: UpstreamObserver;
  /** Flushes the spans not exported yet and stops. */
  shutdown(): Promise<void>;
}

/**
 * Registers a global tracer provider (W3C trace-context propagation, AsyncLocalStorage context)
 * exporting to `config.exporters`. The service name is `easemob-graphql` unless OTEL_SERVICE_NAME
 * (or OTEL_RESOURCE_ATTRIBUTES) says otherwise; sampling follows OTEL_TRACES_SAMPLER.
 */
export async function startTracing(config: TracingConfig): Promise<Tracing> {
  const sdk = await import('@opentelemetry/sdk-trace-node');
  const { detectResources, envDetector, resourceFromAttributes } = await import(
    '@opentelemetry/resources'
  );
  const spanProcessors = [];
  if (config.exporters.includes('otlp')) {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    spanProcessors.push(new sdk.BatchSpanProcessor(new OTLPTraceExporter()));
  }
  if (config.exporters.includes('console')) {
    spanProcessors.push(new sdk.SimpleSpanProcessor(new sdk.ConsoleSpanExporter()));
  }
  const provider = new sdk.NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'easemob-graphql' }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
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

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/**
 * A span around each GraphQL operation (parse to result), active while it runs so the Easemob
 * calls it makes are its children. Continues the caller's trace when the request carries a W3C
 * `traceparent`. Named `query UserCard` once the operation is known.
 */
export function useTracing(tracer: Tracer): Plugin {
  return {
    instrumentation: {
      operation({ request }, wrapped) {
        const parent = propagation.extract(context.active(), request.headers, headerGetter);
        const requestId = requestScope.getStore()?.requestId;
        const span = tracer.startSpan(
          'GraphQL operation',
          {
            kind: SpanKind.SERVER,
            attributes: requestId ? { 'request.id': requestId } : undefined,
          },
          parent,
        );
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
      if (!span || !result || !('errors' in result) || !result.errors?.length) return;
      failed(span, codes(result.errors));
    },
  };
}

function name(document: DocumentNode, operationName: string | null | undefined): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  const operation = getOperationAST(document, operationName);
  if (!operation) return;
  const named = operation.name?.value;
  span.updateName(named ? `${operation.operation} ${named}` : operation.operation);
  span.setAttribute('graphql.operation.type', operation.operation);
  if (named) span.setAttribute('graphql.operation.name', named);
}

function finishWith(span: Span, wrapped: () => void | Promise<void>): void | Promise<void> {
  let result: unknown;
  try {
    result = wrapped();
  } catch (error) {
    failed(span, codes([error]));
    span.end();
    throw error;
  }
  if (typeof (result as PromiseLike<void> | undefined)?.then !== 'function') {
    span.end();
    return;
  }
  // Maybe a thenable rather than a Promise: adopted first.
  return Promise.resolve(result as PromiseLike<void>).then(
    () => {
      span.end();
    },
    (error: unknown) => {
      failed(span, codes([error]));
      span.end();
      throw error;
    },
  );
}

/** Error status with the errors' codes (an error message may quote input: not recorded). */
function failed(span: Span, errorCodes: string[]): void {
  span.setAttribute('graphql.error.codes', errorCodes);
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorCodes.join(',') });
}

function codes(errors: readonly unknown[]): string[] {
  const found = new Set<string>();
  for (const error of errors) {
    const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
    found.add(typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'ERROR');
  }
  return [...found];
}

/** A client span per HTTP attempt to Easemob, child of the active span; retries as events. */
export function tracingObserver(tracer: Tracer): UpstreamObserver {
  return {
    attempt(endpoint: EndpointName) {
      const active: Context = context.active();
      const span = tracer.startSpan(
        `Easemob ${endpoint}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'easemob.endpoint': endpoint,
            'http.request.method': endpointSpecs[endpoint].method,
          },
        },
        active,
      );
      return (outcome) => {
        if (outcome.status > 0) span.setAttribute('http.response.status_code', outcome.status);
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
