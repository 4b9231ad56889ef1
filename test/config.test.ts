import { describe, expect, it } from 'vitest';
import { defaultJwtLifetime } from '../src/auth/authenticate.js';
import { defaultAdminApiKeyWeight } from '../src/auth/caller.js';
import { defaultViewerPolicy } from '../src/auth/viewer-policy.js';
import { ConfigError, isLoopback, loadConfig, unknownVariableNames } from '../src/config.js';
import { easemobRateBudgets } from '../src/easemob/rate-budget.js';
import { editDistance } from '../src/env-names.js';
import { httpTimeoutDefaults } from '../src/http-timeouts.js';
import { defaultRequestTimeoutMs } from '../src/plugins/request-deadline.js';
import { defaultMaxUpstreamCalls } from '../src/plugins/upstream-call-limit.js';
import { subscriptionLimitDefaults } from '../src/realtime/subscription-limits.js';
import { webSocketLimitDefaults } from '../src/realtime/websocket.js';
import { defaultListSizes } from '../src/schema/call-cost.js';

const remote = {
  EASEMOB_BASE_URL: 'https://a1.easemob.com',
  EASEMOB_ORG_NAME: 'easemob-demo',
  EASEMOB_APP_NAME: 'testapp',
  EASEMOB_CLIENT_ID: 'YXA6i-Ak8Ol4Eei2l11ZjV-EAg',
  EASEMOB_CLIENT_SECRET: 'YXA6VunqiNxoB7IwXHInk1cGiXOOJfc',
  ADMIN_API_KEYS: 'an-admin-key-that-is-long-enough',
};

