import { isAsyncIterable } from 'graphql-yoga';
import { errorCodes } from '../errors.js';
/**
 * Answers HTTP 429 with `Retry-After` when the whole request was refused for lack of budget: every
 * error is RATE_LIMITED and no field has data. Anything partly served stays a 200 (its data is
 * worth having); subscriptions and streams are left alone.
 */
export function useRateLimitedStatus() {
    return {
        onExecutionResult({ result, setResult }) {
            if (!result || Array.isArray(result) || isAsyncIterable(result))
                return;
            const errors = result.errors ?? [];
            if (errors.length === 0)
                return;
            if (!errors.every((error) => error.extensions?.code === errorCodes.rateLimited))
                return;
            const data = result.data;
            if (data && Object.values(data).some((value) => value !== null && value !== undefined)) {
                return;
            }
            const waitMs = Math.max(0, ...errors.map((error) => Number(error.extensions?.retryAfterMs) || 0));
            const extensions = result.extensions ?? {};
            setResult({
                ...result,
                extensions: {
                    ...extensions,
                    // Yoga turns this into the status and headers, and leaves it out of the body.
                    http: {
                        status: 429,
                        headers: { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) },
                    },
                },
            });
        },
    };
}
//# sourceMappingURL=rate-limited-status.js.map