import { describe, expect, it } from 'vitest';
import { startGraphQL } from './support/graphql.js';

const seed = { users: [{ username: 'alice', password: 'pw' }] };
const query = JSON.stringify({ query: '{ user(username: "alice") { username } }' });

/** A body sent in pieces with no Content-Length, as a chunked upload arrives. */
function chunked(text: string, pieces = 4): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const size = Math.ceil(bytes.length / pieces);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + size));
      offset += size;
    },
  });
}

describe('request body limit (MAX_BODY_BYTES)', () => {
  const limits = { maxBodyBytes: 2048 };

  it('refuses a declared Content-Length over the limit with 413, before any upstream call', async () => {
    const { yoga, emulator } = await startGraphQL({ emulator: { seed }, server: { limits } });
    const padded = JSON.stringify({ query: `${'#'.repeat(3000)}\n{ __typename }` });
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(padded.length) },
      body: padded,
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    expect(emulator.calls.count()).toBe(0);
  });

  it('refuses a malformed Content-Length (request smuggling) with 400', async () => {
    const { yoga } = await startGraphQL({ emulator: { seed }, server: { limits } });
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': `${query.length}, 1` },
      body: query,
    });
    expect(response.status).toBe(400);
  });

  it('counts a chunked body as it arrives: small ones run, large ones get 413', async () => {
    const { yoga, emulator } = await startGraphQL({ emulator: { seed }, server: { limits } });
    const send = (text: string) =>
      yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chunked(text),
        duplex: 'half',
      });
    const small = await send(query);
    expect(await small.json()).toEqual({ data: { user: { username: 'alice' } } });
    emulator.calls.reset();
    const large = await send(JSON.stringify({ query: `${'#'.repeat(5000)}\n{ __typename }` }));
    expect(large.status).toBe(413);
    expect(emulator.calls.count()).toBe(0);
  });
});
