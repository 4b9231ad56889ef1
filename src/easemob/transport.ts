import { Pool, errors as undiciErrors } from 'undici';
import type { EndpointName } from './endpoints.js';
import { EasemobError, localCodes } from './errors.js';
import { errorBody } from './responses.js';
import { parseRetryAfter } from './retry.js';

/** A deadline well above Easemob's usual answer times; connections enough for ~100 calls/s. */
export const defaultTransportOptions = { timeoutMs: 10_000, maxConnections: 32 };

export interface TransportOptions {
  /** Origin plus optional path prefix, e.g. `https://a1.easemob.com`. */
  baseUrl: string;
  timeoutMs: number;
  maxConnections: number;
}

export interface Attempt {
  endpoint: EndpointName;
  method: string;
  /** Path below the base URL, query string included. */
  path: string;
  token?: string;
  body?: unknown;
}

export interface Answer {
  status: number;
  json: unknown;
}

/**
 * One keep-alive connection pool to Easemob, bounded in connections, with a deadline on every
 * request. Sends a single attempt and turns every way it can fail into an {@link EasemobError}.
 */
export class Transport {
  private readonly pool: Pool;
  private readonly prefix: string;
  private readonly timeoutMs: number;

  constructor(options: TransportOptions) {
    const url = new URL(options.baseUrl);
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
    this.pool = new Pool(url.origin, {
      connections: options.maxConnections,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: { timeout: Math.min(options.timeoutMs, 10_000) },
    });
  }

  async send(attempt: Attempt): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (attempt.token) headers.authorization = `Bearer ${attempt.token}`;
    let body: string | undefined;
    if (attempt.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(attempt.body);
    }
    let response: Awaited<ReturnType<Pool['request']>>;
    let text: string;
    try {
      response = await this.pool.request({
        path: this.prefix + attempt.path,
        method: attempt.method as 'GET',
        headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.body.text();
    } catch (error) {
      throw networkError(attempt.endpoint, error);
    }
    return interpret(attempt.endpoint, response.statusCode, response.headers, text);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function interpret(
  endpoint: EndpointName,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
): Answer {
  let json: unknown;
  let parsed = true;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = false;
  }
  if (status >= 200 && status < 300) {
    if (!parsed) {
      throw new EasemobError({
        status,
        code: localCodes.invalidResponse,
        description: 'the answer is not valid JSON',
        retryable: true,
        endpoint,
      });
    }
    return { status, json };
  }
  const described = parsed ? errorBody.safeParse(json) : undefined;
  throw new EasemobError({
    status,
    code: described?.success ? described.data.error : `${localCodes.httpError}_${status}`,
    description: described?.success
      ? (described.data.error_description ?? described.data.error)
      : `HTTP ${status}`,
    // Easemob「用户体系集成」: 429, 503 and other 5xx may mean throttling; pause and retry.
    retryable: status === 429 || status >= 500,
    endpoint,
    retryAfterSeconds: parseRetryAfter(headers['retry-after']),
  });
}

function networkError(endpoint: EndpointName, error: unknown): EasemobError {
  const code = (error as { code?: string } | undefined)?.code;
  const timedOut =
    (error instanceof DOMException && error.name === 'TimeoutError') ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError;
  if (timedOut) {
    return new EasemobError({
      status: 0,
      code: localCodes.timeout,
      description: 'Easemob did not answer in time',
      retryable: true,
      endpoint,
      // A connect timeout means nothing was sent; any later one is ambiguous.
      notSent: error instanceof undiciErrors.ConnectTimeoutError,
      cause: error,
    });
  }
  const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  return new EasemobError({
    status: 0,
    code: localCodes.network,
    description: refused
      ? `cannot connect to Easemob (${code})`
      : `connection failed (${code ?? 'unknown'})`,
    retryable: true,
    endpoint,
    notSent: refused,
    cause: error,
  });
}
