import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { tracingObserver, useTracing } from '../../src/ops/tracing.js';
import { adminKey, bearer, jwtSecret, testAuth, userToken } from '../support/auth.js';
import { startGraphQL } from '../support/graphql.js';

// As startTracing sets it up, with spans kept in memory instead of exported.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
const tracer = provider.getTracer('test');
afterAll(() => provider.shutdown());
beforeEach(() => exporter.reset());

const seed = { users: [{ username: 'alice', password: 'alice-password-1' }] };

async function traced() {
  return startGraphQL({
    emulator: { seed },
    client: { observer: tracingObserver(tracer), retry: { maxRetries: 1 } },
    server: { auth: testAuth(), plugins: [useTracing(tracer)] },
  });
}

const spans = () => exporter.getFinishedSpans();
const childrenOf = (parent: ReadableSpan) =>
  spans().filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);

describe('tracing', () => {
  it('a query makes an operation span with a child span per Easemob call', async () => {
    const { post } = await traced();
    const answer = await post(
      'query Profile { user(username: "alice") { username nickname } }',
      {},
      bearer(adminKey),
    );
    expect(answer.body.errors).toBeUndefined();

    const operation = spans().find((s) => s.name === 'query Profile');
    expect(operation).toBeDefined();
    expect(operation!.kind).toBe(SpanKind.SERVER);
    expect(operation!.attributes).toMatchObject({
      'graphql.operation.name': 'Profile',
      'graphql.operation.type': 'query',
      'request.id': answer.headers.get('x-request-id'),
    });
    expect(operation!.status.code).not.toBe(SpanStatusCode.ERROR);

    const calls = childrenOf(operation!);
    expect(calls.map((s) => s.name).sort()).toEqual(['Easemob token', 'Easemob users.get']);
    for (const call of calls) {
      expect(call.kind).toBe(SpanKind.CLIENT);
      expect(call.attributes['http.response.status_code']).toBe(200);
      expect(call.spanContext().traceId).toBe(operation!.spanContext().traceId);
    }
    expect(calls.find((s) => s.name === 'Easemob users.get')!.attributes).toMatchObject({
      'easemob.endpoint': 'users.get',
      'http.request.method': 'GET',
    });
  });

  it('marks failures: the operation with its error code, each failed attempt with its status', async () => {
    const { post, emulator, client } = await traced();
    await client.tokens.app();
    exporter.reset();
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503 });
    const answer = await post(
      'query Broken { user(username: "alice") { nickname } }',
      {},
      bearer(adminKey),
    );
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');

    const operation = spans().find((s) => s.name === 'query Broken')!;
    expect(operation.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'UPSTREAM_UNAVAILABLE',
    });
    expect(operation.attributes['graphql.error.codes']).toEqual(['UPSTREAM_UNAVAILABLE']);
    const attempts = childrenOf(operation);
    // The first attempt and its one retry.
    expect(attempts).toHaveLength(2);
    for (const attempt of attempts) {
      expect(attempt.attributes).toMatchObject({
        'easemob.endpoint': 'users.get',
        'http.response.status_code': 503,
      });
      expect(attempt.status.code).toBe(SpanStatusCode.ERROR);
    }
    expect(operation.events.map((e) => e.name)).toContain('easemob.retry');
  });

  it('refused credentials end the operation span in error, before any Easemob call', async () => {
    const { post } = await traced();
    const forged = await userToken('alice', { secret: `${jwtSecret}-not-really` });
    await post('query Sneaky { user(username: "alice") { nickname } }', {}, bearer(forged));
    const [operation, ...others] = spans();
    expect(others).toEqual([]);
    expect(operation!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'UNAUTHENTICATED' });
  });

  it("continues the caller's trace (W3C traceparent)", async () => {
    const { post } = await traced();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await post(
      'query Traced { user(username: "alice") { username } }',
      {},
      {
        ...bearer(adminKey),
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
    );
    const operation = spans().find((s) => s.name === 'query Traced')!;
    expect(operation.spanContext().traceId).toBe(traceId);
    expect(operation.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
  });

  it('no span carries a secret: credentials, tokens, passwords, documents or variables', async () => {
    const { post, emulator, client } = await traced();
    const jwt = await userToken('alice');
    await post('{ viewer { username nickname } }', {}, bearer(jwt));
    await post(
      'mutation Reset($password: String!) { resetPassword(username: "alice", password: $password) }',
      { password: 'brand-new-password-2' },
      bearer(adminKey),
    );
    await post(
      'mutation { resetPassword(username: "alice", password: "inline-password-3") }',
      {},
      {
        ...bearer(adminKey),
      },
    );
    expect(spans().length).toBeGreaterThan(4);

    const text = JSON.stringify(
      spans().map((s) => ({
        name: s.name,
        attributes: s.attributes,
        events: s.events,
        status: s.status,
        links: s.links,
        resource: s.resource.attributes,
      })),
    );
    for (const secret of [
      emulator.clientSecret,
      emulator.clientId,
      await client.tokens.app(),
      adminKey,
      jwt,
      jwtSecret,
      'alice-password-1',
      'brand-new-password-2',
      'inline-password-3',
      'resetPassword(',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('    at ');
  });
});
