import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IssueUserTokenDocument } from '../../operations/generated/graphql.js';
import { LoginThrottle } from '../../src/auth/login-throttle.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { adminKey, bearer, testAuth, userToken } from '../support/auth.js';
import { manualClock } from '../support/clock.js';
import { errorCode, startGraphQL } from '../support/graphql.js';

const password = 'correct-horse-battery-staple';
const seed = {
  users: [
    { username: 'alice', password, nickname: 'Alice' },
    { username: 'bob', password: 'bob-password' },
  ],
};

const issue = `mutation($input: IssueUserTokenInput!) {
  issueUserToken(input: $input) { accessToken expiresAt user { username nickname } }
}`;

/** A throttle on a manual clock whose slow-downs are recorded instead of waited. */
function throttle() {
  const clock = manualClock();
  const waits: number[] = [];
  const logins = new LoginThrottle({
    now: clock.now,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { clock, waits, logins };
}

describe('issueUserToken', () => {
  it('issues a user token Easemob accepts for the SDK, with its expiry and user', async () => {
    const { yoga, emulator, client } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    const before = Date.now();
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(adminKey) },
      body: JSON.stringify({
        query: issue,
        variables: { input: { username: 'Alice', password, ttlSeconds: 1024000 } },
      }),
    });
    const body = (await response.json()) as {
      data: { issueUserToken: { accessToken: string; expiresAt: string; user: unknown } };
    };
    const token = body.data.issueUserToken;
    expect(emulator.state.tokens.check(token.accessToken)).toEqual({
      valid: true,
      subject: { kind: 'user', username: 'alice' },
    });
    const expiresAt = Date.parse(token.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 1024000_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 1024000_000);
    expect(token.user).toEqual({ username: 'alice', nickname: 'Alice' });
    const [call] = emulator.calls
      .list('token')
      .filter((c) => (c.body as { grant_type?: string } | undefined)?.grant_type === 'password');
    expect(call?.body).toMatchObject({ grant_type: 'password', username: 'alice', ttl: '1024000' });
    // The app token never leaves the server: the answer is the user's own token.
    expect(token.accessToken).not.toBe(await client.tokens.app());
  });

  it('lets a user issue one for themself, and no one else (FORBIDDEN before any call)', async () => {
    const { post, emulator } = await startGraphQL({
      emulator: { seed },
      server: { auth: testAuth() },
    });
    const asAlice = bearer(await userToken('alice'));
    const own = await post(issue, { input: { username: 'alice', password } }, asAlice);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.issueUserToken.user.username).toBe('alice');
    const calls = emulator.calls.count('token');
    const other = await post(
      issue,
      { input: { username: 'bob', password: 'bob-password' } },
      asAlice,
    );
    expect(errorCode(other.body)).toBe('FORBIDDEN');
    const anonymous = await post(issue, { input: { username: 'bob', password: 'bob-password' } });
    expect(errorCode(anonymous.body)).toBe('UNAUTHENTICATED');
    expect(emulator.calls.count('token')).toBe(calls);
  });

  it('answers a wrong password and an unknown user with the same BAD_USER_INPUT', async () => {
    const { run } = await startGraphQL({ emulator: { seed } });
    const wrong = await run(issue, { input: { username: 'alice', password: 'guess' } });
    const unknown = await run(issue, { input: { username: 'nobody', password: 'guess' } });
    for (const response of [wrong, unknown]) {
      expect(response.data).toBeNull();
      expect(response.errors).toEqual([
        {
          message: 'invalid username or password',
          path: ['issueUserToken'],
          locations: expect.any(Array),
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ]);
    }
  });

  it('slows repeated failures for one username, then refuses it for 15 minutes; a success resets', async () => {
    const { clock, waits, logins } = throttle();
    const { run, emulator } = await startGraphQL({ emulator: { seed }, server: { logins } });
    const attempt = (username: string, pw: string) =>
      run(issue, { input: { username, password: pw } });
    for (let i = 0; i < 5; i++) {
      expect(errorCode(await attempt('alice', `guess-${i}`))).toBe('BAD_USER_INPUT');
    }
    // Two free tries, then 0.5 s, 1 s, 2 s before the third, fourth and fifth.
    expect(waits).toEqual([500, 1000, 2000]);
    const tokenCalls = emulator.calls.count('token');
    // Locked: even the right password is refused, without asking Easemob.
    const locked = await attempt('alice', password);
    expect(errorCode(locked)).toBe('RATE_LIMITED');
    expect(locked.errors![0]!.message).toBe(
      'too many failed logins for this username; try again later',
    );
    expect(locked.errors![0]!.extensions!.retryAfterMs).toBe(15 * 60_000);
    clock.advance(10 * 60_000);
    expect((await attempt('alice', password)).errors![0]!.extensions!.retryAfterMs).toBe(
      5 * 60_000,
    );
    expect(emulator.calls.count('token')).toBe(tokenCalls);
    // Another username is not affected.
    expect((await attempt('bob', 'bob-password')).errors).toBeUndefined();
    clock.advance(5 * 60_000);
    expect((await attempt('alice', password)).errors).toBeUndefined();
    // The success forgot the failures: two more wrong tries cost no wait.
    waits.length = 0;
    await attempt('alice', 'guess-again');
    await attempt('alice', 'guess-again');
    expect(waits).toEqual([]);
  });

  it('counts an unknown username like a wrong password: the lockout tells nothing either', async () => {
    const { logins } = throttle();
    const { run } = await startGraphQL({ emulator: { seed }, server: { logins } });
    for (let i = 0; i < 5; i++) {
      await run(issue, { input: { username: 'nobody', password: 'guess' } });
    }
    expect(errorCode(await run(issue, { input: { username: 'nobody', password: 'x' } }))).toBe(
      'RATE_LIMITED',
    );
  });

  it('does not count Easemob failing as a wrong password', async () => {
    const { waits, logins } = throttle();
    const { run, emulator } = await startGraphQL({
      emulator: { seed },
      client: { retry: { maxRetries: 0 } },
      server: { logins },
    });
    // The app token first, so the faults below hit the user-token calls.
    await run('{ user(username: "bob") { username } }');
    emulator.faults.add({ endpoint: 'token', kind: 'status', status: 503, times: 6 });
    for (let i = 0; i < 6; i++) {
      expect(errorCode(await run(issue, { input: { username: 'alice', password } }))).toBe(
        'UPSTREAM_UNAVAILABLE',
      );
    }
    expect(waits).toEqual([]);
    expect((await run(issue, { input: { username: 'alice', password } })).errors).toBeUndefined();
  });

  it('validates the input before any call (the password is never echoed)', async () => {
    const { run, emulator } = await startGraphQL({ emulator: { seed } });
    const secret = 'x'.repeat(65);
    const response = await run(issue, { input: { username: 'alice', password: secret } });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe('input.password');
    expect(JSON.stringify(response)).not.toContain(secret);
    const ttl = await run(issue, { input: { username: 'alice', password, ttlSeconds: -1 } });
    expect(ttl.errors![0]!.extensions!.field).toBe('input.ttlSeconds');
    expect(emulator.calls.count('token')).toBe(0);
  });

  it('never writes the password or the token into a log line or a metric', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const logger = createLogger('trace', stream);
    const metrics = createMetrics({ processMetrics: false });
    const { execute, yoga } = await startGraphQL({
      emulator: { seed },
      client: { logger: logger.child({ component: 'easemob' }), observer: metrics.observer },
      server: { logger, metrics },
    });
    const ok = await execute(IssueUserTokenDocument, { username: 'alice', password });
    const accessToken = ok.data!.issueUserToken.accessToken;
    const failed = await execute(IssueUserTokenDocument, {
      username: 'alice',
      password: 'a-wrong-password-to-find',
    });
    expect(failed.errors![0]!.message).toBe('invalid username or password');
    const scraped = await (await yoga.fetch('http://localhost/metrics')).text();
    expect(lines.length).toBeGreaterThan(0);
    expect(scraped).toContain('easemob_');
    for (const text of [lines.join('\n'), scraped]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain('a-wrong-password-to-find');
      expect(text).not.toContain(accessToken);
    }
  });
});
