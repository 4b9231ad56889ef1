import { defaultMaxUpstreamCalls } from './plugins/upstream-call-limit.js';
import { defaultListSizes } from './schema/call-cost.js';

/** What a GraphQL request may ask for, and what the GraphQL endpoint shows (GraphiQL, introspection). */
export interface GraphQLLimits {
  graphiql: boolean;
  introspection: boolean;
  maxDepth: number;
  maxComplexity: number;
  /** Operations estimated to make more Easemob calls than this are refused (src/schema/call-cost.ts). */
  maxUpstreamCalls: number;
  /** Contacts per user the call estimate assumes (Easemob's limit depends on the plan). */
  contactListSize: number;
  maxAliases: number;
  maxTokens: number;
  /** Request bodies larger than this are refused with 413. */
  maxBodyBytes: number;
}

/**
 * GraphiQL and introspection on: the defaults of an app built in a test or on the emulator (the
 * configuration turns both off in front of a real Easemob).
 */
export const defaultLimits: GraphQLLimits = {
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
