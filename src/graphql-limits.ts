/** What a GraphQL request may ask for, and what the GraphQL endpoint shows (GraphiQL, introspection). */
export interface GraphQLLimits {
  graphiql: boolean;
  introspection: boolean;
  maxDepth: number;
  maxComplexity: number;
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
};
