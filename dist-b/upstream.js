import { createEasemobClient } from './easemob/client.js';
import { callScope } from './request-scope.js';
/**
 * The Easemob this process talks to: the configured one, or, with no Easemob configured, an
 * embedded emulator seeded with demo data.
 */
export async function connectUpstream(config, logger, shared, 
/** Metrics and tracing hooks of the client. */
observer) {
    let emulator;
    let connection;
    if (config.easemob.mode === 'remote') {
        connection = config.easemob;
    }
    else {
        // Loaded only here: a gateway in front of the real Easemob never holds the emulator (~20 MB).
        const { startEmulator } = await import('./emulator/server.js');
        emulator = await startEmulator({ seed: 'demo', host: '127.0.0.1', port: 0 });
        connection = {
            baseUrl: emulator.url,
            orgName: emulator.orgName,
            appName: emulator.appName,
            clientId: emulator.clientId,
            clientSecret: emulator.clientSecret,
        };
    }
    const client = createEasemobClient({
        ...connection,
        timeoutMs: config.upstream.timeoutMs,
        maxConnections: config.upstream.maxConnections,
        retry: { maxRetries: config.upstream.maxRetries, budgetMs: config.upstream.retryBudgetMs },
        // 0: no client-side budget (a plan with raised limits, the emulator, a benchmark).
        rateBudgets: config.upstream.appRatePerSecond === 0
            ? false
            : { appPerSecond: config.upstream.appRatePerSecond, maxWaitMs: config.upstream.maxWaitMs },
        circuitBreaker: circuitBreakerOf(config.upstream),
        token: shared?.tokenStore ? { shared: shared.tokenStore } : undefined,
        sharedRateLimiter: shared?.rateLimiter,
        logger,
        observer,
        // Each call spends the fair share of the request it is made for, and stops with it.
        scope: callScope,
    });
    return {
        client,
        emulator,
        async close() {
            await client.close();
            await emulator?.close();
        },
    };
}
/** UPSTREAM_CIRCUIT_FAILURE_RATE=0 turns the breaker off. */
function circuitBreakerOf(upstream) {
    if (upstream.circuitFailureRate === 0)
        return false;
    return {
        failureRate: upstream.circuitFailureRate,
        windowMs: upstream.circuitWindowMs,
        minCalls: upstream.circuitMinCalls,
        halfOpenAfterMs: upstream.circuitHalfOpenMs,
    };
}
//# sourceMappingURL=upstream.js.map