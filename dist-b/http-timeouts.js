/**
 * Node's own (60 s for headers, 300 s for a request) let a client hold a connection open for
 * minutes by trickling a byte at a time. The request timeout stays above the request deadline
 * (REQUEST_TIMEOUT_MS, 10 s) with room for the body, so an operation's own deadline answers
 * first. 5 s keep-alive is Node's default, below the usual 60 s of load balancers.
 */
export const httpTimeoutDefaults = {
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    keepAliveTimeoutMs: 5_000,
};
/** node:http's options for these timeouts. */
export function httpServerOptions(timeouts) {
    return {
        headersTimeout: timeouts.headersTimeoutMs,
        requestTimeout: timeouts.requestTimeoutMs,
        keepAliveTimeout: timeouts.keepAliveTimeoutMs,
        // Node enforces the first two only when it checks its connections, every 30 s by default:
        // a 10-s limit would be a 40-s one.
        connectionsCheckingInterval: Math.min(1000, Math.ceil(Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs) / 4)),
    };
}
//# sourceMappingURL=http-timeouts.js.map