import { describe, expect, it } from 'vitest';
import type { EasemobClientOptions } from '../../src/easemob/client.js';
import { createMetrics, type MetricsOptions } from '../../src/ops/metrics.js';
import { callScope } from '../../src/request-scope.js';
import { adminKey, bearer, testAuth, userToken } from '../support/auth.js';
import { startGraphQL } from '../support/graphql.js';
import { sse, startLiveServer, until } from '../support/live-server.js';

const seed = {
  users: ['alice', 'bob', 'carol'].map((username) => ({ username, password: 'pw-123456' })),
};

async function withMetrics(
  options: MetricsOptions = {},
  extra: { auth?: boolean; client?: Partial<EasemobClientOptions> } = {},
) {
  const metrics = createMetrics({ processMetrics: false, ...options });
  const harness = await startGraphQL({
    emulator: { seed },
    client: { observer: metrics.observer, retry: { maxRetries: 1 }, ...extra.client },
    server: { metrics, auth: extra.auth ? testAuth() : undefined },
  });
  const scrape = async (headers: Record<string, string> = {}) => {
    const response = await harness.yoga.fetch('http://localhost/metrics', { headers });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  return { ...harness, metrics, scrape };
}

/** The value of one sample line, e.g. `name{a="b"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  it('counts operations by name, type and outcome; errors by code; upstream calls by endpoint and status', async () => {
    const { run, emulator, scrape } = await withMetrics();
    expect(
      (await run('query UserCard { user(username: "alice") { username nickname } }')).errors,
    ).toBeUndefined();
    await run('query UserCard { user(username: "bob") { username nickname } }');
    await run('{ user(username: "alice") { nickname } }');
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503 });
    // A user not read yet: alice's profile is cached, and a hit would not reach the fault.
    const failing = await run('query Broken { user(username: "carol") { nickname } }');
    expect(failing.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    emulator.faults.clear();
    await run('query Typo { user(username: "alice") { nickname ');
    await run('query Invalid { nope }');

    const { status, headers, text } = await scrape();
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/plain');

    const ops = 'graphql_operations_total';
    expect(
      sample(text, `${ops}{operation_name="UserCard",operation_type="query",outcome="success"}`),
    ).toBe(2);
    expect(
      sample(text, `${ops}{operation_name="anonymous",operation_type="query",outcome="success"}`),
    ).toBe(1);
    expect(
      sample(text, `${ops}{operation_name="Broken",operation_type="query",outcome="error"}`),
    ).toBe(1);
    expect(
      sample(
        text,
        'graphql_errors_total{operation_name="Broken",phase="execute",code="UPSTREAM_UNAVAILABLE"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'graphql_errors_total{operation_name="anonymous",phase="parse",code="GRAPHQL_PARSE_FAILED"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'graphql_errors_total{operation_name="Invalid",phase="validate",code="GRAPHQL_VALIDATION_FAILED"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'graphql_operation_duration_seconds_count{operation_name="UserCard",operation_type="query"}',
      ),
    ).toBe(2);

    // Per attempt: the token, two reads (alice's second is a cache hit), and the failing read plus
    // its one retry.
    expect(sample(text, 'easemob_requests_total{endpoint="token",status="200"}')).toBe(1);
    expect(sample(text, 'easemob_requests_total{endpoint="users.get",status="200"}')).toBe(2);
    expect(sample(text, 'easemob_requests_total{endpoint="users.get",status="503"}')).toBe(2);
    expect(sample(text, 'easemob_request_duration_seconds_count{endpoint="users.get"}')).toBe(4);
    expect(sample(text, 'easemob_retries_total{endpoint="users.get"}')).toBe(1);
    expect(sample(text, 'easemob_token_refreshes_total')).toBe(1);
    expect(sample(text, 'easemob_circuit_state')).toBe(0);

    // Only what was asked for: no per-phase or per-resolver series.
    expect(text).not.toMatch(/graphql_envelop_|_phase_|execute_resolver|graphql_yoga_http/);
  });

  it('shows the shared read layer: cache hits and misses by kind, coalesced reads, names per batch call', async () => {
    const { run, scrape } = await withMetrics();
    const card = '{ user(username: "alice") { nickname status } }';
    await Promise.all([run(card), run(card), run('{ user(username: "bob") { status } }')]);
    await run(card);
    const { text } = await scrape();
    expect(sample(text, 'graphql_cache_reads_total{kind="profile",result="miss"}')).toBe(3);
    expect(sample(text, 'graphql_cache_reads_total{kind="profile",result="hit"}')).toBe(1);
    expect(sample(text, 'graphql_reads_coalesced_total{scope="instance"}')).toBeGreaterThan(0);
    // Three requests' statuses in one call, the fourth request's from the cache.
    expect(sample(text, 'easemob_batch_calls_total{batch="status"}')).toBe(1);
    expect(sample(text, 'easemob_batch_names_total{batch="status"}')).toBe(2);
    expect(sample(text, 'graphql_cache_entries')).toBeGreaterThanOrEqual(3);
  });

  it('shows the call budget: waits, refusals by reason, admitted calls by kind of caller', async () => {
    const { post, scrape } = await withMetrics(
      {},
      {
        auth: true,
        client: { rateBudgets: { appPerSecond: 2, maxWaitMs: 200 }, scope: callScope },
      },
    );
    const alice = bearer(await userToken('alice'));
    // Six different users' profiles at 2 calls/s with a 200-ms bound: two go, the rest are refused.
    const answers = await Promise.all(
      ['alice', 'bob', 'carol', 'nobody1', 'nobody2', 'nobody3'].map((name) =>
        post(`{ user(username: "${name}") { nickname } }`, undefined, alice),
      ),
    );
    const refused = answers.filter((a) => a.body.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
    expect(refused.length).toBeGreaterThan(0);
    const { text } = await scrape();
    expect(sample(text, 'easemob_budget_refused_total{endpoint="users.get",reason="wait"}')).toBe(
      refused.length,
    );
    expect(sample(text, 'easemob_budget_admitted_total{caller="user"}')).toBe(6 - refused.length);
    // The app token serves every caller: its slot is counted apart.
    expect(sample(text, 'easemob_budget_admitted_total{caller="token"}')).toBe(1);
    expect(sample(text, 'easemob_budget_wait_seconds_count{endpoint="users.get"}')).toBe(
      6 - refused.length,
    );
  });

  it('follows the circuit breaker: 0 closed, 2 open', async () => {
    const { client, emulator, scrape } = await withMetrics();
    await client.tokens.app();
    expect(sample((await scrape()).text, 'easemob_circuit_state')).toBe(0);
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503 });
    // The harness's breaker: default (more than half of at least 20 attempts failed).
    for (let i = 0; i < 30 && client.circuit.state !== 'open'; i++) {
      await client.users.get('alice').catch(() => {});
    }
    expect(client.circuit.state).toBe('open');
    expect(sample((await scrape()).text, 'easemob_circuit_state')).toBe(2);
  });

  it('counts token refreshes', async () => {
    const { client, emulator, scrape } = await withMetrics();
    await client.tokens.app();
    await client.tokens.app();
    expect(sample((await scrape()).text, 'easemob_token_refreshes_total')).toBe(1);
    // Easemob rejects the token once (401): the client gets a new one and the call goes through.
    emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 401, times: 1 });
    await client.users.get('alice');
    const { text } = await scrape();
    expect(sample(text, 'easemob_token_refreshes_total')).toBe(2);
    expect(sample(text, 'easemob_requests_total{endpoint="users.get",status="401"}')).toBe(1);
  });

  it('bounds operation names: invented ones beyond the cap are counted as "other"', async () => {
    const { run, scrape } = await withMetrics({ maxOperationNames: 2 });
    for (const name of ['One', 'Two', 'Three', 'Four']) {
      await run(`query ${name} { user(username: "alice") { username } }`);
    }
    const { text } = await scrape();
    const ops = 'graphql_operations_total';
    expect(
      sample(text, `${ops}{operation_name="One",operation_type="query",outcome="success"}`),
    ).toBe(1);
    expect(
      sample(text, `${ops}{operation_name="Two",operation_type="query",outcome="success"}`),
    ).toBe(1);
    expect(
      sample(text, `${ops}{operation_name="other",operation_type="query",outcome="success"}`),
    ).toBe(2);
    expect(text).not.toContain('"Three"');
  });

  it('is not blocked by CSRF prevention or authentication', async () => {
    const { scrape, post } = await withMetrics({}, { auth: true });
    // No credentials: the field refuses. Bad credentials: refused while building the context.
    const anonymous = await post('{ user(username: "alice") { username } }');
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const forged = await post(
      'query Forged { user(username: "alice") { username } }',
      {},
      {
        ...bearer(await userToken('alice', { secret: 'another-secret-that-is-32-characters!' })),
      },
    );
    expect(forged.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });

    const { status, text } = await scrape();
    expect(status).toBe(200);
    expect(
      sample(
        text,
        'graphql_errors_total{operation_name="anonymous",phase="execute",code="UNAUTHENTICATED"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'graphql_errors_total{operation_name="Forged",phase="context",code="UNAUTHENTICATED"}',
      ),
    ).toBe(1);
  });

  it('with METRICS_TOKEN, requires it as a bearer token', async () => {
    const token = 'metrics-token-0123456789';
    const { scrape } = await withMetrics({ token }, { auth: true });
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.text).not.toContain('easemob_');
    expect((await scrape(bearer('metrics-token-wrong'))).status).toBe(401);
    // An admin API key is not the metrics token.
    expect((await scrape(bearer(adminKey))).status).toBe(401);
    const ok = await scrape(bearer(token));
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('easemob_circuit_state');
  });

  it('includes the process metrics by default', async () => {
    const metrics = createMetrics();
    const text = await metrics.registry.metrics();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('is absent (404) when metrics are off', async () => {
    const { yoga } = await startGraphQL();
    expect((await yoga.fetch('http://localhost/metrics')).status).toBe(404);
  });
});

describe('/metrics over HTTP', () => {
  it('reports the subscription pollers and what they watch', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const { url, realtime } = await startLiveServer({
      emulator: { seed },
      server: { metrics, auth: testAuth() },
    });
    const base = url.replace(/\/graphql$/, '');
    const scrape = async () => (await fetch(`${base}/metrics`)).text();
    expect(sample(await scrape(), 'graphql_subscription_pollers_active{poller="status"}')).toBe(0);

    const subscription = await sse(
      url,
      'subscription Watch { statusChanged(usernames: ["alice", "bob"]) { status } }',
      bearer(adminKey),
    );
    expect(subscription.status).toBe(200);
    await until(() => realtime.status.rounds >= 1, 'a polling round');
    const text = await scrape();
    expect(sample(text, 'graphql_subscription_pollers_active{poller="status"}')).toBe(1);
    expect(sample(text, 'graphql_subscription_watched_keys{poller="status"}')).toBe(2);
    expect(sample(text, 'graphql_subscription_watched_keys{poller="presence"}')).toBe(0);
    // A subscription is counted when it ends.
    subscription.close();
    await until(() => realtime.status.watchedKeys === 0, 'the subscription to end');
    expect(await scrape()).toContain(
      'graphql_operations_total{operation_name="Watch",operation_type="subscription",outcome="success"} 1',
    );
    expect(sample(await scrape(), 'graphql_subscription_pollers_active{poller="status"}')).toBe(0);
  });
});