const failure = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('runs on the embedded emulator when no Easemob variable is set', () => {
    expect(loadConfig({})).toMatchObject({
      server: { host: '127.0.0.1', port: 4000 },
      easemob: { mode: 'emulator' },
      upstream: { timeoutMs: 10_000, maxConnections: 32, maxRetries: 3 },
    });
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ EASEMOB_BASE_URL: '  ', PORT: '' }).easemob.mode).toBe('emulator');
  });

  it('uses a real Easemob when every variable is set', () => {
    expect(loadConfig({ ...remote, PORT: '8080', HOST: '0.0.0.0' })).toMatchObject({
      server: { host: '0.0.0.0', port: 8080 },
      easemob: {
        mode: 'remote',
        baseUrl: 'https://a1.easemob.com',
        orgName: 'easemob-demo',
        appName: 'testapp',
        clientId: remote.EASEMOB_CLIENT_ID,
      },
    });
  });

  it('accepts EASEMOB_APPKEY as org#app', () => {
    const { EASEMOB_ORG_NAME: _o, EASEMOB_APP_NAME: _a, ...rest } = remote;
    expect(loadConfig({ ...rest, EASEMOB_APPKEY: 'easemob-demo#testapp' }).easemob).toMatchObject({
      orgName: 'easemob-demo',
      appName: 'testapp',
    });
  });

  it('refuses an org or app name that is, or holds, a dot segment or a path separator', () => {
    const { EASEMOB_ORG_NAME: _o, EASEMOB_APP_NAME: _a, ...rest } = remote;
    for (const bad of ['.', '..', '%2e%2e', 'a/b', 'a\\b', 'a%2fb', 'a?b', 'a#b', 'a;b', 'a\0b']) {
      expect(failure({ ...remote, EASEMOB_ORG_NAME: bad }), bad).toContain('EASEMOB_ORG_NAME');
      expect(failure({ ...remote, EASEMOB_APP_NAME: bad }), bad).toContain('EASEMOB_APP_NAME');
      expect(failure({ ...rest, EASEMOB_APPKEY: `${bad}#testapp` }), bad).toContain(
        'EASEMOB_APPKEY',
      );
      expect(failure({ ...rest, EASEMOB_APPKEY: `easemob-demo#${bad}` }), bad).toContain(
        'EASEMOB_APPKEY',
      );
    }
  });

  it('names every missing variable when only some are set, in one line', () => {
    const message = failure({ EASEMOB_BASE_URL: 'https://a1.easemob.com', EASEMOB_CLIENT_ID: 'x' });
    expect(message).toContain('EASEMOB_ORG_NAME (or EASEMOB_APPKEY)');
    expect(message).toContain('EASEMOB_APP_NAME (or EASEMOB_APPKEY)');
    expect(message).toContain('EASEMOB_CLIENT_SECRET');
    expect(message).not.toContain('\n');
  });

  it('fails closed: a real Easemob with no authentication configured refuses to start', () => {
    const { ADMIN_API_KEYS: _k, ...unprotected } = remote;
    const message = failure(unprotected);
    expect(message).toContain('no authentication');
    expect(message).toContain('JWT_SECRET');
  });

  it('runs the emulator open when no authentication is configured, and closed when it is', () => {
    expect(loadConfig({}).auth).toMatchObject({ open: true, publicProfiles: true });
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(32) }).auth).toMatchObject({
      open: false,
      jwt: { usernameClaim: 'sub', rolesClaim: 'roles', adminRole: 'admin' },
    });
  });

  it("reads the admission settings, defaulting to the owning modules' values", () => {
    expect(loadConfig({})).toMatchObject({
      upstream: { maxWaitMs: easemobRateBudgets.maxWaitMs },
      admission: {
        requestTimeoutMs: defaultRequestTimeoutMs,
        adminApiKeyWeight: defaultAdminApiKeyWeight,
      },
    });
    const config = loadConfig({
      UPSTREAM_MAX_WAIT_MS: '500',
      REQUEST_TIMEOUT_MS: '3000',
      ADMIN_API_KEY_WEIGHT: '8',
    });
    expect(config.upstream.maxWaitMs).toBe(500);
    expect(config.admission).toEqual({ requestTimeoutMs: 3000, adminApiKeyWeight: 8 });
    expect(failure({ ADMIN_API_KEY_WEIGHT: '0' })).toContain('ADMIN_API_KEY_WEIGHT');
    expect(failure({ REQUEST_TIMEOUT_MS: 'soon' })).toContain('REQUEST_TIMEOUT_MS');
  });

  it("reads the JWT lifetime rules, defaulting to the authenticator's", () => {
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(32) }).auth.jwt?.lifetime).toEqual(
      defaultJwtLifetime,
    );
    expect(defaultJwtLifetime).toEqual({
      requireExp: true,
      maxLifetimeSeconds: 86_400,
      clockSkewSeconds: 30,
    });
    const config = loadConfig({
      JWT_SECRET: 'x'.repeat(32),
      JWT_REQUIRE_EXP: 'false',
      JWT_MAX_LIFETIME_SECONDS: '3600',
      JWT_CLOCK_SKEW_SECONDS: '5',
    });
    expect(config.auth.jwt?.lifetime).toEqual({
      requireExp: false,
      maxLifetimeSeconds: 3600,
      clockSkewSeconds: 5,
    });
    expect(failure({ JWT_MAX_LIFETIME_SECONDS: '0' })).toContain('JWT_MAX_LIFETIME_SECONDS');
    expect(failure({ JWT_CLOCK_SKEW_SECONDS: '-1' })).toContain('JWT_CLOCK_SKEW_SECONDS');
    expect(failure({ JWT_REQUIRE_EXP: 'maybe' })).toContain('JWT_REQUIRE_EXP');
  });

  it('reads the viewer policy, defaulting to its module', () => {
    expect(loadConfig({}).auth.viewers).toEqual(defaultViewerPolicy);
    const config = loadConfig({
      VIEWER_SEND_TARGET_TYPES: 'users,chatrooms',
      VIEWER_SEND_MAX_TARGETS: '50',
      VIEWER_SENDS_PER_MINUTE: '200',
      VIEWER_CONTACTS: 'admin-only',
    });
    expect(config.auth.viewers).toEqual({
      sendTargetTypes: ['users', 'chatrooms'],
      sendMaxTargets: 50,
      sendsPerMinute: 200,
      contacts: 'admin-only',
    });
    expect(failure({ VIEWER_SEND_TARGET_TYPES: 'users,channels' })).toContain(
      'VIEWER_SEND_TARGET_TYPES',
    );
    expect(failure({ VIEWER_CONTACTS: 'nobody' })).toContain('VIEWER_CONTACTS');
    expect(failure({ VIEWER_SENDS_PER_MINUTE: '0' })).toContain('VIEWER_SENDS_PER_MINUTE');
  });

  it('reads auth, GraphiQL and cost settings', () => {
    const config = loadConfig({
      ...remote,
      ADMIN_API_KEYS: ' key-one-is-long-enough-to-use , key-two-is-long-enough-to-use ',
      PUBLIC_PROFILES: 'false',
      GRAPHIQL: 'on',
      MAX_DEPTH: '5',
    });
    expect(config.auth.adminApiKeys).toEqual([
      'key-one-is-long-enough-to-use',
      'key-two-is-long-enough-to-use',
    ]);
    expect(config.auth.publicProfiles).toBe(false);
    expect(config.graphql).toMatchObject({ graphiql: true, introspection: false, maxDepth: 5 });
    expect(failure({ ...remote, ADMIN_API_KEYS: 'short' })).toContain('ADMIN_API_KEYS');
    expect(failure({ JWT_SECRET: 'too-short' })).toContain('JWT_SECRET');
    expect(
      failure({ JWT_SECRET: 'x'.repeat(32), JWT_JWKS_URL: 'https://id.example.com/jwks' }),
    ).toContain('not both');
  });

  it('reads the upstream call limit and the subscription bounds, defaulting to their modules', () => {
    const defaults = loadConfig({});
    expect(defaults.graphql).toMatchObject({
      maxUpstreamCalls: defaultMaxUpstreamCalls,
      contactListSize: defaultListSizes.contacts,
    });
    expect(defaults.realtime.subscriptions).toEqual(subscriptionLimitDefaults);
    const set = loadConfig({
      MAX_UPSTREAM_CALLS: '80',
      COST_CONTACT_LIST_SIZE: '3000',
      SUBSCRIPTION_MAX_WATCHED: '50',
      SUBSCRIPTIONS_PER_CONNECTION: '5',
      SUBSCRIPTIONS_PER_CALLER: '7',
      SUBSCRIPTION_MAX_WATCHED_TOTAL: '2000',
    });
    expect(set.graphql).toMatchObject({ maxUpstreamCalls: 80, contactListSize: 3000 });
    expect(set.realtime.subscriptions).toEqual({
      maxWatched: 50,
      perConnection: 5,
      perCaller: 7,
      maxWatchedTotal: 2000,
    });
    expect(failure({ MAX_UPSTREAM_CALLS: '0' })).toContain('MAX_UPSTREAM_CALLS');
    expect(failure({ SUBSCRIPTION_MAX_WATCHED: '10001' })).toContain('SUBSCRIPTION_MAX_WATCHED');
  });

  it('validates org and app names by the documented AppKey rules (a-z, 0-9, "-", at most 32)', () => {
    const { EASEMOB_ORG_NAME: _o, EASEMOB_APP_NAME: _a, ...rest } = remote;
    expect(
      loadConfig({ ...rest, EASEMOB_APPKEY: '1112171214115068#testapp' }).easemob,
    ).toMatchObject({ orgName: '1112171214115068', appName: 'testapp' });
    expect(failure({ ...rest, EASEMOB_APPKEY: 'easemob_demo#testapp' })).toContain(
      'EASEMOB_APPKEY',
    );
    expect(failure({ ...rest, EASEMOB_APPKEY: `easemob-demo#${'a'.repeat(33)}` })).toContain(
      'EASEMOB_APPKEY',
    );
    expect(failure({ ...remote, EASEMOB_ORG_NAME: 'Easemob-Demo' })).toContain('EASEMOB_ORG_NAME');
    expect(failure({ ...remote, EASEMOB_APP_NAME: 'test_app' })).toContain('EASEMOB_APP_NAME');
  });

  it('names an invalid variable and never echoes the secret', () => {
    expect(failure({ ...remote, EASEMOB_BASE_URL: 'ftp://x' })).toContain('EASEMOB_BASE_URL');
    expect(failure({ ...remote, PORT: 'eighty' })).toContain('PORT');
    expect(failure({ ...remote, EASEMOB_APPKEY: 'no-hash' })).toContain('EASEMOB_APPKEY');
    const message = failure({ ...remote, EASEMOB_APPKEY: 'other#app' });
    expect(message).toContain('EASEMOB_APPKEY');
    expect(message).not.toContain(remote.EASEMOB_CLIENT_SECRET);
  });
});

