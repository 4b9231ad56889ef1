import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate, deniedResult } from './auth.js';
import { bodyForStatus, errorResult, jsonParse, reachLimit } from './envelope.js';
const jsonType = 'application/json;charset=UTF-8';
// What a proxy cut short might deliver: the start of an envelope.
const malformedBody = '{"action":"post","application":"8be024f0-e978-11e8-b697-5d598d5f8402","entities":[{"uuid":';
/** Bodies are JSON whatever the Content-Type says: Easemob's curl examples often send none. */
function parseBody(raw) {
    if (typeof raw !== 'string' || raw.trim() === '')
        return { ok: true, value: undefined };
    try {
        return { ok: true, value: JSON.parse(raw) };
    }
    catch (error) {
        return { ok: false, raw, message: error.message };
    }
}
/**
 * The pipeline every endpoint call goes through: count it, let a 'before' fault answer or delay
 * it, apply rate limits, check the token and the body, run the route, then let an 'after' fault
 * replace the answer of a call that was processed.
 */
export function endpointHandler(endpoint, def, deps) {
    const prefix = `/${deps.app.orgName}/${deps.app.appName}`;
    return async (request, reply) => {
        const startedAt = deps.state.now();
        const parsed = parseBody(request.body);
        const path = request.url.split('?', 1)[0] ?? request.url;
        const record = deps.calls.start({
            endpoint,
            method: request.method,
            path,
            query: { ...request.query },
            body: parsed.ok ? parsed.value : parsed.raw,
            at: startedAt,
        });
        const before = deps.faults.take(endpoint, 'before');
        if (before?.kind === 'delay')
            await sleep(before.ms);
        else if (before)
            return answerFault(before, request, reply, record);
        if (!deps.limiter.allow(endpoint))
            return answer(reachLimit(), reply, record);
        const denied = () => deniedResult(endpoint, request.method, path.slice(prefix.length), deps.app, deps.state);
        let hasAppToken = false;
        if (def.auth !== 'none') {
            const auth = authenticate(request.headers.authorization, def.auth ?? 'app', deps.state, denied);
            if (!auth.ok)
                return answer(auth.result, reply, record);
            hasAppToken = auth.hasAppToken;
        }
        if (!parsed.ok)
            return answer(jsonParse(parsed.message), reply, record);
        const ctx = {
            endpoint,
            state: deps.state,
            app: deps.app,
            params: lowerUsernames(request.params),
            query: record.query,
            body: parsed.value,
            hasAppToken,
            baseUri: `http://${request.headers.host ?? deps.fallbackHost()}${prefix}`,
            startedAt,
            denied,
        };
        let result;
        try {
            result = await def.handle(ctx);
        }
        catch (error) {
            result = errorResult(500, 'internal_server_error', 'java.lang.RuntimeException', error.message);
        }
        const after = deps.faults.take(endpoint, 'after');
        if (after?.kind === 'delay')
            await sleep(after.ms);
        else if (after)
            return answerFault(after, request, reply, record);
        return answer(result, reply, record);
    };
}
// Path parameters that name users are case-insensitive; message ids, resources and the rest are not.
const usernameParams = new Set(['username', 'owner', 'friend', 'blocked']);
function lowerUsernames(params) {
    const out = {};
    for (const [key, value] of Object.entries(params)) {
        out[key] = usernameParams.has(key) ? value.toLowerCase() : value;
    }
    return out;
}
function answer(result, reply, record) {
    record.status = result.status;
    reply.code(result.status).type(jsonType);
    if (result.headers)
        reply.headers(result.headers);
    reply.send(typeof result.body === 'string' ? result.body : JSON.stringify(result.body));
}
/** The answer a fault gives instead of the real one; 'reset' drops the connection unanswered. */
function faultResult(fault) {
    switch (fault.kind) {
        case 'status': {
            const headers = {};
            if (fault.retryAfter !== undefined)
                headers['retry-after'] = String(fault.retryAfter);
            return { status: fault.status, body: fault.body ?? bodyForStatus(fault.status), headers };
        }
        case 'respond':
            return { status: fault.status ?? 200, body: fault.body, headers: fault.headers ?? {} };
        case 'malformed':
            return { status: 200, body: malformedBody };
        case 'reset':
            return 'reset';
    }
}
function answerFault(fault, request, reply, record) {
    const result = faultResult(fault);
    if (result !== 'reset') {
        answer(result, reply, record);
        return;
    }
    record.status = 0;
    reply.hijack();
    request.raw.socket.destroy();
}
//# sourceMappingURL=dispatch.js.map