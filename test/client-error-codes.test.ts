import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { EndpointName } from '../src/easemob/endpoints.js';
import { EasemobError, EasemobInputError, localCodes } from '../src/easemob/errors.js';
import { toClientError } from '../src/errors.js';

/** As the transport reports it: a 429 is the limiter's refusal, certainly not processed. */
function easemob(endpoint: EndpointName, status: number, code: string, notSent = status === 429) {
  return new EasemobError({
    status,
    code,
    description: 'described by Easemob',
    retryable: status === 429 || status >= 500 || status === 0,
    endpoint,
    notSent,
  });
}

/**
 * The `extensions.code` a client sees for each Easemob failure, and whether it is told the request
 * certainly was not acted on (`upstream.notSent`: then even a message send may be repeated).
 * Error bodies as Easemob「用户体系集成」 prints them (`error`, `error_description`).
 */
describe('the client error code of an Easemob error', () => {
  it.each<[string, EasemobError, string, boolean]>([
    [
      '404 no such user',
      easemob('users.get', 404, 'service_resource_not_found'),
      'NOT_FOUND',
      false,
    ],
    // Easemob's 401 is about this server's app token (未授权: no, wrong or expired token), never
    // the caller's credentials: UNAUTHENTICATED would tell a frontend to sign its user out.
    ['401 on a call', easemob('users.get', 401, 'unauthorized'), 'UPSTREAM_UNAVAILABLE', false],
    ['403', easemob('users.get', 403, 'forbidden_op'), 'FORBIDDEN', false],
    ['429', easemob('status.batch', 429, 'reach_limit'), 'RATE_LIMITED', true],
    [
      '400 duplicate username',
      easemob('users.create', 400, 'duplicate_unique_property_exists'),
      'CONFLICT',
      false,
    ],
    [
      '400 illegal argument',
      easemob('users.create', 400, 'illegal_argument'),
      'BAD_USER_INPUT',
      false,
    ],
    ['500', easemob('users.get', 500, 'internal_server_error'), 'UPSTREAM_UNAVAILABLE', false],
    [
      '502',
      easemob('users.get', 502, `${localCodes.httpError}_502`),
      'UPSTREAM_UNAVAILABLE',
      false,
    ],
    // A 503 may come after Easemob stored the message: not notSent, whatever the status says.
    ['503', easemob('messages.send', 503, 'service_unavailable'), 'UPSTREAM_UNAVAILABLE', false],
    [
      'a 429 after an attempt that may have been processed',
      easemob('messages.send', 429, 'reach_limit', false),
      'RATE_LIMITED',
      false,
    ],
    ['timeout', easemob('users.get', 0, localCodes.timeout), 'UPSTREAM_UNAVAILABLE', false],
    [
      'connection refused',
      easemob('users.get', 0, localCodes.network, true),
      'UPSTREAM_UNAVAILABLE',
      true,
    ],
    [
      'garbled answer',
      easemob('users.get', 200, localCodes.invalidResponse),
      'UPSTREAM_UNAVAILABLE',
      false,
    ],
    [
      'circuit open',
      easemob('users.get', 0, localCodes.circuitOpen, true),
      'UPSTREAM_UNAVAILABLE',
      true,
    ],
    // Token failures are this server's credentials or Easemob itself: nothing the caller can fix.
    [
      'token 400 invalid_grant',
      easemob('token', 400, 'invalid_grant'),
      'UPSTREAM_UNAVAILABLE',
      false,
    ],
    ['token 401', easemob('token', 401, 'unauthorized'), 'UPSTREAM_UNAVAILABLE', false],
    [
      'token 404',
      easemob('token', 404, 'service_resource_not_found'),
      'UPSTREAM_UNAVAILABLE',
      false,
    ],
    ['token 429: still throttling', easemob('token', 429, 'reach_limit'), 'RATE_LIMITED', true],
  ])('%s → %s', (_, error, code, notSent) => {
    const mapped = toClientError(error);
    expect(mapped).toBeInstanceOf(GraphQLError);
    expect(mapped!.extensions).toMatchObject({
      code,
      upstream: { status: error.status, code: error.code, retryable: error.retryable, notSent },
    });
  });

  it("answers our own text and Easemob's code, never Easemob's description", () => {
    const cases: [EasemobError, string][] = [
      [
        easemob('users.get', 503, 'service_unavailable'),
        'Easemob is unavailable (service_unavailable)',
      ],
      [
        easemob('users.get', 404, 'service_resource_not_found'),
        'user not found (service_resource_not_found)',
      ],
      [
        easemob('messages.send', 404, 'service_resource_not_found'),
        'not found (service_resource_not_found)',
      ],
      [
        easemob('users.create', 400, 'duplicate_unique_property_exists'),
        'the username is already taken (duplicate_unique_property_exists)',
      ],
      [
        easemob('users.deactivate', 400, 'management'),
        'Easemob refused the request as invalid (management)',
      ],
      [easemob('users.get', 403, 'forbidden_op'), 'Easemob refused the request (forbidden_op)'],
      [
        easemob('status.batch', 429, 'reach_limit'),
        "Easemob's rate limit was reached (reach_limit)",
      ],
    ];
    for (const [error, message] of cases) {
      const mapped = toClientError(error)!;
      expect(mapped.message).toBe(message);
      expect(mapped.message).not.toContain('described by Easemob');
      expect(mapped.extensions).toMatchObject({ upstream: { code: error.code } });
    }
    // Our own refusals' descriptions are our words: they stay.
    const budget = new EasemobError({
      status: 0,
      code: localCodes.budgetWait,
      description: 'the app budget is taken for the next 1200 ms',
      retryable: false,
      endpoint: 'users.get',
      notSent: true,
    });
    expect(toClientError(budget)!.message).toBe(
      'the app budget is taken for the next 1200 ms (budget_wait_exceeded)',
    );
  });

  it.each<[string, unknown, string | undefined]>([
    [
      'invalid input, with its field',
      new EasemobInputError('usernames.3', 'too long'),
      'BAD_USER_INPUT',
    ],
    [
      'a GraphQL error that has a code, as is',
      new GraphQLError('nope', { extensions: { code: 'FORBIDDEN' } }),
      'FORBIDDEN',
    ],
    ['a GraphQL error without a code: masked', new GraphQLError('oops'), undefined],
    ['any other error: masked', new Error('secret internals'), undefined],
    ['a thrown string: masked', 'boom', undefined],
  ])('%s → %s', (_, error, code) => {
    const mapped = toClientError(error);
    expect(mapped?.extensions?.code).toBe(code);
    if (error instanceof GraphQLError && code) expect(mapped).toBe(error);
    if (error instanceof EasemobInputError) expect(mapped!.extensions!.field).toBe('usernames.3');
  });
});
