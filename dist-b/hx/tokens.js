import { createHmac, randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { errorCodes } from '../errors.js';
/** HX_TOKEN_TTL_SECONDS's default: a token from `/hx/getToken` lives an hour. */
export const defaultHxTokenTtlSeconds = 3600;
/** Our tokens' `typ`, `iss` and `aud`: never mistaken for a user's JWT, nor one for ours. */
const type = 'hx+jwt';
const issuer = 'easemob-graphql';
const audience = 'easemob-graphql/hx';
/**
 * Short-lived tokens signed by this server (HS256), handed out by `/hx/getToken` instead of the
 * Easemob admin token the original backend gave away (/hx wrapper「IM环信接口文档 › 获取 APP 管理员
 * Token」). Each carries the identity of the admin credential that asked for it, so it spends that
 * credential's share of the call budget. Without HX_TOKEN_SECRET or JWT_SECRET the key is drawn at
 * start-up: tokens then die with the process and other instances refuse them.
 */
export function createHxTokens(options = {}) {
    const ttlSeconds = options.ttlSeconds ?? defaultHxTokenTtlSeconds;
    const now = options.now ?? Date.now;
    const key = options.secret
        ? new TextEncoder().encode(options.secret)
        : options.jwtSecret
            ? createHmac('sha256', options.jwtSecret).update(audience).digest()
            : randomBytes(32);
    return {
        async issue(admin) {
            const issuedAt = Math.floor(now() / 1000);
            const claims = {
                via: admin.via,
                keyId: admin.keyId,
                username: admin.username,
                subject: admin.subject,
            };
            const token = await new SignJWT(claims)
                .setProtectedHeader({ alg: 'HS256', typ: type })
                .setIssuer(issuer)
                .setAudience(audience)
                .setSubject(admin.subject ?? admin.keyId ?? admin.via)
                .setIssuedAt(issuedAt)
                .setExpirationTime(issuedAt + ttlSeconds)
                .sign(key);
            return { token, expiresIn: ttlSeconds };
        },
        async verify(credential) {
            if (!ours(credential))
                return undefined;
            let payload;
            try {
                ({ payload } = await jwtVerify(credential, key, {
                    algorithms: ['HS256'],
                    issuer,
                    audience,
                    typ: type,
                    currentDate: new Date(now()),
                }));
            }
            catch {
                throw unauthenticated();
            }
            const via = payload.via;
            const username = typeof payload.username === 'string' ? payload.username : undefined;
            if (via === 'api-key' && typeof payload.keyId === 'string') {
                return { kind: 'admin', via, keyId: payload.keyId };
            }
            if (via === 'jwt') {
                const subject = typeof payload.subject === 'string' ? payload.subject : undefined;
                return { kind: 'admin', via, username, subject };
            }
            if (via === 'open' && options.open)
                return { kind: 'admin', via };
            throw unauthenticated();
        },
    };
}
/** Only a token whose header says it is ours costs a verification. */
function ours(credential) {
    if (credential.split('.').length !== 3)
        return false;
    try {
        return decodeProtectedHeader(credential).typ === type;
    }
    catch {
        return false;
    }
}
function unauthenticated() {
    return new GraphQLError('invalid or expired token', {
        extensions: { code: errorCodes.unauthenticated, http: { status: 401 } },
    });
}
//# sourceMappingURL=tokens.js.map