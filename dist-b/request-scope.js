import { AsyncLocalStorage } from 'node:async_hooks';
export const requestScope = new AsyncLocalStorage();
/**
 * Runs a call that serves several requests (a coalesced read) as `scope.caller`, ended by
 * `scope.signal` rather than by the first requester's own: the read layer's `runAs`.
 */
export function runShared(scope, call) {
    const current = requestScope.getStore();
    return requestScope.run({
        requestId: current?.requestId ?? 'shared',
        caller: scope.caller,
        weight: current?.caller === scope.caller ? current.weight : undefined,
        signal: scope.signal,
    }, call);
}
/** What the read layer needs of the request scope: whom to charge and how to run as them. */
export const sharedReadScope = {
    currentCaller: () => requestScope.getStore()?.caller,
    runAs: runShared,
};
/** The Easemob client's `scope` option: the request in scope, once its caller is known. */
export function callScope() {
    const scope = requestScope.getStore();
    return scope?.caller === undefined ? undefined : scope;
}
//# sourceMappingURL=request-scope.js.map