describe('the embedded emulator fails closed', () => {
  // NODE_ENV, HOST, a terminal on stdout, ALLOW_EMBEDDED_EMULATOR → runs on the emulator?
  const cases: [string | undefined, string | undefined, boolean, string | undefined, boolean][] = [
    [undefined, undefined, false, undefined, true], // tests, `npm start` piped: default HOST
    [undefined, undefined, true, undefined, true], // `npm start` at a terminal
    ['development', '127.0.0.1', false, undefined, true],
    [undefined, 'localhost', false, undefined, true],
    [undefined, '::1', false, undefined, true],
    [undefined, '0.0.0.0', true, undefined, true], // a developer at a terminal, on the LAN
    [undefined, '0.0.0.0', false, undefined, false], // a service with its env file forgotten
    [undefined, '10.0.0.5', false, undefined, false],
    ['production', undefined, false, undefined, false],
    ['production', '127.0.0.1', true, undefined, false], // production wins, terminal or not
    ['production', '0.0.0.0', false, 'true', true], // the container try-out, on purpose
    [undefined, '0.0.0.0', false, 'true', true],
    ['production', '0.0.0.0', false, 'false', false],
  ];
  it.each(cases)(
    'NODE_ENV=%s HOST=%s tty=%s ALLOW_EMBEDDED_EMULATOR=%s → %s',
    (nodeEnv, host, tty, allow, runs) => {
      const env = { NODE_ENV: nodeEnv, HOST: host, ALLOW_EMBEDDED_EMULATOR: allow };
      if (runs) {
        expect(loadConfig(env, { tty }).easemob.mode).toBe('emulator');
      } else {
        expect(() => loadConfig(env, { tty })).toThrow(
          /^refusing to start on the embedded demo emulator \((NODE_ENV is production|HOST \S+ is not a loopback address and stdout is not a terminal)\): set EASEMOB_BASE_URL, .*EASEMOB_CLIENT_SECRET .*ALLOW_EMBEDDED_EMULATOR=true for a demo$/,
        );
      }
    },
  );

  it('never stands in the way of a real Easemob', () => {
    const config = loadConfig({
      ...remote,
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      METRICS_TOKEN: 'a-metrics-token-long-enough',
    });
    expect(config.easemob.mode).toBe('remote');
  });

  it('names misspelt EASEMOB_ variables in the refusal', () => {
    expect(
      failure({ NODE_ENV: 'production', EASMOB_CLIENT_ID: 'x', EASEMOB_CLIENT_SECERT: 'y' }),
    ).toContain(
      '; EASEMOB_CLIENT_SECERT is not a known variable (did you mean EASEMOB_CLIENT_SECRET?); EASMOB_CLIENT_ID is not a known variable (did you mean EASEMOB_CLIENT_ID?)',
    );
  });

  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
  ])('isLoopback(%s) → %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });
});

