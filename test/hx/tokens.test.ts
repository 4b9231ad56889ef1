import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../src/auth/authenticate.js';
import { createHxTokens } from '../../src/hx/tokens.js';
import { adminKey, bearer, testAuth, userToken } from '../support/auth.js';
import { manualClock } from '../support/clock.js';

const request = (credential: string) =>
  new Request('http://localhost/graphql', { headers: bearer(credential) });

describe('tokens of /hx/getToken', () => {
  it('stand for the admin that asked for them until they expire', async () => {
    const clock = manualClock();
    const tokens = createHxTokens({ ttlSeconds: 60, now: clock.now });
    const { token, expiresIn } = await tokens.issue({
      kind: 'admin',
      via: 'jwt',
      subject: 'ops',
      username: 'root',
    });
    expect(expiresIn).toBe(60);
    expect(await tokens.verify(token)).toEqual({
      kind: 'admin',
      via: 'jwt',
      subject: 'ops',
      username: 'root',
    });
    clock.advance(61_000);
    await expect(tokens.verify(token)).rejects.toMatchObject({
      message: 'invalid or expired token',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('are told apart from other credentials without verifying them', async () => {
    const tokens = createHxTokens();
    expect(await tokens.verify(adminKey)).toBeUndefined();
    expect(await tokens.verify(await userToken('u1', { roles: ['admin'] }))).toBeUndefined();
  });

  it('make the authenticator answer the admin of the key they were issued to, with its fair share', async () => {
    const tokens = createHxTokens({ jwtSecret: testAuth().jwt!.secret });
    const authenticate = createAuthenticator(testAuth(), tokens);
    const asKey = await authenticate(request(adminKey));
    const { token } = await tokens.issue(asKey as Extract<typeof asKey, { kind: 'admin' }>);
    expect(await authenticate(request(token))).toEqual(asKey);
    // The same token means nothing to an authenticator without the facade.
    await expect(createAuthenticator(testAuth())(request(token))).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('stand for the open dev mode only on a server in open dev mode', async () => {
    const secret = 's'.repeat(40);
    const open = await createHxTokens({ secret, open: true }).issue({ kind: 'admin', via: 'open' });
    expect(await createHxTokens({ secret, open: true }).verify(open.token)).toEqual({
      kind: 'admin',
      via: 'open',
    });
    await expect(createHxTokens({ secret }).verify(open.token)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
