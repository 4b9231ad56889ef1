import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { killStartedMains, startMain } from '../support/main-process.js';

afterEach(killStartedMains);

describe('operations wiring (src/main.ts)', () => {
  it('serves /healthz, /readyz, /metrics behind METRICS_TOKEN, and console traces', async () => {
    const token = 'scrape-token-0123456789';
    const server = startMain({ METRICS_TOKEN: token, OTEL_TRACES_EXPORTER: 'console' });
    const base = await server.base;
    // The banner's lines may reach the pipe in separate chunks: wait for this one.
    await server.waitFor('metrics: /metrics (bearer token) · tracing: console');

    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);

    const query = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Card { user(username: "alice") { nickname } }' }),
    });
    expect(query.status).toBe(200);

    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain(
      'graphql_operations_total{operation_name="Card",operation_type="query",outcome="success"} 1',
    );
    expect(text).toContain('easemob_requests_total{endpoint="users.get",status="200"} 1');
    expect(text).toContain('easemob_token_refreshes_total 1');
    expect(text).toContain('process_resident_memory_bytes');

    // The console exporter prints each span as it ends.
    await server.waitFor("name: 'query Card'", 5000);
    await server.waitFor("name: 'Easemob users.get'", 5000);

    server.child.kill('SIGTERM');
    const [code] = await once(server.child, 'exit');
    expect(code).toBe(0);
  });

  it('with METRICS=false there is no /metrics', async () => {
    const server = startMain({ METRICS: 'false' });
    const base = await server.base;
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(server.output()).not.toContain('tracing:');
  });
});

describe('tracing configuration', () => {
  it('is off unless an exporter or an OTLP endpoint is configured', () => {
    expect(loadConfig({}).observability).toEqual({ metrics: { enabled: true } });
    expect(loadConfig({ OTEL_TRACES_EXPORTER: 'console' }).observability.tracing).toEqual({
      exporters: ['console'],
    });
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).observability.tracing,
    ).toEqual({ exporters: ['otlp'] });
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })
        .observability.tracing,
    ).toEqual({ exporters: ['otlp'] });
    expect(loadConfig({ OTEL_TRACES_EXPORTER: 'otlp, console' }).observability.tracing).toEqual({
      exporters: ['otlp', 'console'],
    });
    expect(
      loadConfig({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })
        .observability.tracing,
    ).toBeUndefined();
    expect(
      loadConfig({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'console' }).observability
        .tracing,
    ).toBeUndefined();
    expect(() => loadConfig({ OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(/OTEL_TRACES_EXPORTER/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ METRICS: 'false' }).observability.metrics.enabled).toBe(false);
    expect(loadConfig({ METRICS_TOKEN: 'a-token-long-enough!' }).observability.metrics).toEqual({
      enabled: true,
      token: 'a-token-long-enough!',
    });
  });

  it('when off, nothing of OpenTelemetry is in the static imports of src/main.ts', () => {
    // Every src file main.ts loads without `import()`, following relative imports.
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
        const specifier = match[1]!;
        // Type-only imports are erased: they load nothing.
        if (match[0].startsWith('import type') || match[0].startsWith('export type')) continue;
        if (specifier.startsWith('.')) {
          visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
        } else {
          expect(specifier, relative(process.cwd(), file)).not.toMatch(/^@opentelemetry\//);
        }
      }
    };
    visit(join(process.cwd(), 'src/main.ts'));
    expect(seen.size).toBeGreaterThan(20);
    expect([...seen].map((f) => relative(process.cwd(), f))).not.toContain('src/ops/tracing.ts');
  });
});
