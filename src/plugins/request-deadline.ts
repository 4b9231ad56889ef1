import type { Plugin } from 'graphql-yoga';
import { requestScope } from '../request-scope.js';

/** REQUEST_TIMEOUT_MS's default: a request not answered by then is answered with what it has. */
export const defaultRequestTimeoutMs = 10_000;

/**
 * Ends each query and mutation at its deadline (counted from arrival) or when its caller
 * disconnects: the signal in the request scope tells the Easemob client to make no further call,
 * so a caller that gave up stops costing budget. Subscriptions live on: only their caller's
 * disconnection ends them.
 */
export function useRequestDeadline(timeoutMs = defaultRequestTimeoutMs): Plugin {
  const disconnected = (context: unknown) =>
    (context as { request?: Request } | undefined)?.request?.signal;
  return {
    onRequest() {
      const scope = requestScope.getStore();
      if (scope) scope.deadlineAt = Date.now() + timeoutMs;
    },
    onExecute({ args }) {
      const scope = requestScope.getStore();
      if (!scope) return;
      scope.deadlineAt ??= Date.now() + timeoutMs;
      // One controller and one timer, both released when execution ends (AbortSignal.timeout's
      // would live for the whole timeout, thousands at a time under load).
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new DOMException('the request passed its deadline', 'TimeoutError')),
        Math.max(1, scope.deadlineAt - Date.now()),
      );
      timer.unref();
      const request = disconnected(args.contextValue);
      // A caller that left reads no answer: the executor stops resolving instead of failing each
      // field still waiting (500 errors for a 500-entity query cut off). At the deadline the
      // fields fail one by one, since the caller is still there for what was resolved. The
      // executor checks its signal before every field; the request's own signal is whatwg-node's
      // Proxy, whose every property read costs a string search (6 % of a 1,000-contact query's
      // CPU), so it gets a native signal that follows the request's.
      const gone = new AbortController();
      const onDisconnect = () => {
        gone.abort(request?.reason);
        controller.abort(request?.reason);
      };
      if (request?.aborted) onDisconnect();
      else request?.addEventListener('abort', onDisconnect, { once: true });
      scope.signal = controller.signal;
      (args as { signal?: AbortSignal }).signal = gone.signal;
      return {
        onExecuteDone() {
          clearTimeout(timer);
          request?.removeEventListener('abort', onDisconnect);
        },
      };
    },
    onSubscribe({ args }) {
      const scope = requestScope.getStore();
      const request = disconnected(args.contextValue);
      if (scope && request) scope.signal = request;
    },
  };
}
