import { defaultCircuitBreakerOptions, } from './circuit-breaker.js';
import { Core } from './core.js';
import { appKeyName, parseInput } from './input.js';
import { easemobRateBudgets } from './rate-budget.js';
import { blocksResource, contactsResource } from './resources/contacts.js';
import { chatHistoryResource, messagesResource } from './resources/messages.js';
import { presenceResourceFor } from './resources/presence.js';
import { offlineResource, statusResource } from './resources/status.js';
import { tokensResource } from './resources/tokens.js';
import { usersResource } from './resources/users.js';
import { defaultRetryOptions } from './retry.js';
import { defaultTransportOptions } from './transport.js';
/**
 * A typed client for every endpoint in docs/easemob-api.md. Create one per process and share it.
 */
export function createEasemobClient(options) {
    const core = new Core({
        baseUrl: options.baseUrl,
        // A name outside the AppKey rules can only reach a wrong (or no) app: refused at once.
        orgName: parseInput(appKeyName, options.orgName, 'orgName'),
        appName: parseInput(appKeyName, options.appName, 'appName'),
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        timeoutMs: options.timeoutMs ?? defaultTransportOptions.timeoutMs,
        maxConnections: options.maxConnections ?? defaultTransportOptions.maxConnections,
        retry: { ...defaultRetryOptions, ...options.retry },
        rateBudgets: options.rateBudgets === false ? false : { ...easemobRateBudgets, ...options.rateBudgets },
        sharedRateLimiter: options.sharedRateLimiter,
        circuitBreaker: options.circuitBreaker === false
            ? false
            : { ...defaultCircuitBreakerOptions, ...options.circuitBreaker },
        appTokenTtlSeconds: options.appTokenTtlSeconds,
        token: options.token,
        logger: options.logger,
        observer: options.observer,
        scope: options.scope,
    });
    return {
        tokens: tokensResource(core),
        users: usersResource(core),
        contacts: contactsResource(core),
        blocks: blocksResource(core),
        status: statusResource(core),
        offline: offlineResource(core),
        messages: messagesResource(core),
        chatHistory: chatHistoryResource(core),
        presence: presenceResourceFor(core),
        /**
         * Admission control without a call. `await admission.acquire('status.batch')` waits for one
         * slot of that endpoint's budget (its own bucket and the app-wide one) with the same fair
         * share, wait bound and abort signal as a call made in the current scope (or `scope`), and
         * rejects with the same `EasemobError` (`budget_wait_exceeded`, `rate_budget_exhausted`,
         * `deadline_exceeded`, `caller_gone`). The slot is then spent by the next call made with
         * `{ slot: 'acquired' }` (e.g. `status.getMany(names, { slot: 'acquired' })`): its first
         * attempt does not wait again; retries do. A slot not used is simply spent.
         */
        admission: {
            acquire: (endpoint, scope) => core.acquire(endpoint, scope),
            /** Calls waiting for the app-wide budget now (metrics, tests). */
            get waiting() {
                return core.waiting;
            },
        },
        /** The circuit breaker's state and transitions (read-only). */
        circuit: core.circuit,
        close: () => core.close(),
    };
}
//# sourceMappingURL=client.js.map