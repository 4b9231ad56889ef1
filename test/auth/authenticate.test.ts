import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../src/auth/authenticate.js';
import { adminKey, bearer, jwtSecret, testAuth, userToken } from '../support/auth.js';
import { rejectionOf } from '../support/easemob.js';
import { startGraphQL } from '../support/graphql.js';

const request = (headers: Record<string, string> = {}) =>
  new Request('http://localhost/graphql', { headers });

describe('authentication', () => {
  const authenticate = createAuthenticator(testAuth());

  it('no header is anonymous', async () => {
    expect(await authenticate(request())).toEqual({ kind: 'anonymous' });
  });

  it('an admin API key is admin; a near miss is refused', async () => {
    const viewer = await authenticate(request(bearer(adminKey)));
    // The key is named by a short hash of it (fair shares, logs), never by the key.
    expect(viewer).toEqual({
      kind: 'admin',
      via: 'api-key',
      keyId: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    expect(adminKey).not.toContain((viewer as { keyId: string }).keyId);
    const error = await rejectionOf(authenticate(request(bearer(`${adminKey}x`))));
    expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  });

  it('an HS256 JWT names the user from `sub`, lower-cased', async () => {
    const viewer = await authenticate(
      request(bearer(await userToken('Alice', { roles: ['member'] }))),
    );
    expect(viewer).toEqual({ kind: 'user', username: 'alice', roles: ['member'] });
  });

  it('the admin role makes an admin', async () => {
    expect(
      await authenticate(request(bearer(await userToken('ops', { roles: ['admin'] })))),
    ).toEqual({
      kind: 'admin',
      via: 'jwt',
      username: 'ops',
      subject: 'ops',
    });
  });

  it.each([
    ['expired', () => userToken('alice', { expiresIn: '-1m' })],
    ['signed with another secret', () => userToken('alice', { secret: 'x'.repeat(40) })],
    ['not a JWT', async () => 'not-a-token'],
    ['a username Easemob would reject', () => userToken('no spaces allowed')],
  ])('refuses a token that is %s', async (_label, make) => {
    const error = await rejectionOf(authenticate(request(bearer(await make()))));
    expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(String((error as Error).message)).not.toContain(jwtSecret);
  });

  /** An HS256 token for alice with exactly these time claims (seconds from now; absent: none). */
  const timed = (claims: { iat?: number; exp?: number }) => {
    const now = Math.floor(Date.now() / 1000);
    const token = new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice');
    if (claims.iat !== undefined) token.setIssuedAt(now + claims.iat);
    if (claims.exp !== undefined) token.setExpirationTime(now + claims.exp);
    return token.sign(new TextEncoder().encode(jwtSecret));
  };
  const day = 86_400;

  it.each([
    ['has no exp', { iat: 0 }],
    ['has neither exp nor iat', {}],
    ['lives 30 days', { iat: 0, exp: 30 * day }],
    ['lives a day and a minute', { iat: -60, exp: day }],
    ['has no iat and expires in 30 days', { exp: 30 * day }],
    ['was issued 1 h in the future', { iat: 3600, exp: 3600 + 300 }],
  ])('refuses a token that %s', async (_label, claims) => {
    const error = await rejectionOf(authenticate(request(bearer(await timed(claims)))));
    expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  });

  it.each([
    ['was issued 10 s ahead (clock skew)', { iat: 10, exp: 300 }],
    ['lives exactly a day', { iat: 0, exp: day }],
    ['has no iat and expires within a day', { exp: 3600 }],
  ])('accepts a token that %s', async (_label, claims) => {
    expect(await authenticate(request(bearer(await timed(claims))))).toMatchObject({
      kind: 'user',
      username: 'alice',
    });
  });

  it('the lifetime rules are configurable: no exp allowed, a longer life, a wider skew', async () => {
    const auth = testAuth();
    const lenient = createAuthenticator({
      ...auth,
      jwt: {
        ...auth.jwt!,
        lifetime: { requireExp: false, maxLifetimeSeconds: 31 * day, clockSkewSeconds: 7200 },
      },
    });
    for (const claims of [{ iat: 0 }, { iat: 0, exp: 30 * day }, { iat: 3600, exp: 7200 }]) {
      expect(
        await lenient(request(bearer(await timed(claims)))),
        JSON.stringify(claims),
      ).toMatchObject({
        kind: 'user',
      });
    }
    const error = await rejectionOf(
      lenient(request(bearer(await timed({ iat: 0, exp: 32 * day })))),
    );
    expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses an Authorization header that is not Bearer', async () => {
    const error = await rejectionOf(authenticate(request({ authorization: 'Basic YWxpY2U6cHc=' })));
    expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('checks issuer and audience when configured, and reads configurable claims', async () => {
    const auth = testAuth();
    const strict = createAuthenticator({
      ...auth,
      jwt: {
        ...auth.jwt!,
        issuer: 'https://id.example.com',
        audience: 'easemob-graphql',
        usernameClaim: 'im_user',
        rolesClaim: 'scope',
      },
    });
    const sign = (claims: Record<string, unknown>, iss: string, aud: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(iss)
        .setAudience(aud)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(jwtSecret));
    const good = await sign(
      { im_user: 'bob', scope: 'read write' },
      'https://id.example.com',
      'easemob-graphql',
    );
    expect(await strict(request(bearer(good)))).toEqual({
      kind: 'user',
      username: 'bob',
      roles: ['read', 'write'],
    });
    const wrongIssuer = await sign(
      { im_user: 'bob' },
      'https://evil.example.com',
      'easemob-graphql',
    );
    expect(await rejectionOf(strict(request(bearer(wrongIssuer))))).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const wrongAudience = await sign({ im_user: 'bob' }, 'https://id.example.com', 'other');
    expect(await rejectionOf(strict(request(bearer(wrongAudience))))).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('open dev mode makes every caller without credentials an admin', async () => {
    const open = createAuthenticator({ adminApiKeys: [], publicProfiles: true, open: true });
    expect(await open(request())).toEqual({ kind: 'admin', via: 'open' });
  });
});

describe('JWKS (RS256 and ES256) from a real HTTP endpoint', () => {
  let server: Server | undefined;
  afterEach(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  );

  it.each(['RS256', 'ES256'] as const)(
    'verifies %s tokens against the published keys',
    async (alg) => {
      const { publicKey, privateKey } = await generateKeyPair(alg);
      const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg, use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const authenticate = createAuthenticator({
        ...testAuth(),
        jwt: {
          jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
          usernameClaim: 'sub',
          rolesClaim: 'roles',
          adminRole: 'admin',
        },
      });
      const token = await new SignJWT({ roles: [] })
        .setProtectedHeader({ alg, kid: 'k1' })
        .setSubject('carol')
        .setExpirationTime('5m')
        .sign(privateKey);
      expect(await authenticate(request(bearer(token)))).toEqual({
        kind: 'user',
        username: 'carol',
        roles: [],
      });
      // An HS256 token made with some secret must not pass a JWKS configuration.
      const forged = await userToken('carol');
      expect(await rejectionOf(authenticate(request(bearer(forged))))).toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    },
  );
});

describe('over GraphQL', () => {
  it('a JWT without exp is a 401 with UNAUTHENTICATED and no upstream call', async () => {
    const { post, emulator } = await startGraphQL({ server: { auth: testAuth() } });
    const forever = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuedAt()
      .sign(new TextEncoder().encode(jwtSecret));
    const { status, body } = await post(
      '{ user(username: "alice") { nickname } }',
      undefined,
      bearer(forever),
    );
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull();
    expect(emulator.calls.count()).toBe(0);
  });

  it('a bad token is a 401 with UNAUTHENTICATED and no data', async () => {
    const { post, emulator } = await startGraphQL({ server: { auth: testAuth() } });
    const { status, body } = await post('{ viewer { username } }', undefined, bearer('garbage'));
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(emulator.calls.count()).toBe(0);
  });

  it('viewer is the caller', async () => {
    const { post } = await startGraphQL({
      emulator: { seed: { users: [{ username: 'alice', password: 'pw', nickname: 'Alice' }] } },
      server: { auth: testAuth() },
    });
    const { body } = await post(
      '{ viewer { username nickname } }',
      undefined,
      bearer(await userToken('alice')),
    );
    expect(body).toEqual({ data: { viewer: { username: 'alice', nickname: 'Alice' } } });
    const asKey = await post('{ viewer { username } }', undefined, bearer(adminKey));
    expect(asKey.body).toEqual({ data: { viewer: null } });
  });
});
