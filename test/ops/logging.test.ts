import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.js';
import { createLogger, yogaLogging } from '../../src/logger.js';
import { createYogaApp } from '../../src/yoga-app.js';
import { adminKey, bearer, jwtSecret, testAuth, userToken } from '../support/auth.js';
import { clientOf } from '../support/easemob.js';

/** A logger writing JSON lines into memory, as pino writes them to stdout. */
function capture(level = 'debug') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(level, stream), lines };
}

type Line = Record<string, unknown> & { msg: string; level: number };

describe('logs during real requests', () => {
  it('are JSON lines carrying the request id to the Easemob call lines, and no secret', async () => {
    const emulator = await startEmulator({
      seed: { users: [{ username: 'alice', password: 'alice-password-1' }] },
    });
    const { logger, lines } = capture('debug');
    const client = clientOf(emulator, {
      // As main.ts builds it.
      logger: logger.child({ component: 'easemob' }),
    });
    try {
      const yoga = createYogaApp({ easemob: client, auth: testAuth(), logger });
      const post = async (query: string, headers: Record<string, string> = {}) => {
        const response = await yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        return { requestId: response.headers.get('x-request-id')!, body };
      };

      // An admin API key request that calls Easemob (token, then the user).
      const admin = await post(
        'query Profile { user(username: "alice") { username nickname } }',
        bearer(adminKey),
      );
      expect(admin.body.errors).toBeUndefined();
      // A user with a valid JWT.
      const goodJwt = await userToken('alice');
      const viewer = await post('{ viewer { username nickname } }', bearer(goodJwt));
      expect(viewer.body.errors).toBeUndefined();
      // A failing login: a JWT signed with the wrong key.
      const forgedJwt = await userToken('alice', {
        roles: ['admin'],
        secret: `${jwtSecret}-but-not-quite`,
      });
      const forged = await post('{ user(username: "alice") { nickname } }', bearer(forgedJwt));
      expect(forged.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // An admin changing a password (the new one must never be logged).
      const reset = await post(
        'mutation { resetPassword(username: "alice", password: "brand-new-password-2") }',
        bearer(adminKey),
      );
      expect(reset.body.errors).toBeUndefined();
      // An Easemob error: 503s until the retries give up.
      emulator.faults.add({ endpoint: 'users.get', kind: 'status', status: 503 });
      // A user not read yet: alice's profile is cached, and a hit would not reach the fault.
      const failing = await post('{ user(username: "zed") { nickname } }', bearer(adminKey));
      expect(failing.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      emulator.faults.clear();

      // Every line is JSON, and every one of them was written inside a request: it names it.
      expect(lines.length).toBeGreaterThan(0);
      const parsed = lines.map((line) => JSON.parse(line) as Line);
      const ids = new Set([admin, viewer, forged, reset, failing].map((r) => r.requestId));
      expect(ids.size).toBe(5);
      for (const line of parsed) {
        expect(typeof line.level).toBe('number');
        expect(typeof line.time).toBe('string');
        expect(ids.has(line.requestId as string), JSON.stringify(line)).toBe(true);
      }

      // The upstream call lines name the request that made them.
      const calls = (requestId: string) =>
        parsed.filter((l) => l.requestId === requestId && l.msg === 'Easemob call');
      expect(calls(admin.requestId).map((l) => l.endpoint)).toEqual(['token', 'users.get']);
      for (const line of calls(admin.requestId)) {
        expect(line).toMatchObject({ component: 'easemob', status: 200, level: 20 });
        expect(typeof line.ms).toBe('number');
      }
      expect(calls(reset.requestId).map((l) => l.endpoint)).toEqual(['users.password']);
      const failed = parsed.filter(
        (l) => l.requestId === failing.requestId && l.msg === 'Easemob call failed',
      );
      expect(failed.length).toBeGreaterThan(1);
      expect(failed[0]).toMatchObject({ endpoint: 'users.get', err: { status: 503 } });
      expect(
        parsed.some((l) => l.requestId === failing.requestId && l.msg === 'retrying Easemob call'),
      ).toBe(true);
      expect(
        parsed.some(
          (l) =>
            l.requestId === forged.requestId &&
            l.msg === 'credentials refused' &&
            l.code === 'UNAUTHENTICATED' &&
            l.reason === 'invalid or expired token',
        ),
      ).toBe(true);

      // Nothing secret, in any line.
      const text = lines.join('\n');
      const appToken = await client.tokens.app();
      for (const secret of [
        emulator.clientSecret,
        adminKey,
        jwtSecret,
        goodJwt,
        forgedJwt,
        appToken,
        'alice-password-1',
        'brand-new-password-2',
      ]) {
        expect(text).not.toContain(secret);
      }
      // No stack trace, in whatever shape.
      expect(text).not.toContain('    at ');
      expect(text).not.toMatch(/\\n\s+at |"stack"/);
    } finally {
      await client.close();
      await emulator.close();
    }
  });

  it('follow LOG_LEVEL: at info, no debug line is written (or built)', async () => {
    const emulator = await startEmulator({
      seed: { users: [{ username: 'alice', password: 'pw-123456' }] },
    });
    const { logger, lines } = capture('info');
    const client = clientOf(emulator, {
      logger: logger.child({ component: 'easemob' }),
    });
    try {
      const yoga = createYogaApp({ easemob: client, logger });
      await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ user(username: "alice") { nickname } }' }),
      });
      expect(lines.map((line) => JSON.parse(line).level).filter((level) => level < 30)).toEqual([]);
    } finally {
      await client.close();
      await emulator.close();
    }
  });

  it("yoga's debug logging builds no detail when debug is off", () => {
    const { logger } = capture('info');
    const logging = yogaLogging(logger);
    let built = 0;
    const error = new Error('boom');
    Object.defineProperty(error, 'name', {
      get: () => {
        built++;
        return 'Error';
      },
    });
    logging.debug('Processing GraphQL Parameters', error);
    expect(built).toBe(0);
    const loud = capture('debug');
    yogaLogging(loud.logger).debug('Processing GraphQL Parameters', error);
    expect(built).toBeGreaterThan(0);
    expect(loud.lines).toHaveLength(1);
  });

  it('logs requests refused for lack of budget at most once a second, counting the rest', () => {
    const { logger, lines } = capture('info');
    let now = 0;
    const logging = yogaLogging(logger, () => now);
    const refused = () =>
      new GraphQLError('no call budget left for this caller', {
        extensions: { code: 'RATE_LIMITED' },
      });
    for (let i = 0; i < 500; i++) logging.error(refused());
    now = 999;
    logging.error(refused());
    now = 1000;
    logging.error(refused());
    // Other client failures keep a line each.
    const missing = new GraphQLError('no such user', { extensions: { code: 'NOT_FOUND' } });
    logging.error(missing);
    logging.error(new GraphQLError('no such user', { extensions: { code: 'NOT_FOUND' } }));
    const parsed = lines.map((line) => JSON.parse(line) as Line);
    expect(parsed.map((line) => [line.code, line.leftOut])).toEqual([
      ['RATE_LIMITED', 0],
      ['RATE_LIMITED', 500],
      ['NOT_FOUND', undefined],
      ['NOT_FOUND', undefined],
    ]);
  });
});
