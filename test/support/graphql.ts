import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { EasemobClientOptions } from '../../src/easemob/client.js';
import type { EmulatorOptions } from '../../src/emulator/server.js';
import { createReadLayer, type ReadLayerOptions } from '../../src/reads/reads.js';
import { createYogaApp, type YogaAppOptions } from '../../src/yoga-app.js';
import { startHarness } from './easemob.js';

/** The read layer with every cache off (reads in flight are still shared): for tests of the client. */
export const uncached: ReadLayerOptions = {
  ttlMs: { profile: 0, contacts: 0, blocks: 0, status: 0, offlineCount: 0, presence: 0 },
};

/** Inline operations' data: tests read it structurally. */
// biome-ignore lint/suspicious/noExplicitAny: untyped response data, asserted field by field
type Loose = Record<string, any>;

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
export async function startGraphQL(
  options: {
    emulator?: EmulatorOptions;
    client?: Partial<EasemobClientOptions>;
    server?: Omit<YogaAppOptions, 'easemob'>;
    /** The shared read layer's options (TTLs…); the product's defaults when absent. */
    reads?: ReadLayerOptions;
  } = {},
) {
  const { emulator, client } = await startHarness(options);
  const reads = options.reads ? createReadLayer(client, options.reads) : undefined;
  const yoga = createYogaApp({ easemob: client, reads, ...options.server });

  /** Any query, as any caller: `headers` carries the credentials. */
  async function post(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<Loose>;
    return { status: response.status, headers: response.headers, body };
  }

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
  const run = (query: string, variables?: Record<string, unknown>) =>
    execute<Loose, Record<string, unknown>>(query, variables ?? {});

  return { emulator, client, yoga, execute, run, post };
}

/** The single error's code, failing loudly when there is not exactly one error. */
export function errorCode(response: GraphQLResponse<unknown>): unknown {
  if (response.errors?.length !== 1) {
    throw new Error(`expected one error, got ${JSON.stringify(response.errors)}`);
  }
  return response.errors[0]!.extensions?.code;
}
