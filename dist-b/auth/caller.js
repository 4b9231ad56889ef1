/** Admin API keys (a backend, a batch job) get this many calls of the budget for a user's one. */
export const defaultAdminApiKeyWeight = 4;
/**
 * Whose fair share of the Easemob budget a request spends: one identity per person or key, never
 * the credential itself. `address`: the client's IP, for anonymous callers.
 */
export function callerOf(viewer, address) {
    if (viewer.kind === 'user')
        return `user:${viewer.username}`;
    if (viewer.kind === 'anonymous')
        return `anon:${address ?? 'anonymous'}`;
    if (viewer.via === 'api-key')
        return `key:${viewer.keyId ?? 'unknown'}`;
    if (viewer.via === 'jwt')
        return `admin:${viewer.subject ?? viewer.username ?? 'unknown'}`;
    return 'dev';
}
export function weightOf(viewer, adminApiKeyWeight) {
    return viewer.kind === 'admin' && viewer.via === 'api-key' ? adminApiKeyWeight : 1;
}
//# sourceMappingURL=caller.js.map