import { describe, expect, it } from 'vitest';
import { defaultAdminApiKeyWeight } from '../src/auth/caller.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { easemobRateBudgets } from '../src/easemob/rate-budget.js';
import { defaultRequestTimeoutMs } from '../src/plugins/request-deadline.js';

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

  it('names an invalid variable and never echoes the secret', () => {
    expect(failure({ ...remote, EASEMOB_BASE_URL: 'ftp://x' })).toContain('EASEMOB_BASE_URL');
    expect(failure({ ...remote, PORT: 'eighty' })).toContain('PORT');
    expect(failure({ ...remote, EASEMOB_APPKEY: 'no-hash' })).toContain('EASEMOB_APPKEY');
    const message = failure({ ...remote, EASEMOB_APPKEY: 'other#app' });
    expect(message).toContain('EASEMOB_APPKEY');
    expect(message).not.toContain(remote.EASEMOB_CLIENT_SECRET);
  });
});
