import { GraphQLError } from 'graphql';
import { EasemobError, EasemobInputError } from '../easemob/errors.js';

/** The `extensions.code` values this API answers with. */
export const errorCodes = {
  badUserInput: 'BAD_USER_INPUT',
  notFound: 'NOT_FOUND',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  rateLimited: 'RATE_LIMITED',
  upstreamUnavailable: 'UPSTREAM_UNAVAILABLE',
  conflict: 'CONFLICT',
  queryTooComplex: 'QUERY_TOO_COMPLEX',
} as const;

export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

interface Issue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined;
}

/** A validation failure naming the offending argument or input field, e.g. `input.targets.1`. */
export function badUserInput(issues: ReadonlyArray<Issue>): GraphQLError {
  const first = issues[0];
  const field = (first?.path ?? [])
    .map((segment) => String(typeof segment === 'object' ? segment.key : segment))
    .join('.');
  const reason = first?.message ?? 'invalid input';
  return new GraphQLError(field ? `invalid ${field}: ${reason}` : reason, {
    extensions: { code: errorCodes.badUserInput, field },
  });
}

/**
 * Turns what a resolver threw into the error a client sees. Easemob failures keep their meaning
 * (a 404 is NOT_FOUND, a 429 RATE_LIMITED…) but never their internals; anything unexpected is
 * masked by the server (see server.ts).
 */
export function toClientError(error: unknown): GraphQLError | undefined {
  if (error instanceof GraphQLError && error.extensions?.code) return error;
  if (error instanceof EasemobInputError) {
    return new GraphQLError(error.message, {
      extensions: { code: errorCodes.badUserInput, field: error.field },
    });
  }
  if (error instanceof EasemobError) return fromEasemob(error);
  return undefined;
}

function fromEasemob(error: EasemobError): GraphQLError {
  const code = codeFor(error);
  const message =
    code === errorCodes.upstreamUnavailable
      ? `Easemob is unavailable (${error.code})`
      : `${error.description} (${error.code})`;
  return new GraphQLError(message, {
    extensions: {
      code,
      // notSent: Easemob certainly did not act on it, so even a send may be repeated.
      upstream: {
        status: error.status,
        code: error.code,
        retryable: error.retryable,
        notSent: error.notSent || error.status === 429 || error.status === 503,
      },
    },
  });
}

function codeFor(error: EasemobError): ErrorCode {
  // Token failures mean this server's own Easemob credentials or Easemob itself are broken: nothing
  // the caller can fix.
  if (error.endpoint === 'token' && error.status !== 429) return errorCodes.upstreamUnavailable;
  if (error.status === 404) return errorCodes.notFound;
  if (error.status === 401) return errorCodes.unauthenticated;
  if (error.status === 403) return errorCodes.forbidden;
  if (error.status === 429) return errorCodes.rateLimited;
  if (error.code === 'duplicate_unique_property_exists') return errorCodes.conflict;
  if (error.status === 400) return errorCodes.badUserInput;
  return errorCodes.upstreamUnavailable;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof EasemobError && error.status === 404;
}
