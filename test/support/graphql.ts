import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { EmulatorOptions } from '../../src/emulator/server.js';
import { createServer } from '../../src/server.js';
import { startHarness } from './easemob.js';

/** A response as JSON: errors are plain objects, not GraphQLError instances. */
export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }>;
}

/**
 * The GraphQL server over a real client and a real emulator (HTTP on 127.0.0.1). GraphQL requests
 * go through `yoga.fetch`: the transport between frontend and server is not what these tests prove.
 */
export async function startGraphQL(options: { emulator?: EmulatorOptions } = {}) {
  const { emulator, client } = await startHarness({ emulator: options.emulator });
  const yoga = createServer({ easemob: client });

  async function execute<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables> | string,
    ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<GraphQLResponse<TResult>> {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        query: typeof document === 'string' ? document : print(document),
        variables,
      }),
    });
    return (await response.json()) as GraphQLResponse<TResult>;
  }

  /** Runs a query string with optional variables (untyped), for tests that build operations inline. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read responses structurally
  const run = (query: string, variables?: Record<string, unknown>) =>
    execute<Record<string, any>, Record<string, unknown>>(query, variables ?? {});

  return { emulator, client, yoga, execute, run };
}

/** The single error's code, failing loudly when there is not exactly one error. */
export function errorCode(response: GraphQLResponse<unknown>): unknown {
  if (response.errors?.length !== 1) {
    throw new Error(`expected one error, got ${JSON.stringify(response.errors)}`);
  }
  return response.errors[0]!.extensions?.code;
}
