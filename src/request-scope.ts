import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallScope } from './easemob/admission.js';

/**
 * The request being served, so error ids and every log line (upstream calls too) can name it, and
 * the Easemob client knows whom a call is for: its caller and weight (set once authenticated) and
 * the signal that ends it (the caller disconnected or the request's deadline passed).
 */
export interface RequestScope extends Partial<CallScope> {
  requestId: string;
  // `caller` is `poller` for subscription polling, charged to its own fair share.
  /** When the request's deadline passes (ms since the epoch), if it has one. */
  deadlineAt?: number;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/**
 * Runs a call that serves several requests (a coalesced read) as `scope.caller`, ended by
 * `scope.signal` rather than by the first requester's own: the read layer's `runAs`.
 */
export function runShared<T>(
  scope: { caller: string; signal: AbortSignal },
  call: () => Promise<T>,
): Promise<T> {
  const current = requestScope.getStore();
  return requestScope.run(
    {
      requestId: current?.requestId ?? 'shared',
      caller: scope.caller,
      weight: current?.caller === scope.caller ? current.weight : undefined,
      signal: scope.signal,
    },
    call,
  );
}

/** What the read layer needs of the request scope: whom to charge and how to run as them. */
export const sharedReadScope = {
  currentCaller: () => requestScope.getStore()?.caller,
  runAs: runShared,
};

/** The Easemob client's `scope` option: the request in scope, once its caller is known. */
export function callScope(): CallScope | undefined {
  const scope = requestScope.getStore();
  return scope?.caller === undefined ? undefined : (scope as CallScope);
}
