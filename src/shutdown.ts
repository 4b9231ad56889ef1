import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Draining an HTTP server: stop accepting, let the requests in flight finish, and make sure no
 * kept-alive connection carries a new one.
 *
 * `server.close()` alone stops accepting and (Node ≥ 19) closes idle connections, but a response
 * still in flight goes out with `Connection: keep-alive`, so its client may send its next request
 * on that connection just as it is closed — a reset. Once draining, every response not yet
 * started is sent with `Connection: close` (Node's `shouldKeepAlive = false` does that and closes
 * the socket after it), and a connection that turns idle is closed at once.
 */
export interface Drain {
  /** The request listener's first step: counts the request, and marks it once draining. */
  track(request: IncomingMessage, response: ServerResponse): void;
  /** Requests whose response has not finished. */
  readonly inFlight: number;
  readonly draining: boolean;
  /** Stops accepting connections, closes idle ones, tells the busy ones to close when done. */
  start(): void;
  /** Resolves when the server has closed: no connection left (after {@link start}). */
  readonly closed: Promise<void>;
}

export function createDrain(http: Server): Drain {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const closeIdle = () => setImmediate(() => http.closeIdleConnections());
  return {
    track(_request, response) {
      inFlight.add(response);
      if (draining) response.shouldKeepAlive = false;
      response.once('close', () => {
        inFlight.delete(response);
        // A response whose headers went out before draining (an SSE stream) said keep-alive.
        if (draining) closeIdle();
      });
    },
    get inFlight() {
      return inFlight.size;
    },
    get draining() {
      return draining;
    },
    start() {
      if (draining) return;
      draining = true;
      if (!http.listening) {
        markClosed();
        return;
      }
      http.close(() => markClosed());
      for (const response of inFlight) {
        if (!response.headersSent) response.shouldKeepAlive = false;
      }
      http.closeIdleConnections();
    },
    closed,
  };
}
