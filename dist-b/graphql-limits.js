import { defaultMaxUpstreamCalls } from './plugins/upstream-call-limit.js';
import { defaultListSizes } from './schema/call-cost.js';
/**
 * GraphiQL and introspection on: the defaults of an app built in a test or on the emulator (the
 * configuration turns both off in front of a real Easemob).
 */
export const defaultLimits = {
    graphiql: true,
    introspection: true,
    maxDepth: 8,
    maxComplexity: 5000,
    maxAliases: 20,
    maxTokens: 2000,
    maxBodyBytes: 1_000_000,
    maxUpstreamCalls: defaultMaxUpstreamCalls,
    contactListSize: defaultListSizes.contacts,
};
//# sourceMappingURL=graphql-limits.js.map