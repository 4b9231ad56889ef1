import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/**
 * A minimal typed GraphQL client for frontends, on `fetch` alone: give it a document from
 * `operations/generated/` and the variables and result types follow from the document.
 *
 * ```ts
 * import { createClient } from './operations/client.js';
 * import { UserCardDocument } from './operations/generated/graphql.js';
 *
 * const client = createClient({
 *   url: 'https://api.example.com/graphql',
 *   headers: () => ({ authorization: `Bearer ${session.token}` }),
 * });
 * const { user } = await client.request(UserCardDocument, { username: 'alice' });
 * user?.contacts.map((contact) => contact.status); // OnlineStatus[]
 * ```
 *
 * No dependency beyond `graphql` (for `print`), which the codegen client preset needs anyway.
 * For caching, deduplication or subscriptions use urql or Apollo Client, which take the same
 * generated documents.
 */

/** An error as the server sends it: `extensions.code` says what went wrong. */
export interface GraphQLErrorJSON {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** The server answered with `errors` (or not with GraphQL at all); `data` holds any partial result. */
export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
  constructor(
    readonly errors: GraphQLErrorJSON[],
    readonly status: number,
    readonly data?: unknown,
  ) {
    super(errors.map((error) => error.message).join('; ') || `HTTP ${status}`);
  }

  /** The first error's `extensions.code`, e.g. `UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. `https://api.example.com/graphql`. */
  url: string;
  /** Sent with every request; a function is called per request (for a fresh token). */
  headers?:
    | Record<string, string>
    | (() => Record<string, string> | Promise<Record<string, string>>);
  /** Another `fetch` (default: the global one). */
  fetch?: typeof fetch;
}

/** Variables are optional when the operation has no required ones, and required otherwise. */
type VariablesOf<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface Client {
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: VariablesOf<TVariables>
  ): Promise<TResult>;
}

export function createClient(options: ClientOptions): Client {
  const send = options.fetch ?? fetch;

  async function request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: VariablesOf<TVariables>
  ): Promise<TResult> {
    const headers =
      typeof options.headers === 'function' ? await options.headers() : options.headers;
    const response = await send(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...headers,
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
    let body: { data?: TResult | null; errors?: GraphQLErrorJSON[] };
    try {
      // The document's type parameter is the contract: codegen wrote it from the same schema.
      body = (await response.json()) as typeof body;
    } catch {
      throw new GraphQLRequestError([], response.status);
    }
    if (body.errors?.length || body.data == null) {
      throw new GraphQLRequestError(body.errors ?? [], response.status, body.data);
    }
    return body.data;
  }

  return { request };
}
