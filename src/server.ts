import { GraphQLError } from 'graphql';
import { createYoga, maskError as yogaMaskError } from 'graphql-yoga';
import { createContext } from './context.js';
import type { EasemobClient } from './easemob/client.js';
import { type Logger, yogaLogging } from './logger.js';
import { toClientError } from './schema/errors.js';
import { exampleOperation } from './schema/example.js';
import { schema } from './schema/index.js';

export interface ServerOptions {
  easemob: EasemobClient;
  /** GraphiQL on GET /graphql; on by default. */
  graphiql?: boolean;
  /** Shown in GraphiQL's title, e.g. that this is the demo emulator. */
  title?: string;
  /** Structured logger; silent when absent. */
  logger?: Logger;
}

/** The GraphQL app, without listening: tests call `yoga.fetch`, main.ts serves it over HTTP. */
export function createServer(options: ServerOptions) {
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    context: () => createContext(options.easemob),
    graphiql:
      options.graphiql === false
        ? false
        : { title: options.title ?? 'easemob-graphql', defaultQuery: exampleOperation },
    landingPage: false,
    maskedErrors: { maskError },
    logging: options.logger ? yogaLogging(options.logger) : false,
  });
}

/**
 * Errors meant for clients keep their code (Easemob failures are translated); everything else
 * becomes a generic message. Never a stack trace, whatever NODE_ENV says.
 */
export function maskError(error: unknown, message: string): Error {
  // A client error thrown as a GraphQLError arrives located by graphql-js, code included: as is.
  if (error instanceof GraphQLError && error.extensions?.code && !error.extensions.unexpected) {
    return error;
  }
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const mapped = toClientError(original);
  if (!mapped) return yogaMaskError(error, message, false);
  if (!(error instanceof GraphQLError) || mapped === error) return mapped;
  return new GraphQLError(mapped.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: mapped.extensions,
  });
}
