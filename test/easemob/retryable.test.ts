import { describe, expect, it } from 'vitest';
import { type EndpointName, endpoints } from '../../src/easemob/endpoints.js';
import { EasemobError, localCodes } from '../../src/easemob/errors.js';
import { isRetryable } from '../../src/easemob/retry.js';

type Fields = Omit<ConstructorParameters<typeof EasemobError>[0], 'endpoint'>;

// Each failure as the transport (or the client) reports it: an HTTP answer, or status 0.
const answered = (status: number, code: string, retryable = status === 429 || status >= 500) => ({
  status,
  code,
  description: code,
  retryable,
});
const failures: Record<string, Fields> = {
  // As the transport reports a 429: the limiter's refusal, not processed.
  '429': { ...answered(429, 'reach_limit'), notSent: true },
  '429 without notSent': answered(429, 'reach_limit'),
  '503': answered(503, 'service_unavailable'),
  '500': answered(500, 'internal_server_error'),
  '502': answered(502, `${localCodes.httpError}_502`),
  '504': answered(504, `${localCodes.httpError}_504`),
  'timeout after writing': { ...answered(0, localCodes.timeout), retryable: true },
  'timeout before writing': { ...answered(0, localCodes.timeout), retryable: true, notSent: true },
  'connection reset after writing': { ...answered(0, localCodes.network), retryable: true },
  'connection reset before writing': {
    ...answered(0, localCodes.network),
    retryable: true,
    notSent: true,
  },
  'connection refused': { ...answered(0, localCodes.network), retryable: true, notSent: true },
  'no free connection': {
    ...answered(0, localCodes.connectionWait),
    retryable: true,
    notSent: true,
  },
  'garbled 200': answered(200, localCodes.invalidResponse, true),
  '400': answered(400, 'illegal_argument'),
  '401': answered(401, 'unauthorized'),
  '403': answered(403, 'forbidden_op'),
  '404': answered(404, 'service_resource_not_found'),
  'circuit open': { ...answered(0, localCodes.circuitOpen), retryable: true, notSent: true },
  'rate budget full': { ...answered(0, localCodes.rateBudget), retryable: false, notSent: true },
  'budget wait exceeded': {
    ...answered(0, localCodes.budgetWait),
    retryable: false,
    notSent: true,
  },
  '429 marked final': { ...answered(429, 'reach_limit', false), notSent: true },
};

/**
 * Easemob「用户体系集成」: "429, 503 or other 5xx may mean the endpoint is throttled: pause a
 * moment and retry" (details in「接口限流说明」). A read (GET users.get) may be repeated after any
 * of those; a message send (POST messages.send) only when Easemob certainly did not process it:
 * the limiter's 429, or a request that was never written. A 503 may follow processing: a send
 * answered 503 is not repeated (repeating it delivered duplicates).
 */
describe('which failures are sent again', () => {
  it.each<[string, boolean, boolean]>([
    // failure, read retried, send retried
    ['429', true, true],
    ['429 without notSent', true, true],
    ['503', true, false],
    ['500', true, false],
    ['502', true, false],
    ['504', true, false],
    ['timeout after writing', true, false],
    ['timeout before writing', true, true],
    ['connection reset after writing', true, false],
    ['connection reset before writing', true, true],
    ['connection refused', true, true],
    ['no free connection', true, true],
    ['garbled 200', true, false],
    ['400', false, false],
    ['401', false, false],
    ['403', false, false],
    ['404', false, false],
    ['circuit open', false, false],
    // Our own refusals are final by design (admission answers RATE_LIMITED with retryAfterMs).
    ['rate budget full', false, false],
    ['budget wait exceeded', false, false],
    ['429 marked final', false, false],
  ])('%s: read %s, send %s', (name, read, send) => {
    const error = (endpoint: EndpointName) => new EasemobError({ ...failures[name]!, endpoint });
    expect(isRetryable(error('users.get'), endpoints['users.get'])).toBe(read);
    expect(isRetryable(error('messages.send'), endpoints['messages.send'])).toBe(send);
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('%s is never retried', (_, error) => {
    expect(isRetryable(error, endpoints['users.get'])).toBe(false);
  });

  it('follows the endpoint table: every non-idempotent endpoint is treated like a send', () => {
    const ambiguous = failures['500']!;
    for (const [name, spec] of Object.entries(endpoints) as [
      EndpointName,
      (typeof endpoints)[EndpointName],
    ][]) {
      const error = new EasemobError({ ...ambiguous, endpoint: name });
      expect(isRetryable(error, spec), name).toBe(spec.idempotent);
    }
  });
});