describe('variables that look like ours', () => {
  const names = (...list: string[]) => Object.fromEntries(list.map((name) => [name, 'x']));

  it.each([
    ['LOG_LEVLE', 'LOG_LEVEL'],
    ['UPSTREAM_TIMEOUT', 'UPSTREAM_TIMEOUT_MS'],
    ['EASMOB_APP_NAME', 'EASEMOB_APP_NAME'],
    ['EASEMOB_CLIENTID', 'EASEMOB_CLIENT_ID'],
    ['PROT', 'PORT'],
    ['METRIC_TOKEN', 'METRICS_TOKEN'],
    ['GRAPHIQL_ENABLED', 'GRAPHIQL'],
    ['MAX_DEPT', 'MAX_DEPTH'],
    ['REDIS_HOST', 'REDIS_URL'],
    ['OTEL_EXPORTER_OTLP_ENDPONT', 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    ['JWT_ALGORITHM', undefined],
  ])('%s is reported, with %s as the closest', (name, closest) => {
    expect(unknownVariableNames(names(name))).toEqual([{ name, closest }]);
  });

  it("ignores the environment's own variables, npm's, and OpenTelemetry's standard ones", () => {
    const env = names(
      ...['PATH', 'HOME', 'HOSTNAME', 'PWD', 'OLDPWD', 'LANG', 'TERM', 'SHELL', 'SHLVL', 'USER'],
      ...['NODE_ENV', 'NODE_OPTIONS', 'TZ', 'CI', 'EMULATOR_PORT', 'EMULATOR_HOST'],
      ...['npm_config_cache', 'npm_lifecycle_event', 'npm_package_name'],
      ...['OTEL_SERVICE_NAME', 'OTEL_RESOURCE_ATTRIBUTES', 'OTEL_EXPORTER_OTLP_HEADERS'],
      ...[
        'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
        'OTEL_TRACES_SAMPLER_ARG',
        'OTEL_BSP_MAX_QUEUE_SIZE',
      ],
      ...['OTEL_PROPAGATORS', 'OTEL_LOG_LEVEL', 'OTEL_METRICS_EXPORTER', 'OTEL_VENDOR_THING'],
      ...Object.keys(remote),
    );
    expect(unknownVariableNames(env)).toEqual([]);
  });

  it('are an error under STRICT_ENV=true, all named in one line', () => {
    expect(loadConfig({ LOG_LEVLE: 'debug' }).server.logLevel).toBe('info');
    expect(failure({ STRICT_ENV: 'true', LOG_LEVLE: 'debug', PROT: '80' })).toBe(
      'invalid configuration (STRICT_ENV): LOG_LEVLE is not a known variable (did you mean LOG_LEVEL?); PROT is not a known variable (did you mean PORT?)',
    );
    expect(loadConfig({ STRICT_ENV: 'true', PATH: '/bin' }).easemob.mode).toBe('emulator');
  });

  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('LEVLE', 'LEVEL')).toBe(1);
    expect(editDistance('HOME', 'HOST')).toBe(2);
    expect(editDistance('', 'PORT')).toBe(4);
  });
});

