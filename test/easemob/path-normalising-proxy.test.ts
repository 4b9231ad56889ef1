import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/server.js';
import { createYogaApp } from '../../src/yoga-app.js';
import { adminKey, bearer, testAuth, userToken } from '../support/auth.js';
import { clientOf, startHarness } from '../support/easemob.js';
import type { GraphQLResponse } from '../support/graphql.js';

/**
 * A hop between us and Easemob that normalises paths the way a WHATWG-URL proxy does (nginx and
 * Tomcat resolve dot segments too): `/users/alice/presence/../activate` leaves it as
 * `/users/alice/activate`. It records every path it received and the one it forwarded.
 */
async function startNormalisingProxy(emulator: Emulator) {
  const upstream = new URL(emulator.url);
  const seen: { received: string; forwarded: string }[] = [];
  const server: Server = createServer((req, res) => {
    const received = req.url ?? '/';
    const normalised = new URL(received, 'http://proxy.invalid');
    const forwarded = normalised.pathname + normalised.search;
    seen.push({ received, forwarded });
    const out = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: forwarded,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxies.push(server);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen };
}

const proxies: Server[] = [];
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((close) => close()));
  await Promise.all(
    proxies.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
  );
});

/** The GraphQL server over a real client that reaches the emulator only through the proxy. */
async function throughProxy() {
  const { emulator } = await startHarness({
    emulator: {
      seed: {
        users: [
          { username: 'alice', password: 'pw-alice' },
          { username: 'bob', password: 'pw-bob' },
        ],
      },
    },
  });
  const proxy = await startNormalisingProxy(emulator);
  const client = clientOf(emulator, { baseUrl: proxy.url });
  closing.push(() => client.close());
  const yoga = createYogaApp({ easemob: client, auth: testAuth() });
  async function post(query: string, variables: object | undefined, headers: object) {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<unknown> };
  }
  return { emulator, client, post, seen: proxy.seen };
}

describe('through a path-normalising proxy', () => {
  it('a plain setPresence passes unchanged: the proxy forwards what it received', async () => {
    const { post, emulator, seen } = await throughProxy();
    const { body } = await post(
      'mutation { setPresence(username: "alice", resource: "android_1", status: "1") }',
      undefined,
      bearer(await userToken('alice')),
    );
    expect(body.errors).toBeUndefined();
    expect(emulator.calls.count('presence.set')).toBe(1);
    expect(seen.length).toBeGreaterThan(0);
    for (const { received, forwarded } of seen) expect(forwarded).toBe(received);
  });

  it('a deactivated user cannot reactivate herself with setPresence(resource: "..", status: "activate")', async () => {
    const { post, emulator, client, seen } = await throughProxy();
    await client.users.deactivate('alice');
    const before = emulator.calls.count();
    seen.length = 0;
    const { status, body } = await post(
      'mutation { setPresence(username: "alice", resource: "..", status: "activate") }',
      undefined,
      bearer(await userToken('alice')),
    );
    expect(status).toBeLessThan(500);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'resource',
    });
    expect(emulator.calls.count('users.activate')).toBe(0);
    expect(emulator.calls.count()).toBe(before);
    expect(seen).toEqual([]);
    expect(emulator.state.users.get('alice')?.activated).toBe(false);
  });

  it('user(username: "..") is refused instead of reaching /{org}/{app}', async () => {
    const { post, emulator, seen } = await throughProxy();
    const before = emulator.calls.count();
    seen.length = 0;
    for (const name of ['..', '.', ' .. ']) {
      const { body } = await post(
        'query($u: String!) { user(username: $u) { username nickname } }',
        { u: name },
        bearer(adminKey),
      );
      expect(body.errors?.[0]?.extensions, name).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'username',
      });
    }
    expect(emulator.calls.count()).toBe(before);
    expect(seen).toEqual([]);
  });
});
