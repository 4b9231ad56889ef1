/** Small fetch wrappers for tests that talk JSON over real HTTP. */

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in tests
export type Json = any;

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** The parsed body, or undefined when it was empty or not JSON (see `text`). */
  body: Json;
  text: string;
}

export interface RequestOptions {
  method?: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Serialized with JSON.stringify. */
  body?: unknown;
  /** Sent as is, instead of `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function requestJson(
  url: string,
  options: RequestOptions = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let payload: string | undefined = options.rawBody;
  if (payload === undefined && options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method: options.method ?? 'GET', headers, body: payload });
  const text = await response.text();
  let body: Json;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

export function getJson(url: string, options: Omit<RequestOptions, 'method'> = {}) {
  return requestJson(url, { ...options, method: 'GET' });
}

export function postJson(
  url: string,
  body?: unknown,
  options: Omit<RequestOptions, 'method'> = {},
) {
  return requestJson(url, { ...options, method: 'POST', body });
}

export function putJson(url: string, body?: unknown, options: Omit<RequestOptions, 'method'> = {}) {
  return requestJson(url, { ...options, method: 'PUT', body });
}

export function deleteJson(url: string, options: Omit<RequestOptions, 'method'> = {}) {
  return requestJson(url, { ...options, method: 'DELETE' });
}
