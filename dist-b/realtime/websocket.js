import { GraphQLError, getOperationAST, } from 'graphql';
import { CloseCode, handleProtocols, makeServer, } from 'graphql-ws';
import { WebSocketServer } from 'ws';
/**
 * 1000 sockets cost little memory; what a socket costs is its subscriptions, bounded on their own
 * (SUBSCRIPTIONS_PER_CONNECTION). 20 per address leaves room for a user's tabs and devices behind
 * one NAT. 3 s is graphql-ws's own default: a client sends `connection_init` at once.
 */
export const webSocketLimitDefaults = {
    maxConnections: 1000,
    maxConnectionsPerAddress: 20,
    connectionInitTimeoutMs: 3000,
};
/** graphql-ws's server pings this often and drops a client that has not answered by the next. */
const keepAliveMs = 12_000;
/**
 * graphql-ws (WebSocket) on the same port and path as HTTP, running every operation through
 * yoga's own pipeline (auth, limits, masking). Credentials come from the connection's
 * `authorization` payload, else the upgrade request's header; they are checked on
 * `connection_init` (refused: closed 4403 before any subscription) and again per subscription.
 *
 * A subscription refused before its first event (a syntax error, the cost limits, the call limit,
 * the subscription limits, its authorization) is answered the way graphql-ws answers invalid
 * ones: an `error` message for that id, the socket staying open for the others.
 *
 * graphql-ws's own `ws` adapter (`graphql-ws/use/ws`) is not used: it prints errors with
 * console.error (a stack on stdout, where every line must be a JSON log line) and closes the socket
 * with 4500 on any error thrown while handling a message.
 */
