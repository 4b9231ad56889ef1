import { SignJWT } from 'jose';
import type { AuthConfig } from '../../src/config.js';

export const jwtSecret = 'test-secret-that-is-at-least-32-characters-long';
export const adminKey = 'test-admin-api-key-0123456789abcdef';

/** Authentication as a deployment would configure it: HS256 JWTs for users, an API key for admins. */
export const testAuth = (overrides: Partial<AuthConfig> = {}): AuthConfig => ({
  jwt: { secret: jwtSecret, usernameClaim: 'sub', rolesClaim: 'roles', adminRole: 'admin' },
  adminApiKeys: [adminKey],
  publicProfiles: true,
  open: false,
  ...overrides,
});

export async function userToken(
  sub: string,
  options: {
    roles?: string[];
    expiresIn?: string;
    secret?: string;
    claims?: Record<string, unknown>;
  } = {},
) {
  return new SignJWT({ roles: options.roles ?? [], ...options.claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? jwtSecret));
}

export const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });
