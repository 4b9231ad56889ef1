import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { EndpointName } from '../../src/easemob/endpoints.js';
import type { Emulator } from '../../src/emulator/server.js';
import { createMetrics } from '../../src/ops/metrics.js';
import type { YogaAppOptions } from '../../src/yoga-app.js';
import { adminKey, bearer, testAuth, userToken } from '../support/auth.js';
import { startGraphQL, uncached } from '../support/graphql.js';
import { startLiveServer } from '../support/live-server.js';

/**
 * The `/hx/*` routes of /hx wrapper「IM环信接口文档」, over HTTP (yoga.fetch) against the emulator:
 * each documented request and the shape of its documented answer, the tokens of `/hx/getToken`,
 * refusals that cost no upstream call, and call counts equal to GraphQL's for the same work.
 */

const seed = {
  users: ['u1', 'u2', 'stliu', 'blocked'].map((username) => ({ username, password: 'p' })),
  contacts: [['u1', 'u2']] as [string, string][],
  blocks: [['u1', 'blocked']] as [string, string][],
  online: ['u2'],
};

// biome-ignore lint/suspicious/noExplicitAny: answers asserted field by field
type Loose = Record<string, any>;

async function startFacade(server: Partial<Omit<YogaAppOptions, 'easemob'>> = {}) {
  const started = await startGraphQL({
    emulator: { seed },
    server: { auth: testAuth(), hx: { enabled: true }, ...server },
    reads: uncached,
  });
  const { yoga } = started;
  /** One route, as the wrapper's apps call it: POST JSON, the token in the body. */
  async function hx(route: string, body: unknown, headers: Record<string, string> = {}) {
    const response = await yoga.fetch(`http://localhost/hx/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Loose,
    };
  }
  async function getToken(headers: Record<string, string> = bearer(adminKey)) {
    const response = await yoga.fetch('http://localhost/hx/getToken', { method: 'POST', headers });
    return { status: response.status, body: (await response.json()) as Loose };
  }
  return { ...started, hx, getToken };
}

/** Upstream calls other than the app token's, per endpoint, made while `work` runs. */
async function callsOf(emulator: Emulator, work: () => Promise<unknown>) {
  const before = emulator.calls.snapshot().counts;
  await work();
  const after = emulator.calls.snapshot().counts;
  const made: Partial<Record<EndpointName, number>> = {};
  for (const [name, count] of Object.entries(after) as [EndpointName, number][]) {
    const delta = count - before[name];
    if (delta > 0 && name !== 'token') made[name] = delta;
  }
  return made;
}

const success = { code: 200, message: '请求成功' };

describe('/hx/getToken', () => {
  it('hands an admin API key a short-lived token signed by this server, never an Easemob token', async () => {
    const { getToken, emulator } = await startFacade();
    const { status, body } = await getToken();
    expect(status).toBe(200);
    expect(body).toMatchObject(success);
    expect(Object.keys(body.data).sort()).toEqual(['access_token', 'application', 'expires_in']);
    expect(body.data.expires_in).toBe(3600);
    expect(typeof body.data.application).toBe('string');
    expect(decodeProtectedHeader(body.data.access_token)).toEqual({ alg: 'HS256', typ: 'hx+jwt' });
    // Not one call to Easemob: in particular no app token was fetched to be handed out.
    expect(emulator.calls.count()).toBe(0);
  });

  it('lives HX_TOKEN_TTL_SECONDS and is refused by a server that did not sign it', async () => {
    const first = await startFacade({ hx: { enabled: true, tokenTtlSeconds: 120 } });
    const issued = await first.getToken();
    expect(issued.body.data.expires_in).toBe(120);
    // Another deployment: its own JWT_SECRET, so its own key for these tokens.
    const other = await startFacade({
      auth: testAuth({ jwt: { ...testAuth().jwt!, secret: 'y'.repeat(40) } }),
    });
    const refused = await other.hx('getUser', {
      username: 'u1',
      token: issued.body.data.access_token,
    });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      code: 401,
      message: 'invalid or expired token',
      msg: 'invalid or expired token',
      data: null,
    });
    expect(other.emulator.calls.count()).toBe(0);
  });

  it('is accepted by every instance sharing HX_TOKEN_SECRET, until its API key is removed', async () => {
    const tokenSecret = 'a-shared-hx-token-secret-of-32-chars!!';
    const first = await startFacade({ hx: { enabled: true, tokenSecret } });
    const token = (await first.getToken()).body.data.access_token;
    const second = await startFacade({ hx: { enabled: true, tokenSecret } });
    expect((await second.hx('getUserStatus', { username: 'u1', token })).status).toBe(200);
    const rotated = await startFacade({
      hx: { enabled: true, tokenSecret },
      auth: testAuth({ adminApiKeys: ['another-admin-api-key-0123456789abcdef'] }),
    });
    const revoked = await rotated.hx('getUserStatus', { username: 'u1', token });
    expect(revoked.status).toBe(401);
    expect(rotated.emulator.calls.count()).toBe(0);
  });

  it('refuses anonymous callers, wrong keys and viewers, with no upstream call', async () => {
    const { getToken, emulator } = await startFacade();
    expect(await getToken({})).toEqual({
      status: 401,
      body: {
        code: 401,
        message: '/hx/getToken needs an admin credential in the Authorization header',
        data: null,
      },
    });
    expect(await getToken(bearer('not-a-key-of-this-server-at-all'))).toEqual({
      status: 401,
      body: { code: 401, message: 'invalid or expired token', data: null },
    });
    expect(await getToken(bearer(await userToken('u1')))).toEqual({
      status: 403,
      body: { code: 403, message: '/hx/getToken needs an admin credential', data: null },
    });
    // A token of ours does not buy another: it is an admin credential, so it may.
    const token = (await getToken()).body.data.access_token;
    expect((await getToken(bearer(token))).status).toBe(200);
    expect(emulator.calls.count()).toBe(0);
  });
});

describe('the routes, with a token from /hx/getToken', () => {
  it('registerUser registers one user and answers its entity', async () => {
    const { hx, getToken, emulator } = await startFacade();
    const token = (await getToken()).body.data.access_token;
    const { status, body } = await hx('registerUser', {
      username: 'jliu',
      password: '123456',
      token,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ...success, data: { action: 'post', path: '/users' } });
    expect(body.data.entities).toEqual([
      {
        uuid: expect.any(String),
        type: 'user',
        created: expect.any(Number),
        modified: expect.any(Number),
        username: 'jliu',
        activated: true,
      },
    ]);
    expect(body.data.timestamp).toEqual(expect.any(Number));
    expect(body.data.duration).toEqual(expect.any(Number));
    expect(emulator.state.getUser('jliu')).toBeDefined();
  });

  it('registerUser registers a batch from `users` and lists the users it could not create', async () => {
    const { hx, getToken } = await startFacade();
    const token = (await getToken()).body.data.access_token;
    const users = [
      { username: 'u3', password: 'p1' },
      { username: 'u4', password: 'p2' },
    ];
    const { body } = await hx('registerUser', { users, token });
    expect(body).toMatchObject({ ...success, data: { action: 'post', path: '/users' } });
    expect(body.data.entities.map((e: Loose) => [e.type, e.username, e.activated])).toEqual([
      ['user', 'u3', true],
      ['user', 'u4', true],
    ]);
    expect(body.data.data).toBeUndefined();
    const again = await hx('registerUser', {
      users: [...users, { username: 'u5', password: 'p' }],
      token,
    });
    expect(again.body.data.entities.map((e: Loose) => e.username)).toEqual(['u5']);
    expect(again.body.data.data.map((f: Loose) => f.username).sort()).toEqual(['u3', 'u4']);
    expect(again.body.data.data[0].registerUserFailReason).toEqual(expect.any(String));
  });

  it('addFriends adds with type post and deletes with type delete; getFriends lists contacts and blocks', async () => {
    const { hx, getToken } = await startFacade();
    const token = (await getToken()).body.data.access_token;
    const added = await hx('addFriends', {
      owner_username: 'u1',
      friend_username: 'stliu',
      type: 'post',
      token,
    });
    expect(added.body).toMatchObject({
      ...success,
      data: { action: 'post', entities: [{ type: 'user', username: 'stliu' }] },
    });
    const contacts = await hx('getFriends', { owner_username: 'u1', type: 'contacts', token });
    expect(contacts.body).toMatchObject({
      ...success,
      data: { action: 'get', entities: [], count: 2 },
    });
    expect([...contacts.body.data.data].sort()).toEqual(['stliu', 'u2']);
    const deleted = await hx('addFriends', {
      owner_username: 'u1',
      friend_username: 'stliu',
      type: 'delete',
      token,
    });
    expect(deleted.body.data.action).toBe('delete');
    const after = await hx('getFriends', { owner_username: 'u1', type: 'contacts', token });
    expect(after.body.data).toMatchObject({ data: ['u2'], count: 1 });
    const blocks = await hx('getFriends', { owner_username: 'u1', type: 'blocks', token });
    expect(blocks.body.data).toMatchObject({
      action: 'get',
      data: ['blocked'],
      entities: [],
      count: 1,
    });
  });

  it('getUserStatus answers { username: "online" | "offline" }', async () => {
    const { hx, getToken } = await startFacade();
    const token = (await getToken()).body.data.access_token;
    const offline = await hx('getUserStatus', { username: 'u1', token });
    expect(offline.body).toMatchObject({
      ...success,
      data: { action: 'get', data: { u1: 'offline' }, entities: [], count: 0 },
    });
    const online = await hx('getUserStatus', { username: 'u2', token });
    expect(online.body.data.data).toEqual({ u2: 'online' });
  });

  it("sendMessages sends to each target and answers each target's result; offlineMsgCount counts what waits", async () => {
    const { hx, getToken, emulator } = await startFacade();
    const token = (await getToken()).body.data.access_token;
    const before = await hx('offlineMsgCount', { owner_username: 'stliu', token });
    expect(before.body).toMatchObject({
      ...success,
      data: { action: 'get', data: { stliu: 0 }, entities: [], count: 0 },
    });
    const sent = await hx('sendMessages', {
      target_type: 'users',
      target: ['u2', 'stliu'],
      msg: { type: 'txt', msg: 'HelloWorld' },
      from: 'u1',
      token,
    });
    expect(sent.body).toEqual({
      ...success,
      data: {
        action: 'post',
        path: '/messages',
        data: { u2: 'success', stliu: 'success' },
        timestamp: expect.any(Number),
        duration: expect.any(Number),
      },
    });
    expect(emulator.state.sentMessages.map((m) => [m.from, m.to])).toEqual([
      ['u1', 'u2'],
      ['u1', 'stliu'],
    ]);
    const after = await hx('offlineMsgCount', { owner_username: 'stliu', token });
    expect(after.body.data.data).toEqual({ stliu: 1 });
  });

  it('sendMessages takes the other Easemob bodies too, and refuses an empty `from`', async () => {
    const { hx, getToken, emulator } = await startFacade();
    const token = (await getToken()).body.data.access_token;
    const location = { type: 'loc', lat: 39.9, lng: 116.4, addr: 'Beijing' };
    const sent = await hx('sendMessages', {
      target_type: 'users',
      target: ['u2'],
      msg: location,
      token,
    });
    expect(sent.body.data.data).toEqual({ u2: 'success' });
    expect(emulator.state.sentMessages[0]).toMatchObject({ from: 'admin' });
    const empty = await hx('sendMessages', {
      target_type: 'users',
      target: ['u2'],
      msg: { type: 'txt', msg: 'hi' },
      from: '',
      token,
    });
    expect(empty.body).toEqual({
      code: 400,
      message: 'invalid from: must not be empty',
      data: null,
    });
    const unknown = await hx('sendMessages', {
      target_type: 'users',
      target: ['u2'],
      msg: { type: 'sticker' },
      token,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/^invalid msg\.type: must be one of txt, img/);
    expect(emulator.state.sentMessages).toHaveLength(1);
  });

  it('resetPassword sets the new password', async () => {
    const { hx, getToken, emulator } = await startFacade();
    const token = (await getToken()).body.data.access_token;
    const { body } = await hx('resetPassword', { username: 'u1', newpassword: '123456', token });
    expect(body).toMatchObject({ ...success, data: { action: 'set user password' } });
    expect(emulator.calls.list('users.password').map((call) => call.body)).toEqual([
      { newpassword: '123456' },
    ]);
  });

  it('getUser answers one user by username, or a page of at most 20 with a cursor to the next', async () => {
    const { hx, getToken } = await startFacade();
    const token = (await getToken()).body.data.access_token;
    const one = await hx('getUser', { username: 'u1', token });
    expect(one.body).toMatchObject({ ...success, msg: '请求成功' });
    expect(one.body.data).toMatchObject({ action: 'get', path: '/users', count: 1 });
    expect(one.body.data.entities).toEqual([
      {
        uuid: expect.any(String),
        type: 'user',
        created: expect.any(Number),
        modified: expect.any(Number),
        username: 'u1',
        activated: true,
      },
    ]);
    const first = await hx('getUser', { limit: 3, token });
    expect(first.body.data).toMatchObject({ count: 3, params: { limit: ['3'] } });
    expect(first.body.data.cursor).toEqual(expect.any(String));
    const rest = await hx('getUser', { limit: 3, cursor: first.body.data.cursor, token });
    const names = [...first.body.data.entities, ...rest.body.data.entities].map((e) => e.username);
    expect(names).toEqual(['u1', 'u2', 'stliu', 'blocked']);
    expect(rest.body.data.count).toBe(1);
    expect(rest.body.data.cursor).toBeUndefined();
    const tooMany = await hx('getUser', { limit: 21, token });
    expect(tooMany.body).toEqual({
      code: 400,
      message: 'invalid limit: at most 20',
      msg: 'invalid limit: at most 20',
      data: null,
    });
    const missing = await hx('getUser', { username: 'nobody', token });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      code: 404,
      message: 'user nobody does not exist',
      data: null,
    });
  });

  it('takes the credential from the Authorization header when the body has no token', async () => {
    const { hx } = await startFacade();
    const { status, body } = await hx('getUserStatus', { username: 'u1' }, bearer(adminKey));
    expect(status).toBe(200);
    expect(body.data.data).toEqual({ u1: 'offline' });
  });
});

/** Every route's documented request body (no token). */
const documented: [string, Loose][] = [
  ['registerUser', { username: 'jliu', password: '123456' }],
  ['registerUser', { users: [{ username: 'u3', password: 'p1' }] }],
  ['addFriends', { owner_username: 'u1', friend_username: 'stliu', type: 'post' }],
  ['getFriends', { owner_username: 'u1', type: 'contacts' }],
  ['getUserStatus', { username: 'u1' }],
  ['offlineMsgCount', { owner_username: 'u1' }],
  [
    'sendMessages',
    { target_type: 'users', target: ['u2'], msg: { type: 'txt', msg: 'HelloWorld' }, from: 'u1' },
  ],
  ['resetPassword', { username: 'u1', newpassword: '123456' }],
  ['getUser', { username: 'u1' }],
  ['getUser', { limit: 10 }],
];

describe('refusals', () => {
  it('refuses anonymous callers and wrong tokens on every route with 401 and no upstream call', async () => {
    const { hx, emulator } = await startFacade();
    const forged = await userToken('u1', { roles: ['admin'], secret: 'x'.repeat(40) });
    for (const [route, body] of documented) {
      for (const token of [undefined, 'wrong', forged, '']) {
        const { status, body: answer } = await hx(route, { ...body, token });
        expect(status, `${route} with ${token}`).toBe(401);
        expect(answer.code).toBe(401);
        expect(answer.data).toBeNull();
      }
    }
    expect(emulator.calls.count()).toBe(0);
  });

  it('lets a viewer JWT do what GraphQL lets a viewer do, and nothing more', async () => {
    const { hx, post, emulator } = await startFacade();
    const token = await userToken('u1');
    const own = await hx('getFriends', { owner_username: 'u1', type: 'contacts', token });
    expect(own.body.data.data).toEqual(['u2']);
    const sent = await hx('sendMessages', {
      target_type: 'users',
      target: ['u2'],
      msg: { type: 'txt', msg: 'hi' },
      from: 'u1',
      token,
    });
    expect(sent.body.data.data).toEqual({ u2: 'success' });
    const before = emulator.calls.count();
    const refused = [
      await hx('registerUser', { username: 'mallory', password: 'p', token }),
      await hx('resetPassword', { username: 'u2', newpassword: 'x', token }),
      await hx('getUser', { limit: 5, token }),
      await hx('sendMessages', {
        target_type: 'users',
        target: ['u2'],
        msg: { type: 'txt', msg: 'x' },
        from: 'u2',
        token,
      }),
    ];
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array(4).fill([403, 403]));
    expect(refused[0]!.body.message).toBe('not allowed to access Mutation.createUser');
    expect(emulator.calls.count()).toBe(before);
    // Another user's contacts: refused as GraphQL refuses them, at the same cost (the existence read).
    let foreign: Loose = {};
    const viaHx = await callsOf(emulator, async () => {
      foreign = await hx('getFriends', { owner_username: 'u2', type: 'contacts', token });
    });
    const viaGraphQL = await callsOf(emulator, () =>
      post('{ user(username: "u2") { contacts { username } } }', {}, bearer(token)),
    );
    expect(foreign).toMatchObject({
      status: 403,
      body: { code: 403, message: 'not allowed to access User.contacts', data: null },
    });
    expect(viaHx).toEqual(viaGraphQL);
  });

  it('serves POST application/json only: a form-like request never reaches GraphQL', async () => {
    const { yoga, emulator } = await startFacade();
    const plain = await yoga.fetch('http://localhost/hx/resetPassword', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ username: 'u1', newpassword: 'x', token: adminKey }),
    });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({ code: 415, data: null });
    const get = await yoga.fetch('http://localhost/hx/getUser?username=u1');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const unknown = await yoga.fetch('http://localhost/hx/deleteEverything', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await unknown.json()).toEqual({
      code: 404,
      message: 'no route /hx/deleteEverything',
      data: null,
    });
    const broken = await yoga.fetch('http://localhost/hx/getUser', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(await broken.json()).toEqual({
      code: 400,
      message: 'POST body sent invalid JSON.',
      msg: 'POST body sent invalid JSON.',
      data: null,
    });
    expect(emulator.calls.count()).toBe(0);
  });

  it('answers input errors with the messages GraphQL gives for the same input', async () => {
    const { hx, post } = await startFacade();
    const viaHx = await hx('registerUser', {
      username: 'NOT VALID',
      password: 'p',
      token: adminKey,
    });
    const viaGraphQL = await post(
      'mutation ($input: CreateUserInput!) { createUser(input: $input) { username } }',
      { input: { username: 'NOT VALID', password: 'p' } },
      bearer(adminKey),
    );
    expect(viaHx.status).toBe(400);
    expect(viaHx.body).toEqual({
      code: 400,
      message: viaGraphQL.body.errors![0]!.message,
      data: null,
    });
  });

  it('is off unless HX_FACADE is on', async () => {
    const { yoga } = await startGraphQL({ server: { auth: testAuth() } });
    const response = await yoga.fetch('http://localhost/hx/getToken', {
      method: 'POST',
      headers: bearer(adminKey),
    });
    expect(response.status).toBe(404);
    expect(loadConfig({}).hx).toEqual({
      enabled: false,
      tokenTtlSeconds: 3600,
      tokenSecret: undefined,
    });
    expect(loadConfig({ HX_FACADE: 'true', HX_TOKEN_TTL_SECONDS: '600' }).hx).toMatchObject({
      enabled: true,
      tokenTtlSeconds: 600,
    });
  });
});

describe('the same work as GraphQL', () => {
  /** Each route beside the GraphQL operation an app would write for it (README's table). */
  const pairs: [string, Loose, string, Loose][] = [
    [
      'getUser',
      { username: 'u1' },
      '($u: String!) { user(username: $u) { uuid username activated createdAt modifiedAt } }',
      { u: 'u1' },
    ],
    [
      'getUser',
      { limit: 3 },
      '{ users(first: 3) { edges { node { uuid username activated createdAt } } } }',
      {},
    ],
    [
      'getFriends',
      { owner_username: 'u1', type: 'contacts' },
      '($u: String!) { user(username: $u) { contacts { username } } }',
      { u: 'u1' },
    ],
    [
      'getFriends',
      { owner_username: 'u1', type: 'blocks' },
      '($u: String!) { user(username: $u) { blocks { username } } }',
      { u: 'u1' },
    ],
    [
      'getUserStatus',
      { username: 'u1' },
      '($u: String!) { user(username: $u) { status } }',
      { u: 'u1' },
    ],
    [
      'offlineMsgCount',
      { owner_username: 'u1' },
      '($u: String!) { user(username: $u) { offlineCount } }',
      { u: 'u1' },
    ],
    [
      'addFriends',
      { owner_username: 'u1', friend_username: 'stliu', type: 'post' },
      'mutation { addContact(username: "u2", contact: "stliu") { username } }',
      {},
    ],
    [
      'addFriends',
      { owner_username: 'u1', friend_username: 'stliu', type: 'delete' },
      'mutation { removeContact(username: "u2", contact: "stliu") { username } }',
      {},
    ],
    [
      'registerUser',
      { username: 'hx1', password: 'p' },
      'mutation { createUser(input: { username: "gql1", password: "p" }) { username } }',
      {},
    ],
    [
      'registerUser',
      {
        users: [
          { username: 'hx2', password: 'p' },
          { username: 'hx3', password: 'p' },
        ],
      },
      'mutation { createUsers(input: [{ username: "gql2", password: "p" }, { username: "gql3", password: "p" }]) { created { username } } }',
      {},
    ],
    [
      'sendMessages',
      {
        target_type: 'users',
        target: ['u2', 'stliu'],
        msg: { type: 'txt', msg: 'hi' },
        from: 'u1',
      },
      'mutation { sendMessage(input: { targetType: USERS, targets: ["u2", "stliu"], from: "u1", message: { text: "hi" } }) { results { target } } }',
      {},
    ],
    [
      'resetPassword',
      { username: 'u1', newpassword: 'p2' },
      'mutation { resetPassword(username: "u2", password: "p2") }',
      {},
    ],
  ];

  it('makes exactly the upstream calls of the equivalent GraphQL operation, route by route', async () => {
    const { hx, post, emulator, getToken } = await startFacade();
    const token = (await getToken()).body.data.access_token;
    const measured: Loose[] = [];
    for (const [route, body, query, variables] of pairs) {
      let status = 0;
      const viaHx = await callsOf(emulator, async () => {
        status = (await hx(route, { ...body, token })).status;
      });
      const viaGraphQL = await callsOf(emulator, async () => {
        const { body: answer } = await post(
          `${query.startsWith('mutation') || query.startsWith('{') ? '' : 'query '}${query}`,
          variables,
          bearer(adminKey),
        );
        expect(answer.errors, route).toBeUndefined();
      });
      expect(status, route).toBe(200);
      expect(viaHx, `${route} ${JSON.stringify(body)}`).toEqual(viaGraphQL);
      expect(Object.keys(viaHx).length, route).toBeGreaterThan(0);
      measured.push({ route, calls: viaHx });
    }
    expect(measured.find((m) => m.route === 'getUserStatus')!.calls).toEqual({
      'users.get': 1,
      'status.batch': 1,
    });
    expect(measured.find((m) => m.route === 'offlineMsgCount')!.calls).toEqual({
      'offline.count': 1,
    });
  });

  it('counts each route as its named GraphQL operation in the metrics', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const { hx, yoga } = await startFacade({ metrics });
    await hx('getUserStatus', { username: 'u1', token: adminKey });
    await hx('getUserStatus', { username: 'u1', token: 'wrong' });
    const text = await (await yoga.fetch('http://localhost/metrics')).text();
    expect(text).toMatch(
      /graphql_operations_total\{operation_name="HxUserStatus",operation_type="query",outcome="success"\} 1/,
    );
    expect(text).toMatch(/graphql_errors_total\{[^}]*code="UNAUTHENTICATED"[^}]*\} 1/);
  });
});

describe('over a real socket', () => {
  it('serves /hx/getToken and a route on the port of the whole app', async () => {
    const { url } = await startLiveServer({
      emulator: { seed },
      server: { auth: testAuth(), hx: { enabled: true } },
    });
    const base = url.replace(/\/graphql$/, '');
    const issued = await fetch(`${base}/hx/getToken`, {
      method: 'POST',
      headers: bearer(adminKey),
    });
    const token = ((await issued.json()) as Loose).data.access_token;
    const response = await fetch(`${base}/hx/getFriends`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ owner_username: 'u1', type: 'contacts', token }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toEqual(expect.any(String));
    expect(((await response.json()) as Loose).data).toMatchObject({ data: ['u2'], count: 1 });
  });
});