export function serveWebSockets(http, 
// biome-ignore lint/suspicious/noExplicitAny: any server context, any user context
yoga, options) {
    const limits = { ...webSocketLimitDefaults, ...options };
    const { logger } = options;
    // Upgrades are handed over here rather than with `{ server: http }`: attached that way, ws
    // re-emits the HTTP server's own errors (EADDRINUSE…) — the listen error is main.ts's to report.
    const wss = new WebSocketServer({
        noServer: true,
        maxPayload: options.maxPayloadBytes,
        handleProtocols,
    });
    const connections = new ConnectionCounts(limits);
    http.on('upgrade', (request, socket, head) => {
        if (request.url?.split('?', 1)[0] !== yoga.graphqlEndpoint) {
            refuseUpgrade(socket, 400, 'Bad Request');
            return;
        }
        const address = request.socket.remoteAddress ?? '';
        const admitted = connections.admit(address);
        if (admitted !== true) {
            logger?.info({ address, limit: admitted.limit, max: admitted.max }, 'WebSocket refused');
            refuseUpgrade(socket, admitted.status, admitted.statusText);
            return;
        }
        // The TCP connection's end, whether the handshake completed or not.
        socket.once('close', () => connections.release(address));
        wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    });
    const requestOf = (ctx) => {
        const given = ctx.connectionParams?.authorization;
        const authorization = typeof given === 'string' ? given : ctx.extra.request.headers.authorization;
        return new Request(`http://localhost${yoga.graphqlEndpoint}`, {
            headers: authorization ? { authorization } : {},
        });
    };
    const server = makeServer({
        connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
        onNext: (_ctx, _id, _payload, _args, result) => result.errors ? { ...result, errors: result.errors.map(withoutHttp) } : undefined,
        onError: (_ctx, _id, _payload, errors) => errors.map(withoutHttp),
        execute: (args) => args.rootValue.execute(args),
        subscribe: (args) => args.rootValue.subscribe(args),
        onConnect: async (ctx) => {
            try {
                await options.authenticate(requestOf(ctx));
                return true;
            }
            catch (error) {
                if (!(error instanceof GraphQLError))
                    throw error;
                // `false` is graphql-ws's refusal: closed with 4403 Forbidden, no `connection_ack`.
                logger?.info({ code: error.extensions.code, reason: error.message, transport: 'websocket' }, 'credentials refused');
                return false;
            }
        },
        onSubscribe: async (ctx, _id, payload) => {
            const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
                ...ctx,
                request: requestOf(ctx),
                params: payload,
                // One object per socket: subscriptions count against their connection's limit.
                connection: ctx,
            });
            try {
                const args = {
                    schema,
                    operationName: payload.operationName,
                    document: parse(payload.query),
                    variableValues: payload.variables,
                    contextValue: await contextFactory(),
                    rootValue: { execute, subscribe },
                };
                const errors = validate(args.schema, args.document);
                if (errors.length)
                    return errors;
                if (getOperationAST(args.document, args.operationName)?.operation !== 'subscription') {
                    return args;
                }
                const started = await subscribe(args);
                const refused = isAsyncIterable(started) ? undefined : started.errors;
                // graphql-ws takes only GraphQLError instances here; anything else goes out as `next`.
                if (refused?.length && refused.every((error) => error instanceof GraphQLError)) {
                    return [...refused];
                }
                args.rootValue = { execute, subscribe: () => started };
                return args;
            }
            catch (error) {
                // The caller's mistakes (a syntax error — yoga's parse gives it its code —, a document over
                // the token or alias limit, a credential that stopped verifying) are GraphQL errors with
                // a code: that id's answer, where graphql-ws would close the socket with 4500.
                if (error instanceof GraphQLError && error.extensions.code)
                    return [error];
                logger?.error({ error: describe(error) }, 'WebSocket subscribe failed');
                return [
                    new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
                ];
            }
        },
    });
    wss.on('connection', (socket, request) => {
        // ws has already closed the connection with the code that fits (1009 for an oversized message,
        // 1002 for a protocol violation); what is left is to say so, once, as a log line.
        socket.on('error', (error) => {
            logger?.info({ code: error.code, reason: error.message }, 'WebSocket closed by its error');
        });
        let pongWait;
        const pings = setInterval(() => {
            if (socket.readyState !== socket.OPEN)
                return;
            pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
            socket.once('pong', () => clearTimeout(pongWait));
            socket.ping();
        }, keepAliveMs);
        const closed = server.opened({
            protocol: socket.protocol,
            send: (data) => new Promise((resolve, reject) => {
                if (socket.readyState !== socket.OPEN)
                    return resolve();
                socket.send(data, (error) => (error ? reject(error) : resolve()));
            }),
            close: (code, reason) => socket.close(code, reason),
            onMessage: (handle) => socket.on('message', async (data) => {
                try {
                    await handle(String(data));
                }
                catch (error) {
                    logger?.error({ error: describe(error) }, 'WebSocket message failed');
                    socket.close(CloseCode.InternalServerError, 'Internal server error');
                }
            }),
        }, { socket, request });
        socket.once('close', (code, reason) => {
            clearInterval(pings);
            clearTimeout(pongWait);
            closed(code, String(reason)).catch((error) => {
                logger?.error({ error: describe(error) }, 'WebSocket close failed');
            });
        });
    });
    return {
        /** Closes every connection (1001 Going away) and waits for their closing handshakes. */
        close: async () => {
            for (const client of wss.clients)
                client.close(1001, 'Going away');
            await new Promise((resolve) => wss.close(() => resolve()));
        },
        /** Drops the connections still open, without a handshake. */
        terminate: () => {
            for (const client of wss.clients)
                client.terminate();
        },
        /** Open connections (upgrades in progress included). */
        get connections() {
            return connections.total;
        },
    };
}
/** Open connections, in all and per client address. */
class ConnectionCounts {
    limits;
    total = 0;
    byAddress = new Map();
    constructor(limits) {
        this.limits = limits;
    }
    admit(address) {
        const { maxConnections, maxConnectionsPerAddress } = this.limits;
        if (this.total >= maxConnections) {
            return {
                status: 503,
                statusText: 'Service Unavailable',
                limit: 'total',
                max: maxConnections,
            };
        }
        const mine = this.byAddress.get(address) ?? 0;
        if (maxConnectionsPerAddress > 0 && mine >= maxConnectionsPerAddress) {
            return {
                status: 429,
                statusText: 'Too Many Requests',
                limit: 'address',
                max: maxConnectionsPerAddress,
            };
        }
        this.total += 1;
        this.byAddress.set(address, mine + 1);
        return true;
    }
    release(address) {
        this.total -= 1;
        const left = (this.byAddress.get(address) ?? 1) - 1;
        if (left > 0)
            this.byAddress.set(address, left);
        else
            this.byAddress.delete(address);
    }
}
function refuseUpgrade(socket, status, statusText) {
    socket.end(`HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
/** yoga's hint at an HTTP status (`extensions.http`) means nothing on a WebSocket. */
function withoutHttp(error) {
    const formatted = error instanceof GraphQLError ? error.toJSON() : error;
    if (!formatted.extensions || !('http' in formatted.extensions))
        return formatted;
    const { http: _http, ...extensions } = formatted.extensions;
    const { extensions: _all, ...rest } = formatted;
    return Object.keys(extensions).length > 0 ? { ...rest, extensions } : rest;
}
function describe(error) {
    return error instanceof Error ? { type: error.name, message: error.message } : String(error);
}
function isAsyncIterable(value) {
    return Symbol.asyncIterator in value;
}
//# sourceMappingURL=websocket.js.map