import { GraphQLError } from 'graphql';
import { errorCodes } from '../errors.js';
import { estimateCalls } from '../schema/call-cost.js';
/**
 * Half a second of Easemob's default budget of 100 calls/s per app (Easemob REST: 接口调用频率限制):
 * one operation cannot hold the app's budget, and everyone else's requests, for longer than that.
 */
export const defaultMaxUpstreamCalls = 50;
/**
 * Refuses, after validation and before execution, an operation whose estimated Easemob calls
 * (src/schema/call-cost.ts) exceed `max`: it gets `QUERY_TOO_COMPLEX` with `estimatedCalls` and
 * `limit`, and costs no call. Runs wherever yoga's pipeline runs: HTTP, SSE, WebSocket (see
 * src/realtime/websocket.ts) and `_entities` from a gateway.
 */
export function useUpstreamCallLimit(options = {}) {
    const max = options.max ?? defaultMaxUpstreamCalls;
    const refusal = (args) => {
        const estimatedCalls = estimateCalls(args.schema, args.document, args.variableValues, args.operationName, { ...options, viewer: args.contextValue.viewer?.kind !== 'admin' });
        if (estimatedCalls <= max)
            return undefined;
        return {
            errors: [
                new GraphQLError(`operation can make ${estimatedCalls} Easemob calls, more than the limit of ${max}; ask for fewer users or fewer fields per user, or split it`, { extensions: { code: errorCodes.queryTooComplex, estimatedCalls, limit: max } }),
            ],
        };
    };
    return {
        onExecute({ args, setResultAndStopExecution }) {
            const refused = refusal(args);
            if (refused)
                setResultAndStopExecution(refused);
        },
        onSubscribe({ args, setResultAndStopExecution }) {
            const refused = refusal(args);
            if (refused)
                setResultAndStopExecution(refused);
        },
    };
}
//# sourceMappingURL=upstream-call-limit.js.map