import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { username as usernameRule } from '../easemob/input.js';
import { errorCodes } from '../errors.js';
/**
 * How long a JWT may live. A token is a bearer credential a frontend holds: one that never expires,
 * or lives for a month, cannot be taken back when a device is lost. Refused: no `exp` (unless
 * JWT_REQUIRE_EXP=false), `exp` more than JWT_MAX_LIFETIME_SECONDS after `iat` (after now when there
 * is no `iat`), an `iat` in the future. JWT_CLOCK_SKEW_SECONDS is the leeway for clocks that
 * disagree, on `exp`, `nbf` and `iat` alike.
 */
export const defaultJwtLifetime = {
    requireExp: true,
    maxLifetimeSeconds: 86_400,
    clockSkewSeconds: 30,
};
/**
 * Reads `Authorization: Bearer …`: an admin API key (compared in constant time), else a JWT
 * (HS256 with JWT_SECRET, or RS256/ES256 from JWT_JWKS_URL). No header: anonymous — or admin in the
 * emulator's open dev mode. A header that does not verify is refused, never downgraded.
 */
export function createAuthenticator(auth, issued) {
    const keyDigests = auth.adminApiKeys.map(digest);
    const jwt = auth.jwt;
    const verifyKey = jwt?.secret
        ? new TextEncoder().encode(jwt.secret)
        : jwt?.jwksUrl
            ? createRemoteJWKSet(new URL(jwt.jwksUrl))
            : undefined;
    const algorithms = jwt?.secret ? ['HS256'] : ['RS256', 'ES256'];
    const lifetime = { ...defaultJwtLifetime, ...jwt?.lifetime };
    return async (request) => {
        const header = request.headers.get('authorization');
        if (!header)
            return auth.open ? { kind: 'admin', via: 'open' } : { kind: 'anonymous' };
        const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
        if (!match)
            throw unauthenticated('the Authorization header must be "Bearer <token>"');
        const credential = match[1];
        if (keyDigests.length > 0) {
            const candidate = digest(credential);
            if (isAdminKey(candidate, keyDigests)) {
                return { kind: 'admin', via: 'api-key', keyId: candidate.toString('hex').slice(0, 12) };
            }
        }
        const own = await issued?.verify(credential);
        if (own) {
            // A token issued to an API key ends with the key: removing the key revokes its tokens.
            const keyId = own.kind === 'admin' && own.via === 'api-key' ? own.keyId : undefined;
            if (keyId !== undefined && !keyDigests.some((d) => d.toString('hex').startsWith(keyId))) {
                throw unauthenticated('invalid or expired token');
            }
            return own;
        }
        if (!jwt || !verifyKey)
            throw unauthenticated('invalid credentials');
        let payload;
        try {
            ({ payload } = await jwtVerify(credential, verifyKey, {
                algorithms,
                issuer: jwt.issuer,
                audience: jwt.audience,
                requiredClaims: lifetime.requireExp ? ['exp'] : [],
                clockTolerance: lifetime.clockSkewSeconds,
            }));
        }
        catch {
            // jose's reasons (expired, bad signature…) stay in our logs' absence: a client learns nothing.
            throw unauthenticated('invalid or expired token');
        }
        if (!lifetimeAllowed(payload, lifetime))
            throw unauthenticated('invalid or expired token');
        const roles = rolesOf(payload[jwt.rolesClaim]);
        const claimed = usernameRule.safeParse(payload[jwt.usernameClaim]);
        if (roles.includes(jwt.adminRole)) {
            return {
                kind: 'admin',
                via: 'jwt',
                username: claimed.success ? claimed.data : undefined,
                subject: typeof payload.sub === 'string' ? payload.sub : undefined,
            };
        }
        if (!claimed.success)
            throw unauthenticated(`the token's ${jwt.usernameClaim} is not an Easemob username`);
        return { kind: 'user', username: claimed.data, roles };
    };
}
/** After the signature and `exp`/`nbf` checks: the token's `iat` and the span it claims. */
function lifetimeAllowed(payload, lifetime) {
    const now = Math.floor(Date.now() / 1000);
    const { iat, exp } = payload;
    if (iat !== undefined && iat > now + lifetime.clockSkewSeconds)
        return false;
    if (exp === undefined)
        return true;
    return exp - (iat ?? now) <= lifetime.maxLifetimeSeconds;
}
function digest(value) {
    return createHash('sha256').update(value).digest();
}
/** Compares digests so every comparison takes the same time whatever the key's length or content. */
function isAdminKey(candidate, keyDigests) {
    let found = false;
    for (const key of keyDigests)
        found = timingSafeEqual(candidate, key) || found;
    return found;
}
function rolesOf(claim) {
    if (Array.isArray(claim))
        return claim.filter((r) => typeof r === 'string');
    if (typeof claim === 'string')
        return claim.split(/[\s,]+/).filter(Boolean);
    return [];
}
function unauthenticated(message) {
    return new GraphQLError(message, {
        extensions: { code: errorCodes.unauthenticated, http: { status: 401 } },
    });
}
//# sourceMappingURL=authenticate.js.map