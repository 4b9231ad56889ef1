import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Work a bench server still has in flight. autocannon ends a round with 32 requests unanswered, and
 * the server finishes their Easemob calls anyway; `GET /_idle` answers once nothing is left, so the
 * next round is neither slowed by that work nor charged with its calls.
 */
export function idleTracker() {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const done = () => {
    if (--inFlight === 0) for (const resolve of waiting.splice(0)) resolve();
  };
  return {
    /** Counts `work` in flight until it settles. */
    track<T>(work: () => T | Promise<T>): Promise<T> {
      inFlight++;
      return Promise.resolve().then(work).finally(done);
    },
    /** Answers `GET /_idle` once nothing is in flight; false for any other request. */
    answered(request: IncomingMessage, response: ServerResponse): boolean {
      if (request.url !== '/_idle') return false;
      const reply = () => response.writeHead(204).end();
      if (inFlight === 0) reply();
      else waiting.push(reply);
      return true;
    },
  };
}
