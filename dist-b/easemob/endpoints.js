import { EasemobInputError } from './errors.js';
/**
 * Every Easemob REST endpoint this project speaks, as Easemob's documentation describes it
 * (docs/easemob-api.md cites the page of each). The client builds its requests from this table and
 * the emulator routes by it, so the two cannot drift.
 *
 * Paths are relative to `/{org_name}/{app_name}`.
 * - `idempotent`: repeating the request after an ambiguous failure (timeout, reset, 500) cannot
 *   change the outcome, so the client may retry it. Sending a message and registering users are not.
 * - `bucket`: the documented rate-limit group besides the app-wide one (Easemob「接口限流说明」).
 */
export const endpoints = {
    token: { method: 'POST', path: '/token', idempotent: true },
    'users.create': { method: 'POST', path: '/users', idempotent: false },
    'users.get': { method: 'GET', path: '/users/:username', idempotent: true },
    'users.list': { method: 'GET', path: '/users', idempotent: true },
    'users.delete': { method: 'DELETE', path: '/users/:username', idempotent: true },
    // Deletes the N oldest users: repeating it after a lost answer would delete N more.
    'users.deleteMany': { method: 'DELETE', path: '/users', idempotent: false },
    'users.password': { method: 'PUT', path: '/users/:username/password', idempotent: true },
    'users.update': { method: 'PUT', path: '/users/:username', idempotent: true },
    'users.deactivate': { method: 'POST', path: '/users/:username/deactivate', idempotent: true },
    'users.activate': { method: 'POST', path: '/users/:username/activate', idempotent: true },
    'users.disconnect': { method: 'GET', path: '/users/:username/disconnect', idempotent: true },
    'contacts.add': {
        method: 'POST',
        path: '/users/:owner/contacts/users/:friend',
        idempotent: true,
    },
    'contacts.remove': {
        method: 'DELETE',
        path: '/users/:owner/contacts/users/:friend',
        idempotent: true,
    },
    'contacts.list': { method: 'GET', path: '/users/:owner/contacts/users', idempotent: true },
    'blocks.list': {
        method: 'GET',
        path: '/users/:owner/blocks/users',
        idempotent: true,
        bucket: 'blocks',
    },
    'blocks.add': {
        method: 'POST',
        path: '/users/:owner/blocks/users',
        idempotent: true,
        bucket: 'blocks',
    },
    'blocks.remove': {
        method: 'DELETE',
        path: '/users/:owner/blocks/users/:blocked',
        idempotent: true,
        bucket: 'blocks',
    },
    'status.get': { method: 'GET', path: '/users/:username/status', idempotent: true },
    'status.batch': {
        method: 'POST',
        path: '/users/batch/status',
        idempotent: true,
        bucket: 'batchStatus',
    },
    'offline.count': { method: 'GET', path: '/users/:owner/offline_msg_count', idempotent: true },
    'offline.status': {
        method: 'GET',
        path: '/users/:username/offline_msg_status/:msgId',
        idempotent: true,
    },
    'messages.send': { method: 'POST', path: '/messages', idempotent: false },
    'chatmessages.list': {
        method: 'GET',
        path: '/chatmessages',
        idempotent: true,
        bucket: 'chatHistory',
    },
    'presence.set': {
        method: 'POST',
        path: '/users/:username/presence/:resource/:status',
        idempotent: true,
        bucket: 'presence',
    },
    'presence.subscribe': {
        method: 'POST',
        path: '/users/:username/presence/:expiry',
        idempotent: true,
        bucket: 'presence',
    },
    'presence.get': {
        method: 'POST',
        path: '/users/:username/presence',
        idempotent: true,
        bucket: 'presence',
    },
    'presence.unsubscribe': {
        method: 'DELETE',
        path: '/users/:username/presence',
        idempotent: true,
        bucket: 'presence',
    },
    'presence.sublist': {
        method: 'GET',
        path: '/users/:username/presence/sublist',
        idempotent: true,
        bucket: 'presence',
    },
};
export const endpointNames = Object.keys(endpoints);
/**
 * Fills `:param` placeholders, URL-encoding each value. The input rules refuse dot segments before
 * a value gets here; this is the last line: a segment that is, or decodes to, `.`, `..` or
 * nothing, or that decodes to a separator, would let a path-normalising hop (nginx, Tomcat, a
 * WHATWG-URL proxy) send the call to another endpoint, so it is never sent.
 */
export function expandPath(template, params = {}) {
    return template.replace(/:([A-Za-z]+)/g, (_, name) => {
        const value = params[name];
        if (value === undefined)
            throw new Error(`missing path parameter ${name} for ${template}`);
        const segment = encodeURIComponent(value);
        if (unsafeSegment(segment)) {
            throw new EasemobInputError(name, 'must be a path segment: not empty, ".", ".." or a separator, however encoded');
        }
        return segment;
    });
}
/** Decoded as often as any hop might (`%252e` → `%2e` → `.`), until nothing changes. */
function unsafeSegment(segment) {
    let current = segment;
    for (let round = 0; round < 4; round++) {
        if (/^\s*\.{0,2}\s*$/.test(current))
            return true;
        // `;` starts a path parameter Tomcat strips (`..;x` is `..`); NUL ends the path in C.
        if (round > 0 && (/[/\\;?#]/.test(current) || current.includes('\0')))
            return true;
        let next;
        try {
            next = decodeURIComponent(current);
        }
        catch {
            return true;
        }
        if (next === current)
            return false;
        current = next;
    }
    return true;
}
/** The table widened to {@link EndpointSpec}, for code that reads optional fields like `bucket`. */
export const endpointSpecs = endpoints;
//# sourceMappingURL=endpoints.js.map