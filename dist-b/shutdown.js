export function createDrain(http) {
    const inFlight = new Set();
    let draining = false;
    let markClosed;
    const closed = new Promise((resolve) => {
        markClosed = resolve;
    });
    const closeIdle = () => setImmediate(() => http.closeIdleConnections());
    return {
        track(_request, response) {
            inFlight.add(response);
            if (draining)
                response.shouldKeepAlive = false;
            response.once('close', () => {
                inFlight.delete(response);
                // A response whose headers went out before draining (an SSE stream) said keep-alive.
                if (draining)
                    closeIdle();
            });
        },
        get inFlight() {
            return inFlight.size;
        },
        get draining() {
            return draining;
        },
        start() {
            if (draining)
                return;
            draining = true;
            if (!http.listening) {
                markClosed();
                return;
            }
            http.close(() => markClosed());
            for (const response of inFlight) {
                if (!response.headersSent)
                    response.shouldKeepAlive = false;
            }
            http.closeIdleConnections();
        },
        closed,
    };
}
//# sourceMappingURL=shutdown.js.map