import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { endpointSpecs } from './easemob/endpoints.js';
import { EasemobError, EasemobInputError, localCodes } from './easemob/errors.js';
import { requestScope } from './request-scope.js';
/** The `extensions.code` values this API answers with. */
export const errorCodes = {
    badUserInput: 'BAD_USER_INPUT',
    notFound: 'NOT_FOUND',
    unauthenticated: 'UNAUTHENTICATED',
    forbidden: 'FORBIDDEN',
    rateLimited: 'RATE_LIMITED',
    upstreamUnavailable: 'UPSTREAM_UNAVAILABLE',
    /** The request passed its deadline (REQUEST_TIMEOUT_MS) before this field's call was made. */
    requestTimeout: 'REQUEST_TIMEOUT',
    conflict: 'CONFLICT',
    queryTooComplex: 'QUERY_TOO_COMPLEX',
    /** yoga's word for a malformed HTTP request (bad JSON, no query); also a CSRF refusal. */
    badRequest: 'BAD_REQUEST',
    /** yoga's code for a document that breaks a GraphQL validation rule (other than a bad value). */
    validationFailed: 'GRAPHQL_VALIDATION_FAILED',
    subscriptionLimit: 'SUBSCRIPTION_LIMIT',
};
/** A validation failure naming the offending argument or input field, e.g. `input.targets.1`. */
export function badUserInput(issues) {
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
export function toClientError(error) {
    if (error instanceof GraphQLError && error.extensions?.code)
        return error;
    if (error instanceof EasemobInputError) {
        return new GraphQLError(error.message, {
            extensions: { code: errorCodes.badUserInput, field: error.field },
        });
    }
    if (error instanceof EasemobError) {
        // One failed batch fails every field that waited for it (500 entities, 1,000 contacts): the
        // masking, the log and the metrics each ask for its client error, once per field.
        let mapped = clientErrors.get(error);
        if (!mapped) {
            mapped = fromEasemob(error);
            clientErrors.set(error, mapped);
        }
        return mapped;
    }
    return undefined;
}
const clientErrors = new WeakMap();
/** Failures we name ourselves: their description is our own text, so it may be shown. */
const ownCodes = new Set(Object.values(localCodes));
/**
 * What a client reads about a refusal Easemob answered. Never Easemob's `error_description`: real
 * ones carry the app's and users' UUIDs (Easemob「用户体系集成」: "Subject does not have permission
 * [applications:get:<app uuid>:/users/<user uuid>]", "User with id null does not exist in app
 * <app uuid>"). The full text goes to the log instead (src/logger.ts); the client keeps Easemob's
 * code, in the message and in `extensions.upstream.code`.
 */
const refusals = {
    [errorCodes.conflict]: 'the username is already taken',
    [errorCodes.forbidden]: 'Easemob refused the request',
    [errorCodes.rateLimited]: "Easemob's rate limit was reached",
    [errorCodes.badUserInput]: 'Easemob refused the request as invalid',
};
function messageFor(error, code) {
    if (code === errorCodes.upstreamUnavailable)
        return `Easemob is unavailable (${error.code})`;
    if (ownCodes.has(error.code))
        return `${error.description} (${error.code})`;
    if (code === errorCodes.notFound) {
        // Every endpoint under /users/:name answers 404 about a user (Easemob「用户体系集成」).
        const aboutUser = endpointSpecs[error.endpoint].path.startsWith('/users/:');
        return `${aboutUser ? 'user not found' : 'not found'} (${error.code})`;
    }
    return `${refusals[code] ?? 'Easemob refused the request'} (${error.code})`;
}
function fromEasemob(error) {
    const code = codeFor(error);
    const message = messageFor(error, code);
    const retryAfterMs = code === errorCodes.rateLimited
        ? (error.retryAfterMs ??
            (error.retryAfterSeconds === undefined ? undefined : error.retryAfterSeconds * 1000))
        : undefined;
    return new GraphQLError(message, {
        extensions: {
            code,
            // When trying again is likely to be admitted (useRateLimitedStatus turns it into Retry-After).
            ...(retryAfterMs === undefined ? {} : { retryAfterMs: Math.ceil(retryAfterMs) }),
            // notSent: Easemob certainly did not act on any attempt, so even a send may be repeated.
            upstream: {
                status: error.status,
                code: error.code,
                retryable: error.retryable,
                notSent: error.notSent,
            },
        },
    });
}
function codeFor(error) {
    // Our own refusals: no budget in time, or the request's deadline passed. Nothing was sent.
    if (error.code === localCodes.budgetWait || error.code === localCodes.rateBudget) {
        return errorCodes.rateLimited;
    }
    if (error.code === localCodes.deadline || error.code === localCodes.callerGone) {
        return errorCodes.requestTimeout;
    }
    // Token failures mean this server's own Easemob credentials or Easemob itself are broken: nothing
    // the caller can fix.
    if (error.endpoint === 'token' && error.status !== 429)
        return errorCodes.upstreamUnavailable;
    if (error.status === 404)
        return errorCodes.notFound;
    // Easemob answers 401 only about the app token we sent (Easemob REST: 用户体系集成, every
    // endpoint: 返回值401, 未授权[无token、token错误、token过期]): this server's credentials, not the
    // caller's. UNAUTHENTICATED would tell a frontend to sign its user out.
    if (error.status === 401)
        return errorCodes.upstreamUnavailable;
    if (error.status === 403)
        return errorCodes.forbidden;
    if (error.status === 429)
        return errorCodes.rateLimited;
    if (error.code === 'duplicate_unique_property_exists')
        return errorCodes.conflict;
    // Processed and refused, with Easemob's reason (a presence `result` other than "ok").
    if (error.code === localCodes.refused)
        return errorCodes.badUserInput;
    if (error.status === 400)
        return errorCodes.badUserInput;
    return errorCodes.upstreamUnavailable;
}
/**
 * Errors meant for clients keep their code (Easemob failures are translated); everything else
 * becomes a generic message with the request id to quote. Never a stack trace, whatever NODE_ENV
 * says.
 */
export function maskError(error, message) {
    // A client error thrown as a GraphQLError arrives located by graphql-js, code included: as is.
    if (error instanceof GraphQLError && error.extensions?.code && !error.extensions.unexpected) {
        return error;
    }
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const mapped = toClientError(original);
    if (!mapped) {
        const masked = yogaMaskError(error, message, false);
        const requestId = requestScope.getStore()?.requestId;
        if (!requestId || !(masked instanceof GraphQLError))
            return masked;
        return new GraphQLError(masked.message, {
            nodes: masked.nodes,
            source: masked.source,
            positions: masked.positions,
            path: masked.path,
            extensions: { ...masked.extensions, requestId },
        });
    }
    if (!(error instanceof GraphQLError) || mapped === error)
        return mapped;
    return new GraphQLError(mapped.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: mapped.extensions,
    });
}
//# sourceMappingURL=errors.js.map