/** Admin bodies are JSON whatever the Content-Type, like the emulated API's. */
function json(raw) {
    if (typeof raw !== 'string' || raw.trim() === '')
        return {};
    const value = JSON.parse(raw);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new TypeError('body must be a JSON object');
    }
    return value;
}
function fail(reply, status, error) {
    reply.code(status).send({ error: error instanceof Error ? error.message : String(error) });
}
/**
 * Control routes under /_emulator/ for tests that drive another process. No auth, never
 * counted, never faulted or rate limited.
 */
export function registerAdminRoutes(server, deps) {
    const { state, calls, faults } = deps;
    server.post('/_emulator/users', async (request, reply) => {
        try {
            const body = json(request.body);
            const user = state.createUser({
                username: String(body.username ?? ''),
                password: String(body.password ?? ''),
                ...(typeof body.nickname === 'string' ? { nickname: body.nickname } : {}),
            });
            return user;
        }
        catch (error) {
            return fail(reply, 400, error);
        }
    });
    server.post('/_emulator/users/:username/online', async (request, reply) => {
        try {
            const body = json(request.body);
            if (typeof body.online !== 'boolean')
                throw new TypeError('online must be a boolean');
            state.setOnline(request.params.username, body.online);
            const username = request.params.username.toLowerCase();
            return { username, online: body.online, offlineCount: state.offlineCount(username) };
        }
        catch (error) {
            return fail(reply, state.getUser(request.params.username) ? 400 : 404, error);
        }
    });
    server.post('/_emulator/faults', async (request, reply) => {
        try {
            return { id: faults.add(json(request.body)) };
        }
        catch (error) {
            return fail(reply, 400, error);
        }
    });
    server.delete('/_emulator/faults/:id', async (request) => ({
        removed: faults.remove(request.params.id),
    }));
    server.delete('/_emulator/faults', async () => {
        faults.clear();
        return { cleared: true };
    });
    server.get('/_emulator/calls', async () => calls.snapshot());
    server.delete('/_emulator/calls', async () => {
        calls.reset();
        return { reset: true };
    });
    server.post('/_emulator/token-lifetime', async (request, reply) => {
        try {
            const { seconds } = json(request.body);
            if (seconds !== null && !(typeof seconds === 'number' && seconds >= 0)) {
                throw new TypeError('seconds must be a non-negative number or null');
            }
            state.setTokenLifetime(seconds);
            return { seconds };
        }
        catch (error) {
            return fail(reply, 400, error);
        }
    });
    server.post('/_emulator/tokens/revoke', async () => {
        state.revokeTokens();
        return { revoked: true };
    });
    server.get('/_emulator/messages', async () => state.sentMessages);
}
//# sourceMappingURL=admin.js.map