describe('shutdown and start-up timing', () => {
  it('defaults below the common 10 s container grace period, and can be set', () => {
    expect(loadConfig({}).server).toMatchObject({
      shutdownTimeoutMs: 8000,
      startupTokenTimeoutMs: 5000,
    });
    expect(
      loadConfig({ SHUTDOWN_TIMEOUT_MS: '25000', STARTUP_TOKEN_TIMEOUT_MS: '1000' }).server,
    ).toMatchObject({ shutdownTimeoutMs: 25_000, startupTokenTimeoutMs: 1000 });
    expect(failure({ SHUTDOWN_TIMEOUT_MS: 'soon' })).toContain('SHUTDOWN_TIMEOUT_MS');
  });
});

describe('the edges: WebSocket limits, HTTP timeouts, CORS', () => {
  it('default to the owning modules and can be set', () => {
    const defaults = loadConfig({});
    expect(defaults.realtime.websocket).toEqual(webSocketLimitDefaults);
    expect(defaults.server.timeouts).toEqual(httpTimeoutDefaults);
    expect(defaults.server.corsOrigins).toEqual([]);
    const set = loadConfig({
      WS_MAX_CONNECTIONS: '5000',
      WS_MAX_CONNECTIONS_PER_ADDRESS: '0',
      WS_CONNECTION_INIT_TIMEOUT_MS: '1000',
      HTTP_HEADERS_TIMEOUT_MS: '5000',
      HTTP_REQUEST_TIMEOUT_MS: '60000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
      CORS_ORIGINS: ' https://app.example.com, http://localhost:5173 ,',
    });
    expect(set.realtime.websocket).toEqual({
      maxConnections: 5000,
      maxConnectionsPerAddress: 0,
      connectionInitTimeoutMs: 1000,
    });
    expect(set.server.timeouts).toEqual({
      headersTimeoutMs: 5000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 65_000,
    });
    expect(set.server.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });

  it('keep the HTTP request timeout above the request deadline, and the headers timeout within it', () => {
    expect(defaultRequestTimeoutMs).toBeLessThan(httpTimeoutDefaults.requestTimeoutMs);
    expect(failure({ REQUEST_TIMEOUT_MS: '30000' })).toBe(
      "invalid configuration: HTTP_REQUEST_TIMEOUT_MS (30000) must exceed REQUEST_TIMEOUT_MS (30000), so that a request's own deadline answers first",
    );
    expect(
      loadConfig({ REQUEST_TIMEOUT_MS: '30000', HTTP_REQUEST_TIMEOUT_MS: '40000' }),
    ).toBeTruthy();
    expect(failure({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toContain(
      'HTTP_HEADERS_TIMEOUT_MS (40000) must not exceed HTTP_REQUEST_TIMEOUT_MS (30000)',
    );
  });

  it('CORS_ORIGINS takes origins only, exactly as a browser sends them', () => {
    for (const wrong of [
      'app.example.com',
      'https://app.example.com/',
      'https://a.example/path',
      '*',
    ]) {
      expect(failure({ CORS_ORIGINS: wrong }), wrong).toMatch(
        /CORS_ORIGINS(\.\d+)? each origin must be scheme:\/\/host\[:port\]/,
      );
    }
  });
});

describe('/metrics in production', () => {
  const production = { ...remote, NODE_ENV: 'production' };

  it('refuses to start with METRICS on and no METRICS_TOKEN, in one line naming both ways out', () => {
    expect(failure(production)).toBe(
      'refusing to start: METRICS is on in production without METRICS_TOKEN, so /metrics would be open to anyone who reaches the port; set METRICS_TOKEN (at least 16 characters) for the scraper to send as a bearer token, or METRICS=false',
    );
  });

  it('starts with a token, with metrics off, outside production, and for the emulator try-out', () => {
    const token = 'a-metrics-token-long-enough';
    expect(loadConfig({ ...production, METRICS_TOKEN: token }).observability.metrics).toEqual({
      enabled: true,
      token,
    });
    expect(loadConfig({ ...production, METRICS: 'false' }).observability.metrics.enabled).toBe(
      false,
    );
    expect(loadConfig(remote).observability.metrics.enabled).toBe(true);
    const demo = { NODE_ENV: 'production', HOST: '0.0.0.0', ALLOW_EMBEDDED_EMULATOR: 'true' };
    expect(loadConfig(demo).observability.metrics.enabled).toBe(true);
  });
});
