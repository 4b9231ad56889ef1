import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { idleTracker } from './idle.js';
import { upstreamFromEnv } from './processes.js';

/**
 * The direct-REST baseline: for each benchmark operation, the same Easemob calls the gateway
 * makes, with undici, answered with the same JSON — and nothing else (no GraphQL, no validation).
 */
const upstream = upstreamFromEnv();
const prefix = `/${upstream.orgName}/${upstream.appName}`;
const pool = new Pool(upstream.url, { connections: 32, keepAliveTimeout: 30_000 });
let token = '';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await pool.request({
    method,
    path: prefix + path,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await response.body.json()) as T;
  if (response.statusCode >= 400) throw new Error(`upstream ${response.statusCode}`);
  return parsed;
}

type StatusAnswer = { data: Record<string, string>[] };
const upper = (state: string | undefined) => (state === 'online' ? 'ONLINE' : 'OFFLINE');

async function statuses(names: string[]): Promise<Map<string, string>> {
  const chunks: string[][] = [];
  for (let i = 0; i < names.length; i += 100) chunks.push(names.slice(i, i + 100));
  const answers = await Promise.all(
    chunks.map((usernames) => call<StatusAnswer>('POST', '/users/batch/status', { usernames })),
  );
  const states = new Map<string, string>();
  for (const answer of answers) {
    for (const entry of answer.data) for (const [k, v] of Object.entries(entry)) states.set(k, v);
  }
  return states;
}

type Variables = Record<string, unknown>;
const handlers: Record<string, (variables: Variables) => Promise<unknown>> = {
  async 'user-status'(variables) {
    const name = String(variables.username);
    const [count, states] = await Promise.all([
      call<{ data: Record<string, number> }>('GET', `/users/${name}/offline_msg_count`),
      statuses([name]),
    ]);
    return { user: { status: upper(states.get(name)), offlineCount: Number(count.data[name]) } };
  },
  async 'contacts-1000'(variables) {
    const name = String(variables.username);
    const list = await call<{ data: string[] }>('GET', `/users/${name}/contacts/users`);
    const states = await statuses(list.data);
    return {
      user: {
        contacts: list.data.map((username) => ({ username, status: upper(states.get(username)) })),
      },
    };
  },
  async 'users-100'() {
    const page = await call<{ entities: { username: string }[] }>('GET', '/users?limit=100');
    const names = page.entities.map((user) => user.username);
    const states = await statuses(names);
    return {
      users: {
        edges: names.map((username) => ({
          node: { username, status: upper(states.get(username)) },
        })),
      },
    };
  },
  async 'entities-500'(variables) {
    const names = (variables.representations as { username: string }[]).map((r) => r.username);
    const states = await statuses(names);
    return { _entities: names.map((name) => ({ status: upper(states.get(name)) })) };
  },
};

async function readJson(request: IncomingMessage): Promise<{ variables?: Variables }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

const idle = idleTracker();

async function handle(request: IncomingMessage, response: ServerResponse) {
  if (idle.answered(request, response)) return;
  const handler = handlers[(request.url ?? '').slice(1)];
  if (!handler) {
    response.writeHead(404).end();
    return;
  }
  try {
    const body = await readJson(request);
    const data = await idle.track(() => handler(body.variables ?? {}));
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ data }));
  } catch (error) {
    response.writeHead(502, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
  }
}

const tokenResponse = await pool.request({
  method: 'POST',
  path: `${prefix}/token`,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    grant_type: 'client_credentials',
    client_id: upstream.clientId,
    client_secret: upstream.clientSecret,
  }),
});
token = ((await tokenResponse.body.json()) as { access_token: string }).access_token;

const server = createServer((request, response) => void handle(request, response));
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
process.once('SIGTERM', () => process.exit(0));
