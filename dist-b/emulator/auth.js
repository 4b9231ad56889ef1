import { badAccessToken, noAdminAccess, unauthorized } from './envelope.js';
/**
 * Deactivate and activate document their own 401 body (Easemob「用户体系集成 › 账号禁用与解禁」).
 */
const securityDenied = new Set(['users.deactivate', 'users.activate']);
/**
 * The 401 for a caller without admin rights. usergrid names the permission it wanted, with the
 * user's uuid where the path names a user: `applications:get:{app uuid}:/users/{uuid}`.
 */
export function deniedResult(endpoint, method, relativePath, app, state) {
    if (securityDenied.has(endpoint))
        return noAdminAccess();
    const [, collection = '', name] = relativePath.split('/');
    let resource = `/${collection}`;
    if (collection === 'users' && name) {
        const decoded = safeDecode(name);
        resource += `/${state.users.get(decoded)?.uuid ?? decoded}`;
    }
    return unauthorized(`applications:${method.toLowerCase()}:${app.appUuid}:${resource}`);
}
/** Checks the bearer token; user tokens never carry admin rights. */
export function authenticate(header, mode, state, denied) {
    const token = header && /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!token) {
        if (header && header.trim() !== '' && !/^Bearer\s*$/i.test(header)) {
            return { ok: false, result: badAccessToken(false) };
        }
        return mode === 'optional' ? { ok: true, hasAppToken: false } : { ok: false, result: denied() };
    }
    const check = state.tokens.check(token);
    if (!check.valid)
        return { ok: false, result: badAccessToken(check.reason === 'expired') };
    if (check.subject.kind !== 'app')
        return { ok: false, result: denied() };
    return { ok: true, hasAppToken: true };
}
function safeDecode(segment) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        return segment;
    }
}
//# sourceMappingURL=auth.js.map